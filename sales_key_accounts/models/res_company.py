# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The playbook's tiers with their policies and the scorecard, shipped as data
# for the first company; every other company starts from copies of them.
ACCOUNT_DEFAULTS = {
    "sales.account.tier": ("tier_key_account", "tier_a", "tier_b", "tier_c"),
    "sales.account.score.factor": (
        "factor_revenue",
        "factor_deals",
        "factor_recency",
        "factor_potential",
        "factor_growth",
    ),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    account_window_months = fields.Integer(
        string="Tiering Window (Months)",
        default=12,
        help="Won revenue and deals are counted over this rolling window.",
        prefetch="sales_settings",
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
        prefetch="sales_settings",
    )
    account_churn_risk_days = fields.Integer(
        string="Churn Risk After (Days)",
        default=90,
        help="Key accounts without a logged activity or a win for this long.",
        prefetch="sales_settings",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._create_account_defaults()
        return companies

    def _create_account_defaults(self):
        """Give the companies without tiers (or without a scorecard) copies of
        the shipped ones, in every language, to adapt as they like."""
        for model, names in ACCOUNT_DEFAULTS.items():
            # sudo: the shipped records belong to the installing company, which
            # the user creating a company may not see; only copies are written,
            # each for a company of self, and nothing is returned to the caller
            records = self.env[model].sudo()
            shipped = records.browse(
                [
                    record.id
                    for name in names
                    if (
                        record := self.env.ref(
                            f"sales_key_accounts.{name}", raise_if_not_found=False
                        )
                    )
                ]
            )
            covered = records.search([("company_id", "in", self.ids)]).company_id
            for company in self - covered:
                shipped.copy({"company_id": company.id})

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
