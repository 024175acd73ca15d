# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measure of the pilots' customer surveys."""

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from ..tools.measure_definition import MeasureDefinition
from .sales_measure import nps_weight

_lt = LazyTranslate(__name__)


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"

    @api.private
    @api.model
    def definitions(self):
        definitions = super().definitions()
        # the pilot's NPS: % promoters - % detractors among its survey
        # answers, by pilot, team, salesperson or company
        definition = MeasureDefinition(
            "pilot_nps",
            _lt("Pilot customers' NPS"),
            model="sales.pilot.nps",
            split="score",
            weight=nps_weight,
            denominator="__count",
            unit="score",
            date_field="date",
            scope_fields={
                "company": "company_id",
                "team": "team_id",
                "user": "user_id",
                "pilot": "version_id",
            },
        )
        definitions[definition.code] = definition
        return definitions
