# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company's forecasting settings: the period forecast and the reminder."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sales_forecast import FORECAST_PERIODS


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    forecast_period = fields.Selection(
        FORECAST_PERIODS,
        default="month",
        required=True,
        help="Salespeople submit a forecast for each month, or each quarter.",
        prefetch="sales_settings",
    )
    forecast_reminder_days = fields.Integer(
        string="Forecast Reminder (Days Before)",
        default=3,
        help="This many days before a period starts, its forecasts are "
        "prepared and whoever has not submitted gets a reminder.",
        prefetch="sales_settings",
    )

    @api.constrains("forecast_reminder_days")
    def _check_forecast_reminder_days(self):
        for company in self:
            if not 0 <= company.forecast_reminder_days <= 31:
                raise ValidationError(
                    self.env._(
                        "Forecast Reminder: %(days)s days is out of range. Enter "
                        "between 0 and 31 days.",
                        days=company.forecast_reminder_days,
                    )
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    forecast_period = fields.Selection(
        related="company_id.forecast_period", readonly=False
    )
    forecast_reminder_days = fields.Integer(
        related="company_id.forecast_reminder_days", readonly=False
    )
