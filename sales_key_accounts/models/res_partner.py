# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.sales_process_framework.models.sales_measure import today_in

from .sales_account_tier import FACTORS

BATCH = 1000
# How far back "days since the last win" looks.
RECENCY_HORIZON_DAYS = 5 * 365


def short_amount(value):
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}"
    return f"{value:.0f}"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "sales.guard.mixin"]

    # changes are kept in the tier history and posted by the re-tiering itself
    account_tier_id = fields.Many2one(
        "sales.account.tier", string="Tier", index=True, copy=False
    )
    account_score = fields.Float(copy=False, readonly=True)
    # a salesperson must not read other reps' customers' revenue, and every
    # customer is readable by every user: the figures are for managers only
    account_tier_reason = fields.Char(
        string="Why This Tier (Scoring)",
        readonly=True,
        copy=False,
        groups="sales_key_accounts.group_key_account_manager",
    )
    account_revenue = fields.Float(
        string="Won Revenue (Window)",
        readonly=True,
        copy=False,
        groups="sales_key_accounts.group_key_account_manager",
    )
    account_tier_why = fields.Char(
        string="Why This Tier",
        compute="_compute_account_tier_why",
        help="Shown to the customer's salesperson, its account team and "
        "key-account managers.",
    )
    account_last_win_days = fields.Integer(
        string="Days Since Last Win", readonly=True, copy=False
    )
    account_idle_days = fields.Integer(
        string="Days Without Contact",
        readonly=True,
        copy=False,
        help="Days since the last win or the last message or activity logged on "
        "the customer, whichever is more recent.",
    )
    account_potential_amount = fields.Float(
        string="Potential Amount", help="What the customer could buy, per the rep."
    )
    account_growth_score = fields.Float(
        string="Growth Score", help="0-100: the rep's view of the customer's growth."
    )
    account_tier_pinned_id = fields.Many2one(
        "sales.account.tier", string="Pinned Tier", copy=False, tracking=True
    )
    account_pin_reason = fields.Char(string="Pin Reason", copy=False)
    account_pin_until = fields.Date(string="Pinned Until", copy=False)
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
    churn_reason_id = fields.Many2one("crm.lost.reason", help="Why the customer left.")

    # set by the re-tiering and the pin wizard only, each leaving its trace
    _action_fields = (
        "account_tier_id",
        "account_score",
        "account_tier_reason",
        "account_revenue",
        "account_last_win_days",
        "account_idle_days",
        "account_tier_pinned_id",
        "account_pin_reason",
        "account_pin_until",
    )

    @api.depends("account_tier_reason")
    @api.depends_context("uid")
    def _compute_account_tier_why(self):
        mine = self._worked_by_user()
        for partner in self:
            # sudo: the reason is read only for the people of the account
            partner.account_tier_why = (
                partner.sudo().account_tier_reason if partner in mine else False
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

    def action_pin_tier(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.account.tier.pin.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # Tiering
    # ------------------------------------------------------------------
    @api.model
    def _account_partner_ids(self):
        """Customers to tier: with opportunities, a tier or a potential.

        The customers with opportunities come from one grouped read of the
        opportunities; a domain on the one2many would make PostgreSQL check
        every customer against every opportunity.
        """
        with_deals = [
            partner.id
            for [partner] in self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [("type", "=", "opportunity"), ("partner_id", "!=", False)],
                ["partner_id"],
            )
        ]
        Partner = self.with_context(active_test=False)
        return list(
            Partner._search(
                [
                    ("parent_id", "=", False),
                    "|",
                    "|",
                    ("id", "in", with_deals),
                    ("account_tier_id", "!=", False),
                    ("account_potential_amount", ">", 0),
                ],
                order="id",
            )
        )

    def _by_account_company(self):
        """{company: customers} of the company whose tiers rate each customer:
        its own, or the current company for a customer shared by all."""
        return self.grouped(lambda partner: partner.company_id or self.env.company)

    @api.model
    def _cron_retier(self):
        """Re-tier every customer once, by its company, in batches with progress.

        Each company's score inputs are read once, at its first customer.
        """
        tiered = self.env["sales.account.tier"].search([]).company_id
        partner_ids = self._account_partner_ids()
        cron = self.env["ir.cron"]
        inputs = {}
        for start in range(0, len(partner_ids), BATCH):
            batch = self.browse(partner_ids[start : start + BATCH])
            for company, partners in batch._by_account_company().items():
                if company not in tiered:
                    continue
                if company not in inputs:
                    inputs[company] = self._score_inputs(company, today_in(self.env))
                partners._retier(company, inputs[company])
            done = min(start + BATCH, len(partner_ids))
            cron._notify_progress(done=done, remaining=len(partner_ids) - done)
            self.env.flush_all()
            self.env.invalidate_all()
        return len(partner_ids)

    @api.model
    def _score_inputs(self, company, day):
        """{factor: {partner id: value}} from the measurement engine, grouped."""
        Measure = self.env["sales.measure"]
        end = day + timedelta(days=1)
        start = day - relativedelta(months=company.account_window_months)
        values = {
            "revenue": Measure._compute("won_revenue", "customer", start, end, company),
            "deals": Measure._compute("won_count", "customer", start, end, company),
            "recency": Measure._compute(
                "last_win_age",
                "customer",
                day - timedelta(days=RECENCY_HORIZON_DAYS),
                end,
                company,
            ),
            "pipeline": Measure._compute(
                "open_pipeline", "customer", start, end, company
            ),
        }
        inputs = {
            factor: {key: figure.numerator for key, figure in figures.items() if key}
            for factor, figures in values.items()
        }
        # Last message or done activity logged on each customer: one grouped read.
        now = fields.Datetime.now()
        inputs["touch"] = {
            res_id: (now - last).total_seconds() / 86400.0
            for res_id, last in Measure._last_touch("res.partner").items()
        }
        return inputs

    def _account_scores(self, company, inputs):
        """{partner id: (score, [(factor, value, points, weight)])}."""
        factors = self.env["sales.account.score.factor"].search(
            [("company_id", "=", company.id)]
        )
        total_weight = sum(factors.mapped("weight")) or 1.0
        result = {}
        for partner in self:
            lines = []
            for factor in factors:
                if factor.factor == "potential":
                    value = partner.account_potential_amount
                elif factor.factor == "growth":
                    value = partner.account_growth_score
                elif factor.factor == "recency":
                    value = inputs["recency"].get(partner.id, factor.full_score_at)
                else:
                    value = inputs[factor.factor].get(partner.id, 0.0)
                lines.append((factor, value, factor._points(value), factor.weight))
            score = (
                sum(points * weight for _f, _v, points, weight in lines) / total_weight
            )
            # the tier is chosen on the exact score; only its display is rounded
            result[partner.id] = (score, lines)
        return result

    def _reason(self, tier, score, lines):
        labels = dict(FACTORS)
        parts = [
            f"{labels[factor.factor].split(' (')[0].lower()} "
            f"{short_amount(value)} ({points:.0f} pts)"
            for factor, value, points, weight in sorted(
                lines, key=lambda line: -line[2] * line[3]
            )[:3]
        ]
        score_label = f"{score:.2f}".rstrip("0").rstrip(".")
        minimum = f"{tier.min_score:.0f}"
        return self.env._(
            "score %(score)s ≥ %(minimum)s: %(details)s",
            score=score_label,
            minimum=minimum,
            details=", ".join(parts),
        )

    def _retier(self, company, inputs, day=None):
        """Set each partner's tier from its score; history and chatter on change."""
        day = day or today_in(self.env)
        tiers = self.env["sales.account.tier"].search(
            [("company_id", "=", company.id)], order="min_score desc, id"
        )
        if not tiers:
            return
        scores = self._account_scores(company, inputs)
        history, figures, changes = [], [], []
        expired = self.filtered(
            lambda p: (
                p.account_tier_pinned_id
                and p.account_pin_until
                and p.account_pin_until < day
            )
        )
        expired._write_by_action(
            {"account_tier_pinned_id": False, "account_pin_reason": False}
        )
        for partner in self:
            score, lines = scores[partner.id]
            pinned = partner.account_tier_pinned_id
            if pinned:
                tier = pinned
                reason = self.env._(
                    "pinned until %(date)s: %(reason)s",
                    date=partner.account_pin_until or "-",
                    reason=partner.account_pin_reason or "",
                )
            else:
                tier = tiers._tier_for(score)
                reason = partner._reason(tier, score, lines) if tier else ""
            win_days = inputs["recency"].get(partner.id, RECENCY_HORIZON_DAYS)
            figures.append(
                (
                    partner.id,
                    round(score, 2),
                    inputs["revenue"].get(partner.id, 0.0),
                    int(win_days),
                    int(min(win_days, inputs["touch"].get(partner.id, win_days))),
                )
            )
            if tier != partner.account_tier_id:
                changes.append((partner.id, tier.id or None, reason))
                history.append(
                    {
                        "partner_id": partner.id,
                        "from_tier_id": partner.account_tier_id.id,
                        "to_tier_id": tier.id,
                        "date": day,
                        "score": round(score, 2),
                        "reason": reason,
                        "pinned": bool(pinned),
                    }
                )
        self._write_account_figures(figures, changes)
        if history:
            records = self.env["sales.account.tier.history"].create(history)
            records._post_on_partners()

    def _write_account_figures(self, figures, changes):
        """Scores of the whole batch in one UPDATE, tier changes in another.

        Every customer gets a different score, which the ORM would write with
        one UPDATE per customer; these columns are plain values with nothing
        computed from them, so two set-based statements do the same work.
        """
        self.env.flush_all()
        if figures:
            ids, scores, revenues, days, idle = zip(*figures, strict=True)
            self.env.cr.execute(
                """
                UPDATE res_partner p
                   SET account_score = v.score, account_revenue = v.revenue,
                       account_last_win_days = v.days, account_idle_days = v.idle,
                       write_date = now() AT TIME ZONE 'UTC', write_uid = %s
                  FROM unnest(%s::int[], %s::float8[], %s::float8[], %s::int[],
                              %s::int[])
                       AS v(id, score, revenue, days, idle)
                 WHERE p.id = v.id
                """,
                [
                    self.env.uid,
                    list(ids),
                    list(scores),
                    list(revenues),
                    list(days),
                    list(idle),
                ],
            )
        if changes:
            ids, tiers, reasons = zip(*changes, strict=True)
            self.env.cr.execute(
                """
                UPDATE res_partner p
                   SET account_tier_id = v.tier, account_tier_reason = v.reason
                  FROM unnest(%s::int[], %s::int[], %s::varchar[])
                       AS v(id, tier, reason)
                 WHERE p.id = v.id
                """,
                [list(ids), list(tiers), list(reasons)],
            )
        self.invalidate_recordset(
            [
                "account_score",
                "account_revenue",
                "account_last_win_days",
                "account_idle_days",
                "account_tier_id",
                "account_tier_reason",
                "write_date",
                "write_uid",
            ]
        )

    @api.model
    def _action_churn_risk(self):
        """Key accounts without a win or a contact for the churn-risk days."""
        company = self.env.company
        key_tiers = self.env["sales.account.tier"].search(
            [("company_id", "=", company.id)], order="min_score desc", limit=1
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Churn Risk"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref(
                        "sales_key_accounts.res_partner_view_list_accounts"
                    ).id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": [
                ("account_tier_id", "in", key_tiers.ids),
                ("account_idle_days", ">", company.account_churn_risk_days),
            ],
        }

    def _check_pin(self, tier, reason):
        if not self.env.user.has_group("sales_key_accounts.group_key_account_manager"):
            raise UserError(self.env._("Only key-account managers can pin a tier."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for pinning the tier."))
        if not tier:
            raise UserError(self.env._("Choose the tier to pin."))

    def _pin_tier(self, tier, reason, date_until):
        """Pin customers to a tier: a history row and a chatter note each."""
        self._check_pin(tier, reason)
        before = {partner.id: partner.account_tier_id for partner in self}
        self._write_by_action(
            {
                "account_tier_pinned_id": tier.id,
                "account_pin_reason": reason,
                "account_pin_until": date_until,
            }
        )
        day = today_in(self.env)
        for company, group in self._by_account_company().items():
            group._retier(company, group._score_inputs(company, day), day=day)
        # the re-tiering logs the customers whose tier changed; log the others
        same = self.filtered(lambda partner: before[partner.id] == tier)
        if same:
            changes = self.env["sales.account.tier.history"].create(
                [
                    {
                        "partner_id": partner.id,
                        "from_tier_id": tier.id,
                        "to_tier_id": tier.id,
                        "date": day,
                        "score": partner.account_score,
                        "reason": self.env._(
                            "pinned until %(date)s: %(reason)s",
                            date=date_until or "-",
                            reason=reason,
                        ),
                        "pinned": True,
                    }
                    for partner in same
                ]
            )
            changes._post_on_partners()

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


class SalesAccountTierHistory(models.Model):
    _name = "sales.account.tier.history"
    _description = "Customer Tier Change"
    _order = "date desc, id desc"
    _inherit = ["sales.guard.mixin"]

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    from_tier_id = fields.Many2one("sales.account.tier", string="From")
    to_tier_id = fields.Many2one("sales.account.tier", string="To")
    date = fields.Date(required=True, default=fields.Date.context_today)
    score = fields.Float()
    reason = fields.Char()
    pinned = fields.Boolean(help="Set by a manager's pin, not by the score.")
    direction = fields.Selection(
        [("up", "Upgrade"), ("down", "Downgrade"), ("new", "First Tier")],
        compute="_compute_direction",
        store=True,
    )

    @api.depends("from_tier_id", "to_tier_id")
    def _compute_direction(self):
        for change in self:
            if not change.from_tier_id:
                change.direction = "new"
            elif change.to_tier_id == change.from_tier_id:
                change.direction = False
            elif change.to_tier_id.min_score > change.from_tier_id.min_score:
                change.direction = "up"
            else:
                change.direction = "down"

    def _post_on_partners(self):
        bodies = {
            change.partner_id.id: Markup("<p>{}</p><p>{}</p>").format(
                self.env._(
                    "Tier: %(old)s → %(new)s",
                    old=change.from_tier_id.name or "-",
                    new=change.to_tier_id.name or "-",
                ),
                # every user reads a customer's chatter: a score's reason quotes
                # the revenue, kept in the tier history for managers and the
                # account's own people; a pin's reason is the manager's words
                change.reason
                if change.pinned
                else self.env._("Score %s", round(change.score, 2)),
            )
            for change in self
        }
        # sudo: the change is logged for everyone following the customer
        self.partner_id.sudo()._message_log_batch(bodies=bodies)
