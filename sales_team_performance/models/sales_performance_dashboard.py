# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The salesperson's own page: targets and pace, next tier, contests."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.sales_process_framework.models.sales_measure import (
    period_bounds,
    today_in,
)


class SalesPerformanceDashboard(models.TransientModel):
    _name = "sales.performance.dashboard"
    _description = "My Performance"

    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, required=True
    )
    date = fields.Date(
        string="As Of", required=True, default=lambda self: today_in(self.env)
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    target_line_ids = fields.Many2many(
        "sales.target.line", compute="_compute_targets", string="Current Targets"
    )
    pace_warning = fields.Boolean(compute="_compute_targets")
    pace_message = fields.Char(compute="_compute_targets")
    plan_id = fields.Many2one("sales.commission.plan", compute="_compute_commission")
    period_start = fields.Date(compute="_compute_commission")
    period_end = fields.Date(compute="_compute_commission")
    revenue = fields.Monetary(compute="_compute_commission")
    target = fields.Monetary(compute="_compute_commission")
    achievement = fields.Float(string="Achievement (%)", compute="_compute_commission")
    commission = fields.Monetary(
        string="Commission So Far", compute="_compute_commission"
    )
    tier = fields.Char(string="Tier Reached", compute="_compute_commission")
    next_tier = fields.Char(compute="_compute_commission")
    next_tier_needed = fields.Monetary(
        string="Revenue to the Next Tier", compute="_compute_commission"
    )
    next_tier_extra = fields.Monetary(
        string="Extra Commission There", compute="_compute_commission"
    )
    contest_score_ids = fields.Many2many(
        "sales.contest.score", compute="_compute_contests", string="Contests"
    )
    scorecard_id = fields.Many2one("sales.scorecard", compute="_compute_scorecard")
    quartile = fields.Selection(related="scorecard_id.quartile")

    @api.depends("user_id")
    def _compute_display_name(self):
        for board in self:
            board.display_name = self.env._(
                "Performance of %s", board.user_id.name or ""
            )

    @api.constrains("user_id")
    def _check_user(self):
        for board in self:
            if board.user_id == self.env.user or self.env.user.has_group(
                "sales_team_performance.group_performance_manager"
            ):
                continue
            if board.user_id.sale_team_id.user_id != self.env.user:
                raise AccessError(
                    self.env._("You can only open your own or your team's dashboard.")
                )

    @api.depends("user_id", "date")
    def _compute_targets(self):
        for board in self:
            today = board.date
            lines = self.env["sales.target.line"].search(
                [
                    ("user_id", "=", board.user_id.id),
                    ("plan_id.state", "=", "active"),
                    ("date_start", "<=", today),
                    ("date_end", ">=", today),
                ]
            )
            board.target_line_ids = lines
            behind = lines.filtered("pace_warning")
            board.pace_warning = bool(behind)
            board.pace_message = "; ".join(
                f"{line.display_name}: {line.pace_note}" for line in behind
            )

    @api.depends("user_id", "date")
    def _compute_commission(self):
        Plan = self.env["sales.commission.plan"].sudo()
        for board in self:
            today = board.date
            plan = Plan.search([("user_ids", "in", board.user_id.ids)], limit=1)
            board.plan_id = plan
            values = dict.fromkeys(
                (
                    "revenue",
                    "target",
                    "achievement",
                    "commission",
                    "next_tier_needed",
                    "next_tier_extra",
                ),
                0.0,
            )
            values.update(tier=False, next_tier=False, period_start=False)
            values["period_end"] = False
            if plan:
                company = plan.company_id
                start, end = period_bounds(today, plan.period)
                revenue, target = (
                    self.env["sales.target.line"]
                    ._actuals_and_targets("revenue", "user", start, end, company)
                    .get(board.user_id.id, (0.0, 0.0))
                )
                amount, tier, achievement = plan._commission(revenue, target)
                values.update(
                    period_start=start,
                    period_end=fields.Date.subtract(end, days=1),
                    revenue=revenue,
                    target=target,
                    achievement=achievement or 0.0,
                    commission=company.currency_id.round(amount),
                    tier=tier.display_name,
                )
                what_if = plan._what_if(revenue, target)
                if what_if:
                    following, needed, extra = what_if
                    values.update(
                        next_tier=following.display_name,
                        next_tier_needed=company.currency_id.round(needed),
                        next_tier_extra=company.currency_id.round(extra),
                    )
            board.update(values)

    @api.depends("user_id")
    def _compute_contests(self):
        for board in self:
            contests = (
                self.env["gamification.challenge"]
                .sudo()
                .search(
                    [
                        ("is_sales_contest", "=", True),
                        ("state", "=", "inprogress"),
                        "|",
                        ("user_ids", "in", board.user_id.ids),
                        ("contest_support_user_ids", "in", board.user_id.ids),
                    ]
                )
            )
            board.contest_score_ids = contests.contest_score_ids

    @api.depends("user_id")
    def _compute_scorecard(self):
        for board in self:
            board.scorecard_id = self.env["sales.scorecard"]._current_for(
                board.user_id, board.company_id
            )

    @api.model
    def action_open(self, user_id=None):
        board = self.create({"user_id": user_id or self.env.user.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("My Performance"),
            "res_model": self._name,
            "res_id": board.id,
            "view_mode": "form",
            "target": "current",
            "context": {"form_view_initial_mode": "readonly"},
        }
