# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who owned a customer when its tier changed: a tier upgrade counts for the
salesperson and team of that day, not for whoever owns the customer later."""

from odoo import api, fields, models
from odoo.tools import SQL


class SalesAccountTierHistory(models.Model):
    _inherit = "sales.account.tier.history"

    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        index="btree_not_null",
        help="The customer's salesperson when its tier changed.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        readonly=True,
        index="btree_not_null",
        help="The customer's sales team when its tier changed.",
    )

    @api.model
    def _owners(self, partner_ids):
        """{customer id: (salesperson id, the salesperson's team id)}, as they
        are now, in one query whoever reads: the owner is copied as it is."""
        if not partner_ids:
            return {}
        self.env["res.partner"].flush_model(["user_id"])
        self.env["res.users"].flush_model(["sale_team_id"])
        return {
            partner_id: (user_id or False, team_id or False)
            for partner_id, user_id, team_id in self.env.execute_query(
                SQL(
                    """
                    SELECT p.id, p.user_id, u.sale_team_id
                      FROM res_partner p
                      LEFT JOIN res_users u ON u.id = p.user_id
                     WHERE p.id = ANY(%s)
                    """,
                    list(partner_ids),
                )
            )
        }

    def _with_owners(self, vals_list):
        owners = self._owners(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        result = []
        for vals in vals_list:
            user_id, team_id = owners.get(vals.get("partner_id"), (False, False))
            result.append({"user_id": user_id, "team_id": team_id, **vals})
        return result

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(self._with_owners(vals_list))

    @api.model
    def _log_changes(self, rows):
        return super()._log_changes(self._with_owners(rows))
