# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.sales_process_framework.tools.figure import Figure
from odoo.addons.sales_process_framework.tools.periods import (
    period_bounds,
    period_step,
    today_in,
)


class SalesAccountRetention(models.Model):
    """Customers kept over a period, per tier and sales team they had at the
    start of the period, as the engine's account retention measures them.

    Active at the start: a win in the tiering window before the period starts.
    Retained: of those, a win in the window before the period ends.
    """

    _name = "sales.account.retention"
    _description = "Customer Retention"
    _order = "period_start desc, tier_id, team_id"
    _inherit = ["sales.guard.mixin"]

    company_id = fields.Many2one("res.company", required=True, index=True)
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True)
    tier_id = fields.Many2one("sales.account.tier")
    team_id = fields.Many2one("crm.team", string="Sales Team")
    active_count = fields.Integer(string="Active at Start", aggregator="sum")
    retained_count = fields.Integer(string="Still Buying", aggregator="sum")
    churned_count = fields.Integer(string="Churned", aggregator="sum")
    retention_rate = fields.Float(string="Retention (%)", aggregator="avg")

    def _read_group_select(self, aggregate_spec, query):
        """A group's retention is its customers still buying over its customers
        active at the start, not the mean of its rows' rates (a tier of two
        customers would weigh as much as one of two hundred)."""
        if aggregate_spec != "retention_rate:avg":
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "100.0 * SUM(%(kept)s) / NULLIF(SUM(%(active)s), 0)",
            kept=self._field_to_sql(self._table, "retained_count", query),
            active=self._field_to_sql(self._table, "active_count", query),
        )

    @api.model
    def _cron_retention(self, quarters=4):
        """The last completed quarters, recomputed in place (idempotent)."""
        day = today_in(self.env)
        start, _end = period_bounds(day, "quarter")
        companies = self.env["sales.account.tier"].search([]).company_id
        for company in companies:
            for _i in range(quarters):
                start -= period_step("quarter")
                self._compute_period(company, start, start + period_step("quarter"))
        return True

    @api.model
    def _compute_period(self, company, start, end):
        """The rows of one period: the engine's retention of the customers of
        each tier they had at the start, per team that had them then; an exit
        interview for each customer that churned."""
        figures, churned = self._tier_figures(company, start, end)
        self.search(
            [("company_id", "=", company.id), ("period_start", "=", start)]
        ).unlink()
        self.create(
            [
                {
                    "company_id": company.id,
                    "period_start": start,
                    "period_end": end - timedelta(days=1),
                    "tier_id": tier_id,
                    "team_id": team_id,
                    "active_count": figure.denominator,
                    "retained_count": figure.numerator,
                    "churned_count": figure.denominator - figure.numerator,
                    "retention_rate": figure.value(100.0),
                }
                for (tier_id, team_id), figure in figures.items()
            ]
        )
        self.env["sales.account.exit.interview"]._create_for_churned(
            company, start, end, churned
        )

    @api.model
    def _tier_figures(self, company, start, end):
        """({(tier id, team id): retention Figure}, {churned customer id:
        (tier id, team id)}) of the period [start, end), the tier the
        customer had at its start, the team of its last win before it."""
        Measure = self.env["sales.measure"]
        customers = Measure._retention_customers(
            "team_id", Measure.bounds(start, end, company), company
        )
        tiers = self.env["sales.account.tier.history"]._tiers_at(
            self.env["res.partner"].browse(customers), start
        )
        figures = defaultdict(Figure)
        churned = {}
        for partner_id, (team_id, kept) in customers.items():
            key = (tiers[partner_id].id, team_id)
            figures[key] += Figure(1 if kept else 0, 1)
            if not kept:
                churned[partner_id] = key
        return dict(figures), churned
