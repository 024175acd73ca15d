# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measures targets, contests and scorecards add to the engine."""

from collections import defaultdict
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_process_framework.tools.figure import Figure, scope_key
from odoo.addons.sales_process_framework.tools.measure_definition import (
    INTERACTION_SCOPES,
    MeasureDefinition,
)

_lt = LazyTranslate(__name__)
MEETING_SCOPES = {"company": "company_id", "team": "team_id", "user": "organiser_id"}

# the measures target lines and contests may count carry the tag "target"
# (their selection is the engine's selection("target")); the salesperson's
# scorecard reads those tagged "scorecard".


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"

    @api.model
    def definitions(self):
        definitions = super().definitions()
        scorecard = frozenset({"scorecard"})
        target = frozenset({"scorecard", "target"})
        interactions = {
            "model": "sales.interaction",
            "date_field": "date",
            "scope_fields": dict(INTERACTION_SCOPES),
            "lead_field": "lead_id",
            "tags": scorecard,
        }
        for definition in (
            MeasureDefinition(
                "new_leads",
                _lt("New prospects"),
                date_field="create_date",
                tags=target,
            ),
            MeasureDefinition(
                "converted",
                _lt("Prospects converted"),
                date_field="date_conversion",
                domain=(("type", "=", "opportunity"),),
                tags=frozenset({"target"}),
            ),
            MeasureDefinition(
                "new_customers",
                _lt("New customers"),
                compute="_measure_new_customers",
                date_field="date_closed",
                domain=definitions["won_count"].domain,
                tags=target,
                card_field="new_customers",
            ),
            MeasureDefinition(
                "lost_cancelled",
                _lt("Cancelled orders"),
                compute="_measure_lost_cancelled",
                date_field="date_closed",
                domain=definitions["win_rate"].domain,
                unit="percent",
                direction="lower",
                tags=scorecard,
                card_field="cancellation_rate",
            ),
            MeasureDefinition(
                "visited_customers",
                _lt("Customers visited"),
                compute="_measure_visited_customers",
                domain=(("kind", "=", "visit"),),
                **interactions,
            ),
            MeasureDefinition(
                "new_customer_visits",
                _lt("Visits to new customers"),
                compute="_measure_new_customer_visits",
                domain=(("kind", "=", "visit"),),
                card_field="new_customer_visits",
                **interactions,
            ),
            MeasureDefinition(
                "penetration",
                _lt("Customer penetration"),
                compute="_measure_penetration",
                date_field="date_closed",
                domain=definitions["won_count"].domain,
                unit="percent",
                tags=scorecard,
                card_field="penetration",
            ),
            # sales meetings: held by their organiser, and their action
            # items done by their deadline
            MeasureDefinition(
                "meetings_held",
                _lt("Sales meetings held"),
                model="sales.meeting",
                date_field="date",
                domain=(("state", "=", "held"),),
                scope_fields=MEETING_SCOPES,
            ),
            MeasureDefinition(
                "meeting_actions_on_time",
                _lt("Action items done on time"),
                model="sales.meeting.action",
                date_field="meeting_date",
                domain=(("state", "!=", "draft"),),
                split="done_on_time",
                weight=bool,
                denominator="__count",
                unit="percent",
                scope_fields={**MEETING_SCOPES, "user": "user_id"},
            ),
            # rewards retention beside new customers (the guide, 4.3)
            MeasureDefinition(
                "retained_customers",
                _lt("Retained customers"),
                # the figure counts customers: it opens them
                model="res.partner",
                compute="_measure_retained_customers",
                drill_down="_drill_retained_customers",
                date_field=None,
                tags=target,
            ),
        ):
            definitions[definition.code] = definition
        return definitions

    # What targets and contests count, and which way is better: one place for
    # both ---------------------------------------------------------------------
    @api.private
    @api.model
    def target_value(self, code, figure, no_data=0.0):
        """The figure of a measure as targets and contests count it: the count
        or amount (numerator, 0 without records), or the ratio of a measure
        whose definition has a denominator (cost per visit) or whose unit is
        percent, ``no_data`` when nothing gives it a denominator."""
        if self.is_ratio(code):
            if not figure or not figure.denominator:
                return no_data
            scale = 100.0 if self.definition(code).unit == "percent" else 1.0
            return figure.value(scale)
        return figure.numerator if figure else 0.0

    @api.private
    @api.model
    def is_ratio(self, code):
        """Whether a target of the measure is a ratio (see target_value): it
        does not add up over the period, so its projection is its value."""
        definition = self.definition(code)
        return definition.unit == "percent" or bool(
            definition.declarative and definition.denominator
        )

    @api.private
    @api.model
    def lower_is_better(self, code):
        """Whether less of the measure is better (cost per visit), as its
        definition says."""
        return bool(code) and self.definition(code).direction == "lower"

    @api.private
    @api.model
    def achievement(self, code, achieved, target):
        """Achieved as a share of the target in %, more always better: for a
        measure where lower is better, the target over what was achieved; 0
        without a target or, lower being better, without data."""
        if not target:
            return 0.0
        if self.lower_is_better(code):
            return 100.0 * target / achieved if achieved else 0.0
        return 100.0 * achieved / target

    def period_targets(self, field, bounds, company, target):
        """Revenue targets of the target plans, prorated to the period."""
        targets = super().period_targets(field, bounds, company, target)
        if field not in ("user_id", "team_id", "company_id"):
            return targets
        found = self.env["sales.target.line"]._target_amounts(
            "won_revenue", field, bounds, company
        )
        return {**targets, **found}

    def _first_wins(self, company, bounds, domain):
        """Customers whose first win falls in the period."""
        low, high = bounds
        return [
            partner.id
            for partner, first in self.grouped(
                "crm.lead",
                self.won_domain(company)
                + [("date_closed", "<", high), ("partner_id", "!=", False)]
                + domain,
                ["partner_id"],
                ["date_closed:min"],
            )
            if first and first >= low
        ]

    def _measure_new_customers(self, field, bounds, company, domain=None, **kw):
        """Customers won for the first time in the period (numerator)."""
        domain = list(domain or [])
        result = defaultdict(Figure)
        new = self._first_wins(company, bounds, domain)
        if not new:
            return {}
        for scope, _partner in self.grouped(
            "crm.lead",
            self.won_domain(company, bounds) + [("partner_id", "in", new)] + domain,
            [field, "partner_id"],
            [],
        ):
            result[scope_key(scope)] += Figure(1, 1)
        return dict(result)

    def _measure_lost_cancelled(self, field, bounds, company, domain=None, **kw):
        """Orders cancelled (lost for a cancellation reason) among closed deals."""
        result = defaultdict(Figure)
        for scope, active, reason, count in self.grouped(
            "crm.lead",
            self.closed_domain(company, bounds) + list(domain or []),
            [field, "active", "lost_reason_id"],
            ["__count"],
        ):
            cancelled = not active and reason and reason.is_cancellation
            result[scope_key(scope)] += Figure(count if cancelled else 0, count)
        return dict(result)

    # Customer interactions -------------------------------------------------
    def _measure_visited_customers(self, field, bounds, company, domain=None, **kw):
        """Customers visited in the period (numerator), per scope."""
        customers = defaultdict(set)
        for scope, partner in self._visits_by_customer(field, bounds, company, domain):
            customers[scope_key(scope)].add(partner.id)
        return {key: Figure(len(found), 1) for key, found in customers.items()}

    def _measure_new_customer_visits(self, field, bounds, company, domain=None, **kw):
        """Visits of the period to customers without a win before it."""
        rows = self._visits_by_customer(field, bounds, company, domain, ["__count"])
        known = self.won_customers(
            "company_id", (datetime(1970, 1, 1), bounds[0]), company
        ).get(company.id, set())
        result = defaultdict(Figure)
        for scope, partner, count in rows:
            if partner.id not in known:
                result[scope_key(scope)] += Figure(count, 0)
        return {key: Figure(figure.numerator, 1) for key, figure in result.items()}

    def _visits_by_customer(self, field, bounds, company, domain, aggregates=()):
        definition = self.definition("activity_visit")
        return self.grouped(
            definition.model,
            self.population_domain(definition, bounds, company, domain)
            + [("partner_id", "!=", False)],
            [field, "partner_id"],
            list(aggregates),
        )

    # Retention ----------------------------------------------------------------
    def _retained(self, field, bounds, company, domain=None):
        """{customer id: (scope key, retained)} of the customers who had bought
        within the company's retention window before the period: retained when
        they bought again in the period. The engine's retention rule, so a
        customer counts for whoever had it at its last win before the period."""
        domain = list(domain or [])
        window = relativedelta(months=company.performance_retention_months)
        active = self.retention_customers(field, bounds, company, domain, window)
        if not active:
            return {}
        buyers = set().union(
            *self.won_customers(
                "company_id",
                bounds,
                company,
                domain + [("partner_id", "in", list(active))],
            ).values()
        )
        return {
            partner_id: (key, partner_id in buyers)
            for partner_id, (key, _kept) in active.items()
        }

    def _measure_retained_customers(self, field, bounds, company, domain=None, **kw):
        """Customers retained in the period (numerator) among the customers
        who had bought within the window before it (denominator)."""
        result = defaultdict(Figure)
        for key, retained in self._retained(field, bounds, company, domain).values():
            result[key] += Figure(1 if retained else 0, 1)
        return dict(result)

    def _drill_retained_customers(self, field, key, bounds, company, domain, **kw):
        """The customers behind the figure: those retained for the scope."""
        return [
            (
                "id",
                "in",
                sorted(
                    partner_id
                    for partner_id, (scope, retained) in self._retained(
                        field, bounds, company, domain
                    ).items()
                    if scope == key and retained
                ),
            )
        ]

    # Customer base -----------------------------------------------------------
    def _measure_penetration(self, field, bounds, company, domain=None, **kw):
        """Assigned customers who bought in the period, among all assigned."""
        owner = {"user_id": "user_id", "team_id": "team_id"}.get(field)
        if not owner:
            return {}
        assigned = defaultdict(set)
        for partner in (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                [
                    (owner, "!=", False),
                    ("company_id", "in", [company.id, False]),
                    ("is_company", "=", True),
                ],
                [owner],
            )
        ):
            assigned[partner[owner].id].add(partner.id)
        buyers = self.won_customers(field, bounds, company, domain)
        commercial = {}
        if buyers:
            partners = (
                self.env["res.partner"].sudo().browse(set().union(*buyers.values()))
            )
            commercial = {p.id: p.commercial_partner_id.id for p in partners}
        return {
            key: Figure(
                len(customers & {commercial[p] for p in buyers.get(key, ())}),
                len(customers),
            )
            for key, customers in assigned.items()
        }
