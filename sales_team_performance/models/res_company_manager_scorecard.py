# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The weights of the manager's scorecard, per company, in Settings."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_process_framework.tools.scoring import check_weights

# criterion -> company field of its weight
MANAGER_WEIGHTS = {
    "achievement": "manager_weight_achievement",
    "coaching": "manager_weight_coaching",
    "reviews": "manager_weight_reviews",
    "development": "manager_weight_development",
    "retention": "manager_weight_retention",
}


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    manager_weight_achievement = fields.Integer(
        string="Team Achievement Weight",
        default=40,
        prefetch="sales_settings",
    )
    manager_weight_coaching = fields.Integer(
        string="Coaching Sessions Weight",
        default=15,
        prefetch="sales_settings",
    )
    manager_weight_reviews = fields.Integer(
        string="Reviews on Time Weight",
        default=15,
        prefetch="sales_settings",
    )
    manager_weight_development = fields.Integer(
        string="Reps' Development Weight",
        default=15,
        prefetch="sales_settings",
    )
    manager_weight_retention = fields.Integer(
        string="Customer Retention Weight",
        default=15,
        prefetch="sales_settings",
    )
    manager_coaching_per_rep = fields.Float(
        string="Coaching Sessions per Salesperson and Month",
        default=1.0,
        help="A manager who holds this many coaching sessions per member of "
        "their teams and month earns all the points of coaching.",
        prefetch="sales_settings",
    )

    @api.constrains(*MANAGER_WEIGHTS.values(), "manager_coaching_per_rep")
    def _check_manager_weights(self):
        for company in self:
            check_weights(
                self.env,
                self.env._("Manager scorecard weights"),
                [company[name] for name in MANAGER_WEIGHTS.values()],
            )
            if not 0 < company.manager_coaching_per_rep <= 100:
                raise ValidationError(
                    self.env._(
                        "Coaching Sessions per Salesperson and Month: enter a "
                        "number above 0 and up to 100, not %s.",
                        company.manager_coaching_per_rep,
                    )
                )

    def _manager_weights(self):
        """{criterion: weight} of the company."""
        self.ensure_one()
        return {key: self[name] for key, name in MANAGER_WEIGHTS.items()}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    # written together: the weights must sum to 100 in one write
    manager_weight_achievement = fields.Integer(string="Team Achievement")
    manager_weight_coaching = fields.Integer(string="Coaching Sessions")
    manager_weight_reviews = fields.Integer(string="Reviews on Time")
    manager_weight_development = fields.Integer(string="Reps' Development")
    manager_weight_retention = fields.Integer(string="Customer Retention")
    manager_coaching_per_rep = fields.Float(
        string="Coaching Sessions per Salesperson and Month"
    )

    def _company_fields_together(self):
        return (
            *super()._company_fields_together(),
            *MANAGER_WEIGHTS.values(),
            "manager_coaching_per_rep",
        )
