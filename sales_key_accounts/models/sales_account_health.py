# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.sales_process_framework.tools.figure import Figure
from odoo.addons.sales_process_framework.tools.periods import today_in

from ..tools import health

# customers scored together: each batch costs the same few queries
BATCH = 2000


class SalesAccountHealth(models.Model):
    """A dated health score of a key account, kept when it changes: recency
    of purchase, revenue trend, visits against the tier's policy,
    satisfaction and churn risk, each 0-100."""

    _name = "sales.account.health"
    _description = "Key Account Health Score"
    _order = "date desc, id desc"
    _inherit = ["sales.guard.mixin"]
    # the history of scores the suite computed: nobody edits a score
    _writable_fields = {}
    _create_fields = {}

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    tier_id = fields.Many2one("sales.account.tier", string="Tier")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    score = fields.Float(string="Health Score", aggregator="avg")
    recency_points = fields.Float(
        string="Recency", aggregator="avg", help="100 for a win today, 0 for none."
    )
    trend_points = fields.Float(
        string="Revenue Trend",
        aggregator="avg",
        help="50 when the last half of the tiering window sells as much as the "
        "half before, 100 at double.",
    )
    visit_points = fields.Float(
        string="Visits",
        aggregator="avg",
        help="Visits done in the last 90 days against the tier's policy.",
    )
    satisfaction_points = fields.Float(
        string="Satisfaction",
        aggregator="avg",
        help="The net promoter score of the window on 0-100; 50 without answers.",
    )
    risk_points = fields.Float(
        string="Churn Risk",
        aggregator="avg",
        help="100 for a contact today, 0 at the churn-risk days without one.",
    )

    @api.model
    def current_scores(self, partners):
        """{customer id: its latest health score}, in one query."""
        if not partners:
            return {}
        self.flush_model(["partner_id", "date", "score"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (partner_id) partner_id, score
                  FROM sales_account_health
                 WHERE partner_id = ANY(%s)
                 ORDER BY partner_id, date DESC, id DESC
                """,
                list(partners.ids),
            )
        )
        return dict(rows)

    @api.model
    def _cron_health(self):
        """Score every tiered customer, company by company, in batches with
        progress; a row only for the customers whose score changed."""
        Partner = self.env["res.partner"].with_context(active_test=False)
        day = today_in(self.env)
        tiered = Partner.search([("account_tier_id", "!=", False)])
        tiered.fetch(["account_tier_id", "account_idle_days"])
        created = self.browse()
        done = 0
        for company, partners in tiered.grouped(
            lambda p: p.account_tier_id.company_id
        ).items():
            for start in range(0, len(partners), BATCH):
                batch = partners[start : start + BATCH]
                created |= self._score_accounts(batch, company, day)
                done += len(batch)
                self.env["ir.cron"]._notify_progress(
                    done=done, remaining=len(tiered) - done
                )
        return created

    @api.model
    def _factor_points(self, partners, company, day):
        """{customer id: {factor: points}}, each factor one engine
        computation for all the customers."""
        Measure = self.env["sales.measure"]
        end = day + timedelta(days=1)
        window = relativedelta(months=company.account_window_months)
        start = end - window
        middle = start + (end - start) / 2
        window_days = (end - start).days
        customers = [("partner_id", "in", partners.ids)]

        def figures(code, low, high):
            return Measure.compute(
                code, "customer", low, high, company, domain=customers
            )

        last_win = figures("last_win_age", start, end)
        recent = figures("won_revenue", middle, end)
        previous = figures("won_revenue", start, middle)
        visits = figures("activity_visit", end - timedelta(days=health.VISIT_DAYS), end)
        nps = figures("nps", start, end)
        risk_days = company.account_churn_risk_days
        result = {}
        for partner in partners:
            tier = partner.account_tier_id
            result[partner.id] = {
                "recency": health.recency_points(
                    last_win.get(partner.id, Figure()).value(), window_days
                ),
                "trend": health.trend_points(
                    recent.get(partner.id, Figure()).numerator,
                    previous.get(partner.id, Figure()).numerator,
                ),
                "visit": health.visit_points(
                    visits.get(partner.id, Figure()).numerator,
                    tier.visit_interval_days,
                    tier.visit_on_demand,
                ),
                "satisfaction": health.satisfaction_points(
                    nps.get(partner.id, Figure()).value(100.0)
                ),
                "risk": health.risk_points(partner.account_idle_days, risk_days),
            }
        return result

    @api.model
    def _score_accounts(self, partners, company, day):
        points = self._factor_points(partners, company, day)
        latest = self.current_scores(partners)
        weights = company._account_health_weights()
        vals_list = []
        for partner in partners:
            factors = points[partner.id]
            score = health.health_score(factors, weights)
            if latest.get(partner.id) == score:
                continue
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "tier_id": partner.account_tier_id.id,
                    "date": day,
                    "score": score,
                    **{f"{factor}_points": value for factor, value in factors.items()},
                }
            )
        return self.create(vals_list)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    account_health_weight_recency = fields.Integer(
        string="Health Weight: Recency",
        default=health.WEIGHTS["recency"],
        prefetch="sales_settings",
    )
    account_health_weight_trend = fields.Integer(
        string="Health Weight: Revenue Trend",
        default=health.WEIGHTS["trend"],
        prefetch="sales_settings",
    )
    account_health_weight_visit = fields.Integer(
        string="Health Weight: Visits",
        default=health.WEIGHTS["visit"],
        prefetch="sales_settings",
    )
    account_health_weight_satisfaction = fields.Integer(
        string="Health Weight: Satisfaction",
        default=health.WEIGHTS["satisfaction"],
        prefetch="sales_settings",
    )
    account_health_weight_risk = fields.Integer(
        string="Health Weight: Churn Risk",
        default=health.WEIGHTS["risk"],
        prefetch="sales_settings",
    )

    def _account_health_weights(self):
        self.ensure_one()
        return {
            factor: self[f"account_health_weight_{factor}"] for factor in health.WEIGHTS
        }

    @api.constrains(*(f"account_health_weight_{factor}" for factor in health.WEIGHTS))
    def _check_account_health_weights(self):
        for company in self:
            weights = company._account_health_weights().values()
            if min(weights) < 0 or sum(weights) <= 0:
                raise ValidationError(
                    self.env._(
                        "The health score's weights cannot be negative and must "
                        "add up to more than 0; give at least one factor a weight."
                    )
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    account_health_weight_recency = fields.Integer(
        related="company_id.account_health_weight_recency", readonly=False
    )
    account_health_weight_trend = fields.Integer(
        related="company_id.account_health_weight_trend", readonly=False
    )
    account_health_weight_visit = fields.Integer(
        related="company_id.account_health_weight_visit", readonly=False
    )
    account_health_weight_satisfaction = fields.Integer(
        related="company_id.account_health_weight_satisfaction", readonly=False
    )
    account_health_weight_risk = fields.Integer(
        related="company_id.account_health_weight_risk", readonly=False
    )


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    account_health_ids = fields.One2many(
        "sales.account.health", "partner_id", string="Health History"
    )
    account_health_score = fields.Float(
        string="Health Score", compute="_compute_account_health"
    )
    account_health_trend = fields.Selection(
        [("up", "Improving"), ("down", "Worsening"), ("flat", "Stable")],
        string="Health Trend",
        compute="_compute_account_health",
    )

    def _compute_account_health(self):
        history = defaultdict(list)
        for row in self.env["sales.account.health"].search_fetch(
            [("partner_id", "in", self.ids)],
            ["partner_id", "score"],
            order="date desc, id desc",
        ):
            if len(history[row.partner_id.id]) < 2:
                history[row.partner_id.id].append(row.score)
        for partner in self:
            scores = history.get(partner.id, [])
            partner.account_health_score = scores[0] if scores else 0.0
            if len(scores) < 2 or scores[0] == scores[1]:
                partner.account_health_trend = "flat" if scores else False
            else:
                partner.account_health_trend = "up" if scores[0] > scores[1] else "down"
