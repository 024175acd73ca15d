# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The process-improvement suggestions accepted, per author."""

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from ..tools.measure_definition import MeasureDefinition

_lt = LazyTranslate(__name__)


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def definitions(self):
        definitions = super().definitions()
        definitions["suggestions_accepted"] = MeasureDefinition(
            "suggestions_accepted",
            _lt("Improvement suggestions accepted"),
            model="sales.process.suggestion",
            date_field="date_review",
            domain=(("state", "in", ("accepted", "implemented")),),
            scope_fields={
                "company": "company_id",
                "team": "team_id",
                "user": "author_id",
            },
            tags=frozenset({"scorecard"}),
            card_field="suggestions_accepted",
        )
        return definitions
