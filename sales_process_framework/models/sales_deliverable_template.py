# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The template document of a stage deliverable: the file a salesperson
downloads from the Stage Gate tab and fills in for the customer."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesDeliverableType(models.Model):
    _inherit = "sales.deliverable.type"

    template = fields.Binary(
        attachment=True,
        copy=False,
        help="The document salespeople download from the Stage Gate tab of an "
        "opportunity whose current stage requires this deliverable.",
    )
    template_name = fields.Char(string="Template File Name")
    template_version = fields.Char(
        help="The template's version, raised by whoever replaces its document."
    )

    @api.constrains("template", "template_name")
    def _check_template_name(self):
        for deliverable_type in self:
            if deliverable_type.template and not deliverable_type.template_name:
                raise ValidationError(
                    self.env._(
                        "Deliverable “%s”: the template needs a file name, with "
                        "its extension (for example proposal.docx).",
                        deliverable_type.name,
                    )
                )
