# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The salesperson's scorecard: effort, results and ratios judged together."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.sales_process_framework.tools.dates import range_label
from odoo.addons.sales_process_framework.tools.periods import (
    period_bounds,
    today_in,
)
from odoo.addons.sales_process_framework.tools.working_time import WorkingTime

QUARTILES = [
    ("1", "Top 25%"),
    ("2", "Upper middle"),
    ("3", "Lower middle"),
    ("4", "Bottom 25%"),
]
# card fields of the composite rank; which way is better is the direction of
# the registry's measure behind each
COMPOSITE = [
    "revenue",
    "won_count",
    "win_rate",
    "visits",
    "new_customers",
    "penetration",
    "churn_rate",
]


class SalesScorecard(models.Model):
    _name = "sales.scorecard"
    _description = "Salesperson Scorecard"
    _order = "date_start desc, quartile, composite desc"
    _inherit = ["sales.guard.mixin"]
    _check_company_auto = True
    # whose card it is and every figure come from the refresh, which runs as
    # superuser; the selling expenses are the one figure people enter
    _writable_fields = {
        "sales_team_performance.group_performance_manager": ("expenses",),
    }
    _create_fields = {}

    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    # effort
    visits = fields.Integer(readonly=True)
    visits_per_day = fields.Float(aggregator="avg", readonly=True, digits=(16, 2))
    visits_per_customer = fields.Float(aggregator="avg", readonly=True, digits=(16, 2))
    new_customer_visits = fields.Integer(
        string="Visits to New Customers",
        readonly=True,
        help="Visits on opportunities of customers who had never bought before.",
    )
    calls = fields.Integer(readonly=True)
    # results
    revenue = fields.Monetary(readonly=True)
    won_count = fields.Integer(string="Won Deals", readonly=True)
    average_deal = fields.Monetary(aggregator="avg", readonly=True)
    revenue_previous = fields.Monetary(string="Revenue, Previous Period", readonly=True)
    growth = fields.Float(
        aggregator="avg", string="Sales vs Previous (%)", readonly=True
    )
    new_customers = fields.Integer(readonly=True)
    # ratios
    penetration = fields.Float(
        aggregator="avg",
        string="Customer Penetration (%)",
        readonly=True,
        help="Assigned customers who bought in the period, among all assigned.",
    )
    new_customer_conversion = fields.Float(
        aggregator="avg",
        string="New-Customer Conversion (%)",
        readonly=True,
        help="New customers won, among new prospects of the period.",
    )
    churn_rate = fields.Float(
        aggregator="avg",
        string="Churn (%)",
        readonly=True,
        help="Customers who bought in the previous period and not in this one.",
    )
    cancellation_rate = fields.Float(
        aggregator="avg",
        string="Order Cancellation (%)",
        readonly=True,
        help="Closed opportunities lost for a cancellation reason.",
    )
    win_rate = fields.Float(aggregator="avg", string="Win Rate (%)", readonly=True)
    expenses = fields.Monetary(
        string="Selling Expenses", help="Enter the period's selling expenses."
    )
    cost_ratio = fields.Float(
        aggregator="avg",
        string="Cost Ratio (%)",
        compute="_compute_cost_ratio",
        store=True,
    )
    non_selling = fields.Integer(
        string="Non-selling Work",
        readonly=True,
        help="Done activities counted as non-selling work (complaints, service "
        "visits, collections).",
    )
    # rank
    composite = fields.Float(
        aggregator="avg",
        string="Overall Score",
        readonly=True,
        help="Average percentile among peers over revenue, won deals, win rate, "
        "visits, new customers, penetration and churn: no single figure decides.",
    )
    quartile = fields.Selection(QUARTILES, readonly=True, index=True)
    peer_count = fields.Integer(aggregator=False, readonly=True)

    _sql_constraints = [
        (
            "scorecard_unique",
            "UNIQUE(user_id, company_id, date_start, date_end)",
            "One scorecard per salesperson and period.",
        )
    ]

    @api.depends("user_id", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for card in self:
            card.display_name = (
                f"{card.user_id.name} · "
                f"{range_label(self.env, card.date_start, card.date_end)}"
            )

    @api.depends("expenses", "revenue")
    def _compute_cost_ratio(self):
        for card in self:
            card.cost_ratio = (
                100.0 * card.expenses / card.revenue if card.revenue else 0.0
            )

    @api.model
    def _peers(self, company):
        """Salespeople of the company's teams, and of teams without a company
        whose main company it is."""
        members = (
            self.env["crm.team.member"]
            .sudo()
            .search([("crm_team_id.company_id", "in", [company.id, False])])
        )
        return members.filtered(
            lambda m: (
                m.crm_team_id.company_id == company or m.user_id.company_id == company
            )
        ).user_id

    @api.model
    def _current_for(self, users, company):
        """This month's scorecards of users, computed first when missing."""
        start, end = period_bounds(today_in(self.env), "month")
        domain = [
            ("user_id", "in", users.ids),
            ("company_id", "=", company.id),
            ("date_start", "=", start),
            ("date_end", "=", end - timedelta(days=1)),
        ]
        cards = self.sudo().search(domain)
        if users - cards.user_id:
            self.sudo()._refresh(start, end, company, users - cards.user_id)
            cards = self.sudo().search(domain)
        return cards

    @api.model
    def _refresh(self, start, end, company, users=None):
        """Compute the scorecards of [start, end) for all peers of the company,
        with one grouped query per measure, and rank them."""
        users = self._peers(company) | (users or self.env["res.users"])
        if not users:
            return self.browse()
        Measure = self.env["sales.measure"]
        # the registry's measures tagged "scorecard": those with a card field
        # fill it, the others feed the ratios below
        measures = {
            code: definition
            for code, definition in Measure.definitions().items()
            if "scorecard" in definition.tags
        }
        data = {
            code: Measure.compute(code, "user", start, end, company)
            for code in measures
        }
        revenue_previous = Measure.compute(
            "won_revenue", "user", start - (end - start), start, company
        )
        today = today_in(self.env)
        days = (
            WorkingTime.working_days(
                company.resource_calendar_id, start, min(end, today + timedelta(days=1))
            )
            or 1
        )

        def figure(code, user, percent=False):
            found = data[code].get(user.id)
            if not found:
                return 0.0
            return (found.value(100.0) or 0.0) if percent else found.numerator

        rows = {}
        for user in users:
            card = {
                definition.card_field: figure(
                    code, user, percent=definition.unit == "percent"
                )
                for code, definition in measures.items()
                if definition.card_field
            }
            visits, revenue, won = card["visits"], card["revenue"], card["won_count"]
            customers = figure("visited_customers", user)
            leads = figure("new_leads", user)
            before = (
                revenue_previous[user.id].numerator
                if user.id in revenue_previous
                else 0.0
            )
            rows[user] = {
                **card,
                "team_id": user.sale_team_id.id,
                "visits_per_day": visits / days,
                "visits_per_customer": visits / customers if customers else 0.0,
                "average_deal": revenue / won if won else 0.0,
                "revenue_previous": before,
                "growth": 100.0 * (revenue - before) / before if before else 0.0,
                "new_customer_conversion": (
                    100.0 * card["new_customers"] / leads if leads else 0.0
                ),
            }
        self._rank(rows)
        existing = {
            card.user_id: card
            for card in self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("date_start", "=", start),
                    ("date_end", "=", end - timedelta(days=1)),
                    ("user_id", "in", users.ids),
                ]
            )
        }
        cards = self.sudo().browse()
        to_create = []
        for user, vals in rows.items():
            if user in existing:
                existing[user].write(vals)
                cards |= existing[user]
            else:
                to_create.append(
                    {
                        **vals,
                        "user_id": user.id,
                        "company_id": company.id,
                        "date_start": start,
                        "date_end": end - timedelta(days=1),
                    }
                )
        return cards | self.sudo().create(to_create)

    @api.model
    def _rank(self, rows):
        """Composite percentile and quartile of every row among the rows."""
        peers = len(rows)
        composite = defaultdict(float)
        directions = {
            definition.card_field: definition.direction
            for definition in self.env["sales.measure"].definitions().values()
            if definition.card_field
        }
        for name in COMPOSITE:
            ordered = sorted(rows, key=lambda user, name=name: rows[user][name])
            if directions[name] == "lower":
                ordered.reverse()
            # ties share one percentile
            first = {}
            for position, user in enumerate(ordered):
                first.setdefault(rows[user][name], position)
            for user in ordered:
                composite[user] += 100.0 * first[rows[user][name]] / max(peers - 1, 1)
        ranking = sorted(rows, key=lambda user: -composite[user])
        for position, user in enumerate(ranking):
            rows[user]["composite"] = composite[user] / len(COMPOSITE)
            rows[user]["quartile"] = str(min(4, 1 + 4 * position // max(peers, 1)))
            rows[user]["peer_count"] = peers

    @api.model
    def _cron_refresh(self):
        """Refresh this month's scorecards of every company."""
        start, end = period_bounds(today_in(self.env), "month")
        for company in self.env["res.company"].search([]):
            self.with_company(company)._refresh(start, end, company)
            self.env["ir.cron"]._notify_progress(done=1, remaining=0)
