# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartnerChurn(models.Model):
    """Customers at risk of leaving, and why those who left did."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    churn_reason_id = fields.Many2one(
        "crm.lost.reason",
        help="Why the customer left.",
        prefetch="key_account",
    )

    @api.model
    def _action_churn_risk(self):
        """Key accounts without a win or a contact for the churn-risk days."""
        company = self.env.company
        key_tiers = self.env["sales.account.tier"].search(
            [("company_id", "=", company.id)], order="min_score desc", limit=1
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Churn Risk"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref(
                        "sales_key_accounts.res_partner_view_list_accounts"
                    ).id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": [
                ("account_tier_id", "in", key_tiers.ids),
                ("account_idle_days", ">", company.account_churn_risk_days),
            ],
        }
