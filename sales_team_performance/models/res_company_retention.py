# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The retention window of the measure "Retained customers" and of the
commission plans' retention award."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    performance_retention_months = fields.Integer(
        string="Retention Window (Months)",
        default=12,
        help="A customer who bought within this many months before a period and "
        "buys again in it is retained in that period.",
        prefetch="sales_settings",
    )

    @api.constrains("performance_retention_months")
    def _check_performance_retention_months(self):
        for company in self:
            if company.performance_retention_months < 1:
                raise ValidationError(
                    self.env._(
                        "Retention Window must be at least one month, not %s.",
                        company.performance_retention_months,
                    )
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    performance_retention_months = fields.Integer(
        related="company_id.performance_retention_months", readonly=False
    )
