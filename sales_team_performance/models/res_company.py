# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    performance_pace_threshold = fields.Float(
        string="Pace Warning Below (%)",
        default=90.0,
        help="Warn when the achievement projected at period end falls below "
        "this share of the target.",
        prefetch="sales_settings",
    )
    performance_pace_min_elapsed = fields.Float(
        string="Warn After (% of Period)",
        default=20.0,
        help="No pace warning before this share of the period has passed: early "
        "run rates say little.",
        prefetch="sales_settings",
    )
    performance_review_interval = fields.Integer(
        string="Review Every (Weeks)",
        default=2,
        help="A performance review is scheduled for every salesperson this often.",
        prefetch="sales_settings",
    )

    @api.constrains(
        "performance_pace_threshold",
        "performance_pace_min_elapsed",
        "performance_review_interval",
    )
    def _check_performance_settings(self):
        for company in self:
            if not 0 < company.performance_pace_threshold <= 200:
                raise ValidationError(
                    self.env._(
                        "Pace Warning Below must be between 0 and 200%%, not %s.",
                        company.performance_pace_threshold,
                    )
                )
            if not 0 <= company.performance_pace_min_elapsed < 100:
                raise ValidationError(
                    self.env._("Warn After must be between 0 and 100% of the period.")
                )
            if company.performance_review_interval < 1:
                raise ValidationError(
                    self.env._("Review Every must be at least one week.")
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    performance_pace_threshold = fields.Float(
        related="company_id.performance_pace_threshold", readonly=False
    )
    performance_pace_min_elapsed = fields.Float(
        related="company_id.performance_pace_min_elapsed", readonly=False
    )
    performance_review_interval = fields.Integer(
        related="company_id.performance_review_interval", readonly=False
    )
