# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict, namedtuple

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

# One unmet requirement of a move: the criterion (empty for a stage rule such
# as "cannot be skipped"), "block" or "warn", and what the user reads.
GateIssue = namedtuple("GateIssue", "criterion mode message")

# Kinds that need the opportunity to exist before they can be met, so an entry
# criterion of this kind on a pipeline's first stage would refuse every new lead.
KINDS_MET_AFTER_CREATION = ("activity", "deliverable", "checklist", "spin")


def _stage_key(stage):
    return (stage.sequence, stage.id)


class SalesGateCriterion(models.Model):
    _name = "sales.gate.criterion"
    _description = "Stage Gate Criterion"
    _order = "stage_id, direction, sequence, id"
    _check_company_auto = True

    name = fields.Char(
        required=True,
        translate=True,
        help="What the salesperson reads when the criterion is not met, "
        "e.g. 'Decision chain is clear'.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    stage_id = fields.Many2one(
        "crm.stage", required=True, ondelete="cascade", index=True
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        help="Only for this team's opportunities; empty for every team.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    direction = fields.Selection(
        [("entry", "Entry"), ("exit", "Exit"), ("lost", "When lost")],
        required=True,
        default="exit",
        help="Entry: checked when an opportunity enters the stage. Exit: checked "
        "when it moves forward out of the stage (and shown as the card's "
        "progress). When lost: checked when it is marked lost in this stage.",
    )
    mode = fields.Selection(
        [("block", "Block"), ("warn", "Warn")],
        required=True,
        default="block",
        help="Block refuses the move; Warn lets it happen and notes what was "
        "missing in the chatter.",
    )
    kind = fields.Selection(
        [
            ("field", "Field is set"),
            ("domain", "Condition"),
            ("activity", "Activity done"),
            ("deliverable", "Deliverable attached"),
            ("checklist", "Checklist item ticked"),
            ("spin", "SPIN standard met"),
        ],
        required=True,
        default="checklist",
    )
    field_id = fields.Many2one(
        "ir.model.fields",
        string="Field",
        ondelete="cascade",
        domain="[('model', '=', 'crm.lead'), ('store', '=', True), "
        "('name', 'not in', ['id', 'create_uid', 'create_date', 'write_uid', "
        "'write_date'])]",
    )
    domain = fields.Char(
        string="Condition",
        default="[]",
        help="The opportunity must match this condition.",
    )
    activity_type_id = fields.Many2one("mail.activity.type", string="Activity Type")
    deliverable_type_id = fields.Many2one(
        "sales.deliverable.type", string="Deliverable", check_company=True
    )
    description = fields.Text(
        translate=True, help="How to meet the criterion, shown to the salesperson."
    )

    @api.constrains(
        "kind", "field_id", "domain", "activity_type_id", "deliverable_type_id"
    )
    def _check_kind_settings(self):
        for criterion in self:
            kind = criterion.kind
            if kind == "field" and (
                not criterion.field_id
                or criterion.field_id.model != "crm.lead"
                or not criterion.field_id.store
            ):
                raise ValidationError(
                    self.env._(
                        "Criterion “%s”: choose the opportunity field that must be "
                        "set.",
                        criterion.name,
                    )
                )
            if kind == "domain":
                criterion._parsed_domain()
            if kind == "activity" and not criterion.activity_type_id:
                raise ValidationError(
                    self.env._(
                        "Criterion “%s”: choose the activity type that must be done.",
                        criterion.name,
                    )
                )
            if kind == "deliverable" and not criterion.deliverable_type_id:
                raise ValidationError(
                    self.env._(
                        "Criterion “%s”: choose the deliverable that must be attached.",
                        criterion.name,
                    )
                )

    @api.constrains("direction", "kind", "stage_id", "team_id")
    def _check_entry_of_first_stage(self):
        for criterion in self.filtered(
            lambda c: c.direction == "entry" and c.kind in KINDS_MET_AFTER_CREATION
        ):
            stage = criterion.stage_id
            team = stage.team_id or criterion.team_id
            pipeline = self.env["crm.stage"].search(
                [("team_id", "in", [False, team.id] if team else [False])]
            )
            if pipeline and min(pipeline, key=_stage_key) == stage:
                raise ValidationError(
                    self.env._(
                        "Criterion “%(name)s”: “%(stage)s” is the first stage of its "
                        "pipeline, where new opportunities are created; nothing could "
                        "meet this entry criterion there. Make it an exit criterion, "
                        "or use a field or condition.",
                        name=criterion.name,
                        stage=stage.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("stage_id") and not self.env.context.get(
                "default_stage_id"
            ):
                raise ValidationError(
                    self.env._(
                        "Gate criterion “%s” has no stage: choose the stage it guards.",
                        vals.get("name", ""),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if "stage_id" in vals and not vals["stage_id"]:
            raise ValidationError(
                self.env._(
                    "A gate criterion needs a stage: choose the stage it guards."
                )
            )
        return super().write(vals)

    def _parsed_domain(self):
        """The criterion's condition as a domain; a clear error when it is wrong."""
        self.ensure_one()
        try:
            domain = safe_eval(self.domain or "[]", {"uid": self.env.uid})
            expression.expression(domain, self.env["crm.lead"])
        except Exception as error:
            raise ValidationError(
                self.env._(
                    "Criterion “%(name)s”: the condition %(domain)s is not a valid "
                    "filter on opportunities (%(error)s). Build it with the domain "
                    "editor.",
                    name=self.name,
                    domain=self.domain,
                    error=error,
                )
            ) from error
        return domain

    # ------------------------------------------------------------------
    # The evaluation service: every reader of gates goes through here.
    # It runs as superuser: it reads configuration (criteria, their fields and
    # activity types) and the leads its caller is already working on, and
    # answers only "met / not met" and the criteria's names.
    # ------------------------------------------------------------------
    @api.model
    def _criteria_by_lead(self, leads, stage_by_lead, directions):
        """Active criteria that apply to each lead in the given stage.

        :param stage_by_lead: {lead id: crm.stage}
        :param directions: the directions to take ("entry", "exit", "lost")
        :return: {lead id: sales.gate.criterion recordset}
        """
        self = self.sudo()
        stages = self.env["crm.stage"].union(*stage_by_lead.values())
        # the company filter below keeps another company's criteria out
        criteria = self.search(
            [("stage_id", "in", stages.ids), ("direction", "in", directions)]
        )
        by_stage = defaultdict(list)
        for criterion in criteria:
            by_stage[criterion.stage_id.id].append(criterion)
        result = {}
        for lead in leads:
            stage = stage_by_lead.get(lead.id)
            company = lead.company_id or self.env.company
            result[lead.id] = self.browse(
                c.id
                for c in (by_stage.get(stage.id, []) if stage else [])
                if (not c.team_id or c.team_id == lead.team_id)
                and (not c.company_id or c.company_id == company)
            )
        return result

    @api.model
    def _met_pairs(self, leads, criteria, spin=None):
        """{(lead id, criterion id)} of the criteria each lead meets.

        One query per kind of criterion (per condition for conditions) for the
        whole batch, never one per lead. ``spin``: the leads' SPIN summary when
        the caller has it already.
        """
        self = self.sudo()
        leads = leads.sudo().with_context(active_test=False)
        by_kind = defaultdict(lambda: self.browse())
        for criterion in criteria:
            by_kind[criterion.kind] |= criterion
        met = set()
        if by_kind["field"]:
            names = list(set(by_kind["field"].field_id.mapped("name")))
            leads.fetch(names)
            for lead in leads:
                met.update(
                    (lead.id, c.id) for c in by_kind["field"] if lead[c.field_id.name]
                )
        for criterion in by_kind["domain"]:
            matching = leads._search(
                expression.AND([[("id", "in", leads.ids)], criterion._parsed_domain()])
            )
            met.update((lead_id, criterion.id) for lead_id in matching)
        if by_kind["activity"]:
            done = {
                (res_id, activity_type.id)
                for res_id, activity_type in self.env["mail.message"]
                .sudo()
                ._read_group(
                    [
                        ("model", "=", "crm.lead"),
                        ("res_id", "in", leads.ids),
                        (
                            "mail_activity_type_id",
                            "in",
                            by_kind["activity"].activity_type_id.ids,
                        ),
                    ],
                    ["res_id", "mail_activity_type_id"],
                )
            }
            met.update(
                (lead.id, c.id)
                for lead in leads
                for c in by_kind["activity"]
                if (lead.id, c.activity_type_id.id) in done
            )
        if by_kind["deliverable"]:
            attached = {
                (lead.id, deliverable_type.id)
                for lead, deliverable_type in self.env["crm.lead.deliverable"]
                .sudo()
                ._read_group(
                    [
                        ("lead_id", "in", leads.ids),
                        (
                            "type_id",
                            "in",
                            by_kind["deliverable"].deliverable_type_id.ids,
                        ),
                        ("attached_date", "!=", False),
                    ],
                    ["lead_id", "type_id"],
                )
            }
            met.update(
                (lead.id, c.id)
                for lead in leads
                for c in by_kind["deliverable"]
                if (lead.id, c.deliverable_type_id.id) in attached
            )
        if by_kind["checklist"]:
            leads.fetch(["gate_checked_ids"])
            for lead in leads:
                ticked = set(lead.gate_checked_ids.ids)
                met.update(
                    (lead.id, c.id) for c in by_kind["checklist"] if c.id in ticked
                )
        if by_kind["spin"]:
            spin = spin if spin is not None else leads._spin_summary()
            met.update(
                (lead.id, c.id)
                for lead in leads
                for c in by_kind["spin"]
                if spin[lead.id]["met"]
            )
        return met

    @api.model
    def _progress_by_lead(self, leads):
        """{lead id: (exit criteria of its stage, the ones met)} for cards and forms."""
        self = self.sudo()
        criteria_by_lead = self._criteria_by_lead(
            leads, {lead.id: lead.stage_id for lead in leads}, ["exit"]
        )
        all_criteria = self.union(*criteria_by_lead.values())
        met = self._met_pairs(leads, all_criteria) if all_criteria else set()
        return {
            lead_id: (
                criteria,
                criteria.filtered(lambda c, i=lead_id: (i, c.id) in met),
            )
            for lead_id, criteria in criteria_by_lead.items()
        }

    @api.model
    def _move_issues(self, moves):
        """What stands in the way of each move.

        :param moves: list of (lead, stage it leaves or empty, stage it enters)
        :return: {lead id: [GateIssue]} for the leads with unmet requirements
        """
        self = self.sudo()
        Stage = self.env["crm.stage"]
        leads = self.env["crm.lead"].union(*(lead for lead, _old, _new in moves))
        entry = self._criteria_by_lead(
            leads, {lead.id: new for lead, _o, new in moves}, ["entry"]
        )
        forward = {
            lead.id: old
            for lead, old, new in moves
            if old and _stage_key(new) > _stage_key(old)
        }
        exit_ = self._criteria_by_lead(leads.browse(forward), forward, ["exit"])
        applicable = {
            lead.id: entry[lead.id] | exit_.get(lead.id, self.browse())
            for lead, _o, _n in moves
        }
        all_criteria = self.union(*applicable.values())
        spin = leads._spin_summary() if "spin" in all_criteria.mapped("kind") else {}
        met = self._met_pairs(leads, all_criteria, spin) if all_criteria else set()
        unskippable = Stage.search([("gate_no_skip", "=", True)])
        issues = defaultdict(list)
        for lead, old, new in moves:
            for criterion in applicable[lead.id]:
                if (lead.id, criterion.id) not in met:
                    message = criterion.name
                    if criterion.kind == "spin":
                        message = f"{message}: {spin[lead.id]['gap']}"
                    issues[lead.id].append(
                        GateIssue(criterion, criterion.mode, message)
                    )
            low = _stage_key(old) if old else (float("-inf"),)
            if old and old.gate_no_backward and _stage_key(new) < _stage_key(old):
                issues[lead.id].append(
                    GateIssue(
                        self.browse(),
                        "block",
                        self.env._(
                            "Opportunities cannot move back from “%s”.", old.name
                        ),
                    )
                )
            for stage in unskippable:
                if (
                    low < _stage_key(stage) < _stage_key(new)
                    and (not stage.team_id or stage.team_id == lead.team_id)
                    and stage != old
                ):
                    issues[lead.id].append(
                        GateIssue(
                            self.browse(),
                            "block",
                            self.env._("“%s” cannot be skipped.", stage.name),
                        )
                    )
        return dict(issues)

    @api.model
    def _lost_issues(self, leads):
        """{lead id: [GateIssue]} of the "when lost" criteria each lead misses."""
        self = self.sudo()
        applicable = self._criteria_by_lead(
            leads, {lead.id: lead.stage_id for lead in leads}, ["lost"]
        )
        all_criteria = self.union(*applicable.values())
        if not all_criteria:
            return {}
        met = self._met_pairs(leads, all_criteria)
        issues = {}
        for lead_id, criteria in applicable.items():
            missing = [
                GateIssue(c, c.mode, c.name)
                for c in criteria
                if (lead_id, c.id) not in met
            ]
            if missing:
                issues[lead_id] = missing
        return issues
