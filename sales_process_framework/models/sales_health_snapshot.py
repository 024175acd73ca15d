# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.dates import date_label
from ..tools.figure import Figure
from ..tools.periods import PERIODS, period_bounds, period_step, today_in
from .sales_measure import SCOPES

BANDS = [
    ("healthy", "Healthy"),
    ("watch", "Watch"),
    ("alert", "Alert"),
    ("none", "No Data"),
]


class SalesHealthSnapshot(models.Model):
    """The value of a metric for one scope and one period, kept for trends."""

    _name = "sales.health.snapshot"
    _description = "Process Health Snapshot"
    _order = "period_start desc, metric_sequence, scope, scope_name"
    _inherit = ["sales.guard.mixin"]

    metric_id = fields.Many2one(
        "sales.health.metric", required=True, ondelete="cascade", index=True
    )
    metric_sequence = fields.Integer(related="metric_id.sequence", store=True)
    code = fields.Selection(related="metric_id.code", store=True)
    unit = fields.Selection(related="metric_id.unit")
    direction = fields.Selection(related="metric_id.direction")
    advice = fields.Text(related="metric_id.advice")
    company_id = fields.Many2one("res.company", required=True, index=True)
    scope = fields.Selection(SCOPES, required=True)
    scope_key = fields.Char(required=True, help="Technical: scope level and id.")
    scope_name = fields.Char()
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    period = fields.Selection(PERIODS, required=True)
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True, help="First day after the period.")
    numerator = fields.Float()
    denominator = fields.Float()
    has_data = fields.Boolean()
    value = fields.Float(aggregator="avg")
    band = fields.Selection(BANDS, required=True, default="none")
    previous_value = fields.Float()
    previous_has_data = fields.Boolean()
    trend = fields.Selection(
        [("up", "Up"), ("down", "Down"), ("flat", "Flat"), ("none", "No Trend")],
        default="none",
    )
    trend_good = fields.Boolean(help="The trend goes the way the metric should.")
    is_latest = fields.Boolean(index=True, help="Snapshot of the current period.")
    alert_notified = fields.Boolean(
        help="The owner was told when this snapshot entered the alert band."
    )

    _sql_constraints = [
        (
            "metric_scope_period_uniq",
            "unique(metric_id, scope_key, period_start)",
            "One snapshot per metric, scope and period.",
        )
    ]

    @api.depends("metric_id", "scope_name", "period_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for snapshot in self:
            snapshot.display_name = (
                f"{snapshot.metric_id.name} · {snapshot.scope_name} · "
                f"{date_label(self.env, snapshot.period_start)}"
            )

    # ------------------------------------------------------------------
    @api.model
    def _cron_snapshot(self):
        """Compute every active metric for every scope; batched per metric."""
        metrics = self.env["sales.health.metric"].search([])
        cron = self.env["ir.cron"]
        for done, metric in enumerate(metrics, 1):
            self._compute_snapshots(metric)
            cron._notify_progress(done=done, remaining=len(metrics) - done)
        return len(metrics)

    @api.model
    def _compute_snapshots(self, metrics, day=None):
        """Current and previous period of each metric, idempotent (upsert)."""
        day = day or today_in(self.env)
        Measure = self.env["sales.measure"]
        for metric in metrics:
            start, end = period_bounds(day, metric.period)
            previous = start - period_step(metric.period)
            existing = {
                (s.scope_key, s.period_start): s
                for s in self.search(
                    [
                        ("metric_id", "=", metric.id),
                        ("period_start", "in", [previous, start]),
                    ]
                )
            }
            for scope in metric.scope_ids.mapped("code") or ["company", "team"]:
                figures = {
                    period_start: self._scope_figures(
                        metric,
                        scope,
                        Measure.compute(
                            metric.code,
                            scope,
                            period_start,
                            period_end,
                            metric.company_id,
                            target=metric.target,
                            stage=metric.stage_id,
                        ),
                    )
                    for period_start, period_end in ((previous, start), (start, end))
                }
                for (period_start, period_end), before in (
                    ((previous, start), {}),
                    ((start, end), figures[previous]),
                ):
                    for key, (record, figure) in figures[period_start].items():
                        vals = self._snapshot_vals(
                            metric, scope, record, figure, before.get(key)
                        )
                        vals.update(
                            period_start=period_start,
                            period_end=period_end,
                            is_latest=period_start == start,
                        )
                        snapshot = existing.get((vals["scope_key"], period_start))
                        if snapshot:
                            if vals["band"] != "alert":
                                vals["alert_notified"] = False
                            snapshot.write(vals)
                        else:
                            existing[(vals["scope_key"], period_start)] = self.create(
                                vals
                            )
            self.search(
                [
                    ("metric_id", "=", metric.id),
                    ("is_latest", "=", True),
                    ("period_start", "<", start),
                ]
            ).is_latest = False
        self._notify_alerts(metrics, day)

    def _scope_figures(self, metric, scope, figures):
        """{scope key: (record, Figure)}, with every team of the company listed."""
        company = metric.company_id
        if scope == "company":
            total = sum(figures.values(), Figure())
            return {f"company:{company.id}": (company, total)}
        if scope == "team":
            teams = self.env["crm.team"].search(
                [("company_id", "in", [company.id, False])]
            )
            records = {team.id: team for team in teams}
        else:
            records = {
                user.id: user
                for user in self.env["res.users"].browse(
                    [key for key in figures if key]
                )
            }
        return {
            f"{scope}:{key}": (record, figures.get(key, Figure()))
            for key, record in records.items()
        }

    def _snapshot_vals(self, metric, scope, record, figure, before):
        scale = metric._scale()
        value = figure.value(scale)
        team = record if scope == "team" else self.env["crm.team"]
        healthy, alert = metric._thresholds_for(team)
        previous = before[1].value(scale) if before else None
        trend, good = "none", False
        if value is not None and previous is not None:
            trend = "up" if value > previous else "down" if value < previous else "flat"
            good = (trend == "up") == (metric.direction == "higher") and trend != "flat"
        return {
            "metric_id": metric.id,
            "company_id": metric.company_id.id,
            "scope": scope,
            "scope_key": f"{scope}:{record.id}",
            "scope_name": record.display_name,
            "team_id": record.id if scope == "team" else False,
            "user_id": record.id if scope == "user" else False,
            "period": metric.period,
            "numerator": figure.numerator,
            "denominator": figure.denominator,
            "has_data": value is not None,
            "value": value or 0.0,
            "band": self.env["sales.measure"].band(
                value, healthy, alert, metric.direction
            ),
            "previous_value": previous or 0.0,
            "previous_has_data": previous is not None,
            "trend": trend,
            "trend_good": good,
        }

    def _notify_alerts(self, metrics, day):
        """One activity for the owner when a metric enters the alert band."""
        activity_type = self.env.ref(
            "sales_process_framework.mail_activity_type_health_alert"
        )
        entering = self.search(
            [
                ("metric_id", "in", metrics.ids),
                ("is_latest", "=", True),
                ("band", "=", "alert"),
                ("alert_notified", "=", False),
            ]
        )
        entering.alert_notified = True
        for metric in entering.metric_id.filtered("owner_id"):
            owner = metric.owner_id
            open_alert = metric.activity_ids.filtered(
                lambda a, owner=owner: (
                    a.activity_type_id == activity_type and a.user_id == owner
                )
            )
            if open_alert:
                continue
            scopes = entering.filtered(lambda s, m=metric: s.metric_id == m)
            metric.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=metric.owner_id.id,
                summary=self.env._("%s is in alert", metric.name),
                note=self.env._(
                    "In alert: %(scopes)s. %(advice)s",
                    scopes=", ".join(scopes.mapped("scope_name")),
                    advice=metric.advice or "",
                ),
            )

    def action_open_leads(self):
        """Drill down to the records behind the figure."""
        self.ensure_one()
        key = {"company": self.company_id, "team": self.team_id, "user": self.user_id}[
            self.scope
        ].id
        action = self.env["sales.measure"].drill_down(
            self.code,
            self.scope,
            key,
            self.period_start,
            self.period_end,
            self.company_id,
            stage=self.metric_id.stage_id,
        )
        return {**action, "name": self.display_name}
