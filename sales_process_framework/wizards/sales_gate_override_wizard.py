# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models


class SalesGateOverrideWizard(models.TransientModel):
    """Flexible node: move opportunities past a blocking gate, with a reason."""

    _name = "sales.gate.override.wizard"
    _description = "Override a Stage Gate"

    lead_ids = fields.Many2many("crm.lead", string="Opportunities", required=True)
    stage_id = fields.Many2one(
        "crm.stage",
        string="Move To",
        required=True,
        domain="['|', '|', ('team_id', 'in', team_ids), "
        "('pipeline_team_ids', 'in', team_ids), "
        "'&', ('team_id', '=', False), ('pipeline_team_ids', '=', False)]",
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
        return self.env["sales.gate.evaluator"]._move_issues(
            [(lead, lead.stage_id, self.stage_id) for lead in leads]
        )

    def action_confirm(self):
        self.ensure_one()
        leads = self.lead_ids
        overrides = self.env["sales.gate.override"]._record(
            leads, self.stage_id, self.reason, self._issues()
        )
        leads.write({"stage_id": self.stage_id.id})
        # an override the move did not need (nothing blocked) is spent all the same
        overrides.filtered(lambda o: not o.used)._mark_used()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Moved to “%(stage)s” past the gate: %(count)s override(s) "
                    "recorded with your reason.",
                    stage=self.stage_id.name,
                    count=len(overrides),
                ),
                "next": {
                    "type": "ir.actions.act_window_close",
                    "infos": {"sales_gate_overridden": True},
                },
            },
        }
