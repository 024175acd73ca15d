# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The key-account measures, added to the registry of the measurement engine.

Account plans, reviews and the retention report read their figures through
the engine's public API (``compute``), with its periods, scopes and one
definition of a won deal and of the net promoter score, rather than each
counting on its own.
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_process_framework.tools.figure import Figure
from odoo.addons.sales_process_framework.tools.measure_definition import (
    MeasureDefinition,
)

_lt = LazyTranslate(__name__)


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"

    @api.model
    def definitions(self):
        return {
            **super().definitions(),
            **{
                d.code: d
                for d in (
                    MeasureDefinition(
                        "account_retention",
                        _lt("Customer retention"),
                        # the figure counts customers: it opens them
                        model="res.partner",
                        compute="_measure_account_retention",
                        drill_down="_drill_account_retention",
                        date_field=None,
                        unit="percent",
                    ),
                    MeasureDefinition(
                        "pipeline_count",
                        _lt("Opportunities in the pipeline"),
                        date_field=None,
                        domain=(("active", "=", True),),
                    ),
                    # the team plan's targets (chapter 2): upgrade customers to
                    # a higher tier, lower the cost per visit
                    MeasureDefinition(
                        "tier_upgrades",
                        _lt("Customers upgraded to a higher tier"),
                        model="sales.account.tier.history",
                        date_field="date",
                        domain=(("direction", "=", "up"),),
                        aggregate="partner_id:count_distinct",
                        scope_fields={
                            "company": "company_id",
                            "team": "team_id",
                            "user": "user_id",
                            "customer": "partner_id",
                        },
                        tags=frozenset({"target"}),
                    ),
                    MeasureDefinition(
                        "cost_per_visit",
                        _lt("Cost per visit"),
                        model="sales.account.visit",
                        date_field="date",
                        domain=(("state", "=", "done"), ("method", "=", "visit")),
                        aggregate="cost:sum",
                        denominator="__count",
                        scope_fields={
                            "company": "company_id",
                            "team": "team_id",
                            "user": "user_id",
                            "customer": "partner_id",
                        },
                        unit="amount",
                        direction="lower",
                        tags=frozenset({"target"}),
                    ),
                    MeasureDefinition(
                        "new_contacts",
                        _lt("New contacts"),
                        model="res.partner",
                        date_field="create_date",
                        domain=(("parent_id", "!=", False),),
                        # a contact counts for the customer it works at
                        scope_fields={"customer": "parent_id"},
                    ),
                )
            },
        }

    def _measure_account_retention(self, field, bounds, company, domain=None, **kw):
        """Customers kept over the period, among those active at its start
        (see _retention_customers)."""
        result = defaultdict(Figure)
        for key, kept in self._retention_customers(
            field, bounds, company, domain
        ).values():
            result[key] += Figure(kept, 1)
        return dict(result)

    def _drill_account_retention(self, field, key, bounds, company, domain, **kw):
        """The customers behind a retention figure: those active at the start
        that counted for the scope."""
        return [
            (
                "id",
                "in",
                sorted(
                    partner_id
                    for partner_id, (scope, _kept) in self._retention_customers(
                        field, bounds, company, domain
                    ).items()
                    if scope == key
                ),
            )
        ]

    def _retention_customers(self, field, bounds, company, domain=None):
        """{customer id: (scope key, kept)}: the engine's retention rule (see
        retention_customers) over the company's tiering window."""
        return self.retention_customers(
            field,
            bounds,
            company,
            domain,
            window=relativedelta(months=company.account_window_months),
        )
