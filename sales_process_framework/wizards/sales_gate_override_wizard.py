# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class SalesGateOverrideWizard(models.TransientModel):
    """Flexible node: move opportunities past a blocking gate, with a reason."""

    _name = "sales.gate.override.wizard"
    _description = "Override a Stage Gate"

    lead_ids = fields.Many2many("crm.lead", string="Opportunities", required=True)
    stage_id = fields.Many2one(
        "crm.stage",
        string="Move To",
        required=True,
        domain="['|', ('team_id', '=', False), ('team_id', 'in', team_ids)]",
    )
    team_ids = fields.Many2many("crm.team", compute="_compute_team_ids")
    reason = fields.Text(
        required=True,
        help="Why the customer needs this opportunity to move on; kept with the "
        "override for managers to review.",
    )
    issues_html = fields.Html(
        compute="_compute_issues_html", string="What Is Missing", sanitize=False
    )

    @api.depends("lead_ids")
    def _compute_team_ids(self):
        for wizard in self:
            wizard.team_ids = wizard.lead_ids.team_id

    @api.depends("lead_ids", "stage_id")
    def _compute_issues_html(self):
        for wizard in self:
            if not wizard.stage_id or not wizard.lead_ids:
                wizard.issues_html = False
                continue
            issues = wizard._issues()
            wizard.issues_html = Markup().join(
                Markup("<p><strong>{}</strong></p>{}").format(
                    lead.display_name, lead._gate_issue_markup(issues[lead.id])
                )
                for lead in wizard.lead_ids._origin
                if lead.id in issues
            ) or Markup("<p>{}</p>").format(self.env._("Nothing is missing."))

    def _issues(self):
        leads = self.lead_ids._origin
        return self.env["sales.gate.criterion"]._move_issues(
            [(lead, lead.stage_id, self.stage_id) for lead in leads]
        )

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("sales_process_framework.group_gate_override"):
            raise UserError(
                self.env._("Only users allowed to override stage gates can do this.")
            )
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for the override."))
        leads = self.lead_ids
        issues = self._issues()
        overrides = self.env["sales.gate.override"].create(
            [
                {
                    "lead_id": lead.id,
                    "from_stage_id": lead.stage_id.id,
                    "to_stage_id": self.stage_id.id,
                    "criterion_ids": [
                        fields.Command.set(
                            [
                                i.criterion.id
                                for i in issues.get(lead.id, [])
                                if i.criterion
                            ]
                        )
                    ],
                    "unmet_summary": "\n".join(
                        i.message for i in issues.get(lead.id, [])
                    ),
                    "reason": self.reason,
                }
                for lead in leads
            ]
        )
        leads.with_context(sales_gate_override_ids=overrides.ids).write(
            {"stage_id": self.stage_id.id}
        )
        bodies = {
            o.lead_id.id: Markup("<p>{}</p><p>{}</p>{}").format(
                self.env._("Stage gate overridden to “%s”.", self.stage_id.name),
                self.reason,
                o.lead_id._gate_issue_markup(issues.get(o.lead_id.id, [])),
            )
            for o in overrides
        }
        # sudo: the override is logged on the opportunity's chatter for everyone
        # following it, whatever the overriding user's rights on followers.
        leads.sudo()._message_log_batch(bodies=bodies)
        return {"type": "ir.actions.act_window_close"}
