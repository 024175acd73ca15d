# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import RedirectWarning, UserError

from .sales_gate_criterion import _stage_key

# How many blocked opportunities one refusal lists before summing up the rest.
MAX_LISTED = 10
# The stored fields of the card that a configuration change may make stale.
GATE_PROGRESS_FIELDS = ("gate_exit_total", "gate_exit_done")


class CrmLead(models.Model):
    """Stage gates: the card's progress, and the refusal or warning of a move."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # Stage gates
    gate_checked_ids = fields.Many2many(
        "sales.gate.criterion",
        "crm_lead_gate_checked_rel",
        "lead_id",
        "criterion_id",
        string="Ticked Checklist Items",
        domain=[("kind", "=", "checklist")],
        tracking=True,
    )
    # Stored: the card reads them. Kept right by the writes that change them
    # (see _compute_gate_progress, write and mail.activity) and, after a change
    # of the criteria, by the scheduled refresh of the cards.
    gate_exit_total = fields.Integer(
        compute="_compute_gate_progress", store=True, string="Exit Criteria"
    )
    gate_exit_done = fields.Integer(
        compute="_compute_gate_progress", store=True, string="Exit Criteria Met"
    )
    gate_status_html = fields.Html(
        compute="_compute_gate_status_html", string="Gate Status", sanitize=False
    )
    stage_guidance = fields.Html(related="stage_id.sales_guidance", string="Guidance")
    deliverable_ids = fields.One2many(
        "crm.lead.deliverable", "lead_id", string="Deliverables"
    )
    gate_override_ids = fields.One2many(
        "sales.gate.override", "lead_id", string="Gate Overrides"
    )

    @api.depends(
        "stage_id",
        "team_id",
        "company_id",
        "gate_checked_ids",
        "deliverable_ids.attached_date",
        "deliverable_ids.type_id",
        "spin_question_ids.answer",
        "spin_question_ids.question_type",
        "spin_target",
        # the exits of the SPIN steps (template 3)
        "spin_background",
        "spin_pain_ids.severity_agreed",
    )
    def _compute_gate_progress(self):
        """Exit criteria of the stage, and the ones met. Besides these
        dependencies: done activities (mail.activity), the fields the field and
        condition criteria read (write), and the criteria themselves (the
        scheduled refresh of the cards)."""
        for lead, (criteria, met) in self._gate_progress_shown().items():
            lead.gate_exit_total = len(criteria)
            lead.gate_exit_done = len(met)

    @api.depends("gate_exit_total", "gate_exit_done")
    @api.depends_context("lang")
    def _compute_gate_status_html(self):
        for lead, (criteria, met) in self._gate_progress_shown().items():
            lead.gate_status_html = lead._gate_status_markup(criteria, met)

    def _gate_progress_shown(self):
        """{lead: (exit criteria, the ones met)}. A record being edited shows
        where its saved version stands, with the checklist as ticked on screen:
        ticking an item moves the progress before Save."""
        saved = self._origin.filtered("id")
        progress = self.env["sales.gate.evaluator"]._progress_by_lead(saved)
        empty = self.env["sales.gate.criterion"]
        shown = {}
        for lead in self:
            criteria, met = progress.get(lead._origin.id, (empty, empty))
            if not isinstance(lead.id, int):
                checklist = criteria.filtered(lambda c: c.kind == "checklist")
                met = (met - checklist) | (checklist & lead.gate_checked_ids._origin)
            shown[lead] = (criteria, met)
        return shown

    def _set_gate_progress(self, progress):
        """Store the gate progress the move's evaluation has just read, instead
        of reading it again when the stage change recomputes it.

        :param progress: {lead id: (number of exit criteria, number met)}
        """
        names = GATE_PROGRESS_FIELDS
        by_value = defaultdict(list)
        for lead_id in self._ids:
            by_value[progress[lead_id]].append(lead_id)
        with self.env.protecting([self._fields[name] for name in names], self):
            # one assignment per distinct value, not one per lead
            for (total, done), ids in by_value.items():
                leads = self.browse(ids)
                leads.gate_exit_total = total
                leads.gate_exit_done = done

    def _refresh_gate_progress(self):
        """Recompute the stored gate progress of these leads (at the next flush)."""
        for name in GATE_PROGRESS_FIELDS:
            self.env.add_to_compute(self._fields[name], self)

    def _gate_status_markup(self, criteria, met):
        # checklist items are ticked in the Checklist beside: listed once
        criteria = criteria.filtered(lambda c: c.kind != "checklist")
        if not criteria:
            return False
        rows = Markup().join(
            Markup(
                '<li class="{cls}"><i class="fa {icon} me-1" title="{title}"></i>'
                "{name}{mode}</li>"
            ).format(
                cls="text-success" if c in met else "",
                icon="fa-check-square-o" if c in met else "fa-square-o",
                title=self.env._("Met") if c in met else self.env._("Missing"),
                name=c.name,
                mode=Markup(' <span class="badge text-bg-warning">{}</span>').format(
                    self.env._("warn")
                )
                if c.mode == "warn"
                else "",
            )
            for c in criteria
        )
        return Markup('<ul class="list-unstyled mb-0 o_gate_status">{}</ul>').format(
            rows
        )

    def _gate_enforced(self, owners=None):
        """These leads, but those of a company that does not enforce gates."""
        if not self.pool.ready:
            # data files of modules being installed or updated: no user acts
            # while the registry loads, and no request can reach it
            return self.browse()
        # the companies that relax their gates, cached: no query
        relaxed = self.env["res.company"]._gate_relaxed_ids()
        if not relaxed:
            return self
        companies = self._gate_companies(owners)
        return self.browse(
            lead_id for lead_id in self._ids if companies[lead_id] not in relaxed
        )

    def _gate_company(self):
        """The company whose gates apply: the opportunity's, else its team's
        (Odoo keeps the two the same when both are set); never the company
        the user works in. Without either, only the criteria of no company
        apply, and they are enforced."""
        self.ensure_one()
        return self.company_id or self.team_id.company_id

    def _gate_companies(self, owners=None):
        """{lead id: id of the company whose gates apply, or False}, as
        _gate_company says, for the batch at once.

        :param owners: {lead id: (stage id, team id, company id)} when the
            caller has them
        """
        if owners is None:
            owners = self._plain_values(("stage_id", "team_id", "company_id"))
        # the team's company, only for the leads without one
        teams = self.env["crm.team"].browse(
            {
                owners[lead_id][1]
                for lead_id in self._ids
                if owners[lead_id][1] and not owners[lead_id][2]
            }
        )
        team_company = {team.id: team.company_id.id for team in teams}
        return {
            lead_id: owners[lead_id][2] or team_company.get(owners[lead_id][1], False)
            for lead_id in self._ids
        }

    def _enforce_gates(self, stage_before, created=False, regrouped=None, owners=None):
        """Refuse or annotate the stage changes of these leads.

        :param stage_before: {lead id: id of the stage before the change, or
            False on create}
        :param created: the leads are being created (nothing to override yet)
        :param regrouped: the leads whose team or company changed: they enter
            their stage from the start of the new pipeline, with no override
        :param owners: {lead id: (stage id, team id, company id)} after the
            change, when the caller has them
        """
        if owners is None:
            owners = self._plain_values(("stage_id", "team_id", "company_id"))
        regrouped_ids = set(regrouped.ids) if regrouped else set()
        enforced = self._gate_enforced(owners)
        # only the leads whose stage changes (or that enter a new pipeline)
        moved_ids = [
            lead_id
            for lead_id in enforced._ids
            if owners[lead_id][0]
            and (
                owners[lead_id][0] != stage_before.get(lead_id)
                or lead_id in regrouped_ids
            )
        ]
        if not moved_ids:
            return
        leads = self.browse(moved_ids)
        Stage = self.env["crm.stage"]
        stages = {}

        def stage(stage_id):
            if stage_id not in stages:
                stages[stage_id] = Stage.browse(stage_id)
            return stages[stage_id]

        moves = [
            (
                lead,
                stage(False if lead.id in regrouped_ids else stage_before.get(lead.id)),
                stage(owners[lead.id][0]),
            )
            for lead in leads
        ]
        progress = {}
        issues = self.env["sales.gate.evaluator"]._move_issues(moves, progress, owners)
        leads._set_gate_progress(progress)
        if not issues:
            return
        regrouped = self.browse(regrouped_ids)

        def blocking(lead):
            return [i for i in issues.get(lead.id, []) if i.mode == "block"]

        with_issues = self.browse(issues)
        blocked = with_issues.filtered(blocking)
        # An override recorded by the override path, for this lead and this
        # target stage, by this user, lets the move through once.
        overridable = blocked.filtered(
            lambda lead: (
                lead not in regrouped and all(i.overridable for i in blocking(lead))
            )
        )
        passed = (
            self.env["sales.gate.override"]._use_for(overridable)
            if overridable and not created
            else self.browse()
        )
        refused = blocked - passed
        for lead in refused & regrouped:
            raise UserError(
                self._gate_refusal_text(
                    lead,
                    issues,
                    self.env._(
                        "Cannot put “%(lead)s” in “%(stage)s” of the pipeline of "
                        "“%(team)s” yet: a change of sales team or company is a "
                        "move into the new pipeline. Missing:",
                        lead=lead.display_name,
                        stage=lead.stage_id.name,
                        team=lead.team_id.name or "",
                    ),
                )
            )
        for stage_ in refused.stage_id:
            in_stage = refused.filtered(lambda lead, s=stage_: lead.stage_id == s)
            self._raise_gate_refusal(
                in_stage,
                stage_,
                issues,
                offer_override=not created and in_stage <= overridable,
            )
        warned = {
            lead.id: [i for i in issues[lead.id] if i.mode == "warn"]
            for lead in with_issues - blocked
        }
        leads._log_gate_warnings({k: v for k, v in warned.items() if v})

    def _enforce_lost_gates(self):
        leads = self._gate_enforced()
        issues = self.env["sales.gate.evaluator"]._lost_issues(leads)
        refused = leads.filtered(
            lambda lead: any(i.mode == "block" for i in issues.get(lead.id, []))
        )
        if refused:
            raise UserError(
                self._gate_refusal_text(
                    refused, issues, self.env._("Cannot mark as lost yet")
                )
            )
        leads._log_gate_warnings(
            {
                lead_id: [i for i in lead_issues if i.mode == "warn"]
                for lead_id, lead_issues in issues.items()
            }
        )

    def _gate_issue_heading(self, issue):
        """The stage (and direction) an issue is listed under, or None."""
        if not issue.stage:
            return None
        direction = issue.criterion.direction if issue.criterion else None
        if direction == "entry":
            return self.env._("“%s”, entry criteria:", issue.stage.name)
        if direction == "exit":
            return self.env._("“%s”, exit criteria:", issue.stage.name)
        if direction == "lost":
            return self.env._("“%s”, when lost:", issue.stage.name)
        return None

    def _gate_refusal_text(self, leads, issues, title):
        """What is missing, per opportunity and per stage on the way."""
        parts = [title]
        for lead in leads[:MAX_LISTED]:
            lines = [f"“{lead.display_name}”:"]
            headings = {}
            for issue in issues[lead.id]:
                if issue.mode != "block":
                    continue
                heading = self._gate_issue_heading(issue)
                headings.setdefault(heading, []).append(issue.message)
            for heading, messages in headings.items():
                indent = "  "
                if heading:
                    lines.append(f"  {heading}")
                    indent = "    "
                lines += [f"{indent}• {message}" for message in messages]
            parts.append("\n".join(lines))
        if len(leads) > MAX_LISTED:
            parts.append(
                self.env._("…and %s more opportunities.", len(leads) - MAX_LISTED)
            )
        return "\n\n".join(parts)

    def _raise_gate_refusal(self, leads, stage, issues, offer_override=True):
        message = self._gate_refusal_text(
            leads,
            issues,
            self.env._("Cannot move to “%s” yet. Missing:", stage.name),
        )
        if offer_override and self.env.user.has_group(
            "sales_process_framework.group_gate_override"
        ):
            action = self.env.ref(
                "sales_process_framework.sales_gate_override_wizard_action"
            )
            raise RedirectWarning(
                message,
                action.id,
                self.env._("Override with a Reason"),
                {
                    "default_lead_ids": leads.ids,
                    "default_stage_id": stage.id,
                    # a hint for the web client: reload the view once moved
                    "sales_gate_refused_move": True,
                },
            )
        raise UserError(message)

    def _log_gate_warnings(self, warnings):
        if not warnings:
            return
        bodies = {
            lead_id: Markup("<p>{}</p>{}").format(
                self.env._("Stage gate warning: moved with missing items"),
                self._gate_issue_markup(lead_issues),
            )
            for lead_id, lead_issues in warnings.items()
        }
        self.browse(list(bodies)).sudo()._message_log_batch(bodies=bodies)

    def action_open_gate_override(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_process_framework.sales_gate_override_wizard_action"
        )
        context = {"default_lead_ids": self.ids}
        if len(self.team_id) <= 1 and len(self.stage_id) == 1:
            # the move the button is for: the next stage of their pipeline
            pipeline = self.env["crm.stage"]._pipelines(self.team_id)[self.team_id]
            following = pipeline.filtered(
                lambda stage: _stage_key(stage) > _stage_key(self.stage_id)
            )[:1]
            if following:
                context["default_stage_id"] = following.id
        action["context"] = context
        return action

    def _gate_issue_markup(self, issues):
        return Markup("<ul>{}</ul>").format(
            Markup().join(
                Markup("<li>{}</li>").format(escape(i.message)) for i in issues
            )
        )
