# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import RedirectWarning, UserError

from .res_company import SPIN_TYPES

# How many blocked opportunities one refusal lists before summing up the rest.
MAX_LISTED = 10


class CrmLead(models.Model):
    _inherit = "crm.lead"

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
    gate_exit_total = fields.Integer(
        compute="_compute_gate_progress", string="Exit Criteria"
    )
    gate_exit_done = fields.Integer(
        compute="_compute_gate_progress", string="Exit Criteria Met"
    )
    gate_status_html = fields.Html(
        compute="_compute_gate_progress", string="Gate Status", sanitize=False
    )
    stage_guidance = fields.Text(related="stage_id.requirements", string="Guidance")
    deliverable_ids = fields.One2many(
        "crm.lead.deliverable", "lead_id", string="Deliverables"
    )
    gate_override_ids = fields.One2many(
        "sales.gate.override", "lead_id", string="Gate Overrides"
    )
    # Rotting
    idle_days = fields.Integer(
        compute="_compute_idle",
        help="Days since the last stage change, logged activity or message.",
    )
    is_rotting = fields.Boolean(
        compute="_compute_idle",
        help="Idle in its stage for longer than the stage's rotting days.",
    )
    # SPIN needs diagnosis
    spin_question_ids = fields.One2many(
        "crm.lead.spin.question", "lead_id", string="SPIN Questions"
    )
    spin_target = fields.Char(
        string="Customer's Target",
        tracking=True,
        help="The result the customer states in the need-payoff answers, "
        "e.g. '+15% line efficiency'.",
    )
    spin_status = fields.Char(compute="_compute_spin", string="SPIN Status")
    spin_met = fields.Boolean(compute="_compute_spin", string="SPIN Standard Met")

    @api.depends(
        "stage_id",
        "team_id",
        "gate_checked_ids",
        "deliverable_ids.state",
        "spin_question_ids.answer",
        "spin_target",
    )
    @api.depends_context("lang")
    def _compute_gate_progress(self):
        # A record being edited shows where its saved version stands.
        saved = self._origin.filtered("id")
        progress = self.env["sales.gate.criterion"]._progress_by_lead(saved)
        empty = self.env["sales.gate.criterion"]
        for lead in self:
            criteria, met = progress.get(lead._origin.id, (empty, empty))
            lead.gate_exit_total = len(criteria)
            lead.gate_exit_done = len(met)
            lead.gate_status_html = lead._gate_status_markup(criteria, met)

    def _gate_status_markup(self, criteria, met):
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

    def _compute_idle(self):
        now = fields.Datetime.now()
        real = self._origin.filtered("id")
        # One grouped query for the last message or done activity of every lead.
        last_touch = (
            dict(
                self.env["mail.message"]
                .sudo()
                ._read_group(
                    [
                        ("model", "=", "crm.lead"),
                        ("res_id", "in", real.ids),
                        "|",
                        ("message_type", "in", ["comment", "email"]),
                        ("mail_activity_type_id", "!=", False),
                    ],
                    ["res_id"],
                    ["date:max"],
                )
            )
            if real
            else {}
        )
        for lead in self:
            since = max(
                filter(
                    None, [lead.date_last_stage_update, last_touch.get(lead._origin.id)]
                ),
                default=None,
            )
            lead.idle_days = (now - since).days if since else 0
            limit = lead.stage_id.rotting_days
            lead.is_rotting = bool(
                limit
                and lead.active
                and not lead.stage_id.is_won
                and lead.idle_days > limit
            )

    @api.depends(
        "spin_question_ids.answer", "spin_question_ids.question_type", "spin_target"
    )
    @api.depends_context("lang")
    def _compute_spin(self):
        summary = self._origin.filtered("id")._spin_summary()
        for lead in self:
            info = summary.get(lead._origin.id) or lead._spin_info({})
            lead.spin_status = info["status"]
            lead.spin_met = info["met"]

    def _spin_summary(self):
        """{lead id: {"met", "gap", "status", "counts"}}: one grouped query."""
        counts = {}
        for lead, question_type, count in (
            self.env["crm.lead.spin.question"]
            .sudo()
            ._read_group(
                [("lead_id", "in", self.ids), ("answer", "!=", False)],
                ["lead_id", "question_type"],
                ["__count"],
            )
        ):
            counts.setdefault(lead.id, {})[question_type] = count
        return {lead.id: lead._spin_info(counts.get(lead.id, {})) for lead in self}

    def _spin_info(self, counts):
        self.ensure_one()
        standard = (self.company_id or self.env.company)._spin_standard()
        labels = dict(
            self.env["crm.lead.spin.question"]
            ._fields["question_type"]
            ._description_selection(self.env)
        )
        gaps, status = [], []
        for spin_type in SPIN_TYPES:
            low, _high = standard[spin_type]
            have = counts.get(spin_type, 0)
            status.append(f"{labels[spin_type]} {have}/{low}")
            if have < low:
                gaps.append(
                    self.env._(
                        "%(count)s more %(type)s question(s)",
                        count=low - have,
                        type=labels[spin_type],
                    )
                )
        if not self.spin_target:
            gaps.append(self.env._("the customer's target is not stated"))
        return {
            "met": not gaps,
            "gap": ", ".join(gaps),
            "status": " · ".join(status),
            "counts": counts,
        }

    # ------------------------------------------------------------------
    # Enforcement: every stage change goes through write or create.
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._enforce_gates(
            {lead.id: self.env["crm.stage"] for lead in leads}, created=True
        )
        return leads

    def write(self, vals):
        moving = "stage_id" in vals
        losing = "active" in vals and not vals["active"]
        if not self or not (moving or losing):
            return super().write(vals)
        before = {lead.id: lead.stage_id for lead in self}
        active_before = self.filtered("active")
        res = super().write(vals)
        if moving:
            self._enforce_gates(before)
        if losing:
            active_before._enforce_lost_gates()
        return res

    def action_set_lost(self, **additional_values):
        # Odoo archives first and writes the lost reason after; write the values
        # first so that "when lost" criteria see them.
        if additional_values:
            self.write(dict(additional_values))
        return super().action_set_lost(**additional_values)

    def _gate_enforced(self):
        return self.filtered(
            lambda lead: (lead.company_id or self.env.company).sales_gate_enforcement
        )

    def _enforce_gates(self, stage_before, created=False):
        """Refuse or annotate the stage changes of these leads.

        :param stage_before: {lead id: stage before the change (empty on create)}
        :param created: the leads are being created (nothing to override yet)
        """
        leads = self._gate_enforced().filtered(
            lambda lead: lead.stage_id and lead.stage_id != stage_before.get(lead.id)
        )
        if not leads:
            return
        Criterion = self.env["sales.gate.criterion"]
        moves = [(lead, stage_before.get(lead.id), lead.stage_id) for lead in leads]
        issues = Criterion._move_issues(moves)
        blocked = leads.filtered(
            lambda lead: any(i.mode == "block" for i in issues.get(lead.id, []))
        )
        # sudo: overrides are looked up only to check them against this user
        overrides = (
            self.env["sales.gate.override"]
            .sudo()
            .browse(self.env.context.get("sales_gate_override_ids", []))
            .exists()
        )
        for stage in blocked.stage_id:
            in_stage = blocked.filtered(lambda lead, s=stage: lead.stage_id == s)
            refused = in_stage - overrides._valid_for(in_stage, stage)
            if refused:
                self._raise_gate_refusal(
                    refused, stage, issues, offer_override=not created
                )
        warned = {
            lead.id: [i for i in issues[lead.id] if i.mode == "warn"]
            for lead in leads - blocked
            if lead.id in issues
        }
        leads._log_gate_warnings({k: v for k, v in warned.items() if v})

    def _enforce_lost_gates(self):
        leads = self._gate_enforced()
        issues = self.env["sales.gate.criterion"]._lost_issues(leads)
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

    def _gate_refusal_text(self, leads, issues, title):
        parts = [title]
        for lead in leads[:MAX_LISTED]:
            missing = [i.message for i in issues[lead.id] if i.mode == "block"]
            parts.append(
                "\n".join(
                    [f"“{lead.display_name}”:"]
                    + [f"  • {message}" for message in missing]
                )
            )
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
                },
            )
        raise UserError(message)

    def _log_gate_warnings(self, warnings):
        if not warnings:
            return
        bodies = {
            lead_id: Markup("<p>{}</p><ul>{}</ul>").format(
                self.env._("Stage gate warning: moved with missing items"),
                Markup().join(
                    Markup("<li>{}</li>").format(i.message) for i in lead_issues
                ),
            )
            for lead_id, lead_issues in warnings.items()
        }
        self.browse(list(bodies)).sudo()._message_log_batch(bodies=bodies)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_gate_override(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_process_framework.sales_gate_override_wizard_action"
        )
        action["context"] = {"default_lead_ids": self.ids}
        return action

    def _gate_issue_markup(self, issues):
        return Markup("<ul>{}</ul>").format(
            Markup().join(
                Markup("<li>{}</li>").format(escape(i.message)) for i in issues
            )
        )
