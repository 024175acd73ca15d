# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesGateOverride(models.Model):
    """A flexible node: a move past a blocking gate, with who, when and why."""

    _name = "sales.gate.override"
    _description = "Stage Gate Override"
    _order = "create_date desc, id desc"
    _inherit = ["sales.lead.child.mixin"]

    team_id = fields.Many2one(related="lead_id.team_id", store=True)
    lead_user_id = fields.Many2one(
        related="lead_id.user_id", store=True, string="Salesperson"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Overridden By",
        required=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    from_stage_id = fields.Many2one("crm.stage", string="From Stage")
    to_stage_id = fields.Many2one("crm.stage", string="To Stage", required=True)
    criterion_ids = fields.Many2many(
        "sales.gate.criterion", string="Unmet Criteria", context={"active_test": False}
    )
    unmet_summary = fields.Text(
        string="What Was Missing", help="Everything the gate reported, rules included."
    )
    reason = fields.Text(required=True)

    def _valid_for(self, leads, stage):
        """The leads this user may move to stage on the strength of these overrides.

        An override counts only for its own lead and target stage, only for the
        user who recorded it, and only while that user is in the override group.
        """
        user = self.env.user
        if not user.has_group("sales_process_framework.group_gate_override"):
            return leads.browse()
        allowed = {
            o.lead_id.id
            for o in self
            if o.to_stage_id == stage and o.create_uid == user
        }
        return leads.filtered(lambda lead: lead.id in allowed)
