# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CRM data completeness: the data the stages require, filled in time.

An opportunity's data for a stage is due the grace days of Settings after it
entered the stage. The figure of a period counts the opportunities whose data
fell due in it (and is due by now): the numerator the required fields filled,
the denominator the required fields. An opportunity that moves on before its
data is due is counted on the stage it moved to. The figure reads stored
fields only, in one grouped read for the population and one per required
field, and nothing is written when an opportunity is saved.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from ..tools.figure import Figure, scope_key
from ..tools.measure_definition import MeasureDefinition

_lt = LazyTranslate(__name__)

NUMERIC = ("integer", "float", "monetary")


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def definitions(self):
        definitions = super().definitions()
        definitions["crm_completeness"] = MeasureDefinition(
            "crm_completeness",
            _lt("CRM data completeness"),
            compute="_measure_crm_completeness",
            drill_down="_drill_crm_completeness",
            date_field="date_last_stage_update",
            domain=(("type", "=", "opportunity"),),
            unit="percent",
            tags=frozenset({"health", "scorecard"}),
        )
        return definitions

    def _completeness_stages(self):
        """{stage: its required fields} of the stages that require data."""
        stages = (
            self.env["crm.stage"]
            .sudo()
            .search([("completeness_field_ids", "!=", False)])
        )
        return {stage: stage.completeness_field_ids for stage in stages}

    def _completeness_domain(self, bounds, company, stages, domain=None):
        """Opportunities in a stage that requires data, whose data fell due
        within bounds and before now."""
        low, high = bounds
        grace = timedelta(days=company.completeness_grace_days)
        high = min(high, datetime.now().replace(microsecond=0))
        return [
            ("company_id", "in", [company.id, False]),
            ("type", "=", "opportunity"),
            ("stage_id", "in", [stage.id for stage in stages]),
            ("date_last_stage_update", ">=", low - grace),
            ("date_last_stage_update", "<", high - grace),
        ] + list(domain or [])

    @staticmethod
    def _filled(field):
        if field.ttype in NUMERIC:
            return [(field.name, ">", 0)]
        return [(field.name, "!=", False)]

    def _measure_crm_completeness(self, field, bounds, company, domain=None, **kw):
        stages = self._completeness_stages()
        if not stages:
            return {}
        population = self._completeness_domain(bounds, company, stages, domain)
        result = defaultdict(Figure)
        for scope, stage, count in self.grouped(
            "crm.lead", population, [field, "stage_id"], ["__count"]
        ):
            result[scope_key(scope)] += Figure(0, count * len(stages[stage]))
        # one read per required field, over every stage that requires it
        by_field = defaultdict(list)
        for stage, required in stages.items():
            for required_field in required:
                by_field[required_field].append(stage.id)
        for required_field, stage_ids in by_field.items():
            for scope, count in self.grouped(
                "crm.lead",
                population
                + [("stage_id", "in", stage_ids)]
                + self._filled(required_field),
                [field],
                ["__count"],
            ):
                result[scope_key(scope)] += Figure(count, 0)
        return dict(result)

    def _drill_crm_completeness(self, field, key, bounds, company, domain, **kw):
        """The opportunities whose data a completeness figure counts."""
        stages = self._completeness_stages()
        return self._completeness_domain(bounds, company, stages, domain) + [
            (field, "=", key)
        ]
