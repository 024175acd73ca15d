# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measures of the sales forecast: the pipeline expected to close in a
period, weighted by Odoo's own probability and split by forecast category.

The period bounds the opportunities' expected closing date (a date, not a
datetime): the engine's UTC bounds are turned back into the company's local
days so that a deal expected on the last day of a month counts in that month
in every time zone.
"""

from functools import partialmethod

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_process_framework.tools.figure import Figure, scope_key
from odoo.addons.sales_process_framework.tools.measure_definition import (
    MeasureDefinition,
)
from odoo.addons.sales_process_framework.tools.periods import local_day, tz_name

_lt = LazyTranslate(__name__)

# open opportunities: neither won nor lost
OPEN = (
    ("type", "=", "opportunity"),
    ("active", "=", True),
    ("probability", "<", 100),
)
# code -> (aggregate, forecast category or None for every category)
FORECAST_MEASURES = {
    "weighted_pipeline": ("prorated_revenue:sum", None),
    "forecast_pipeline": ("expected_revenue:sum", "pipeline"),
    "forecast_best_case": ("expected_revenue:sum", "best_case"),
    "forecast_commit": ("expected_revenue:sum", "commit"),
}


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def definitions(self):
        definitions = super().definitions()
        labels = {
            "weighted_pipeline": _lt("Weighted pipeline"),
            "forecast_pipeline": _lt("Pipeline (forecast category)"),
            "forecast_best_case": _lt("Best case (forecast category)"),
            "forecast_commit": _lt("Commit (forecast category)"),
        }
        for code, (aggregate, category) in FORECAST_MEASURES.items():
            definitions[code] = MeasureDefinition(
                code,
                labels[code],
                aggregate=aggregate,
                date_field=None,
                domain=OPEN
                + ((("forecast_category", "=", category),) if category else ()),
                compute=f"_measure_{code}",
                drill_down=f"_drill_{code}",
                unit="amount",
                tags=frozenset({"forecast"}),
            )
        return definitions

    def _closing_domain(self, code, bounds, company, domain):
        """Open opportunities of the measure expected to close within bounds."""
        definition = self.definition(code)
        zone = tz_name(self.env, company)
        return self.population_domain(definition, None, company, domain) + [
            ("date_deadline", ">=", local_day(bounds[0], zone)),
            ("date_deadline", "<", local_day(bounds[1], zone)),
        ]

    def _measure_closing(self, code, field, bounds, company, domain=None, **kw):
        aggregate = self.definition(code).aggregate
        return {
            scope_key(scope): Figure(total or 0.0, 1)
            for scope, total in self.grouped(
                "crm.lead",
                self._closing_domain(code, bounds, company, domain),
                [field],
                [aggregate],
            )
        }

    def _drill_closing(self, code, field, key, bounds, company, domain, **kw):
        return self._closing_domain(code, bounds, company, domain) + [(field, "=", key)]

    _measure_weighted_pipeline = partialmethod(_measure_closing, "weighted_pipeline")
    _measure_forecast_pipeline = partialmethod(_measure_closing, "forecast_pipeline")
    _measure_forecast_best_case = partialmethod(_measure_closing, "forecast_best_case")
    _measure_forecast_commit = partialmethod(_measure_closing, "forecast_commit")
    _drill_weighted_pipeline = partialmethod(_drill_closing, "weighted_pipeline")
    _drill_forecast_pipeline = partialmethod(_drill_closing, "forecast_pipeline")
    _drill_forecast_best_case = partialmethod(_drill_closing, "forecast_best_case")
    _drill_forecast_commit = partialmethod(_drill_closing, "forecast_commit")
