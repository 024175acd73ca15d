# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesAccountTierPinWizard(models.TransientModel):
    """A manager pins customers to a tier, with a reason, until a date."""

    _name = "sales.account.tier.pin.wizard"
    _description = "Pin a Customer Tier"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    tier_id = fields.Many2one("sales.account.tier", required=True)
    reason = fields.Char(required=True)
    date_until = fields.Date(
        string="Until", help="The next re-tiering after this date scores them again."
    )

    def action_pin(self):
        self.ensure_one()
        self.partner_ids._pin_tier(self.tier_id, self.reason, self.date_until)
        return {"type": "ir.actions.act_window_close"}
