# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SalesAccountExitInterview(models.Model):
    """Why a customer who churned left, and what the team does about it: the
    root cause of falling retention, asked of every customer who leaves."""

    _name = "sales.account.exit.interview"
    _description = "Exit Interview"
    _order = "churn_date desc, id desc"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        tracking=True,
        help="Who asks the customer why they left: the customer's salesperson.",
    )
    tier_id = fields.Many2one(
        "sales.account.tier",
        string="Tier",
        help="The customer's tier at the start of the period it churned in.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        help="The team of the customer's last win before it churned.",
    )
    period_start = fields.Date(
        string="Churned In (From)",
        required=True,
        default=fields.Date.context_today,
        help="The start of the retention period the customer churned in.",
    )
    churn_date = fields.Date(
        string="Churned By",
        required=True,
        default=fields.Date.context_today,
        help="The last day of that period: no win over the tiering window by then.",
    )
    health_score = fields.Float(
        string="Health Score at Churn",
        aggregator="avg",
        readonly=True,
        help="The key-account health score as it was when the customer churned.",
    )
    reason = fields.Text(string="Why They Left", tracking=True)
    cause_id = fields.Many2one(
        "sales.account.churn.cause", string="Root Cause", tracking=True, index=True
    )
    competitor_id = fields.Many2one(
        "res.partner",
        string="Left For",
        help="The competitor the customer now buys from, if any.",
    )
    winback = fields.Text(
        string="Win-Back Attempt", help="What was offered to win the customer back."
    )
    lesson = fields.Text(
        string="Lesson for the Team", help="What the team changes so others stay."
    )
    followup_done = fields.Boolean(string="Follow-Up Done", tracking=True)
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done")],
        default="todo",
        required=True,
        tracking=True,
        index=True,
    )

    _sql_constraints = [
        (
            "partner_period_uniq",
            "unique(partner_id, period_start)",
            "A customer has one exit interview per period it churned in.",
        ),
    ]

    _action_fields = ("state",)
    # what the interview asks, filled by the customer's salesperson; who asks
    # it is set by the suite and changed by a key-account manager only, so
    # that no one hands a customer's interview to someone else
    _writable_fields = {
        "sales_key_accounts.group_key_account_user": (
            "reason",
            "cause_id",
            "competitor_id",
            "winback",
            "lesson",
            "followup_done",
        ),
        "sales_key_accounts.group_key_account_manager": ("user_id",),
    }
    # a manager opens an interview by hand for a customer who said they leave;
    # what the suite knew at the churn (tier, team, health score) it copies
    # itself, and none of it changes afterwards
    _create_fields = {
        "sales_key_accounts.group_key_account_manager": (
            "partner_id",
            "company_id",
            "period_start",
            "churn_date",
        ),
    }

    @api.constrains("period_start", "churn_date")
    def _check_period(self):
        for interview in self:
            if interview.churn_date < interview.period_start:
                raise ValidationError(
                    self.env._(
                        "Exit interview of %s: “Churned By” cannot be before "
                        "“Churned In (From)”; give a date on or after the start "
                        "of the period.",
                        interview.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        interviews = super().create(vals_list)
        interviews.filtered(lambda i: i.state == "todo")._schedule_interviews()
        # a manual interview keeps the health score of the day, as a detected
        # churn does
        manual = interviews.filtered(lambda i: not i.health_score)
        if manual:
            scores = self.env["sales.account.health"].current_scores(manual.partner_id)
            for interview in manual:
                if interview.partner_id.id in scores:
                    # sudo: a copy of the score, which the model writes itself
                    interview.sudo().health_score = scores[interview.partner_id.id]
        return interviews

    def action_done(self):
        self._check_action_group(
            "sales_key_accounts.group_key_account_user", self.env._("Mark as Done")
        )
        missing = self.filtered(lambda i: not i.reason or not i.cause_id)
        if missing:
            raise UserError(
                self.env._(
                    "Exit interview of %s: fill in “Why They Left” and the root "
                    "cause before marking it done.",
                    missing[0].partner_id.display_name,
                )
            )
        self._write_by_action({"state": "done"})
        self.activity_feedback(["sales_key_accounts.mail_activity_type_exit_interview"])
        return True

    def action_reopen(self):
        self._check_action_group(
            "sales_key_accounts.group_key_account_user", self.env._("Reopen")
        )
        self._write_by_action({"state": "todo"})
        return True

    @api.model
    def _create_for_churned(self, company, start, end, churned):
        """One exit interview per customer that churned in [start, end), with
        an activity for its salesperson; none for a customer already asked
        since its last win.

        :param churned: {customer id: (tier id, team id)} at the start
        :return: the interviews created
        """
        if not churned:
            return self.browse()
        # sudo: detection runs for the whole company, whoever triggers it; the
        # interviews are then read and filled under the record rules
        Interview = self.sudo().with_company(company)
        Measure = self.env["sales.measure"]
        last_win = {
            partner.id: closed.date()
            for partner, closed in Measure.grouped(
                "crm.lead",
                Measure.won_domain(company) + [("partner_id", "in", list(churned))],
                ["partner_id"],
                ["date_closed:max"],
            )
        }
        # an interview since the customer's last win already covers this churn
        asked = {
            partner.id
            for partner, asked_on in Interview._read_group(
                [("partner_id", "in", list(churned))],
                ["partner_id"],
                ["churn_date:max"],
            )
            if partner.id not in last_win or asked_on >= last_win[partner.id]
        }
        # sudo: the customers' salesperson, read for the whole company
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse([pid for pid in churned if pid not in asked])
        )
        if not partners:
            return self.browse()
        scores = self.env["sales.account.health"].current_scores(partners)
        return Interview.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "user_id": partner.user_id.id,
                    "tier_id": churned[partner.id][0],
                    "team_id": churned[partner.id][1],
                    "period_start": start,
                    "churn_date": end - timedelta(days=1),
                    "health_score": scores.get(partner.id, 0.0),
                }
                for partner in partners
            ]
        )

    def _schedule_interviews(self):
        """An activity per interview for its salesperson, in their language,
        in one create."""
        activity_type = self.env.ref(
            "sales_key_accounts.mail_activity_type_exit_interview"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        by_lang = defaultdict(list)
        for interview in self.filtered("user_id"):
            by_lang[interview.user_id.lang or self.env.lang].append(interview)
        vals_list = []
        for lang, interviews in by_lang.items():
            reader = self.with_context(lang=lang)
            for interview in interviews:
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": interview.id,
                        "activity_type_id": activity_type.id,
                        "automated": True,
                        "user_id": interview.user_id.id,
                        "summary": reader.env._(
                            "Ask %s why they left", interview.partner_id.name
                        ),
                        "date_deadline": fields.Date.context_today(self)
                        + timedelta(days=activity_type.delay_count or 14),
                    }
                )
        # sudo: the salesperson's to-do on an interview the detection created;
        # whoever triggers it may not read the salesperson's activities
        self.env["mail.activity"].sudo().create(vals_list)


class SalesAccountRetention(models.Model):
    _inherit = "sales.account.retention"

    def action_open_exit_interviews(self):
        """The exit interviews of the customers a row counts as churned."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_key_accounts.sales_account_exit_interview_action"
        )
        action["domain"] = [
            ("company_id", "=", self.company_id.id),
            ("period_start", "=", self.period_start),
            ("tier_id", "=", self.tier_id.id),
            ("team_id", "=", self.team_id.id),
        ]
        action["context"] = {}
        return action


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    account_exit_interview_ids = fields.One2many(
        "sales.account.exit.interview", "partner_id", string="Exit Interviews"
    )
