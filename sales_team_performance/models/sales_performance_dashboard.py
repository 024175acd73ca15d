# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The salesperson's own page: targets and pace, next tier, contests."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.sales_process_framework.models.sales_measure import (
    period_bounds,
    today_in,
    tz_name,
    utc_bounds,
)

PAGE_LIST_LIMIT = 10


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
                f"{line.display_name}: {line.pace_label}" for line in behind
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
                    ._actuals_and_targets("won_revenue", "user", start, end, company)
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

    # The page ---------------------------------------------------------------
    @api.model
    @api.readonly
    def get_page(self):
        """Everything *My Performance* shows, for the current user, in one call.

        Read-only (it can be served by a read replica): the figures are the
        ones of this model's computed fields, taken from a record in memory.
        A salesperson only ever gets their own figures; a team leader also
        gets the team's targets with who is behind pace.
        """
        board = self.new({"user_id": self.env.uid})
        today = board.date
        return {
            "user": {"id": board.user_id.id, "name": board.user_id.name},
            "date": fields.Date.to_string(today),
            "currency_id": board.currency_id.id,
            "targets": self._page_targets(board.target_line_ids._origin),
            "commission": board._page_commission(),
            "contests": board._page_contests(),
            "touchpoints": board._page_touchpoints(),
            "activities": board._page_activities(),
            "team": board._page_team(),
        }

    @api.model
    def _page_targets(self, lines):
        labels = dict(lines._fields["measure"]._description_selection(self.env))
        definitions = self.env["sales.measure"].definitions()
        return [
            {
                "id": line.id,
                "user": line.user_id.name or line.team_id.name or "",
                "user_id": line.user_id.id,
                "measure": labels.get(line.measure, ""),
                "monetary": definitions[line.measure].unit == "amount",
                "date_start": fields.Date.to_string(line.date_start),
                "date_end": fields.Date.to_string(line.date_end),
                "target": line.target,
                "achieved": line.achieved,
                "achievement": line.achievement,
                "elapsed": line.elapsed_pct,
                "projected": line.projected_pct,
                # the stored pace note is in the pace check's language: the
                # page writes its own from the figures
                "pace_warning": line.pace_warning,
            }
            for line in lines
        ]

    def _page_commission(self):
        self.ensure_one()
        if not self.plan_id:
            return False
        statement = self.env["sales.commission.statement"].search(
            [
                ("user_id", "=", self.user_id.id),
                ("plan_id", "=", self.plan_id.id),
                ("date_start", "=", self.period_start),
            ],
            limit=1,
        )
        return {
            "plan": self.plan_id.sudo().display_name,
            "period_start": fields.Date.to_string(self.period_start),
            "period_end": fields.Date.to_string(self.period_end),
            "revenue": self.revenue,
            "target": self.target,
            "achievement": self.achievement,
            "commission": self.commission,
            "tier": self.tier or "",
            "next_tier": self.next_tier or "",
            "next_tier_needed": self.next_tier_needed,
            "next_tier_extra": self.next_tier_extra,
            "statement_id": statement.id,
        }

    def _page_contests(self):
        self.ensure_one()
        contests = {}
        for score in self.contest_score_ids._origin:
            contest = contests.setdefault(
                score.challenge_id,
                {
                    "id": score.challenge_id.id,
                    "name": score.challenge_id.name,
                    "date_end": fields.Date.to_string(score.challenge_id.end_date),
                    "rank": False,
                    "score": "",
                    "ranked": 0,
                    "leaders": [],
                },
            )
            if score.has_score:
                contest["ranked"] += 1
            if score.user_id == self.user_id:
                contest["rank"] = score.rank if score.has_score else False
                contest["score"] = score.score_display or ""
            if score.has_score and len(contest["leaders"]) < 3:
                contest["leaders"].append(
                    {
                        "rank": score.rank,
                        "name": score.user_id.name,
                        "score": score.score_display or "",
                        "is_me": score.user_id == self.user_id,
                    }
                )
        return list(contests.values())

    def _day_end(self):
        """The end of the board's day in the user's time zone, as stored (UTC)."""
        day = self.date + timedelta(days=1)
        return utc_bounds(day, day, tz_name(self.env))[0]

    def _page_touchpoints(self):
        self.ensure_one()
        leads = self.env["crm.lead"].search_fetch(
            [
                ("user_id", "=", self.user_id.id),
                ("touchpoint_deadline", "!=", False),
                ("touchpoint_deadline", "<", self._day_end()),
            ],
            ["name", "touchpoint_deadline", "touchpoint_next_id"],
            order="touchpoint_deadline, id",
            limit=PAGE_LIST_LIMIT,
        )
        return [
            {
                "lead_id": lead.id,
                "lead": lead.name,
                "touchpoint": lead.touchpoint_next_name or "",
                "deadline": fields.Datetime.to_string(lead.touchpoint_deadline),
                "sla_status": lead.sla_status,
            }
            for lead in leads
        ]

    def _page_activities(self):
        self.ensure_one()
        activities = self.env["mail.activity"].search_fetch(
            [
                ("user_id", "=", self.user_id.id),
                ("date_deadline", "<=", self.date),
            ],
            ["res_model", "res_id", "res_name", "summary", "activity_type_id"],
            order="date_deadline, id",
            limit=PAGE_LIST_LIMIT,
        )
        return [
            {
                "id": activity.id,
                "res_model": activity.res_model,
                "res_id": activity.res_id,
                "res_name": activity.res_name or "",
                "summary": activity.summary or activity.activity_type_id.name or "",
                "date_deadline": fields.Date.to_string(activity.date_deadline),
                "overdue": activity.date_deadline < self.date,
            }
            for activity in activities
        ]

    def _page_team(self):
        """The current targets of the teams the user leads, member by member;
        False for a salesperson who leads no team."""
        self.ensure_one()
        teams = self.env["crm.team"].search([("user_id", "=", self.user_id.id)])
        if not teams:
            return False
        members = teams.member_ids - self.user_id
        lines = self.env["sales.target.line"].search(
            [
                ("user_id", "in", members.ids),
                ("plan_id.state", "=", "active"),
                ("date_start", "<=", self.date),
                ("date_end", ">=", self.date),
            ]
        )
        rows = self._page_targets(lines)
        behind = {row["user_id"] for row in rows if row["pace_warning"]}
        return {
            "teams": teams.mapped("name"),
            "members": [
                {"id": user.id, "name": user.name, "behind": user.id in behind}
                for user in members.sorted("name")
            ],
            "targets": rows,
        }
