# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.sales_process_framework.tools.figure import Figure
from odoo.addons.sales_process_framework.tools.periods import today_in

CHECKLIST = [
    ("check_place", "A suitable place, a meal if possible"),
    ("check_people", "The influential people invited (both buyers if there are two)"),
    (
        "check_figures",
        "Last year's sales, industry trends and product documents prepared",
    ),
    ("check_hour", "At least an hour planned"),
    ("check_structure", "Talk structured: results, performance, satisfaction, plans"),
    ("check_listen", "The customer talked, with open questions"),
    ("check_commitment", "Commitment to a long-term relationship shown"),
    ("check_new_offer", "A new product, service or offer presented"),
    ("check_needs", "Deeper needs looked for"),
    ("check_references", "References asked for"),
]

# the figures prepared for a review: the engine's measure over the customer's
# last 12 months, and what of it the field shows
FIGURES = {
    "last_year_sales": ("won_revenue", lambda figure: figure.numerator),
    "open_pipeline": ("open_pipeline", lambda figure: figure.numerator),
    "satisfaction": ("nps", lambda figure: figure.value(100.0) or 0.0),
}


class SalesAccountReview(models.Model):
    """The annual (or half-yearly) review meeting with a key account."""

    _name = "sales.account.review"
    _description = "Key Account Review"
    _order = "date desc, id desc"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]

    partner_id = fields.Many2one(
        "res.partner", string="Key Account", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Organizer", default=lambda self: self.env.user
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    review_type = fields.Selection(
        [("annual", "Annual"), ("half", "Half-yearly")], default="annual", required=True
    )
    state = fields.Selection(
        [("prepared", "Prepared"), ("held", "Held")], default="prepared", tracking=True
    )
    internal_participant_ids = fields.Many2many("res.users", string="Our Participants")
    customer_participant_ids = fields.Many2many(
        "res.partner", string="Customer Participants"
    )
    last_year_sales = fields.Float(readonly=True)
    open_pipeline = fields.Float(readonly=True)
    satisfaction = fields.Float(
        string="Satisfaction (NPS)",
        readonly=True,
        aggregator="avg",
        help="Net promoter score of the customer's opportunities closed in the "
        "last 12 months: the share of promoters (9-10) minus the share of "
        "detractors (0-6), from -100 to 100.",
    )
    outcome = fields.Text()

    _action_fields = ("state",)
    for _fname, _label in CHECKLIST:
        locals()[_fname] = fields.Boolean(string=_label)

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        reviews.action_prepare_figures()
        return reviews

    def write(self, vals):
        result = super().write(vals)
        if "partner_id" in vals:
            self.partner_id._check_account_access()
        return result

    def action_prepare_figures(self):
        """Last 12 months' sales, open pipeline and satisfaction, from the
        engine.

        The figures read every opportunity of the customer: only the people
        who work on the account prepare them.
        """
        self.partner_id._check_account_access()
        self._prepare_figures(today_in(self.env))
        return True

    def _prepare_figures(self, day, fnames=tuple(FIGURES)):
        """The figures of the 12 months up to day, one engine computation
        per figure and company for all the reviews."""
        Measure = self.env["sales.measure"]
        start, end = day - relativedelta(years=1), day + timedelta(days=1)
        for company, reviews in self.grouped("company_id").items():
            customers = [("partner_id", "in", reviews.partner_id.ids)]
            for fname in fnames:
                code, read = FIGURES[fname]
                figures = Measure.compute(
                    code,
                    "customer",
                    start,
                    end,
                    company or self.env.company,
                    domain=customers,
                )
                for review in reviews:
                    review[fname] = read(figures.get(review.partner_id.id, Figure()))

    def action_held(self):
        self._check_action_group(
            "sales_key_accounts.group_key_account_user", self.env._("Mark as Held")
        )
        self._write_by_action({"state": "held"})

    @api.model
    def _cron_review_reminders(self):
        """One reminder per key account whose review is due (none in 12 months)."""
        day = today_in(self.env)
        partners = self.env["res.partner"].search(
            [("account_tier_id.review_required", "=", True), ("user_id", "!=", False)]
        )
        recent = {
            partner
            for [partner] in self._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("date", ">", day - relativedelta(years=1)),
                ],
                ["partner_id"],
            )
        }
        activity_type = self.env.ref(
            "sales_key_accounts.mail_activity_type_account_review"
        )
        reminded = {
            activity.res_id
            for activity in self.env["mail.activity"].search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        }
        due = partners.filtered(lambda p: p not in recent and p.id not in reminded)
        for partner in due:
            # in the language of the salesperson who holds the review
            reader = self.with_context(lang=partner.user_id.lang or self.env.lang)
            partner.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=partner.user_id.id,
                summary=reader.env._("Annual review due"),
            )
        self.env["ir.cron"]._notify_progress(done=len(partners), remaining=0)
        return len(due)
