# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The forecast each salesperson submits for a period, the manager's
adjustments of it, and how accurate it proved once the period ended.

The figures beside the forecast (weighted pipeline, the amounts by forecast
category, won so far, the target) are the measurement engine's; they are
stored on the forecast when refreshed so that lists, pivots and graphs can
compare salespeople, teams and periods.
"""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sales_process_framework.tools.dates import range_label
from odoo.addons.sales_process_framework.tools.periods import (
    period_bounds,
    period_start,
    today_in,
)

FORECAST_PERIODS = [("month", "Month"), ("quarter", "Quarter")]
MANAGER = "sales_team_performance.group_performance_manager"
# a change of these makes the stored figures another salesperson's or period's
REFRESH_ON = frozenset({"user_id", "company_id", "period", "date_start"})
# engine measure -> stored figure of the forecast
FIGURES = {
    "weighted_pipeline": "weighted_pipeline",
    "forecast_pipeline": "pipeline_amount",
    "forecast_best_case": "best_case_amount",
    "forecast_commit": "commit_amount",
    "won_revenue": "won_amount",
}


def accuracy_and_bias(forecast, actual):
    """The one rule of forecast accuracy: 100 - |actual - forecast| /
    forecast x 100, floored at 0 (a forecast of 0 is 100% accurate only if
    nothing was won); the bias is forecast - actual (above 0: over-forecast)."""
    if forecast > 0:
        accuracy = max(0.0, 100.0 - abs(actual - forecast) / forecast * 100.0)
    else:
        accuracy = 100.0 if not actual else 0.0
    return accuracy, forecast - actual


class SalesForecast(models.Model):
    _name = "sales.forecast"
    _description = "Sales Forecast"
    _order = "date_start desc, team_id, user_id"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _check_company_auto = True
    _action_fields = ("state", "is_adjusted", "adjusted_amount", "adjustment_reason")
    # what a user sets by hand (create, form, RPC, import): a salesperson his
    # amount, a manager also whose forecast it is and its period; the
    # engine's figures, the ratios, the accuracy, the dates and flags come
    # from the refresh and the actions only
    _writable_fields = {
        "sales_team_performance.group_performance_user": ("submitted_amount",),
        MANAGER: ("user_id", "team_id", "company_id", "period", "date_start"),
    }
    _create_fields = {}

    period = fields.Selection(
        FORECAST_PERIODS, required=True, default="month", tracking=True
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        index=True,
        default=lambda self: period_start(today_in(self.env), "month"),
        help="The first day of the month or quarter forecast.",
    )
    date_end = fields.Date(
        string="Period End", compute="_compute_date_end", store=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", index=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Not submitted"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    submitted_amount = fields.Monetary(
        string="Forecast",
        tracking=True,
        help="The revenue you expect to win in the period; submit it when ready.",
    )
    date_submitted = fields.Datetime(string="Submitted On", readonly=True)
    is_adjusted = fields.Boolean(string="Adjusted", readonly=True)
    adjusted_amount = fields.Monetary(
        string="Adjusted Forecast",
        readonly=True,
        help="The manager's adjustment of the forecast; it replaces the "
        "submitted amount in the figures.",
    )
    adjustment_reason = fields.Text(string="Reason of the Adjustment", readonly=True)
    adjustment_ids = fields.One2many(
        "sales.forecast.adjustment", "forecast_id", string="Adjustments"
    )
    final_amount = fields.Monetary(
        string="Final Forecast",
        compute="_compute_final_amount",
        store=True,
        help="The adjusted forecast, else the submitted one.",
    )
    # the engine's figures, stored when refreshed
    weighted_pipeline = fields.Monetary(
        readonly=True,
        help="Expected revenue x probability of the open opportunities expected "
        "to close in the period.",
    )
    pipeline_amount = fields.Monetary(
        string="Pipeline",
        readonly=True,
        help="Expected revenue of the open opportunities in the category "
        "Pipeline expected to close in the period.",
    )
    best_case_amount = fields.Monetary(
        string="Best Case",
        readonly=True,
        help="Expected revenue of the open opportunities in the category "
        "Best case expected to close in the period.",
    )
    commit_amount = fields.Monetary(
        string="Commit",
        readonly=True,
        help="Expected revenue of the open opportunities in the category "
        "Commit expected to close in the period.",
    )
    won_amount = fields.Monetary(
        string="Won", readonly=True, help="Revenue won in the period so far."
    )
    target_amount = fields.Monetary(
        string="Target",
        readonly=True,
        help="The salesperson's won-revenue target for the period, from the "
        "target plans.",
    )
    target_ratio = fields.Float(
        string="Forecast vs Target (%)",
        compute="_compute_ratios",
        store=True,
        aggregator="avg",
    )
    won_ratio = fields.Float(
        string="Won vs Forecast (%)",
        compute="_compute_ratios",
        store=True,
        aggregator="avg",
    )
    is_closed = fields.Boolean(
        string="Period Ended",
        readonly=True,
        index=True,
        help="Set when the figures are refreshed after the period's end.",
    )
    accuracy = fields.Float(
        string="Accuracy (%)",
        compute="_compute_accuracy",
        store=True,
        aggregator="avg",
        help="Once the period has ended, for a submitted or adjusted forecast: "
        "100 - |won - final forecast| / final forecast x 100, floored at 0. A "
        "forecast of 0 is 100% accurate if nothing was won, else 0%.",
    )
    bias = fields.Monetary(
        compute="_compute_accuracy",
        store=True,
        help="Once the period has ended: final forecast - won. Above 0 the "
        "forecast was too high, below 0 too low.",
    )
    figures_date = fields.Datetime(string="Figures Of", readonly=True)

    _sql_constraints = [
        (
            "forecast_unique",
            "UNIQUE(user_id, company_id, period, date_start)",
            "One forecast per salesperson, company and period.",
        )
    ]

    @api.depends("date_start", "period")
    def _compute_date_end(self):
        for forecast in self:
            forecast.date_end = forecast.date_start and (
                period_bounds(forecast.date_start, forecast.period)[1]
                - timedelta(days=1)
            )

    @api.depends("user_id", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for forecast in self:
            forecast.display_name = (
                f"{forecast.user_id.name or ''} · "
                f"{range_label(self.env, forecast.date_start, forecast.date_end)}"
            )

    @api.depends("is_adjusted", "adjusted_amount", "submitted_amount")
    def _compute_final_amount(self):
        for forecast in self:
            forecast.final_amount = (
                forecast.adjusted_amount
                if forecast.is_adjusted
                else forecast.submitted_amount
            )

    @api.depends("final_amount", "target_amount", "won_amount")
    def _compute_ratios(self):
        for forecast in self:
            final = forecast.final_amount
            forecast.target_ratio = (
                100.0 * final / forecast.target_amount if forecast.target_amount else 0
            )
            forecast.won_ratio = 100.0 * forecast.won_amount / final if final else 0

    @api.depends("final_amount", "won_amount", "is_closed", "state", "is_adjusted")
    def _compute_accuracy(self):
        for forecast in self:
            accuracy, bias = 0.0, 0.0
            # a forecast nobody gave is not judged
            given = forecast.state == "submitted" or forecast.is_adjusted
            if forecast.is_closed and given:
                accuracy, bias = accuracy_and_bias(
                    forecast.final_amount, forecast.won_amount
                )
            forecast.accuracy, forecast.bias = accuracy, bias

    @api.constrains("submitted_amount", "adjusted_amount")
    def _check_amounts(self):
        for forecast in self:
            for name in ("submitted_amount", "adjusted_amount"):
                if forecast[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: %(amount)s is negative. Enter the revenue "
                            "expected in the period, 0 or more.",
                            field=self._fields[name]._description_string(self.env),
                            amount=forecast[name],
                        )
                    )

    @api.constrains("date_start", "period")
    def _check_period_start(self):
        for forecast in self:
            if forecast.date_start != period_start(
                forecast.date_start, forecast.period
            ):
                raise ValidationError(
                    self.env._(
                        "Period Start: %(day)s is not the first day of a "
                        "%(period)s. Enter the first day of the period.",
                        day=forecast.date_start,
                        period=dict(
                            self._fields["period"]._description_selection(self.env)
                        )[forecast.period],
                    )
                )

    # CRUD ---------------------------------------------------------------------
    def write(self, vals):
        if "submitted_amount" in vals and not self.env.su:
            self._check_not_ended()
        if "submitted_amount" in vals and self.filtered(lambda f: f.state != "draft"):
            raise UserError(
                self.env._(
                    "Forecast: a submitted forecast no longer changes. Ask your "
                    "manager to reopen it, or to adjust it."
                )
            )
        result = super().write(vals)
        if REFRESH_ON & set(vals):
            self._refresh_figures()
        return result

    def _check_not_ended(self):
        """A forecast is given before the end of its period, never after it:
        once ended, only a manager's adjustment changes it. The period's last
        day decides, in the company's time zone, whether or not the refresh
        has marked it ended yet (see is_closed)."""
        ended = self.filtered(
            lambda f: f.is_closed or f.date_end < today_in(self.env, f.company_id)
        )
        if ended:
            raise UserError(
                self.env._(
                    "%(forecast)s: the period has ended, its forecast is judged "
                    "against what was won and no longer changes. Ask your "
                    "manager to adjust it.",
                    forecast=ended[0].display_name,
                )
            )

    # Actions ------------------------------------------------------------------
    def action_submit(self):
        """The salesperson submits their own forecast of the period."""
        self._check_not_ended()
        for forecast in self:
            if forecast.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "%(forecast)s: only %(user)s submits this forecast.",
                        forecast=forecast.display_name,
                        user=forecast.user_id.name,
                    )
                )
            if forecast.state != "draft":
                raise UserError(
                    self.env._(
                        "%(forecast)s is already submitted.",
                        forecast=forecast.display_name,
                    )
                )
        self._write_by_action(
            {"state": "submitted", "date_submitted": fields.Datetime.now()}
        )
        self.activity_unlink(["sales_team_performance.mail_activity_type_forecast"])
        return True

    def action_reopen(self):
        """The manager sends a submitted forecast back to its salesperson."""
        self._check_action_group(MANAGER, self.env._("Reopen a forecast"))
        self.filtered(lambda f: f.state == "submitted")._write_by_action(
            {"state": "draft", "date_submitted": False}
        )
        return True

    def action_adjust(self, amount, reason):
        """The manager's adjustment: the new forecast, and why."""
        self._check_action_group(MANAGER, self.env._("Adjust a forecast"))
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Reason of the Adjustment: say why the forecast changes; the "
                    "salesperson and the history keep it."
                )
            )
        lines = []
        for forecast in self:
            lines.append(
                {
                    "forecast_id": forecast.id,
                    "amount_from": forecast.final_amount,
                    "amount_to": amount,
                    "reason": reason,
                }
            )
        self._write_by_action(
            {
                "is_adjusted": True,
                "adjusted_amount": amount,
                "adjustment_reason": reason,
            }
        )
        # the history is read-only for everyone: only this action, whose group
        # is checked above, writes it
        adjustments = self.env["sales.forecast.adjustment"].sudo().create(lines)
        for adjustment in adjustments:
            adjustment.forecast_id.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "Forecast adjusted from %(old)s to %(new)s.",
                        old=adjustment.forecast_id.currency_id.format(
                            adjustment.amount_from
                        ),
                        new=adjustment.forecast_id.currency_id.format(
                            adjustment.amount_to
                        ),
                    ),
                    reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_adjust(self):
        self.ensure_one()
        self._check_action_group(MANAGER, self.env._("Adjust a forecast"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Adjust the Forecast"),
            "res_model": "sales.forecast.adjust.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_forecast_id": self.id,
                "default_amount": self.final_amount,
            },
        }

    def action_refresh_figures(self):
        """Bring the figures of the given forecasts up to date. The refresh
        writes as superuser only what the engine computes, so whoever may
        read a forecast may ask for it; a forecast they may not read is
        refused before anything is computed."""
        self.check_access("read")
        self._refresh_figures()
        return True

    @api.model
    def action_prepare_period(self):
        """Create the missing drafts of the current period for every active
        member of the company's sales teams, and open them."""
        self._check_action_group(MANAGER, self.env._("Prepare this period"))
        company = self.env.company
        start = period_start(today_in(self.env, company), company.forecast_period)
        self._prepare(company, company.forecast_period, start)
        return self._open_period_action(company)

    @api.model
    def action_my_forecast(self):
        """Open my forecast of the current period, prepared when missing."""
        company = self.env.company
        start = period_start(today_in(self.env, company), company.forecast_period)
        domain = [
            ("user_id", "=", self.env.uid),
            ("company_id", "=", company.id),
            ("period", "=", company.forecast_period),
            ("date_start", "=", start),
        ]
        forecast = self.search(domain, limit=1)
        if not forecast:
            # prepared as the scheduled action would: for this user only
            self.sudo()._prepare(company, company.forecast_period, start, self.env.user)
            forecast = self.search(domain, limit=1)
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_team_performance.sales_forecast_action_mine"
        )
        if forecast:
            action.update(
                {"res_id": forecast.id, "view_mode": "form", "views": [(False, "form")]}
            )
        return action

    def _open_period_action(self, company):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_team_performance.sales_forecast_action"
        )
        action["context"] = {"search_default_this_period": 1}
        return action

    # Business methods ---------------------------------------------------------
    @api.model
    def _members(self, company, users=None):
        """Active salespeople of the company's active sales teams: {user: team}."""
        domain = [
            ("crm_team_id.active", "=", True),
            ("crm_team_id.company_id", "in", [company.id, False]),
            ("user_id.active", "=", True),
            ("user_id.share", "=", False),
        ]
        if users is not None:
            domain.append(("user_id", "in", users.ids))
        members = {}
        for member in self.env["crm.team.member"].sudo().search(domain):
            team = member.crm_team_id
            if team.company_id or member.user_id.company_id == company:
                members.setdefault(member.user_id, team)
        return members

    @api.model
    def _prepare(self, company, period, start, users=None, today=None):
        """Draft forecasts of the period for the members without one; running
        it twice creates nothing more."""
        members = self._members(company, users)
        existing = self.sudo().search(
            [
                ("user_id", "in", [user.id for user in members]),
                ("company_id", "=", company.id),
                ("period", "=", period),
                ("date_start", "=", start),
            ]
        )
        missing = [user for user in members if user not in existing.user_id]
        created = self.sudo().create(
            [
                {
                    "user_id": user.id,
                    "team_id": members[user].id,
                    "company_id": company.id,
                    "period": period,
                    "date_start": start,
                }
                for user in missing
            ]
        )
        (existing | created)._refresh_figures(today=today)
        return existing | created

    def _refresh_figures(self, today=None):
        """Store the engine's figures of each forecast's salesperson and
        period: one grouped query per measure, company and period."""
        Measure = self.env["sales.measure"].sudo()
        groups = {}
        for forecast in self.sudo():
            key = (forecast.company_id, forecast.date_start, forecast.date_end)
            groups.setdefault(key, self.sudo().browse())
            groups[key] |= forecast
        now = fields.Datetime.now()
        for (company, start, last), forecasts in groups.items():
            end = last + timedelta(days=1)
            figures = {
                code: Measure.compute(code, "user", start, end, company)
                for code in FIGURES
            }
            targets = Measure.period_targets(
                "user_id", Measure.bounds(start, end, company), company, 0.0
            )
            closed = (today or today_in(self.env, company)) >= end
            for forecast in forecasts:
                user = forecast.user_id.id
                vals = {
                    name: figures[code].get(user, (0.0, 0.0))[0]
                    for code, name in FIGURES.items()
                }
                vals.update(
                    target_amount=targets.get(user, 0.0),
                    is_closed=closed,
                    figures_date=now,
                )
                forecast.write(vals)
        return True

    @api.model
    def _remind(self, forecasts, company):
        """One reminder activity per forecast not submitted, to its salesperson."""
        activity_type = self.env.ref(
            "sales_team_performance.mail_activity_type_forecast"
        )
        drafts = forecasts.filtered(lambda f: f.state == "draft")
        reminded = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", drafts.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": forecast.id,
                "activity_type_id": activity_type.id,
                "automated": True,
                "date_deadline": max(forecast.date_start, today_in(self.env, company)),
                "summary": self.with_user(forecast.user_id).env._(
                    "Submit your forecast"
                ),
                "user_id": forecast.user_id.id,
            }
            for forecast in drafts
            if forecast.id not in reminded
        ]
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    # Scheduled action ---------------------------------------------------------
    @api.model
    def _cron_forecasts(self, today=None):
        """Prepare the drafts of the current period (and of the next one from
        N days before it starts), refresh the figures of the periods not yet
        closed, and remind whoever has not submitted. Idempotent."""
        companies = self.env["res.company"].search([])
        for done, company in enumerate(companies, start=1):
            day = today or today_in(self.env, company)
            period = company.forecast_period
            start = period_start(day, period)
            forecasts = self._prepare(company, period, start, today=day)
            next_start = period_bounds(day, period)[1]
            if day >= next_start - timedelta(days=company.forecast_reminder_days):
                forecasts |= self._prepare(company, period, next_start, today=day)
            self.search(
                [("company_id", "=", company.id), ("is_closed", "=", False)]
            )._refresh_figures(today=day)
            self._remind(forecasts, company)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(companies) - done
            )
        return True


class SalesForecastAdjustment(models.Model):
    """One adjustment of a forecast by a manager: who, when, from, to, why."""

    _name = "sales.forecast.adjustment"
    _description = "Sales Forecast Adjustment"
    _order = "create_date desc, id desc"

    forecast_id = fields.Many2one(
        "sales.forecast", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="forecast_id.company_id", store=True)
    currency_id = fields.Many2one(related="forecast_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Adjusted By",
        required=True,
        default=lambda self: self.env.user,
    )
    amount_from = fields.Monetary(string="From")
    amount_to = fields.Monetary(string="To")
    reason = fields.Text(required=True)
