# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.scoring import RECENCY_HORIZON_DAYS


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "sales.guard.mixin"]

    # changes are kept in the tier history and posted by the re-tiering itself
    account_tier_id = fields.Many2one(
        "sales.account.tier",
        string="Tier",
        index=True,
        copy=False,
        prefetch="key_account",
    )
    account_score = fields.Float(
        copy=False,
        readonly=True,
        aggregator="avg",
        prefetch="key_account",
    )
    # a salesperson must not read other reps' customers' revenue, and every
    # customer is readable by every user: the figures are for managers only
    account_tier_reason = fields.Char(
        string="Why This Tier (Scoring)",
        readonly=True,
        copy=False,
        groups="sales_key_accounts.group_key_account_manager",
        prefetch="key_account",
    )
    account_revenue = fields.Float(
        string="Won Revenue (Window)",
        readonly=True,
        copy=False,
        groups="sales_key_accounts.group_key_account_manager",
        prefetch="key_account",
    )
    account_tier_why = fields.Char(
        string="Why This Tier",
        compute="_compute_account_tier_why",
        help="Shown to the customer's salesperson, its account team and "
        "key-account managers.",
    )
    account_last_win_days = fields.Integer(
        string="Days Since Last Win",
        readonly=True,
        copy=False,
        aggregator="avg",
        prefetch="key_account",
    )
    account_last_win_label = fields.Char(
        string="Last Win",
        compute="_compute_account_last_win_label",
        help="Days since the customer's last won deal, or that it has none in "
        "the years the tiering looks back.",
    )
    account_idle_days = fields.Integer(
        string="Days Without Contact",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Days since the last win or the last message or activity logged on "
        "the customer, whichever is more recent.",
        prefetch="key_account",
    )
    account_potential_amount = fields.Float(
        string="Potential Amount",
        help="What the customer could buy, per the rep.",
        prefetch="key_account",
    )
    account_growth_score = fields.Float(
        string="Growth Score",
        aggregator="avg",
        help="0-100: the rep's view of the customer's growth.",
        prefetch="key_account",
    )
    account_tier_history_ids = fields.One2many(
        "sales.account.tier.history", "partner_id", string="Tier History"
    )
    account_team_member_ids = fields.One2many(
        "sales.account.team.member", "partner_id", string="Account Team"
    )
    account_plan_ids = fields.One2many(
        "sales.account.plan", "partner_id", string="Account Plans"
    )
    account_visit_ids = fields.One2many(
        "sales.account.visit", "partner_id", string="Visits"
    )
    account_next_visit_date = fields.Date(
        compute="_compute_account_next_visit", string="Next Planned Visit"
    )

    # set by the re-tiering only, which keeps each change in the tier history
    _action_fields = (
        "account_tier_id",
        "account_score",
        "account_tier_reason",
        "account_revenue",
        "account_last_win_days",
        "account_idle_days",
    )

    @api.depends("account_last_win_days")
    @api.depends_context("lang")
    def _compute_account_last_win_label(self):
        """A customer never won reads so, not "1,825 days since the last win"."""
        never = self.env._("No win in %s years", RECENCY_HORIZON_DAYS // 365)
        for partner in self:
            days = partner.account_last_win_days
            partner.account_last_win_label = (
                never
                if days >= RECENCY_HORIZON_DAYS
                else self.env._("%s days ago", days)
            )

    @api.depends(
        "account_tier_reason",
        "account_tier_id",
        "account_tier_pinned_id",
        "account_pin_until",
        "account_pin_reason",
    )
    @api.depends_context("uid", "lang")
    def _compute_account_tier_why(self):
        mine = self._worked_by_user()
        Tiering = self.env["sales.account.tiering"]
        for partner in self:
            if partner not in mine:
                partner.account_tier_why = False
                continue
            # sudo: the reason is read only for the people of the account
            account = partner.sudo()
            pinned = account.account_tier_pinned_id
            # a pin's reason in the reader's language, not the re-tiering's
            partner.account_tier_why = (
                Tiering._pin_reason(
                    account.account_pin_until, account.account_pin_reason
                )
                if pinned and pinned == account.account_tier_id
                else account.account_tier_reason
            )

    def _compute_account_next_visit(self):
        groups = dict(
            self.env["sales.account.visit"]._read_group(
                [("partner_id", "in", self.ids), ("state", "=", "planned")],
                ["partner_id"],
                ["date:min"],
            )
        )
        for partner in self:
            partner.account_next_visit_date = groups.get(partner)

    def _by_account_company(self):
        """{company: customers} of the company whose tiers rate each customer:
        its own, or the current company for a customer shared by all."""
        return self.grouped(lambda partner: partner.company_id or self.env.company)

    def _worked_by_user(self):
        """The customers the user works on: hers, those of her account teams,
        all of them for key-account managers."""
        if self.env.su or self.env.user.has_group(
            "sales_key_accounts.group_key_account_manager"
        ):
            return self
        user = self.env.user
        # sudo: who owns the customer decides, also for customers of another team
        people = {
            partner: account.user_id | account.account_team_member_ids.user_id
            for partner in self
            for account in partner.sudo().commercial_partner_id
        }
        return self.filtered(lambda partner: user in people[partner])

    def _check_account_access(self):
        """A salesperson plans and reviews her customers and account teams only:
        the figures prepared for a plan or review are the customer's revenue."""
        for partner in self - self._worked_by_user():
            raise AccessError(
                self.env._(
                    "%(customer)s is neither your customer nor in one of your "
                    "account teams: ask its salesperson or a key-account "
                    "manager.",
                    customer=partner.display_name,
                )
            )
