# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The forecast category of an opportunity, the salesperson's call on it.

A plain stored field (no compute on the stage or the probability, so that the
pipeline's cards and writes cost what they cost in Odoo); "closed" is not
stored: it is what won deals are, derived on display and in the figures.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

FORECAST_CATEGORIES = [
    ("pipeline", "Pipeline"),
    ("best_case", "Best case"),
    ("commit", "Commit"),
]


class CrmLead(models.Model):
    _inherit = "crm.lead"

    forecast_category = fields.Selection(
        FORECAST_CATEGORIES,
        default="pipeline",
        help="How you judge this open opportunity for the forecast of the period "
        "of its expected closing: Pipeline (may close), Best case (could close "
        "if things go well), Commit (will close). Won opportunities count as "
        "closed, lost ones are left out.",
    )
    forecast_status = fields.Selection(
        FORECAST_CATEGORIES + [("closed", "Closed")],
        string="Forecast",
        compute="_compute_forecast_status",
        help="The forecast category, or Closed for a won opportunity.",
    )

    @api.depends("forecast_category", "probability", "active")
    def _compute_forecast_status(self):
        for lead in self:
            won = lead.active and lead.probability == 100
            lead.forecast_status = (
                "closed" if won else lead.active and lead.forecast_category
            )

    @api.constrains("forecast_category")
    def _check_forecast_category(self):
        for lead in self:
            closed = not lead.active or lead.probability == 100
            if closed and lead.forecast_category not in (False, "pipeline"):
                raise ValidationError(
                    self.env._(
                        "Forecast Category: %(lead)s is already won or lost; a "
                        "won deal counts as closed and a lost one is left out. "
                        "Set the category on open opportunities only.",
                        lead=lead.display_name,
                    )
                )
