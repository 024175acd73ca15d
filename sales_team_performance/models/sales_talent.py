# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The core-talent pool: performance, ability and potential on a nine-box.

The team plan selects core talent on performance, ability and potential and
gives them a tailored development and a promotion path. One review per
salesperson and quarter places them on the nine-box:

* performance (horizontal): the revenue achievement of the quarter from the
  measurement engine (at least 100% high, at least 80% medium, below that
  low); the manager sets it where no target gives an achievement;
* growth (vertical): the potential the manager rates (1 to 3) plus the
  ability of the latest skills self-assessment (1 to 3): 2 or 3 low, 4
  medium, 5 or 6 high; without an assessment the potential counts twice.

The pool is for managers only: salespeople have no access to it.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_process_framework.tools.periods import period_start

LEVELS = [("1", "Low"), ("2", "Medium"), ("3", "High")]
ACHIEVEMENT_HIGH, ACHIEVEMENT_MEDIUM = 100.0, 80.0
ABILITY_HIGH, ABILITY_MEDIUM = 2.5, 1.75
# (growth, performance) -> cell; listed from the top-right cell (stars)
NINE_BOX = [
    ("33", "Star"),
    ("32", "High potential"),
    ("31", "Rough diamond"),
    ("23", "High performer"),
    ("22", "Core player"),
    ("21", "Inconsistent player"),
    ("13", "Trusted professional"),
    ("12", "Effective"),
    ("11", "Underperformer"),
]
CORE_CELLS = ("33", "32", "23")


def growth_level(potential, ability):
    """The vertical axis of the nine-box from potential and ability (1-3)."""
    total = int(potential) + int(ability or potential)
    return "3" if total >= 5 else "2" if total == 4 else "1"


class SalesTalentReview(models.Model):
    _name = "sales.talent.review"
    _description = "Core-Talent Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _order = "date_start desc, nine_box, user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, tracking=True
    )
    team_id = fields.Many2one(
        "crm.team", related="user_id.sale_team_id", store=True, string="Sales Team"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewer", default=lambda self: self.env.user
    )
    date_start = fields.Date(
        string="Quarter",
        required=True,
        default=lambda self: period_start(fields.Date.context_today(self), "quarter"),
    )
    date_end = fields.Date(string="To", compute="_compute_date_end", store=True)
    achievement = fields.Float(
        string="Target Achievement (%)",
        readonly=True,
        help="Revenue achievement of the quarter against the salesperson's "
        "targets; empty when no target covers the quarter.",
    )
    achievement_known = fields.Boolean(readonly=True)
    performance = fields.Selection(
        LEVELS,
        compute="_compute_performance",
        store=True,
        readonly=False,
        tracking=True,
        help="From the target achievement; set it yourself where no target "
        "gives one.",
    )
    skill_assessment_id = fields.Many2one(
        "sales.skill.assessment",
        string="Skills Self-Assessment",
        compute="_compute_ability",
        store=True,
    )
    ability_score = fields.Float(
        compute="_compute_ability",
        store=True,
        digits=(3, 2),
        help="Average ability (1 to 3) of the latest skills self-assessment, "
        "weighted by each skill's importance.",
    )
    ability = fields.Selection(LEVELS, compute="_compute_ability", store=True)
    potential = fields.Selection(LEVELS, tracking=True)
    nine_box = fields.Selection(
        NINE_BOX,
        string="Nine-Box Cell",
        compute="_compute_nine_box",
        store=True,
        group_expand=True,
        tracking=True,
    )
    is_core_talent = fields.Boolean(
        string="Core Talent",
        compute="_compute_is_core_talent",
        store=True,
        readonly=False,
        tracking=True,
    )
    promotion_id = fields.Many2one(
        "sales.promotion.assessment",
        string="Promotion Readiness",
        compute="_compute_promotion_id",
    )
    readiness = fields.Selection(
        lambda self: self.env["sales.promotion.assessment"]
        ._fields["readiness"]
        ._description_selection(self.env),
        compute="_compute_promotion_id",
    )
    target_role = fields.Char(string="Next Role", compute="_compute_promotion_id")
    development_plan = fields.Html(
        help="Tailored training and development; plan its steps as activities."
    )

    _sql_constraints = [
        (
            "talent_unique",
            "UNIQUE(user_id, company_id, date_start)",
            "One core-talent review per salesperson and quarter.",
        ),
    ]

    def _message_auto_subscribe_followers(self, updated_values, default_subtype_ids):
        """The salesperson is whom the review is about, not its responsible:
        he does not follow it, so its messages and changes of potential or
        nine-box never reach his inbox (the pool is the managers')."""
        followers = super()._message_auto_subscribe_followers(
            updated_values, default_subtype_ids
        )
        if not updated_values.get("user_id"):
            return followers
        salesperson = self.env["res.users"].sudo().browse(updated_values["user_id"])
        return [item for item in followers if item[0] != salesperson.partner_id.id]

    @api.depends("date_start")
    def _compute_date_end(self):
        for review in self:
            review.date_end = review.date_start and (
                review.date_start + relativedelta(months=3, days=-1)
            )

    @api.depends("achievement", "achievement_known")
    def _compute_performance(self):
        for review in self:
            if not review.achievement_known:
                # no target: the manager's own rating stays
                review.performance = review.performance
            else:
                review.performance = (
                    "3"
                    if review.achievement >= ACHIEVEMENT_HIGH
                    else "2"
                    if review.achievement >= ACHIEVEMENT_MEDIUM
                    else "1"
                )

    @api.depends("user_id", "company_id", "date_end")
    def _compute_ability(self):
        users = self.user_id
        latest = {}
        if users:
            for user, company, assessments in self.env[
                "sales.skill.assessment"
            ]._read_group(
                [
                    ("user_id", "in", users.ids),
                    ("company_id", "in", self.company_id.ids),
                ],
                ["user_id", "company_id"],
                ["id:recordset"],
            ):
                latest[user, company] = assessments.sorted("date", reverse=True)
        for review in self:
            candidates = latest.get((review.user_id, review.company_id), ())
            assessment = next(
                (
                    a
                    for a in candidates
                    if not review.date_end or a.date <= review.date_end
                ),
                False,
            )
            review.skill_assessment_id = assessment
            weights = (
                sum(int(line.importance) for line in assessment.line_ids)
                if (assessment)
                else 0
            )
            score = (
                sum(
                    int(line.importance) * int(line.ability)
                    for line in assessment.line_ids
                )
                / weights
                if weights
                else 0.0
            )
            review.ability_score = score
            review.ability = (
                False
                if not score
                else "3"
                if score >= ABILITY_HIGH
                else "2"
                if score >= ABILITY_MEDIUM
                else "1"
            )

    @api.depends("performance", "potential", "ability")
    def _compute_nine_box(self):
        for review in self:
            review.nine_box = (
                growth_level(review.potential, review.ability) + review.performance
                if review.performance and review.potential
                else False
            )

    @api.depends("nine_box")
    def _compute_is_core_talent(self):
        for review in self:
            review.is_core_talent = review.nine_box in CORE_CELLS

    @api.depends("user_id", "company_id")
    def _compute_promotion_id(self):
        found = {}
        if self.user_id:
            for user, company, assessments in self.env[
                "sales.promotion.assessment"
            ]._read_group(
                [
                    ("user_id", "in", self.user_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ],
                ["user_id", "company_id"],
                ["id:recordset"],
            ):
                found[user, company] = assessments.sorted("date", reverse=True)[:1]
        for review in self:
            promotion = found.get((review.user_id, review.company_id))
            review.promotion_id = promotion or False
            review.readiness = promotion.readiness if promotion else False
            review.target_role = promotion.target_role if promotion else False

    @api.constrains("date_start")
    def _check_quarter(self):
        for review in self:
            if review.date_start != period_start(review.date_start, "quarter"):
                raise ValidationError(
                    self.env._(
                        "Quarter: a core-talent review starts on the first day of "
                        "a quarter (1 January, 1 April, 1 July or 1 October), not "
                        "on %s.",
                        review.date_start,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        reviews.action_refresh()
        return reviews

    def action_refresh(self):
        """The quarter's target achievement of each salesperson, through the
        measurement engine: one computation per company and quarter."""
        Measure = self.env["sales.measure"]
        for (company, start, end), reviews in self.grouped(
            lambda r: (r.company_id, r.date_start, r.date_end)
        ).items():
            figures = Measure.compute(
                "revenue_achievement",
                "user",
                start,
                end + relativedelta(days=1),
                company,
            )
            for review in reviews:
                figure = figures.get(review.user_id.id)
                value = figure.value(100.0) if figure else None
                review.write(
                    {
                        "achievement": value or 0.0,
                        "achievement_known": value is not None,
                    }
                )
        return True
