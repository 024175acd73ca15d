# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The bi-weekly review of a salesperson, and its follow-up suggestions."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sales_process_framework.tools.dates import date_label
from odoo.addons.sales_process_framework.tools.periods import today_in


class SalesPerformanceReview(models.Model):
    _name = "sales.performance.review"
    _description = "Performance Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _order = "date_start desc, user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, tracking=True
    )
    manager_id = fields.Many2one("res.users", string="Reviewer", tracking=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    state = fields.Selection(
        [("draft", "To Review"), ("done", "Reviewed")],
        default="draft",
        required=True,
        tracking=True,
    )
    scorecard_id = fields.Many2one("sales.scorecard", readonly=True)
    revenue = fields.Monetary(related="scorecard_id.revenue")
    won_count = fields.Integer(related="scorecard_id.won_count")
    visits = fields.Integer(related="scorecard_id.visits")
    visits_per_day = fields.Float(related="scorecard_id.visits_per_day")
    new_customers = fields.Integer(related="scorecard_id.new_customers")
    win_rate = fields.Float(related="scorecard_id.win_rate")
    churn_rate = fields.Float(related="scorecard_id.churn_rate")
    growth = fields.Float(related="scorecard_id.growth")
    quartile = fields.Selection(related="scorecard_id.quartile")
    results = fields.Html(string="Results and Reasons")
    customer_feedback = fields.Html()
    market_changes = fields.Html()
    suggestion_ids = fields.One2many(
        "sales.performance.review.suggestion", "review_id", string="Suggestions"
    )
    suggestion_open_count = fields.Integer(compute="_compute_suggestion_counts")
    suggestion_done_count = fields.Integer(compute="_compute_suggestion_counts")

    _action_fields = ("state",)

    _sql_constraints = [
        (
            "review_unique",
            "UNIQUE(user_id, company_id, date_start)",
            "One review per salesperson and review period.",
        ),
        (
            "dates_ordered",
            "CHECK(date_end >= date_start)",
            "A review's To date must be on or after its From date.",
        ),
    ]

    @api.depends("user_id", "date_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "Review of %(user)s from %(date)s",
                user=review.user_id.name or "",
                date=date_label(self.env, review.date_start),
            )

    @api.depends("suggestion_ids.state")
    def _compute_suggestion_counts(self):
        for review in self:
            states = review.suggestion_ids.mapped("state")
            review.suggestion_open_count = states.count("open")
            review.suggestion_done_count = states.count("done")

    def action_prefill(self):
        """Attach the scorecard of the review period (recomputed)."""
        Scorecard = self.env["sales.scorecard"]
        for _key, reviews in self.grouped(
            lambda r: (r.company_id, r.date_start, r.date_end)
        ).items():
            company, start, end = _key
            cards = Scorecard._refresh(
                start, end + timedelta(days=1), company, reviews.user_id
            )
            by_user = {card.user_id: card for card in cards}
            for review in reviews:
                review.scorecard_id = by_user.get(review.user_id)
        return True

    def action_done(self):
        """Close the review: every suggestion becomes a follow-up activity."""
        self._check_action_group(
            "sales_team_performance.group_performance_manager",
            self.env._("Close the Review"),
        )
        for review in self:
            if not review.suggestion_ids:
                raise UserError(
                    self.env._(
                        "Write at least one improvement suggestion before closing "
                        "the review of %s.",
                        review.user_id.name,
                    )
                )
        self.suggestion_ids.filtered(lambda s: s.state == "draft")._plan()
        self._write_by_action({"state": "done"})

    @api.model
    def _window(self, today, weeks):
        """The review period containing today: weeks-long, from Mondays."""
        monday = today - timedelta(days=today.weekday())
        index = (monday.toordinal() // 7) % weeks
        start = monday - timedelta(weeks=index)
        return start, start + timedelta(weeks=weeks)

    @api.model
    def _cron_schedule_reviews(self):
        """One review per salesperson and period, prefilled, its reviewer told.

        Idempotent through the unique key (salesperson, company, period).
        """
        today = today_in(self.env)
        created = self.browse()
        for company in self.env["res.company"].search([]):
            start, end = self._window(today, company.performance_review_interval)
            users = self.env["sales.scorecard"]._peers(company)
            existing = self.search(
                [
                    ("company_id", "=", company.id),
                    ("date_start", "=", start),
                    ("user_id", "in", users.ids),
                ]
            ).user_id
            missing = users - existing
            reviews = self.create(
                [
                    {
                        "user_id": user.id,
                        "team_id": user.sale_team_id.id,
                        "manager_id": (user.sale_team_id.user_id or user).id,
                        "company_id": company.id,
                        "date_start": start,
                        "date_end": end - timedelta(days=1),
                    }
                    for user in missing
                ]
            )
            reviews.action_prefill()
            for review in reviews:
                review.activity_schedule(
                    "sales_team_performance.mail_activity_type_review",
                    date_deadline=review.date_end,
                    user_id=review.manager_id.id,
                )
            created |= reviews
            self.env["ir.cron"]._notify_progress(done=len(created), remaining=0)
        return created


class SalesPerformanceReviewSuggestion(models.Model):
    _name = "sales.performance.review.suggestion"
    _description = "Improvement Suggestion"
    _order = "review_id, id"

    review_id = fields.Many2one(
        "sales.performance.review", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    name = fields.Char(string="Suggestion", required=True)
    topic = fields.Selection(
        [
            ("member", "The salesperson"),
            ("product", "A product"),
            ("market", "A market"),
        ],
        default="member",
        required=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Carried Out By",
        compute="_compute_user_id",
        store=True,
        readonly=False,
    )
    date_deadline = fields.Date(
        string="Due", default=lambda self: fields.Date.today() + timedelta(days=14)
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    state = fields.Selection(
        [("draft", "Proposed"), ("open", "In progress"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
    )
    date_done = fields.Date(readonly=True)

    @api.depends("review_id.user_id")
    def _compute_user_id(self):
        for suggestion in self:
            suggestion.user_id = suggestion.user_id or suggestion.review_id.user_id

    def _plan(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for suggestion in self:
            activity = suggestion.review_id.activity_schedule(
                activity_type_id=activity_type.id,
                summary=suggestion.name,
                date_deadline=suggestion.date_deadline,
                user_id=suggestion.user_id.id,
            )
            suggestion.write({"activity_id": activity.id, "state": "open"})
