# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measures of the manager's scorecard (tag "manager"): a manager is
judged on other criteria than a salesperson."""

from collections import defaultdict
from dataclasses import replace

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.sales_process_framework.tools.figure import Figure
from odoo.addons.sales_process_framework.tools.measure_definition import (
    MeasureDefinition,
)
from odoo.addons.sales_process_framework.tools.periods import (
    local_day,
    today_in,
    tz_name,
)

_lt = LazyTranslate(__name__)

MANAGER = frozenset({"manager"})
# the people a manager answers for, per scope level
MEMBER_SCOPES = {"company": "company_id", "team": "team_id", "user": "user_id"}


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def definitions(self):
        definitions = super().definitions()
        # the team's won revenue against its target: the engine's own measure
        achievement = definitions["revenue_achievement"]
        definitions["revenue_achievement"] = replace(
            achievement, tags=achievement.tags | MANAGER
        )
        for definition in (
            MeasureDefinition(
                "coaching_held",
                _lt("Coaching sessions held"),
                model="sales.coaching.session",
                compute="_measure_coaching_held",
                drill_down="_drill_coaching_held",
                date_field="date",
                domain=(("step", "=", "done"),),
                # a coaching session counts for its coach at the user level
                scope_fields={
                    "company": "company_id",
                    "team": "team_id",
                    "user": "coach_id",
                },
                tags=MANAGER,
            ),
            MeasureDefinition(
                "reviews_on_time",
                _lt("Reviews done on time"),
                model="sales.performance.review",
                compute="_measure_reviews_on_time",
                drill_down="_drill_reviews_on_time",
                date_field="date_end",
                unit="percent",
                # a review counts for its reviewer at the user level
                scope_fields={
                    "company": "company_id",
                    "team": "team_id",
                    "user": "manager_id",
                },
                tags=MANAGER,
            ),
            MeasureDefinition(
                "reps_development",
                _lt("Salespeople who progressed"),
                model="sales.skill.assessment",
                compute="_measure_reps_development",
                drill_down="_drill_reps_development",
                date_field="date",
                unit="percent",
                scope_fields=dict(MEMBER_SCOPES),
                tags=MANAGER,
            ),
            MeasureDefinition(
                "customer_retention",
                _lt("Customer retention"),
                compute="_measure_customer_retention",
                drill_down="_drill_customer_retention",
                unit="percent",
                tags=MANAGER,
            ),
        ):
            definitions[definition.code] = definition
        return definitions

    # helpers -------------------------------------------------------------
    def _local_period(self, bounds, company):
        """The local days [first, end) of bounds, for Date fields."""
        zone = tz_name(self.env, company)
        return local_day(bounds[0], zone), local_day(bounds[1], zone)

    def _dated_domain(self, code, bounds, company, domain=None):
        """The records of a measure on a Date field within bounds."""
        definition = self.definition(code)
        start, end = self._local_period(bounds, company)
        terms = [
            ("company_id", "in", [company.id, False]),
            (definition.date_field, ">=", start),
            (definition.date_field, "<", end),
            *definition.domain,
        ]
        if domain and "lead_id" in self.env[definition.model]._fields:
            terms.append(("lead_id", "any", list(domain)))
        return terms

    # coaching ------------------------------------------------------------
    def _measure_coaching_held(self, field, bounds, company, domain=None, **kw):
        """Coaching sessions done in the period (their date), per scope."""
        return {
            (scope.id if scope else False): Figure(count, 1)
            for scope, count in self.grouped(
                "sales.coaching.session",
                self._dated_domain("coaching_held", bounds, company, domain),
                [field],
                ["__count"],
            )
        }

    def _drill_coaching_held(self, field, key, bounds, company, domain, **kw):
        return self._dated_domain("coaching_held", bounds, company, domain) + [
            (field, "=", key)
        ]

    # reviews ---------------------------------------------------------------
    def _reviews_due(self, bounds, company, domain=None):
        """Reviews due in the period: closed, or past their due date."""
        return self._dated_domain("reviews_on_time", bounds, company, domain) + [
            "|",
            ("state", "=", "done"),
            ("date_end", "<", today_in(self.env, company)),
        ]

    def _measure_reviews_on_time(self, field, bounds, company, domain=None, **kw):
        """Reviews closed by their due date, among those due in the period."""
        result = defaultdict(Figure)
        for scope, on_time, count in self.grouped(
            "sales.performance.review",
            self._reviews_due(bounds, company, domain),
            [field, "done_on_time"],
            ["__count"],
        ):
            result[scope.id if scope else False] += Figure(
                count if on_time else 0, count
            )
        return dict(result)

    def _drill_reviews_on_time(self, field, key, bounds, company, domain, **kw):
        return self._reviews_due(bounds, company, domain) + [(field, "=", key)]

    # reps' development -----------------------------------------------------
    def _members(self, field, company):
        """{scope key: user ids} of the sales teams' members, their leaders
        aside: the salespeople a manager develops."""
        members = defaultdict(set)
        for team, user in self.grouped(
            "crm.team.member",
            [
                ("active", "=", True),
                ("crm_team_id.active", "=", True),
                ("crm_team_id.company_id", "in", [company.id, False]),
            ],
            ["crm_team_id", "user_id"],
            [],
        ):
            if user == team.user_id:
                continue
            key = {"team_id": team.id, "user_id": user.id}.get(field, company.id)
            members[key].add(user.id)
        return members

    @api.private
    @api.model
    def developed_reps(self, company, start, end, users=None):
        """Salespeople who progressed over the local days [start, end): their
        last skills self-assessment of the period shows less training need
        than their last one before it, or they were judged ready for
        promotion now in the period."""
        users = set(users or ())
        terms = [("company_id", "=", company.id)]
        if users:
            terms.append(("user_id", "in", list(users)))
        ready = {
            user.id
            for (user,) in self.grouped(
                "sales.promotion.assessment",
                terms
                + [
                    ("readiness", "=", "now"),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
                ["user_id"],
                [],
            )
        }
        assessments = (
            self.env["sales.skill.assessment"]
            .sudo()
            .search_fetch(
                terms + [("date", "<", end)], ["user_id", "date"], order="date, id"
            )
        )
        need = {
            assessment.id: total
            for assessment, total in self.grouped(
                "sales.skill.assessment.line",
                [("assessment_id", "in", assessments.ids)],
                ["assessment_id"],
                ["need:sum"],
            )
        }
        before, during = {}, {}
        for assessment in assessments:
            side = during if assessment.date >= start else before
            side[assessment.user_id.id] = need.get(assessment.id, 0)
        improved = {
            user_id
            for user_id, now in during.items()
            if user_id in before and now < before[user_id]
        }
        return ready | improved

    def _measure_reps_development(self, field, bounds, company, domain=None, **kw):
        """Members who progressed in the period (see developed_reps), among
        the members of the scope."""
        members = self._members(field, company)
        start, end = self._local_period(bounds, company)
        developed = self.developed_reps(company, start, end)
        return {
            key: Figure(len(users & developed), len(users))
            for key, users in members.items()
        }

    def _drill_reps_development(self, field, key, bounds, company, domain, **kw):
        """The skills self-assessments and promotion readiness of the scope's
        members in the period are what the figure reads: the assessments."""
        start, end = self._local_period(bounds, company)
        return [
            ("company_id", "=", company.id),
            ("user_id", "in", list(self._members(field, company).get(key, ()))),
            ("date", ">=", start),
            ("date", "<", end),
        ]

    # customer retention ----------------------------------------------------
    def _measure_customer_retention(self, field, bounds, company, domain=None, **kw):
        """Customers active at the start of the period still active at its
        end, among them (the engine's one rule, see retention_customers)."""
        result = defaultdict(Figure)
        for key, kept in self.retention_customers(
            field, bounds, company, domain
        ).values():
            result[key] += Figure(1 if kept else 0, 1)
        return dict(result)

    def _drill_customer_retention(self, field, key, bounds, company, domain, **kw):
        """The wins that made the scope's customers active at the start."""
        customers = [
            partner_id
            for partner_id, (scope, _kept) in self.retention_customers(
                field, bounds, company, domain
            ).items()
            if scope == key
        ]
        low, high = bounds
        return self.won_domain(company, (low - (high - low), low)) + [
            ("partner_id", "in", customers)
        ]
