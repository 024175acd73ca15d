# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who owned a customer when its tier changed: a tier upgrade counts for the
salesperson and team of that day, not for whoever owns the customer later."""

from odoo import api, fields, models


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

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        # sudo: the owner is copied as it is, whoever runs the re-tiering
        owners = {
            partner.id: (partner.user_id.id, partner.user_id.sale_team_id.id)
            for partner in partners.sudo()
        }
        for vals in vals_list:
            user_id, team_id = owners.get(vals.get("partner_id"), (False, False))
            vals.setdefault("user_id", user_id)
            vals.setdefault("team_id", team_id)
        return super().create(vals_list)
