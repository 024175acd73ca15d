# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The manager's scorecard: a manager is judged on other criteria than a
salesperson (team achievement, coaching, reviews on time, the reps'
development and the retention of the team's customers), each weighted."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from odoo.addons.sales_process_framework.tools.dates import range_label
from odoo.addons.sales_process_framework.tools.figure import Figure
from odoo.addons.sales_process_framework.tools.periods import (
    period_bounds,
    today_in,
)
from odoo.addons.sales_process_framework.tools.scoring import (
    points,
    weighted_total,
)

# criterion -> (engine measure, scope level): the team measures count the
# teams the manager leads, the others the manager as coach or reviewer
CRITERIA = {
    "achievement": ("revenue_achievement", "team"),
    "coaching": ("coaching_held", "user"),
    "reviews": ("reviews_on_time", "user"),
    "development": ("reps_development", "team"),
    "retention": ("customer_retention", "team"),
}


class SalesManagerScorecard(models.Model):
    _name = "sales.manager.scorecard"
    _description = "Manager Scorecard"
    _inherit = ["mail.thread", "sales.guard.mixin"]
    _order = "date_start desc, total_score desc, id"
    _check_company_auto = True
    # the card is the refresh's (as superuser): nobody enters a figure, a
    # score or whose card it is, not even the manager on their own card
    _writable_fields = {}
    _create_fields = {}

    manager_id = fields.Many2one(
        "res.users", string="Manager", required=True, index=True, readonly=True
    )
    team_ids = fields.Many2many(
        "crm.team", string="Sales Teams", readonly=True, help="The teams led."
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        readonly=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(string="From", required=True, readonly=True)
    date_end = fields.Date(string="To", required=True, readonly=True)
    member_count = fields.Integer(string="Salespeople", readonly=True)
    # team achievement
    revenue = fields.Monetary(string="Won Revenue", readonly=True)
    revenue_target = fields.Monetary(readonly=True)
    achievement = fields.Float(
        string="Team Achievement (%)", aggregator="avg", readonly=True
    )
    # coaching
    coaching_held = fields.Integer(string="Coaching Sessions Held", readonly=True)
    coaching_expected = fields.Float(
        string="Coaching Sessions Expected",
        readonly=True,
        help="Members of the teams × coaching sessions per salesperson and "
        "month of Settings × months of the period.",
    )
    # reviews
    reviews_due = fields.Integer(readonly=True)
    reviews_on_time = fields.Integer(string="Reviews Done on Time", readonly=True)
    review_rate = fields.Float(
        string="Reviews on Time (%)", aggregator="avg", readonly=True
    )
    # development
    reps_developed = fields.Integer(
        string="Salespeople Who Progressed",
        readonly=True,
        help="Members whose last skills self-assessment of the period shows "
        "less training need than their previous one, or judged ready for "
        "promotion now in the period.",
    )
    development_rate = fields.Float(
        string="Reps' Development (%)", aggregator="avg", readonly=True
    )
    # retention
    customers_active = fields.Integer(
        string="Customers at the Start",
        readonly=True,
        help="Customers of the teams with a win in the period before this one.",
    )
    customers_kept = fields.Integer(readonly=True)
    retention_rate = fields.Float(
        string="Customer Retention (%)", aggregator="avg", readonly=True
    )
    # scores
    score_achievement = fields.Float(string="Achievement Score", readonly=True)
    score_coaching = fields.Float(string="Coaching Score", readonly=True)
    score_reviews = fields.Float(string="Reviews Score", readonly=True)
    score_development = fields.Float(string="Development Score", readonly=True)
    score_retention = fields.Float(string="Retention Score", readonly=True)
    weights = fields.Json(
        string="Weights Used",
        readonly=True,
        help="The weights of Settings when the card was computed.",
    )
    weight_summary = fields.Char(string="Weights", compute="_compute_weight_summary")
    total_score = fields.Float(
        aggregator="avg",
        readonly=True,
        help="The scores of the criteria (0-100 each) weighted by the weights of "
        "Settings; a criterion without data in the period (no target, no "
        "review due, no customer) leaves the total.",
    )

    _sql_constraints = [
        (
            "manager_scorecard_unique",
            "UNIQUE(manager_id, company_id, date_start, date_end)",
            "One scorecard per manager and period.",
        )
    ]

    @api.depends("manager_id", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for card in self:
            card.display_name = (
                f"{card.manager_id.name} · "
                f"{range_label(self.env, card.date_start, card.date_end)}"
            )

    @api.depends("weights")
    def _compute_weight_summary(self):
        labels = {
            "achievement": self.env._("achievement"),
            "coaching": self.env._("coaching"),
            "reviews": self.env._("reviews"),
            "development": self.env._("development"),
            "retention": self.env._("retention"),
        }
        for card in self:
            weights = card.weights or {}
            card.weight_summary = ", ".join(
                f"{labels[key]} {weights[key]}" for key in CRITERIA if key in weights
            )

    # Computation -------------------------------------------------------------
    @api.model
    def _led_teams(self, company):
        """{manager: teams they lead} of the company's teams."""
        teams = (
            self.env["crm.team"]
            .sudo()
            .search(
                [("company_id", "in", [company.id, False]), ("user_id", "!=", False)]
            )
            .filtered(
                lambda t: t.company_id == company or t.user_id.company_id == company
            )
        )
        return teams.grouped("user_id")

    @api.model
    def _refresh(self, start, end, company, managers=None):
        """Compute the scorecards of [start, end) of the company's managers
        (those who lead a team), one engine call per criterion."""
        led = self._led_teams(company)
        if managers is not None:
            led = {user: teams for user, teams in led.items() if user in managers}
        if not led:
            return self.browse()
        Measure = self.env["sales.measure"]
        figures = {
            criterion: Measure.compute(code, scope, start, end, company)
            for criterion, (code, scope) in CRITERIA.items()
        }
        members = defaultdict(set)
        for team in self.env["crm.team"].union(*led.values()):
            members[team] = set(team.sudo().member_ids.ids) - set(team.user_id.ids)
        weights = company._manager_weights()
        months = max(1, round((end - start).days / 30.4))
        rows = {}
        for manager, teams in led.items():

            def total(criterion, teams=teams, manager=manager):
                keys = teams.ids if CRITERIA[criterion][1] == "team" else [manager.id]
                found = figures[criterion]
                return sum((found[key] for key in keys if key in found), Figure())

            reps = set().union(*(members[team] for team in teams))
            achievement = total("achievement")
            coaching = total("coaching")
            reviews = total("reviews")
            development = total("development")
            retention = total("retention")
            expected = len(reps) * company.manager_coaching_per_rep * months
            rates = {
                "achievement": achievement.value(100.0),
                "coaching": coaching.numerator if reps else None,
                "reviews": reviews.value(100.0),
                "development": development.value(100.0),
                "retention": retention.value(100.0),
            }
            scores = {
                "achievement": points(rates["achievement"] or 0.0, 100.0),
                "coaching": points(coaching.numerator, expected),
                "reviews": points(rates["reviews"] or 0.0, 100.0),
                "development": points(rates["development"] or 0.0, 100.0),
                "retention": points(rates["retention"] or 0.0, 100.0),
            }
            rows[manager] = {
                "team_ids": [fields.Command.set(teams.ids)],
                "member_count": len(reps),
                "revenue": achievement.numerator,
                "revenue_target": achievement.denominator,
                "achievement": rates["achievement"] or 0.0,
                "coaching_held": int(coaching.numerator),
                "coaching_expected": expected,
                "reviews_due": int(reviews.denominator),
                "reviews_on_time": int(reviews.numerator),
                "review_rate": rates["reviews"] or 0.0,
                "reps_developed": int(development.numerator),
                "development_rate": rates["development"] or 0.0,
                "customers_active": int(retention.denominator),
                "customers_kept": int(retention.numerator),
                "retention_rate": rates["retention"] or 0.0,
                **{f"score_{key}": value for key, value in scores.items()},
                "weights": weights,
                "total_score": weighted_total(
                    scores,
                    {
                        key: weight
                        for key, weight in weights.items()
                        if rates[key] is not None
                    },
                ),
            }
        last = end - timedelta(days=1)
        existing = {
            card.manager_id: card
            for card in self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("date_start", "=", start),
                    ("date_end", "=", last),
                    ("manager_id", "in", [user.id for user in rows]),
                ]
            )
        }
        cards = self.sudo().browse()
        to_create = []
        for manager, vals in rows.items():
            if manager in existing:
                existing[manager].write(vals)
                cards |= existing[manager]
            else:
                to_create.append(
                    {
                        **vals,
                        "manager_id": manager.id,
                        "company_id": company.id,
                        "date_start": start,
                        "date_end": last,
                    }
                )
        return cards | self.sudo().create(to_create)

    @api.model
    def _cron_refresh(self):
        """Refresh this month's manager scorecards of every company."""
        start, end = period_bounds(today_in(self.env), "month")
        for company in self.env["res.company"].search([]):
            self.with_company(company)._refresh(start, end, company)
            self.env["ir.cron"]._notify_progress(done=1, remaining=0)

    @api.model
    def _check_compute_right(self):
        """Computing the cards of every manager is the managers' group's."""
        if not self.env.su and not self.env.user.has_group(
            "sales_team_performance.group_performance_manager"
        ):
            raise AccessError(
                self.env._(
                    "Computing the manager scorecards is reserved to the group %s.",
                    self.env.ref(
                        "sales_team_performance.group_performance_manager"
                    ).full_name,
                )
            )

    def action_refresh(self):
        """Recompute the cards' figures (each reader the cards they see)."""
        for (company, start, end), cards in self.grouped(
            lambda c: (c.company_id, c.date_start, c.date_end)
        ).items():
            cards.check_access("read")
            self._refresh(start, end + timedelta(days=1), company, cards.manager_id)
        return True

    # Drill-down --------------------------------------------------------------
    def action_drill_down(self):
        """The records behind one criterion's figure (the criterion is the
        button's context: it only picks the figure, the records open with the
        reader's own rights)."""
        self.ensure_one()
        criterion = self.env.context.get("criterion")
        if criterion not in CRITERIA:
            raise UserError(
                self.env._(
                    "Choose one of the criteria of the scorecard: %s.",
                    ", ".join(CRITERIA),
                )
            )
        code, scope = CRITERIA[criterion]
        keys = self.team_ids.ids if scope == "team" else self.manager_id.ids
        Measure = self.env["sales.measure"]
        end = self.date_end + timedelta(days=1)
        action = Measure.drill_down(
            code,
            scope,
            keys[0] if keys else False,
            self.date_start,
            end,
            self.company_id,
        )
        action["domain"] = expression.OR(
            [
                Measure.drill_down_domain(
                    code, scope, key, self.date_start, end, self.company_id
                )
                for key in keys
            ]
            or [expression.FALSE_DOMAIN]
        )
        return action
