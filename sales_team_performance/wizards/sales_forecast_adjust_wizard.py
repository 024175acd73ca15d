# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The manager adjusts a forecast: the new amount and the reason."""

from odoo import fields, models


class SalesForecastAdjustWizard(models.TransientModel):
    _name = "sales.forecast.adjust.wizard"
    _description = "Adjust a Sales Forecast"

    forecast_id = fields.Many2one("sales.forecast", required=True, readonly=True)
    currency_id = fields.Many2one(related="forecast_id.currency_id")
    amount = fields.Monetary(string="Adjusted Forecast", required=True)
    reason = fields.Text(string="Reason of the Adjustment", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.forecast_id.action_adjust(self.amount, self.reason)
        return {"type": "ir.actions.act_window_close"}
