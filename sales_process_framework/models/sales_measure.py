# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measurement engine: a number for many scopes over one period.

Every reader of figures (process health, pilot comparison, and the other
addons of the suite) asks this service. A measure computes, for one period
and one scope level (company, sales team or salesperson), a numerator and a
denominator per scope in grouped queries, so that ratios can be summed
honestly across scopes and "no data" (denominator 0) is told apart from 0.
"""

from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from pytz import timezone, utc

from odoo import api, models

PERIODS = [
    ("week", "Week"),
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
]
SCOPES = [("company", "Company"), ("team", "Sales Team"), ("user", "Salesperson")]
# "customer" serves the account features (tiering, plans, retention): the
# opportunities' customer, as stored on them.
SCOPE_FIELDS = {
    "company": "company_id",
    "team": "team_id",
    "user": "user_id",
    "customer": "partner_id",
}
MEASURES = [
    ("conversion", "Lead to opportunity conversion"),
    ("win_rate", "Opportunity win rate"),
    ("revenue_achievement", "Revenue achievement"),
    ("repurchase", "Repurchase rate"),
    ("cycle", "Average sales cycle"),
    ("node_completion", "Node completion rate"),
    ("needs_match", "Needs match rate"),
    ("nps", "Net promoter score"),
    ("first_response", "First-response time"),
    ("stage_time", "Average time in stage"),
    ("stage_pass", "Stage pass rate"),
    ("won_revenue", "Won revenue"),
    ("won_count", "Won deals"),
    ("last_win_age", "Days since the last win"),
    ("open_pipeline", "Open pipeline"),
]


def period_start(day, period):
    """First day of the period that contains day."""
    if period == "week":
        return day - relativedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def period_step(period):
    return {
        "week": relativedelta(weeks=1),
        "month": relativedelta(months=1),
        "quarter": relativedelta(months=3),
        "year": relativedelta(years=1),
    }[period]


def period_bounds(day, period):
    """(first day, first day of the next period) of the period containing day."""
    start = period_start(day, period)
    return start, start + period_step(period)


def tz_name(env, company=None):
    """The time zone periods are cut in: the user's, else the company's."""
    return env.user.tz or (company or env.company).partner_id.tz or "UTC"


def utc_bounds(start, end, zone):
    """Local calendar days [start, end) as naive UTC datetimes, as stored."""
    tz = timezone(zone or "UTC")

    def convert(day):
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(utc).replace(tzinfo=None)

    return convert(start), convert(end)


class Figure(tuple):
    """(numerator, denominator); value() is None when there is no data."""

    __slots__ = ()

    def __new__(cls, numerator=0.0, denominator=0.0):
        return super().__new__(cls, (float(numerator), float(denominator)))

    @property
    def numerator(self):
        return self[0]

    @property
    def denominator(self):
        return self[1]

    def __add__(self, other):
        return Figure(self[0] + other[0], self[1] + other[1])

    def value(self, scale=1.0):
        return None if not self[1] else scale * self[0] / self[1]


class SalesMeasure(models.AbstractModel):
    _name = "sales.measure"
    _description = "Sales Measurement Engine"

    @api.model
    def _compute(
        self,
        code,
        scope,
        start,
        end,
        company=None,
        target=0.0,
        stage=None,
        domain=None,
    ):
        """{scope key: Figure} for one measure, scope level and period.

        :param code: one of MEASURES
        :param scope: "company", "team" or "user"
        :param start, end: dates, the period is [start, end) in the company's
            time zone
        :param target: the target of the period, for measures against a target
        :param stage: the stage of the stage measures (all stages when empty)
        :param domain: an extra domain on the opportunities measured, for
            breakdowns (a region, a channel, a customer type)
        :return: keys are ids of the scope's records (company, team, user; False
            for opportunities without a team or salesperson)
        """
        company = company or self.env.company
        bounds = self._bounds(start, end, company)
        measure = self.with_context(sales_measure_domain=domain or [])
        method = getattr(measure, f"_measure_{code}")
        return method(SCOPE_FIELDS[scope], bounds, company, target=target, stage=stage)

    @api.model
    def _bounds(self, start, end, company=None):
        """Local days [start, end) as naive UTC datetimes, in the user's time
        zone, else the company's."""
        return utc_bounds(start, end, tz_name(self.env, company))

    # Domains -------------------------------------------------------------
    @api.model
    def _base_domain(self, company):
        return [("company_id", "in", [company.id, False])] + list(
            self.env.context.get("sales_measure_domain") or []
        )

    @api.model
    def _domain(self, code, scope, key, start, end, company=None):
        """The opportunities behind a figure (the denominator), to drill down."""
        company = company or self.env.company
        bounds = self._bounds(start, end, company)
        scope_term = [(SCOPE_FIELDS[scope], "=", key)]
        if code in ("conversion", "first_response"):
            return self._created_domain(company, bounds) + scope_term
        if code in ("win_rate", "needs_match"):
            return self._closed_domain(company, bounds) + scope_term
        if code == "nps":
            return (
                self._closed_domain(company, bounds)
                + scope_term
                + [("nps_score", "!=", False)]
            )
        if code == "node_completion":
            return (
                self._base_domain(company)
                + scope_term
                + [("date_last_stage_update", ">=", bounds[0])]
            )
        return self._won_domain(company, bounds) + scope_term

    def _lead_groups(self, domain, groupby, aggregates):
        # sudo: figures are counts and sums for the managers' dashboards; the
        # snapshots that keep them have their own record rules per scope.
        return (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(domain, groupby, aggregates)
        )

    @api.model
    def _last_touch(self, model, res_ids=None):
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
        return dict(
            self.env["mail.message"]
            .sudo()
            ._read_group(domain, ["res_id"], ["date:max"])
        )

    @staticmethod
    def _key(record):
        return record.id if record else False

    def _created_domain(self, company, bounds):
        low, high = bounds
        return self._base_domain(company) + [
            ("create_date", ">=", low),
            ("create_date", "<", high),
        ]

    # Measures ------------------------------------------------------------
    def _measure_conversion(self, field, bounds, company, **kw):
        result = defaultdict(Figure)
        for scope, lead_type, count in self._lead_groups(
            self._created_domain(company, bounds),
            [field, "type"],
            ["__count"],
        ):
            won = count if lead_type == "opportunity" else 0
            result[self._key(scope)] += Figure(won, count)
        return dict(result)

    def _closed_domain(self, company, bounds):
        low, high = bounds
        return self._base_domain(company) + [
            ("type", "=", "opportunity"),
            ("date_closed", ">=", low),
            ("date_closed", "<", high),
        ]

    def _measure_win_rate(self, field, bounds, company, **kw):
        result = defaultdict(Figure)
        for scope, active, count in self._lead_groups(
            self._closed_domain(company, bounds), [field, "active"], ["__count"]
        ):
            result[self._key(scope)] += Figure(count if active else 0, count)
        return dict(result)

    def _won_domain(self, company, bounds):
        return self._closed_domain(company, bounds) + [
            ("active", "=", True),
            ("probability", "=", 100),
        ]

    def _measure_revenue_achievement(self, field, bounds, company, target=0.0, **kw):
        targets = self._targets(field, bounds, company, target)
        revenue = {
            key: figure.numerator
            for key, figure in self._measure_won_revenue(field, bounds, company).items()
        }
        return {
            key: Figure(revenue.get(key, 0.0), targets.get(key, target))
            for key in set(revenue) | set(targets)
        }

    def _targets(self, field, bounds, company, target):
        """{scope key: target of the period}; other addons bring real targets."""
        return {}

    def _measure_repurchase(self, field, bounds, company, **kw):
        buyers = defaultdict(lambda: [0, 0])
        for scope, _partner, count in self._lead_groups(
            self._won_domain(company, bounds) + [("partner_id", "!=", False)],
            [field, "partner_id"],
            ["__count"],
        ):
            counts = buyers[self._key(scope)]
            counts[1] += 1
            counts[0] += count >= 2
        return {key: Figure(*counts) for key, counts in buyers.items()}

    def _measure_cycle(self, field, bounds, company, **kw):
        return {
            self._key(scope): Figure(days or 0.0, count)
            for scope, days, count in self._lead_groups(
                self._won_domain(company, bounds), [field], ["day_close:sum", "__count"]
            )
        }

    def _measure_won_revenue(self, field, bounds, company, **kw):
        """Won revenue of the period (numerator), per scope with a win."""
        return {
            self._key(scope): Figure(total or 0.0, 1)
            for scope, total in self._lead_groups(
                self._won_domain(company, bounds), [field], ["expected_revenue:sum"]
            )
        }

    def _measure_won_count(self, field, bounds, company, **kw):
        return {
            self._key(scope): Figure(count, 1)
            for scope, count in self._lead_groups(
                self._won_domain(company, bounds), [field], ["__count"]
            )
        }

    def _measure_last_win_age(self, field, bounds, company, **kw):
        """Days from the last win of the period to its end."""
        _low, high = bounds
        return {
            self._key(scope): Figure((high - last).total_seconds() / 86400.0, 1)
            for scope, last in self._lead_groups(
                self._won_domain(company, bounds), [field], ["date_closed:max"]
            )
        }

    def _measure_open_pipeline(self, field, bounds, company, **kw):
        """Open pipeline (expected revenue of open opportunities) at the end."""
        return {
            self._key(scope): Figure(total or 0.0, 1)
            for scope, total in self._lead_groups(
                self._base_domain(company)
                + [
                    ("type", "=", "opportunity"),
                    ("active", "=", True),
                    ("probability", "<", 100),
                    ("create_date", "<", bounds[1]),
                ],
                [field],
                ["expected_revenue:sum"],
            )
        }

    def _measure_nps(self, field, bounds, company, **kw):
        result = defaultdict(Figure)
        for scope, score, count in self._lead_groups(
            self._closed_domain(company, bounds) + [("nps_score", "!=", False)],
            [field, "nps_score"],
            ["__count"],
        ):
            weight = 1 if int(score) >= 9 else -1 if int(score) <= 6 else 0
            result[self._key(scope)] += Figure(weight * count, count)
        return dict(result)

    def _measure_first_response(self, field, bounds, company, **kw):
        return {
            self._key(scope): Figure(hours or 0.0, count)
            for scope, hours, count in self._lead_groups(
                self._created_domain(company, bounds)
                + [("first_response_date", "!=", False)],
                [field],
                ["first_response_hours:sum", "__count"],
            )
        }

    def _measure_needs_match(self, field, bounds, company, **kw):
        """Closed opportunities whose needs diagnosis met the SPIN standard."""
        groups = self._lead_groups(
            self._closed_domain(company, bounds), [field], ["id:recordset"]
        )
        leads = self.env["crm.lead"].sudo().union(*(leads for _scope, leads in groups))
        spin = leads._spin_summary() if leads else {}
        return {
            self._key(scope): Figure(
                sum(1 for lead in scope_leads if spin[lead.id]["met"]), len(scope_leads)
            )
            for scope, scope_leads in groups
        }

    def _measure_node_completion(self, field, bounds, company, **kw):
        """Stage exits of the period not forced by an override, among all exits."""
        low, high = bounds
        exits = defaultdict(int)
        for key, _days, _forward in self._stage_exits(field, bounds, company):
            exits[key or False] += 1
        overrides = {
            self._key(scope): count
            for scope, count in self.env["sales.gate.override"]
            .sudo()
            ._read_group(
                [
                    ("date", ">=", low),
                    ("date", "<", high),
                    ("lead_id.company_id", "in", [company.id, False]),
                ],
                [{"user_id": "lead_user_id"}.get(field, field)],
                ["__count"],
            )
        }
        return {
            key: Figure(max(count - overrides.get(key, 0), 0), count)
            for key, count in exits.items()
        }

    def _stage_exits(self, field, bounds, company, stage=None):
        """Stage exits of the period from Odoo's stage tracking, per scope.

        Rows: (scope key, days spent in the stage left, moved forward). The
        time in a stage runs from the previous stage change (or the
        creation) to the exit. The ORM cannot group tracking values by a
        field of the tracked opportunity, nor look back at the previous
        change, so this one query is SQL.
        """
        low, high = bounds
        column = {"company_id": "l.company_id", "team_id": "l.team_id"}.get(
            field, "l.user_id"
        )
        self.env.flush_all()
        self.env.cr.execute(
            f"""
            WITH changes AS (
                SELECT {column} AS scope, m.date, v.old_value_integer AS left_stage,
                       v.new_value_integer AS new_stage, l.create_date,
                       lag(m.date) OVER (PARTITION BY m.res_id ORDER BY m.date, m.id)
                           AS previous_change
                  FROM mail_tracking_value v
                  JOIN mail_message m ON m.id = v.mail_message_id
                  JOIN crm_lead l ON l.id = m.res_id
                 WHERE m.model = 'crm.lead' AND v.field_id = %(field)s
                   AND (l.company_id = %(company)s OR l.company_id IS NULL)
            )
            SELECT c.scope,
                   EXTRACT(EPOCH FROM
                       c.date - coalesce(c.previous_change, c.create_date)) / 86400.0,
                   coalesce(new.sequence, 0) > coalesce(old.sequence, 0)
              FROM changes c
              LEFT JOIN crm_stage old ON old.id = c.left_stage
              LEFT JOIN crm_stage new ON new.id = c.new_stage
             WHERE c.date >= %(low)s AND c.date < %(high)s
               AND (%(stage)s IS NULL OR c.left_stage = %(stage)s)
            """,
            {
                "field": self.env["ir.model.fields"]._get("crm.lead", "stage_id").id,
                "company": company.id,
                "low": low,
                "high": high,
                "stage": stage.id if stage else None,
            },
        )
        return self.env.cr.fetchall()

    def _measure_stage_time(self, field, bounds, company, stage=None, **kw):
        result = defaultdict(Figure)
        for key, days, _forward in self._stage_exits(field, bounds, company, stage):
            result[key or False] += Figure(max(days, 0.0), 1)
        return dict(result)

    def _measure_stage_pass(self, field, bounds, company, stage=None, **kw):
        """Exits that moved forward, among all exits of the stage(s)."""
        result = defaultdict(Figure)
        for key, _days, forward in self._stage_exits(field, bounds, company, stage):
            result[key or False] += Figure(1 if forward else 0, 1)
        return dict(result)

    # Bands ---------------------------------------------------------------
    @api.model
    def _band(self, value, healthy, alert, direction):
        """healthy / watch / alert of a value; "none" when there is no data."""
        if value is None:
            return "none"
        if direction == "higher":
            return (
                "healthy" if value >= healthy else "alert" if value < alert else "watch"
            )
        return "healthy" if value <= healthy else "alert" if value > alert else "watch"


def today_in(env, company=None):
    """Today in the time zone periods are cut in (see tz_name)."""
    return datetime.now(timezone(tz_name(env, company))).date()
