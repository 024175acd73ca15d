# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings kept on the company and written together, in one write."""

from odoo import api, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    def _company_fields_together(self):
        """Names of the settings fields kept on the company under the same
        name and written in one write: not related fields, which write the
        company once per field, while a set of weights must sum to 100 when
        it is written. Each file adds its own."""
        return ()

    @api.model
    def get_values(self):
        values = super().get_values()
        company = self.env.company
        values.update({name: company[name] for name in self._company_fields_together()})
        return values

    def set_values(self):
        result = super().set_values()
        values = {name: self[name] for name in self._company_fields_together()}
        if any(self.company_id[name] != value for name, value in values.items()):
            self.company_id.write(values)
        return result
