# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measurement engine: a number for many scopes over one period.

Every figure of the suite (process health, pilot comparison, scorecards,
targets, contests, commissions, key-account scores) is asked of this
service through its public API:

- ``definitions()`` / ``selection(tag)``: the registry of measures, one
  declarative definition each (see ``tools/measure_definition.py``); each
  addon extends it by overriding ``definitions()``;
- ``compute(code, scope, start, end, company, domain, **params)``:
  {scope key: Figure} for one measure, one scope level and one period, in
  grouped queries; numerator and denominator per scope, so that ratios add up
  honestly and "no data" (denominator 0) differs from zero;
- ``drill_down(code, scope, key, start, end, company, domain)``: the window
  action on the records behind one figure;
- the one definition of won, lost, closed, NPS and churned customers
  (``won_domain``, ``lost_domain``, ``closed_domain``, ``nps_weight``,
  ``buyers``, ``churned`` and ``retention_customers``, whose window is the
  period's length for churn and the tiering window for key accounts), and
  ``bounds``, ``grouped``, ``band``.

Periods are local days [start, end) in the company's time zone.
"""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

# Kept importable from here while callers move to the tools package.
from ..tools.figure import Figure, scope_key
from ..tools.measure_definition import (
    INTERACTION_SCOPES,
    LEAD_SCOPES,
    MeasureDefinition,
)
from ..tools.periods import (  # noqa: F401
    PERIODS,
    local_day,
    period_bounds,
    period_start,
    period_step,
    today_in,
    tz_name,
    utc_bounds,
)

_lt = LazyTranslate(__name__)

SCOPES = [("company", "Company"), ("team", "Sales Team"), ("user", "Salesperson")]
SCOPE_FIELDS = LEAD_SCOPES

# The one definition of each outcome of an opportunity; the period bounds
# its closing date.
CLOSED = (("type", "=", "opportunity"),)
WON = CLOSED + (("active", "=", True), ("probability", "=", 100))
LOST = CLOSED + (("active", "=", False),)
# Closed opportunities summarised at once by the needs-match measure: the
# records of a chunk leave the cache before the next.
NEEDS_MATCH_CHUNK = 5000


def nps_weight(score):
    """+1 for a promoter (9-10), -1 for a detractor (0-6), 0 for a passive."""
    score = int(score)
    return 1 if score >= 9 else -1 if score <= 6 else 0


class SalesMeasure(models.AbstractModel):
    _name = "sales.measure"
    _description = "Sales Measurement Engine"

    # The engine is a service of the server's code: it reads across records
    # whatever its callers' rules allow them to show, so none of its methods
    # is callable over RPC (@api.private).

    # Registry ------------------------------------------------------------
    @api.private
    @api.model
    def definitions(self):
        """{code: MeasureDefinition} of every measure; addons extend it by
        overriding this method and adding their definitions to super()'s."""
        closed = {"date_field": "date_closed", "domain": CLOSED}
        won = {"date_field": "date_closed", "domain": WON}
        created = {"date_field": "create_date"}
        health = frozenset({"health"})
        # health metrics that the scorecard reads and targets may count
        health_target = frozenset({"health", "scorecard", "target"})
        # customer interactions (visits, calls...): each counts once, however
        # it was recorded; a breakdown on opportunities applies to their own
        interactions = {
            "model": "sales.interaction",
            "date_field": "date",
            "scope_fields": dict(INTERACTION_SCOPES),
            "lead_field": "lead_id",
        }
        scorecard = frozenset({"scorecard"})
        # measures of the scorecard that targets and contests may also count
        target = frozenset({"scorecard", "target"})
        return {
            d.code: d
            for d in (
                MeasureDefinition(
                    "activity_visit",
                    _lt("Visits"),
                    domain=(("kind", "=", "visit"),),
                    tags=target,
                    card_field="visits",
                    **interactions,
                ),
                MeasureDefinition(
                    "activity_call",
                    _lt("Calls"),
                    domain=(("kind", "=", "call"),),
                    tags=target,
                    card_field="calls",
                    **interactions,
                ),
                MeasureDefinition(
                    "activity_proposal",
                    _lt("Proposals and demos"),
                    domain=(("kind", "=", "proposal"),),
                    tags=frozenset({"target"}),
                    **interactions,
                ),
                MeasureDefinition(
                    "activity_non_selling",
                    _lt("Non-selling activities"),
                    domain=(("kind", "=", "non_selling"),),
                    direction="lower",
                    tags=scorecard,
                    card_field="non_selling",
                    **interactions,
                ),
                MeasureDefinition(
                    "conversion",
                    _lt("Lead to opportunity conversion"),
                    split="type",
                    weight=lambda lead_type: lead_type == "opportunity",
                    denominator="__count",
                    unit="percent",
                    tags=health,
                    **created,
                ),
                MeasureDefinition(
                    "win_rate",
                    _lt("Opportunity win rate"),
                    split="active",
                    weight=bool,
                    denominator="__count",
                    unit="percent",
                    tags=health | scorecard,
                    card_field="win_rate",
                    **closed,
                ),
                MeasureDefinition(
                    "revenue_achievement",
                    _lt("Revenue achievement"),
                    compute="_measure_revenue_achievement",
                    unit="percent",
                    tags=health,
                    **won,
                ),
                MeasureDefinition(
                    "repurchase",
                    _lt("Repurchase rate"),
                    compute="_measure_repurchase",
                    unit="percent",
                    tags=health,
                    **won,
                ),
                MeasureDefinition(
                    "cycle",
                    _lt("Average sales cycle"),
                    aggregate="day_close:sum",
                    denominator="__count",
                    unit="days",
                    direction="lower",
                    tags=health,
                    **won,
                ),
                MeasureDefinition(
                    "node_completion",
                    _lt("Node completion rate"),
                    compute="_measure_node_completion",
                    drill_down="_drill_stage_exits",
                    date_field="date_last_stage_update",
                    unit="percent",
                    tags=health,
                ),
                MeasureDefinition(
                    "needs_match",
                    _lt("Needs match rate"),
                    compute="_measure_needs_match",
                    unit="percent",
                    tags=health,
                    **closed,
                ),
                MeasureDefinition(
                    "nps",
                    _lt("Net promoter score"),
                    split="nps_score",
                    weight=nps_weight,
                    denominator="__count",
                    unit="score",
                    tags=health,
                    date_field="date_closed",
                    domain=CLOSED + (("nps_score", "!=", False),),
                ),
                MeasureDefinition(
                    "first_response",
                    _lt("First-response time"),
                    aggregate="first_response_hours:sum",
                    denominator="__count",
                    unit="hours",
                    direction="lower",
                    tags=health,
                    date_field="create_date",
                    domain=(("first_response_date", "!=", False),),
                ),
                MeasureDefinition(
                    "stage_time",
                    _lt("Average time in stage"),
                    compute="_measure_stage_time",
                    drill_down="_drill_stage_exits",
                    date_field=None,
                    unit="days",
                    direction="lower",
                    tags=health,
                ),
                MeasureDefinition(
                    "stage_pass",
                    _lt("Stage pass rate"),
                    compute="_measure_stage_pass",
                    drill_down="_drill_stage_exits",
                    date_field=None,
                    unit="percent",
                    tags=health,
                ),
                MeasureDefinition(
                    "won_revenue",
                    _lt("Won revenue"),
                    aggregate="expected_revenue:sum",
                    unit="amount",
                    tags=health_target,
                    card_field="revenue",
                    **won,
                ),
                MeasureDefinition(
                    "won_count",
                    _lt("Won deals"),
                    tags=health_target,
                    card_field="won_count",
                    **won,
                ),
                MeasureDefinition(
                    "last_win_age",
                    _lt("Days since the last win"),
                    compute="_measure_last_win_age",
                    unit="days",
                    direction="lower",
                    tags=health,
                    **won,
                ),
                MeasureDefinition(
                    "churn",
                    _lt("Churn rate"),
                    compute="_measure_churn",
                    unit="percent",
                    direction="lower",
                    tags=scorecard,
                    card_field="churn_rate",
                    **won,
                ),
                MeasureDefinition(
                    "open_pipeline",
                    _lt("Open pipeline"),
                    compute="_measure_open_pipeline",
                    date_field=None,
                    domain=(
                        ("type", "=", "opportunity"),
                        ("active", "=", True),
                        ("probability", "<", 100),
                    ),
                    unit="amount",
                    tags=health,
                ),
            )
        }

    @api.private
    @api.model
    def definition(self, code):
        """The definition of one measure; a UserError names unknown codes."""
        found = self.definitions().get(code)
        if not found:
            raise UserError(
                self.env._(
                    "Measure: %(code)s is not a measure of the suite. Choose one "
                    "of: %(codes)s.",
                    code=code,
                    codes=", ".join(sorted(self.definitions())),
                )
            )
        return found

    @api.private
    @api.model
    def selection(self, tag=None):
        """[(code, label)] of the measures (with tag), in the reader's
        language: the one list Selection fields of measures offer."""
        return [
            (code, self.env._(definition.label))
            for code, definition in self.definitions().items()
            if tag is None or tag in definition.tags
        ]

    # Public API ----------------------------------------------------------
    @api.private
    @api.model
    def compute(self, code, scope, start, end, company=None, domain=None, **params):
        """{scope key: Figure} for one measure, scope level and period.

        :param code: a code of ``definitions()``
        :param scope: "company", "team", "user" or "customer"
        :param start, end: dates, the period is [start, end) in the company's
            time zone
        :param company: the company measured (the current one by default)
        :param domain: an extra domain on the records measured, for
            breakdowns (a region, a channel, a customer, a customer type)
        :param params: measure parameters (``target``: the target of the
            period; ``stage``: the stage of the stage measures)
        :return: keys are ids of the scope's records (False for records
            without a team, salesperson or customer); scopes without records
            are absent
        """
        definition = self.definition(code)
        field = definition.scope_fields.get(scope)
        if not field:
            return {}
        company = company or self.env.company
        bounds = self.bounds(start, end, company)
        domain = list(domain or [])
        if definition.declarative:
            return self._compute_declared(definition, field, bounds, company, domain)
        method = getattr(self, definition.compute)
        return method(field, bounds, company, domain=domain, **params)

    @api.private
    @api.model
    def drill_down(
        self, code, scope, key, start, end, company=None, domain=None, **params
    ):
        """The window action on the records behind the figure of scope key
        (the denominator's records; for stage measures, the opportunities
        whose stage exits the figure counts)."""
        definition = self.definition(code)
        company = company or self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(definition.label),
            "res_model": definition.model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": self.drill_down_domain(
                code, scope, key, start, end, company, domain, **params
            ),
            "context": {"active_test": False},
        }

    @api.private
    @api.model
    def drill_down_domain(
        self, code, scope, key, start, end, company=None, domain=None, **params
    ):
        """The domain of the records behind one figure (see drill_down)."""
        definition = self.definition(code)
        company = company or self.env.company
        bounds = self.bounds(start, end, company)
        field = definition.scope_fields[scope]
        domain = list(domain or [])
        if definition.drill_down:
            return getattr(self, definition.drill_down)(
                field, key, bounds, company, domain, **params
            )
        return self.population_domain(definition, bounds, company, domain) + [
            (field, "=", key)
        ]

    @api.private
    @api.model
    def bounds(self, start, end, company=None):
        """Local days [start, end) of the company's time zone as naive UTC
        datetimes, as Odoo stores them."""
        return utc_bounds(start, end, tz_name(self.env, company))

    @api.private
    @api.model
    def closed_domain(self, company=None, bounds=None):
        """Opportunities closed (won or lost) in bounds (UTC datetimes)."""
        return self._outcome(CLOSED, company, bounds)

    @api.private
    @api.model
    def won_domain(self, company=None, bounds=None):
        """The one definition of a won deal, closed in bounds when given."""
        return self._outcome(WON, company, bounds)

    @api.private
    @api.model
    def lost_domain(self, company=None, bounds=None):
        """The one definition of a lost deal, closed in bounds when given."""
        return self._outcome(LOST, company, bounds)

    @api.private
    @api.model
    def nps_weight(self, score):
        """The one NPS rule: +1 promoter (9-10), -1 detractor (0-6), else 0."""
        return nps_weight(score)

    @api.private
    @api.model
    def buyers(self, scope, start, end, company=None, domain=None):
        """{scope key: set of customer ids with a won deal in the period}."""
        company = company or self.env.company
        return self.won_customers(
            LEAD_SCOPES[scope], self.bounds(start, end, company), company, domain
        )

    @api.private
    @api.model
    def churned(self, scope, start, end, company=None, domain=None, window=None):
        """The one definition of churn: {scope key: customers active at the
        start of [start, end) who are no longer active at its end} (see
        retention_customers; the window is the period's length by default)."""
        company = company or self.env.company
        churned = defaultdict(set)
        for partner_id, (key, kept) in self.retention_customers(
            LEAD_SCOPES[scope],
            self.bounds(start, end, company),
            company,
            domain,
            window,
        ).items():
            churned[key] |= set() if kept else {partner_id}
        return dict(churned)

    @api.private
    @api.model
    def retention_customers(
        self, field, bounds, company=None, domain=None, window=None
    ):
        """{customer id: (scope key, kept)} of the customers active at the
        start of bounds (naive UTC datetimes): the one rule of retention and
        churn.

        Active at the start: a won deal in the window before the period
        starts. Kept: a won deal in the window before the period ends; the
        others churned. A customer counts for the scope of its last win before
        the start: the team or salesperson that had it then, not the one it
        has now.

        :param field: the scope field of the opportunities (company_id,
            team_id, user_id, partner_id)
        :param window: a timedelta or relativedelta; the period's length by
            default, so that churn compares a period with the one before
        """
        company = company or self.env.company
        low, high = bounds
        window = window or (high - low)
        domain = [("partner_id", "!=", False)] + list(domain or [])
        groupby = ["partner_id"] if field == "partner_id" else ["partner_id", field]
        last = {}
        for partner, *scope, closed in self.grouped(
            "crm.lead",
            self.won_domain(company, (low - window, low)) + domain,
            groupby,
            ["date_closed:max"],
        ):
            if partner.id not in last or closed > last[partner.id][1]:
                last[partner.id] = (scope_key(scope[0] if scope else partner), closed)
        if not last:
            return {}
        kept = set().union(
            *self.won_customers(
                "company_id",
                (high - window, high),
                company,
                domain + [("partner_id", "in", list(last))],
            ).values()
        )
        return {
            partner_id: (key, partner_id in kept)
            for partner_id, (key, _closed) in last.items()
        }

    def _measure_churn(self, field, bounds, company, domain=None, **kw):
        """Customers active at the start of the period who churned by its end,
        among them (see retention_customers)."""
        result = defaultdict(Figure)
        for key, kept in self.retention_customers(
            field, bounds, company, domain
        ).values():
            result[key] += Figure(0 if kept else 1, 1)
        return dict(result)

    @api.private
    @api.model
    def grouped(self, model, domain, groupby, aggregates):
        """One grouped read of figures over every record (archived ones
        included), whoever asks."""
        # sudo: figures are counts and sums for the managers' dashboards; the
        # records that keep them (snapshots, scorecards, statements) have their
        # own record rules per scope.
        return (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            ._read_group(domain, groupby, aggregates)
        )

    @api.private
    @api.model
    def last_touch(self, model, res_ids=None):
        """{record id: date of its last message or done activity}, in one
        grouped read; every record of the model when res_ids is None."""
        domain = [
            ("model", "=", model),
            "|",
            ("message_type", "in", ["comment", "email"]),
            ("mail_activity_type_id", "!=", False),
        ]
        if res_ids is not None:
            domain.append(("res_id", "in", list(res_ids)))
        return dict(self.grouped("mail.message", domain, ["res_id"], ["date:max"]))

    @api.private
    @api.model
    def response_time_query(self):
        """The first-response figures per month of creation, sales team,
        channel (medium) and company, as SQL: leads, responded, within SLA,
        the rate within SLA, the median and the 90th percentile in hours.

        Percentiles cannot be summed or averaged, so PostgreSQL computes them
        per group; the response-time report is a view of this query. Months
        are cut in the company's time zone, as every period (tools/periods.py:
        its address's, else its working calendar's, else UTC).
        """
        return SQL(
            """
            SELECT
                min(l.id) AS id,
                date_trunc(
                    'month',
                    timezone(
                        COALESCE(cp.tz, rc.tz, 'UTC'),
                        l.create_date AT TIME ZONE 'UTC'
                    )
                )::date AS month,
                l.team_id,
                l.medium_id,
                l.company_id,
                count(*) AS lead_count,
                count(l.first_response_date) AS responded_count,
                count(*) FILTER (WHERE l.first_response_on_time) AS on_time_count,
                100.0 * count(*) FILTER (WHERE l.first_response_on_time)
                    / count(*) AS on_time_rate,
                percentile_cont(0.5)
                    WITHIN GROUP (ORDER BY l.first_response_hours)
                    FILTER (WHERE l.first_response_date IS NOT NULL)
                    AS median_hours,
                percentile_cont(0.9)
                    WITHIN GROUP (ORDER BY l.first_response_hours)
                    FILTER (WHERE l.first_response_date IS NOT NULL)
                    AS p90_hours
            FROM crm_lead l
            LEFT JOIN res_company c ON c.id = l.company_id
            LEFT JOIN res_partner cp ON cp.id = c.partner_id
            LEFT JOIN resource_calendar rc ON rc.id = c.resource_calendar_id
            WHERE l.first_response_deadline IS NOT NULL
            GROUP BY 2, l.team_id, l.medium_id, l.company_id
            """
        )

    @api.private
    @api.model
    def band(self, value, healthy, alert, direction):
        """healthy / watch / alert of a value; "none" when there is no data."""
        if value is None:
            return "none"
        if direction == "higher":
            return (
                "healthy" if value >= healthy else "alert" if value < alert else "watch"
            )
        return "healthy" if value <= healthy else "alert" if value > alert else "watch"

    # Generic computation ---------------------------------------------------
    @api.private
    @api.model
    def population_domain(self, definition, bounds, company, domain=None):
        """The domain of the records a definition measures within bounds
        (naive UTC datetimes), with a breakdown domain on opportunities."""
        terms = [("company_id", "in", [company.id, False])]
        if definition.date_field and bounds:
            low, high = bounds
            field = self.env[definition.model]._fields[definition.date_field]
            if field.type == "date":
                # a date is a day of the company's calendar: its local days
                zone = tz_name(self.env, company)
                low, high = local_day(low, zone), local_day(high, zone)
            terms += [
                (definition.date_field, ">=", low),
                (definition.date_field, "<", high),
            ]
        terms += list(definition.domain)
        if domain and definition.lead_field:
            return terms + [(definition.lead_field, "any", list(domain))]
        return terms + list(domain or [])

    def _compute_declared(self, definition, field, bounds, company, domain):
        groupby = [field] + ([definition.split] if definition.split else [])
        aggregates = [definition.aggregate, definition.denominator or "__count"]
        result = defaultdict(Figure)
        for row in self.grouped(
            definition.model,
            self.population_domain(definition, bounds, company, domain),
            groupby,
            aggregates,
        ):
            scope, numerator, denominator = row[0], row[-2] or 0.0, row[-1]
            if definition.split:
                numerator *= definition.weight(row[1])
            result[scope_key(scope)] += Figure(
                numerator, denominator if definition.denominator else 0
            )
        if not definition.denominator:
            return {key: Figure(figure.numerator, 1) for key, figure in result.items()}
        return dict(result)

    def _outcome(self, outcome, company, bounds):
        company = company or self.env.company
        terms = [("company_id", "in", [company.id, False]), *outcome]
        if bounds:
            terms += [("date_closed", ">=", bounds[0]), ("date_closed", "<", bounds[1])]
        return terms

    @api.private
    @api.model
    def won_customers(self, field, bounds, company=None, domain=None):
        """{scope key: set of customer ids with a won deal closed in bounds
        (naive UTC datetimes)}, the scope level given by its field."""
        buyers = defaultdict(set)
        for scope, partner in self.grouped(
            "crm.lead",
            self.won_domain(company, bounds)
            + [("partner_id", "!=", False)]
            + list(domain or []),
            [field, "partner_id"],
            [],
        ):
            buyers[scope_key(scope)].add(partner.id)
        return buyers

    # Measures computed by method -------------------------------------------
    def _measure_revenue_achievement(
        self, field, bounds, company, domain=None, target=0.0, **kw
    ):
        targets = self.period_targets(field, bounds, company, target)
        revenue = {
            key: figure.numerator
            for key, figure in self._compute_declared(
                self.definition("won_revenue"), field, bounds, company, domain
            ).items()
        }
        return {
            key: Figure(revenue.get(key, 0.0), targets.get(key, target))
            for key in set(revenue) | set(targets)
        }

    @api.private
    @api.model
    def period_targets(self, field, bounds, company, target):
        """{scope key: target of the period} of revenue achievement; the
        metric's own target here, addons with target plans bring theirs."""
        return {}

    def _measure_repurchase(self, field, bounds, company, domain=None, **kw):
        buyers = defaultdict(lambda: [0, 0])
        for scope, _partner, count in self.grouped(
            "crm.lead",
            self.won_domain(company, bounds)
            + [("partner_id", "!=", False)]
            + list(domain or []),
            [field, "partner_id"],
            ["__count"],
        ):
            counts = buyers[scope_key(scope)]
            counts[1] += 1
            counts[0] += count >= 2
        return {key: Figure(*counts) for key, counts in buyers.items()}

    def _measure_last_win_age(self, field, bounds, company, domain=None, **kw):
        """Days from the last win of the period to its end."""
        _low, high = bounds
        return {
            scope_key(scope): Figure((high - last).total_seconds() / 86400.0, 1)
            for scope, last in self.grouped(
                "crm.lead",
                self.won_domain(company, bounds) + list(domain or []),
                [field],
                ["date_closed:max"],
            )
        }

    def _measure_open_pipeline(self, field, bounds, company, domain=None, **kw):
        """Open pipeline (expected revenue of open opportunities) at the end."""
        definition = self.definition("open_pipeline")
        return {
            scope_key(scope): Figure(total or 0.0, 1)
            for scope, total in self.grouped(
                "crm.lead",
                self.population_domain(definition, bounds, company, domain)
                + [("create_date", "<", bounds[1])],
                [field],
                ["expected_revenue:sum"],
            )
        }

    def _measure_needs_match(self, field, bounds, company, domain=None, **kw):
        """Closed opportunities whose needs diagnosis met the SPIN standard.

        The opportunities are plain ids, summarised in chunks whose records
        leave the cache after each: a year of a million closed opportunities
        is never in memory at once."""
        groups = self.grouped(
            "crm.lead",
            self.closed_domain(company, bounds) + list(domain or []),
            [field],
            ["id:array_agg"],
        )
        Lead = self.env["crm.lead"].sudo()
        ids = [lead_id for _scope, lead_ids in groups for lead_id in lead_ids]
        met = set()
        for start in range(0, len(ids), NEEDS_MATCH_CHUNK):
            chunk = Lead.browse(ids[start : start + NEEDS_MATCH_CHUNK])
            met.update(
                lead_id
                for lead_id, summary in chunk._spin_summary().items()
                if summary["met"]
            )
            chunk.invalidate_recordset()
        return {
            scope_key(scope): Figure(
                sum(1 for lead_id in lead_ids if lead_id in met), len(lead_ids)
            )
            for scope, lead_ids in groups
        }

    def _measure_node_completion(self, field, bounds, company, domain=None, **kw):
        """Stage exits of the period not forced by an override, among all exits."""
        low, high = bounds
        exits = defaultdict(int)
        for key, _lead, _days, _forward in self._stage_exits(
            field, bounds, company, domain=domain
        ):
            exits[key or False] += 1
        override_domain = [
            ("date", ">=", low),
            ("date", "<", high),
            ("lead_id.company_id", "in", [company.id, False]),
        ]
        if domain:
            override_domain.append(
                ("lead_id", "any", self._lead_subquery(domain, company))
            )
        overrides = {
            scope_key(scope): count
            for scope, count in self.grouped(
                "sales.gate.override",
                override_domain,
                [{"user_id": "lead_user_id"}.get(field, field)],
                ["__count"],
            )
        }
        return {
            key: Figure(max(count - overrides.get(key, 0), 0), count)
            for key, count in exits.items()
        }

    def _lead_subquery(self, domain, company):
        return [("company_id", "in", [company.id, False])] + list(domain)

    def _stage_exits(self, field, bounds, company, stage=None, domain=None):
        """Stage exits of the period from Odoo's stage tracking, per scope.

        Rows: (scope key, opportunity id, days spent in the stage left, moved
        forward). The time in a stage runs from the previous stage change (or
        the creation) to the exit. The ORM cannot group tracking values by a
        field of the tracked opportunity, nor look back at the previous
        change, so this one query is SQL; a breakdown domain restricts the
        opportunities through the ORM's own query of it.
        """
        low, high = bounds
        column = {"company_id": "l.company_id", "team_id": "l.team_id"}.get(
            field, "l.partner_id" if field == "partner_id" else "l.user_id"
        )
        leads = SQL("TRUE")
        if domain:
            query = (
                self.env["crm.lead"]
                .sudo()
                .with_context(active_test=False)
                ._search(self._lead_subquery(domain, company))
            )
            leads = SQL("l.id IN %s", query.subselect())
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            WITH changes AS (
                SELECT %(column)s AS scope, l.id AS lead_id, m.date,
                       v.old_value_integer AS left_stage,
                       v.new_value_integer AS new_stage, l.create_date,
                       lag(m.date) OVER (PARTITION BY m.res_id ORDER BY m.date, m.id)
                           AS previous_change
                  FROM mail_tracking_value v
                  JOIN mail_message m ON m.id = v.mail_message_id
                  JOIN crm_lead l ON l.id = m.res_id
                 WHERE m.model = 'crm.lead' AND v.field_id = %(field)s
                   AND (l.company_id = %(company)s OR l.company_id IS NULL)
                   AND %(leads)s
            )
            SELECT c.scope, c.lead_id,
                   EXTRACT(EPOCH FROM
                       c.date - coalesce(c.previous_change, c.create_date)) / 86400.0,
                   coalesce(new.sequence, 0) > coalesce(old.sequence, 0)
              FROM changes c
              LEFT JOIN crm_stage old ON old.id = c.left_stage
              LEFT JOIN crm_stage new ON new.id = c.new_stage
             WHERE c.date >= %(low)s AND c.date < %(high)s
               AND (%(stage)s IS NULL OR c.left_stage = %(stage)s)
            """,
                column=SQL(column),
                field=self.env["ir.model.fields"]._get("crm.lead", "stage_id").id,
                company=company.id,
                leads=leads,
                low=low,
                high=high,
                stage=stage.id if stage else None,
            )
        )
        return self.env.cr.fetchall()

    def _measure_stage_time(
        self, field, bounds, company, domain=None, stage=None, **kw
    ):
        result = defaultdict(Figure)
        for key, _lead, days, _forward in self._stage_exits(
            field, bounds, company, stage, domain
        ):
            result[key or False] += Figure(max(days, 0.0), 1)
        return dict(result)

    def _measure_stage_pass(
        self, field, bounds, company, domain=None, stage=None, **kw
    ):
        """Exits that moved forward, among all exits of the stage(s)."""
        result = defaultdict(Figure)
        for key, _lead, _days, forward in self._stage_exits(
            field, bounds, company, stage, domain
        ):
            result[key or False] += Figure(1 if forward else 0, 1)
        return dict(result)

    def _drill_stage_exits(self, field, key, bounds, company, domain, stage=None, **kw):
        """The opportunities whose stage exits a stage figure counts."""
        leads = {
            lead
            for scope, lead, _days, _forward in self._stage_exits(
                field, bounds, company, stage, domain
            )
            if (scope or False) == key
        }
        return [("id", "in", sorted(leads))]
