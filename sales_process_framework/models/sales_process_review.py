# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Process reviews: the abnormal nodes of a month or quarter (the health
snapshots in alert), or every metric for a half year, with improvement
actions as activities and their effect measured at the next review."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.periods import today_in

MANAGER = "sales_process_framework.group_process_manager"
# months per kind of review
MONTHS = {"month": 1, "quarter": 3, "half_year": 6}


def review_start(day, kind):
    """First day of the month, quarter or half year containing day."""
    months = MONTHS[kind]
    return day.replace(day=1, month=(day.month - 1) // months * months + 1)


class SalesProcessReview(models.Model):
    _name = "sales.process.review"
    _description = "Process Review"
    _order = "date_start desc, id desc"
    _inherit = ["mail.thread", "sales.guard.mixin"]
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        help="Empty: the company's review, of its own figures and of every team.",
    )
    kind = fields.Selection(
        [("month", "Monthly"), ("quarter", "Quarterly"), ("half_year", "Half-year")],
        required=True,
        default="month",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(compute="_compute_name", store=True)
    state = fields.Selection(
        [("draft", "Open"), ("done", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "sales.process.review.line", "review_id", string="Abnormal Nodes"
    )
    previous_id = fields.Many2one(
        "sales.process.review",
        string="Previous Review",
        compute="_compute_previous_id",
    )
    previous_line_ids = fields.Many2many(
        "sales.process.review.line",
        compute="_compute_previous_id",
        string="Effect of the Previous Actions",
    )
    notes = fields.Html()

    _action_fields = ("state",)

    @api.depends("kind", "date_start", "team_id")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for review in self:
            start = review_start(review.date_start, review.kind)
            review.date_end = start + relativedelta(months=MONTHS[review.kind])
            review.name = " · ".join(
                filter(None, [kinds[review.kind], str(start), review.team_id.name])
            )

    @api.constrains("company_id", "team_id", "kind", "date_start")
    def _check_unique(self):
        groups = self._read_group(
            [
                ("company_id", "in", self.company_id.ids),
                ("kind", "in", self.mapped("kind")),
                ("date_start", "in", self.mapped("date_start")),
            ],
            ["company_id", "team_id", "kind", "date_start:day"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if groups:
            kinds = dict(self._fields["kind"]._description_selection(self.env))
            raise ValidationError(
                self.env._(
                    "Period: there is already a %(kind)s review of %(team)s for "
                    "the period starting %(start)s; open that one.",
                    kind=kinds[groups[0][2]],
                    team=groups[0][1].name or groups[0][0].name,
                    start=groups[0][3],
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_start"):
                day = fields.Date.to_date(vals["date_start"])
                vals["date_start"] = review_start(day, vals.get("kind") or "month")
        return super().create(vals_list)

    def write(self, vals):
        if {"date_start", "kind"} & set(vals) and not self.env.su:
            raise UserError(
                self.env._(
                    "Period: a review keeps its period; create a review of the "
                    "other period instead."
                )
            )
        return super().write(vals)

    def _compute_previous_id(self):
        for review in self:
            review.previous_id = self.search(
                [
                    ("company_id", "=", review.company_id.id),
                    ("team_id", "=", review.team_id.id),
                    ("kind", "=", review.kind),
                    ("date_start", "<", review.date_start),
                ],
                order="date_start desc",
                limit=1,
            )
            review.previous_line_ids = review.previous_id.line_ids

    def _snapshot_domain(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("scope", "in", ("company", "team")),
            ("period_start", ">=", self.date_start),
            ("period_start", "<", self.date_end),
        ]
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        if self.kind != "half_year":
            # monthly and quarterly reviews look at the abnormal nodes only
            domain.append(("band", "=", "alert"))
        return domain

    def action_load_alerts(self):
        """One line per health snapshot in alert in the period (every
        snapshot for a half-year review); a second run adds only new ones."""
        self._check_action_group(MANAGER, self.env._("Create from alerts"))
        Line = self.env["sales.process.review.line"]
        for review in self:
            if review.state != "draft":
                raise UserError(
                    self.env._(
                        "Review “%s”: a closed review is not changed; reopen it "
                        "first.",
                        review.name,
                    )
                )
            snapshots = self.env["sales.health.snapshot"].search(
                review._snapshot_domain()
            )
            snapshots -= review.line_ids.snapshot_id
            # the lines' review and snapshot are the action's to set
            with Line._by_action():
                Line.create(
                    [
                        {"review_id": review.id, "snapshot_id": snapshot.id}
                        for snapshot in snapshots
                    ]
                )
        return True

    def action_close(self):
        self._check_action_group(MANAGER, self.env._("Close"))
        self._write_by_action({"state": "done"})
        return True

    def action_reopen(self):
        self._check_action_group(MANAGER, self.env._("Reopen"))
        self._write_by_action({"state": "draft"})
        return True

    @api.model
    def _cron_open_reviews(self):
        """The draft review of each company at the start of each month,
        quarter and half year; running it again creates nothing."""
        existing = {
            (review.company_id, review.kind, review.date_start)
            for review in self.search([("team_id", "=", False)])
        }
        values = []
        for company in self.env["res.company"].search([]):
            today = today_in(self.env, company)
            for kind in MONTHS:
                start = review_start(today, kind)
                if (company, kind, start) not in existing:
                    values.append(
                        {"company_id": company.id, "kind": kind, "date_start": start}
                    )
        return self.create(values)


class SalesProcessReviewLine(models.Model):
    """An abnormal node of a review, and the effect of its actions: the
    metric's value then, and now from the newer snapshot of the same scope."""

    _name = "sales.process.review.line"
    _description = "Process Review Line"
    _order = "review_id, metric_id, id"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _rec_name = "metric_id"
    _mail_post_access = "read"

    review_id = fields.Many2one(
        "sales.process.review", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    snapshot_id = fields.Many2one(
        "sales.health.snapshot", required=True, ondelete="cascade", readonly=True
    )
    metric_id = fields.Many2one(related="snapshot_id.metric_id", store=True)
    stage_id = fields.Many2one(related="metric_id.stage_id")
    scope_name = fields.Char(related="snapshot_id.scope_name")
    team_id = fields.Many2one(related="snapshot_id.team_id", store=True)
    period_start = fields.Date(related="snapshot_id.period_start")
    value = fields.Float(related="snapshot_id.value", string="Value Then")
    band = fields.Selection(related="snapshot_id.band")
    alert_threshold = fields.Float(related="metric_id.alert_threshold")
    value_now = fields.Float(compute="_compute_effect")
    has_effect = fields.Boolean(compute="_compute_effect")
    improved = fields.Boolean(compute="_compute_effect")
    cause = fields.Text(help="Why the node is abnormal, as the review found it.")

    _writable_fields = {MANAGER: ("cause",)}
    # lines come from the alerts only (Create from alerts)
    _create_fields = {}

    def _compute_effect(self):
        # the newest snapshot of each line's metric and scope, in one search
        newer = {}
        if self.snapshot_id:
            snapshots = self.env["sales.health.snapshot"].search(
                [
                    ("metric_id", "in", self.snapshot_id.metric_id.ids),
                    ("scope_key", "in", self.snapshot_id.mapped("scope_key")),
                    ("has_data", "=", True),
                ],
                order="period_start desc",
            )
            for snapshot in snapshots:
                newer.setdefault((snapshot.metric_id, snapshot.scope_key), snapshot)
        for line in self:
            snapshot = line.snapshot_id
            latest = newer.get((snapshot.metric_id, snapshot.scope_key))
            line.has_effect = bool(
                latest and latest.period_start > snapshot.period_start
            )
            line.value_now = latest.value if line.has_effect else 0.0
            line.improved = line.has_effect and (
                line.value_now < line.value
                if snapshot.direction == "lower"
                else line.value_now > line.value
            )
