# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    account_window_months = fields.Integer(
        string="Tiering Window (Months)",
        default=12,
        help="Won revenue and deals are counted over this rolling window.",
    )
    account_ownership_rule = fields.Selection(
        [
            ("off", "Nothing"),
            ("warn", "Warn the owner"),
            ("route", "Route to the owner"),
        ],
        string="Opportunity for an Owned Customer",
        default="warn",
        required=True,
        help="When a salesperson creates an opportunity for a customer owned by "
        "another salesperson.",
    )
    account_churn_risk_days = fields.Integer(
        string="Churn Risk After (Days)",
        default=90,
        help="Key accounts without a logged activity or a win for this long.",
    )

    @api.constrains("account_window_months", "account_churn_risk_days")
    def _check_account_settings(self):
        for company in self:
            if (
                company.account_window_months <= 0
                or company.account_churn_risk_days <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The tiering window and the churn-risk days must be above 0."
                    )
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    account_window_months = fields.Integer(
        related="company_id.account_window_months", readonly=False
    )
    account_ownership_rule = fields.Selection(
        related="company_id.account_ownership_rule", readonly=False
    )
    account_churn_risk_days = fields.Integer(
        related="company_id.account_churn_risk_days", readonly=False
    )
