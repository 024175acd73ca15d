# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..tools.translations import copy_translations

ADMIN_GROUP = "sales_process_framework.group_process_manager"


class SalesPlaybookApply(models.TransientModel):
    """Apply a playbook to a sales team: the team gets stages of its own with
    the playbook's gates and guidance, the playbook's journey and its SPIN
    standard; its opportunities go to the stages their current ones are
    mapped onto. What an application created is linked to the playbook, so a
    second application to the same team changes nothing and an application
    to another team creates that team's own records."""

    _name = "sales.playbook.apply"
    _description = "Apply a Sales Playbook"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    playbook_id = fields.Many2one(
        "sales.playbook",
        required=True,
        check_company=True,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        required=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="The team whose pipeline follows the playbook. Another team keeps "
        "its own stages.",
    )
    pipeline_stage_ids = fields.Many2many(
        "crm.stage", compute="_compute_pipeline_stage_ids"
    )
    line_ids = fields.One2many(
        "sales.playbook.apply.line",
        "wizard_id",
        string="Stage Mapping",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    preview = fields.Html(compute="_compute_preview", sanitize=False)

    @api.depends("team_id")
    def _compute_pipeline_stage_ids(self):
        Stage = self.env["crm.stage"]
        for wizard in self:
            team = wizard.team_id
            wizard.pipeline_stage_ids = Stage._pipelines(team)[team] if team else False

    @api.depends("playbook_id", "team_id")
    def _compute_line_ids(self):
        for wizard in self:
            mapping = wizard._default_mapping()
            wizard.line_ids = [Command.clear()] + [
                Command.create({"playbook_stage_id": pstage.id, "stage_id": stage.id})
                for pstage, stage in mapping.items()
            ]

    def _team_stages(self):
        """The stages already made for the team from the playbook's stages:
        {playbook stage: stage}."""
        team = self.team_id
        # sudo: only the wizard's process administrator gets here, and
        # a stage's pipeline teams may be teams the user cannot read
        stages = (
            self.env["crm.stage"]
            .sudo()
            .search(
                [
                    ("playbook_stage_id", "in", self.playbook_id.stage_ids.ids),
                    "|",
                    ("team_id", "=", team.id),
                    ("pipeline_team_ids", "in", team.ids),
                ]
            )
        )
        return {stage.playbook_stage_id: stage for stage in stages}

    def _default_mapping(self):
        """{playbook stage: current stage of the team (or empty)}: the stage
        made from it before, else the stage of the same name, else the current
        stages in order (won onto won)."""
        self.ensure_one()
        pstages = self.playbook_id.stage_ids.sorted(lambda s: (s.sequence, s.id))
        empty = self.env["crm.stage"]
        if not pstages or not self.team_id:
            return {}
        made = self._team_stages()
        mapping = {pstage: made.get(pstage, empty) for pstage in pstages}
        free = self.pipeline_stage_ids - empty.union(*mapping.values())
        for pstage in pstages.filtered(lambda p: not mapping[p]):
            same = free.filtered(lambda s, p=pstage: s.name.lower() == p.name.lower())
            if same:
                mapping[pstage] = same[0]
                free -= same[0]
        for won in (False, True):
            todo = pstages.filtered(lambda p, w=won: not mapping[p] and p.is_won == w)
            candidates = free.filtered(lambda s, w=won: s.is_won == w)
            for pstage, stage in zip(todo, candidates, strict=False):
                mapping[pstage] = stage
                free -= stage
        return mapping

    # ------------------------------------------------------------------
    # Checks: every one of them before anything changes
    # ------------------------------------------------------------------
    @api.constrains("team_id", "playbook_id", "company_id")
    def _check_team_company(self):
        for wizard in self:
            company = wizard.team_id.company_id
            if company and company != wizard.company_id:
                raise ValidationError(
                    self.env._(
                        "Sales Team: “%(team)s” belongs to %(company)s, not to "
                        "%(current)s. Choose a team of %(current)s, or switch to "
                        "%(company)s to apply the playbook there.",
                        team=wizard.team_id.name,
                        company=company.name,
                        current=wizard.company_id.name,
                    )
                )

    def _check_mapping(self):
        self.ensure_one()
        self._check_team_company()
        pipeline = self.pipeline_stage_ids
        seen = defaultdict(lambda: self.env["sales.playbook.stage"])
        for line in self.line_ids:
            if line.playbook_stage_id.playbook_id != self.playbook_id:
                raise ValidationError(
                    self.env._(
                        "Stage Mapping: “%s” is not a stage of the chosen playbook; "
                        "choose the playbook again to refresh the mapping.",
                        line.playbook_stage_id.name,
                    )
                )
            if line.stage_id:
                if line.stage_id not in pipeline:
                    raise ValidationError(
                        self.env._(
                            "Stage Mapping: “%(stage)s” is not in the pipeline of "
                            "“%(team)s”; choose one of its stages or leave the "
                            "line empty to create the stage.",
                            stage=line.stage_id.name,
                            team=self.team_id.name,
                        )
                    )
                seen[line.stage_id] |= line.playbook_stage_id
        for stage, pstages in seen.items():
            if len(pstages) > 1:
                raise ValidationError(
                    self.env._(
                        "Stage Mapping: the stage “%(stage)s” is mapped onto "
                        "%(pstages)s. Map it onto one playbook stage only, and "
                        "leave the others empty to create them.",
                        stage=stage.name,
                        pstages=", ".join(f"“{p.name}”" for p in pstages),
                    )
                )
        # the team's opportunities in a shared stage that leaves its pipeline
        # must have a stage to go to
        mapped = self.line_ids.stage_id
        leaving = pipeline.filtered(lambda s: s._shared_by_every_team()) - mapped
        if leaving:
            counts = self._team_lead_counts(leaving)
            if counts:
                stage, count = next(iter(counts.items()))
                raise ValidationError(
                    self.env._(
                        "Stage Mapping: “%(stage)s” holds %(count)s opportunities of "
                        "“%(team)s” and leaves its pipeline. Map a playbook stage "
                        "onto it so that they have a stage to go to.",
                        stage=stage.name,
                        count=count,
                        team=self.team_id.name,
                    )
                )

    def _team_lead_counts(self, stages):
        """{stage: number of the team's opportunities in it, lost ones too}."""
        if not stages:
            return {}
        # sudo: a count of the team's opportunities, whoever owns them
        return dict(
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("team_id", "=", self.team_id._origin.id),
                    ("stage_id", "in", stages.ids),
                ],
                ["stage_id"],
                ["__count"],
            )
        )

    # ------------------------------------------------------------------
    # The plan: what applying creates and changes
    # ------------------------------------------------------------------
    def _plan(self):
        """What applying does: {playbook stage: ("keep"|"adopt"|"create", the
        stage kept or adopted)} and {current stage: playbook stage} for the
        opportunities that move."""
        self.ensure_one()
        made = self._team_stages()
        steps, moves = {}, {}
        empty = self.env["crm.stage"]
        for line in self.line_ids:
            pstage, stage = line.playbook_stage_id, line.stage_id
            if pstage in made:
                steps[pstage] = ("keep", made[pstage])
            elif stage and not stage._shared_by_every_team():
                steps[pstage] = ("adopt", stage)
            else:
                steps[pstage] = ("create", empty)
            if stage and stage._shared_by_every_team():
                moves[stage] = pstage
            elif stage and pstage in made and stage != made[pstage]:
                moves[stage] = pstage
        return steps, moves

    @api.depends(
        "playbook_id", "team_id", "line_ids.stage_id", "line_ids.playbook_stage_id"
    )
    def _compute_preview(self):
        for wizard in self:
            if not wizard.playbook_id or not wizard.team_id:
                wizard.preview = False
                continue
            steps, moves = wizard._plan()
            created = [p.name for p, (step, _s) in steps.items() if step == "create"]
            adopted = [
                f"{s.name} → {p.name}"
                for p, (step, s) in steps.items()
                if step == "adopt"
            ]
            kept = [p.name for p, (step, _s) in steps.items() if step == "keep"]
            moving = wizard._team_lead_counts(wizard.env["crm.stage"].union(*moves))
            items = []
            if created:
                items.append(
                    self.env._("Stages created for the team: %s", ", ".join(created))
                )
            if adopted:
                items.append(
                    self.env._(
                        "Stages of the team that take the playbook's settings: %s",
                        ", ".join(adopted),
                    )
                )
            if kept:
                items.append(
                    self.env._(
                        "Stages already applied, left as they are: %s", ", ".join(kept)
                    )
                )
            for stage, pstage in moves.items():
                items.append(
                    self.env._(
                        "%(count)s opportunities of the team move from “%(stage)s” "
                        "to “%(target)s”, keeping all their values",
                        count=moving.get(stage, 0),
                        stage=stage.name,
                        target=pstage.name,
                    )
                )
            playbook = wizard.playbook_id
            if steps and all(step == "keep" for step, _s in steps.values()):
                items.append(self.env._("Nothing else changes."))
            else:
                items.append(
                    self.env._(
                        "Gate criteria: %(criteria)s, journey phases: %(phases)s, "
                        "touchpoints: %(touchpoints)s, for the stages not applied "
                        "before; the team then uses its own stages only.",
                        criteria=len(playbook.stage_ids.criterion_ids),
                        phases=len(playbook.phase_ids),
                        touchpoints=len(playbook.phase_ids.touchpoint_ids),
                    )
                )
                if playbook.has_spin:
                    items.append(
                        self.env._(
                            "The SPIN standard of %s becomes the playbook's.",
                            wizard.company_id.name,
                        )
                    )
            wizard.preview = Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % item for item in items
            )

    # ------------------------------------------------------------------
    # Applying
    # ------------------------------------------------------------------
    def action_apply(self):
        self.ensure_one()
        self._check_and_apply()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.team",
            "res_id": self.team_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_and_apply(self):
        """Apply the mapping, for a process administrator only, once every
        check passed. Returns {playbook stage: the team's stage}."""
        self.ensure_one()
        if not (self.env.is_superuser() or self.env.user.has_group(ADMIN_GROUP)):
            raise AccessError(
                self.env._(
                    "Only process administrators (Sales Process: Administrator) "
                    "can apply a playbook to a sales team."
                )
            )
        self._check_mapping()
        # sudo: the user is a process administrator (checked above), and
        # configuring a team touches stages, teams and every deal of it
        return self.sudo()._apply()

    def _apply(self):
        """Apply the checked mapping (as superuser: the caller checked the
        administrator's group)."""
        team, playbook = self.team_id, self.playbook_id
        steps, moves = self._plan()
        stages = self._apply_stages(steps)
        created_criteria = self._apply_criteria(stages)
        self._apply_journey(stages)
        self.env["sales.journey.persona"]._apply_playbook(
            playbook, team, team.company_id or self.company_id
        )
        if "spin" in created_criteria.mapped("kind"):
            company = team.company_id or self.company_id
            values = {
                name: value
                for name, value in playbook._spin_standard_values().items()
                if company[name] != value
            }
            if values:
                company.write(values)
        moved = self._move_opportunities(
            {stage: stages[pstage] for stage, pstage in moves.items()}
        )
        if not team.pipeline_own_stages:
            team.pipeline_own_stages = True
        created = [p for p, (step, _s) in steps.items() if step != "keep"]
        if created or moved or created_criteria:
            team.message_post(
                body=self.env._(
                    "Playbook “%(playbook)s” applied by %(user)s: %(stages)s stages "
                    "set up, %(criteria)s gate criteria added, %(moved)s "
                    "opportunities moved to the mapped stages.",
                    playbook=playbook.name,
                    user=self.env.user.name,
                    stages=len(created),
                    criteria=len(created_criteria),
                    moved=moved,
                ),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        return stages

    def _apply_stages(self, steps):
        """{playbook stage: the team's stage}, created or adopted as planned."""
        Stage = self.env["crm.stage"]
        stages = {p: s for p, (step, s) in steps.items() if step == "keep"}
        to_create = [p for p, (step, _s) in steps.items() if step == "create"]
        created = Stage.create(
            [dict(p._stage_values(), team_id=self.team_id.id) for p in to_create]
        )
        stages.update(zip(to_create, created, strict=True))
        adopted = Stage
        for pstage, (step, stage) in steps.items():
            if step == "adopt":
                values = {
                    name: value
                    for name, value in pstage._stage_values().items()
                    if name not in ("sequence", "name", "sales_guidance")
                }
                stage.write(values)
                stages[pstage] = stage
                adopted |= stage
        copy_translations(
            created | adopted, "playbook_stage_id", ["name", "sales_guidance"]
        )
        return stages

    def _apply_criteria(self, stages):
        """Create the playbook's criteria missing on the team's stages."""
        Criterion = self.env["sales.gate.criterion"].with_context(active_test=False)
        pcriteria = self.playbook_id.stage_ids.criterion_ids
        company = self.team_id.company_id or self.company_id
        existing = Criterion.search(
            [
                ("playbook_criterion_id", "in", pcriteria.ids),
                ("stage_id", "in", [s.id for s in stages.values()]),
            ]
        )
        have = {(c.playbook_criterion_id, c.stage_id) for c in existing}
        values = [
            pcriterion._criterion_values(stages[pcriterion.stage_id], company)
            for pcriterion in pcriteria
            if (pcriterion, stages[pcriterion.stage_id]) not in have
        ]
        created = Criterion.create(values)
        copy_translations(created, "playbook_criterion_id", ["name", "description"])
        return created

    def _apply_journey(self, stages):
        """Give the team the playbook's journey phases and touchpoints that it
        does not follow yet, on its stages."""
        Phase = self.env["sales.journey.phase"].with_context(active_test=False)
        team = self.team_id
        company = team.company_id or self.company_id
        pphases = self.playbook_id.phase_ids
        existing = Phase.search(
            [
                ("playbook_phase_id", "in", pphases.ids),
                ("team_id", "in", [team.id, False]),
                ("company_id", "in", [company.id, False]),
            ]
        )
        phases, to_create = {}, []
        for pphase in pphases:
            team_stages = self.env["crm.stage"].union(
                *(stages[p] for p in pphase.stage_ids)
            )
            phase = existing.filtered(
                lambda ph, p=pphase, s=team_stages: ph.playbook_phase_id == p
                and ph.stage_ids & s
            )[:1]
            if phase:
                phases[pphase] = phase
            else:
                to_create.append((pphase, team_stages))
        created = Phase.create(
            [
                {
                    "name": pphase.name,
                    "sequence": pphase.sequence,
                    "team_id": team.id,
                    "company_id": company.id,
                    "customer_need": pphase.customer_need,
                    "pain_points": pphase.pain_points,
                    "stage_ids": [Command.set(team_stages.ids)],
                    "playbook_phase_id": pphase.id,
                }
                for pphase, team_stages in to_create
            ]
        )
        copy_translations(
            created, "playbook_phase_id", ["name", "customer_need", "pain_points"]
        )
        phases.update(zip([p for p, _s in to_create], created, strict=True))
        Touchpoint = self.env["sales.journey.touchpoint"].with_context(
            active_test=False
        )
        all_phases = Phase.union(*phases.values())
        have = {
            (t.playbook_touchpoint_id, t.phase_id)
            for t in Touchpoint.search(
                [
                    ("phase_id", "in", all_phases.ids),
                    ("playbook_touchpoint_id", "!=", False),
                ]
            )
        }
        touchpoints = Touchpoint.create(
            [
                ptouchpoint._touchpoint_values(phases[pphase])
                for pphase in pphases
                for ptouchpoint in pphase.touchpoint_ids
                if (ptouchpoint, phases[pphase]) not in have
            ]
        )
        copy_translations(
            touchpoints,
            "playbook_touchpoint_id",
            ["name", "sales_action", "responsible_role", "deliverable"],
        )

    def _move_opportunities(self, targets):
        """Move the team's opportunities (lost ones too) from each current
        stage to its target: a reconfiguration of the pipeline, not a sale
        moving on, so no gate is asked and every other value is kept (dates,
        probability, last update). Each opportunity notes the move in its
        chatter. Returns how many moved."""
        if not targets:
            return 0
        Lead = self.env["crm.lead"].with_context(active_test=False)
        leads = Lead.search(
            [
                ("team_id", "=", self.team_id.id),
                ("stage_id", "in", [s.id for s in targets]),
            ]
        )
        if not leads:
            return 0
        leads.flush_recordset()
        bodies = {}
        for source, target in targets.items():
            moving = leads.filtered(lambda lead, s=source: lead.stage_id == s)
            if not moving:
                continue
            self.env.cr.execute(
                SQL(
                    "UPDATE crm_lead SET stage_id = %s WHERE id = ANY(%s)",
                    target.id,
                    moving.ids,
                )
            )
            body = self.env._(
                "Playbook “%(playbook)s” applied to “%(team)s” by %(user)s: the "
                "opportunity moved from stage “%(origin)s” to “%(target)s”, "
                "with no gate asked.",
                playbook=self.playbook_id.name,
                team=self.team_id.name,
                user=self.env.user.name,
                origin=source.name,
                target=target.name,
            )
            bodies.update(dict.fromkeys(moving.ids, body))
        leads.invalidate_recordset(["stage_id"])
        # what the stage decides on the cards: gate progress, journey, rotting
        leads._refresh_gate_progress()
        leads._refresh_journey()
        self.env.add_to_compute(leads._fields["rotting_start_date"], leads)
        leads.flush_recordset()
        leads._message_log_batch(bodies=bodies, author_id=self.env.user.partner_id.id)
        return len(bodies)

    def _name_team_records(self, stages, prefix):
        """Give each record the team follows from the playbook an external id
        named after the playbook line it comes from, with prefix instead of
        the line's first word: the team's stage made from
        ``module.b2b_stage_offer`` becomes ``module.<prefix>stage_offer``.
        A record named already keeps its name (the stages of a team that
        another team's pipeline shares). The ids are not updated by a module
        update (the team adapts what the playbook gave it), so an update
        never deletes them."""
        team = self.team_id
        stage_ids = [s.id for s in stages.values()]
        criteria = (
            self.env["sales.gate.criterion"]
            .with_context(active_test=False)
            .search(
                [
                    ("stage_id", "in", stage_ids),
                    (
                        "playbook_criterion_id",
                        "in",
                        self.playbook_id.stage_ids.criterion_ids.ids,
                    ),
                ]
            )
        )
        phases = (
            self.env["sales.journey.phase"]
            .with_context(active_test=False)
            .search(
                [
                    ("playbook_phase_id", "in", self.playbook_id.phase_ids.ids),
                    ("stage_ids", "in", stage_ids),
                    ("team_id", "in", [team.id, False]),
                ]
            )
        )
        # a team's own phase before a phase of every team, as its deals see it
        own = {}
        for phase in phases.sorted(lambda p: not p.team_id):
            own.setdefault(phase.playbook_phase_id, phase)
        phases = phases.browse([p.id for p in own.values()])
        touchpoints = (
            self.env["sales.journey.touchpoint"]
            .with_context(active_test=False)
            .search(
                [
                    ("phase_id", "in", phases.ids),
                    ("playbook_touchpoint_id", "!=", False),
                ]
            )
        )
        records = [
            (record, record[link])
            for made, link in (
                (self.env["crm.stage"].union(*stages.values()), "playbook_stage_id"),
                (criteria, "playbook_criterion_id"),
                (phases, "playbook_phase_id"),
                (touchpoints, "playbook_touchpoint_id"),
            )
            for record in made
        ]
        line_xmlids = {}
        for model in {line._name for _record, line in records}:
            lines = self.env[model].union(
                *(line for _record, line in records if line._name == model)
            )
            line_xmlids.update(
                ((model, res_id), xmlid)
                for res_id, xmlid in lines.get_external_id().items()
                if xmlid
            )
        # a record named already (a stage another team shares) keeps its name
        named = defaultdict(set)
        for model in {record._name for record, _line in records}:
            for row in self.env["ir.model.data"].search_read(
                [
                    ("model", "=", model),
                    ("res_id", "in", [r.id for r, _l in records if r._name == model]),
                ],
                ["module", "name", "res_id"],
            ):
                named[model, row["res_id"]].add(f"{row['module']}.{row['name']}")
        data = []
        for record, line in records:
            xmlid = line_xmlids.get((line._name, line.id))
            if not xmlid:
                continue
            module, name = xmlid.split(".", 1)
            xmlid = f"{module}.{prefix}{name.partition('_')[2]}"
            names = {
                n for n in named[record._name, record.id] if n.startswith(f"{module}.")
            }
            if names and xmlid not in names:
                continue
            data.append({"xml_id": xmlid, "record": record, "noupdate": True})
        self.env["ir.model.data"]._update_xmlids(data, update=True)


class SalesPlaybookApplyLine(models.TransientModel):
    _name = "sales.playbook.apply.line"
    _description = "Stage Mapping of a Playbook Application"
    _order = "id"

    wizard_id = fields.Many2one(
        "sales.playbook.apply", required=True, ondelete="cascade"
    )
    playbook_stage_id = fields.Many2one(
        "sales.playbook.stage", string="Playbook Stage", required=True
    )
    stage_id = fields.Many2one(
        "crm.stage",
        string="Current Stage",
        help="The team's stage the playbook stage is mapped onto: a stage of the "
        "team takes the playbook's settings; the opportunities of the team in "
        "a stage shared by every team move to the playbook stage, created for "
        "the team. Empty: the stage is created for the team.",
    )
    pipeline_stage_ids = fields.Many2many(related="wizard_id.pipeline_stage_ids")
