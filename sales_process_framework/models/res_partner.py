# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        res = super().write(vals)
        # a company's address sets the time zone its periods are cut in
        if "tz" in vals and self.env["res.company"].sudo().search_count(
            [("partner_id", "in", self.ids)], limit=1
        ):
            self.env.registry.clear_cache()
        return res
