# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def write(self, vals):
        res = super().write(vals)
        # a company's calendar sets the time zone of its periods when its
        # address has none
        if "tz" in vals:
            self.env.registry.clear_cache()
        return res
