# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict, namedtuple
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.sales_process_framework.models.sales_measure import today_in
from odoo.addons.sales_process_framework.tools.dates import date_label

from ..tools.scoring import (
    FACTORS,
    RECENCY_HORIZON_DAYS,
    factor_points,
    short_amount,
    tier_for,
)

BATCH = 1000
# The partner columns the re-tiering reads and writes, besides its id.
_READ = (
    "account_tier_id",
    "account_tier_pinned_id",
    "account_pin_until",
    "account_pin_reason",
    "account_potential_amount",
    "account_growth_score",
    "account_score",
    "account_revenue",
    "account_last_win_days",
    "account_idle_days",
)
_FIGURES = (
    "account_score",
    "account_revenue",
    "account_last_win_days",
    "account_idle_days",
)
# One customer as the re-tiering reads it.
Account = namedtuple("Account", ["id", *_READ])


class SalesAccountTiering(models.AbstractModel):
    """Re-tiering of customers: scores, tiers, history and chatter.

    Set-based: a company's score inputs come from the measurement engine in a
    few grouped reads for all its customers; a batch of customers is read in
    one query, scored in memory, and written with one UPDATE for the figures
    that changed and one for the tiers that changed; only the customers whose
    tier changes get a history row and a chatter note, each created for the
    whole batch at once.
    """

    _name = "sales.account.tiering"
    _description = "Customer Tiering"

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
        Partner = self.env["res.partner"].with_context(active_test=False)
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

    @api.model
    def _score_inputs(self, company, day, partners=None):
        """{factor: {partner id: value}} from the measurement engine, grouped:
        for every customer of the company, or only for partners when given."""
        Measure = self.env["sales.measure"]
        end = day + timedelta(days=1)
        start = day - relativedelta(months=company.account_window_months)
        domain = [("partner_id", "in", partners.ids)] if partners is not None else []

        def compute(code, since):
            return Measure.compute(code, "customer", since, end, company, domain=domain)

        values = {
            "revenue": compute("won_revenue", start),
            "deals": compute("won_count", start),
            "recency": compute(
                "last_win_age", day - timedelta(days=RECENCY_HORIZON_DAYS)
            ),
            "pipeline": compute("open_pipeline", start),
        }
        inputs = {
            factor: {key: figure.numerator for key, figure in figures.items() if key}
            for factor, figures in values.items()
        }
        # Last message or done activity logged on each customer: one grouped read.
        now = fields.Datetime.now()
        inputs["touch"] = {
            res_id: (now - last).total_seconds() / 86400.0
            for res_id, last in Measure.last_touch(
                "res.partner", partners.ids if partners is not None else None
            ).items()
        }
        return inputs

    @api.model
    def _cron_retier(self):
        """Re-tier every customer once, by its company, in batches with progress.

        Each company's score inputs are read once, at its first customer.
        """
        Partner = self.env["res.partner"]
        tiered = self.env["sales.account.tier"].search([]).company_id
        partner_ids = self._account_partner_ids()
        cron = self.env["ir.cron"]
        inputs = {}
        for start in range(0, len(partner_ids), BATCH):
            batch = Partner.browse(partner_ids[start : start + BATCH])
            # the company only: the re-tiering reads its columns in one query
            batch.fetch(["company_id"])
            for company, partners in batch._by_account_company().items():
                if company not in tiered:
                    continue
                if company not in inputs:
                    inputs[company] = self._score_inputs(company, today_in(self.env))
                self._retier(partners, company, inputs[company])
            done = min(start + BATCH, len(partner_ids))
            cron._notify_progress(done=done, remaining=len(partner_ids) - done)
            self.env.flush_all()
            self.env.invalidate_all()
        return len(partner_ids)

    @api.model
    def _retier(self, partners, company, inputs, day=None):
        """Set each partner's tier from its score; history and chatter on change.

        A constant number of queries whatever the number of partners.
        """
        day = day or today_in(self.env)
        tiers = self.env["sales.account.tier"].search(
            [("company_id", "=", company.id)], order="min_score desc, id"
        )
        if not tiers:
            return
        accounts = self._read_accounts(partners)
        expired = {
            account.id
            for account in accounts
            if account.account_tier_pinned_id
            and account.account_pin_until
            and account.account_pin_until < day
        }
        if expired:
            self.env["res.partner"].browse(sorted(expired))._write_by_action(
                {"account_tier_pinned_id": False, "account_pin_reason": False}
            )
            accounts = [
                account._replace(account_tier_pinned_id=None, account_pin_reason=None)
                if account.id in expired
                else account
                for account in accounts
            ]
        scores = self._account_scores(company, inputs, accounts)
        thresholds = [(tier.min_score, tier) for tier in tiers]
        Tier = self.env["sales.account.tier"]
        # the words once, in the language of the environment, for the batch
        reason_text = self.env._("score %(score)s ≥ %(minimum)s: %(details)s")
        history, figures, changes = [], [], []
        for account in accounts:
            score, lines = scores[account.id]
            pinned_id = account.account_tier_pinned_id
            if pinned_id:
                tier = Tier.browse(pinned_id)
            else:
                tier = tier_for(thresholds, score) or Tier
            win_days = inputs["recency"].get(account.id, RECENCY_HORIZON_DAYS)
            values = (
                round(score, 2),
                inputs["revenue"].get(account.id, 0.0),
                int(win_days),
                int(min(win_days, inputs["touch"].get(account.id, win_days))),
            )
            if values != tuple(getattr(account, name) for name in _FIGURES):
                figures.append((account.id, *values))
            if tier.id == (account.account_tier_id or False):
                continue
            # the reason in words, for the customers whose tier changes only
            if pinned_id:
                reason = self._pin_reason(
                    account.account_pin_until, account.account_pin_reason
                )
            else:
                reason = self._reason(tier, score, lines, reason_text) if tier else ""
            changes.append((account.id, tier.id or None, reason))
            history.append(
                {
                    "partner_id": account.id,
                    "from_tier_id": account.account_tier_id,
                    "to_tier_id": tier.id,
                    "date": day,
                    "score": values[0],
                    "reason": reason,
                    "pinned": bool(pinned_id),
                    "pin_until": account.account_pin_until if pinned_id else False,
                    "pin_reason": account.account_pin_reason if pinned_id else False,
                }
            )
        self._write_accounts(partners, figures, changes)
        self.env["sales.account.tier.history"]._log_changes(history)

    def _read_accounts(self, partners):
        """[Account] of partners, in one query."""
        partners.flush_recordset(_READ)
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM res_partner WHERE id = ANY(%s) ORDER BY id",
                SQL(", ").join(SQL.identifier(name) for name in _READ),
                partners.ids,
            )
        )
        return [Account(*row) for row in self.env.cr.fetchall()]

    @api.model
    def _account_scores(self, company, inputs, accounts):
        """{partner id: (score, [(factor, value, points, weight)])}."""
        factors = self.env["sales.account.score.factor"].search(
            [("company_id", "=", company.id)]
        )
        total_weight = sum(factors.mapped("weight")) or 1.0
        scorecard = [
            (factor, factor.factor, factor.full_score_at, factor.weight)
            for factor in factors
        ]
        result = {}
        for account in accounts:
            partner_id = account.id
            lines = []
            for factor, code, full_score_at, weight in scorecard:
                if code == "potential":
                    value = account.account_potential_amount or 0.0
                elif code == "growth":
                    value = account.account_growth_score or 0.0
                elif code == "recency":
                    value = inputs["recency"].get(partner_id, full_score_at)
                else:
                    value = inputs[code].get(partner_id, 0.0)
                lines.append(
                    (factor, value, factor_points(code, full_score_at, value), weight)
                )
            score = (
                sum(points * weight for _f, _v, points, weight in lines) / total_weight
            )
            # the tier is chosen on the exact score; only its display is rounded
            result[partner_id] = (score, lines)
        return result

    def _pin_reason(self, date_until, reason):
        """A pin's reason in the language of the environment, its date in the
        reader's format."""
        if not date_until:
            return self.env._("pinned: %(reason)s", reason=reason or "")
        return self.env._(
            "pinned until %(date)s: %(reason)s",
            date=date_label(self.env, date_until),
            reason=reason or "",
        )

    def _reason(self, tier, score, lines, text):
        """Why the score gives the tier: its three largest factors, in the
        words of text (the translated "score %(score)s ≥ %(minimum)s:
        %(details)s")."""
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
        return text % {
            "score": score_label,
            "minimum": minimum,
            "details": ", ".join(parts),
        }

    def _write_accounts(self, partners, figures, changes):
        """The figures and the tiers that changed, in one UPDATE; a customer
        whose figures and tier stay is not written.

        Every customer gets a different score, which the ORM would write with
        one UPDATE per customer; these columns are plain values with nothing
        computed from them, so one set-based statement does the same work,
        and a customer whose figures and tier both change gets one new row
        version, not two.

        :param figures: [(partner id, score, revenue, days since the last
            win, idle days)] of the customers whose figures changed
        :param changes: [(partner id, tier id or None, reason)] of the
            customers whose tier changed
        """
        if not figures and not changes:
            return
        # per customer: (figures or None, (tier, reason) or None)
        rows = defaultdict(lambda: [None, None])
        for partner_id, *values in figures:
            rows[partner_id][0] = values
        for partner_id, tier_id, reason in changes:
            rows[partner_id][1] = (tier_id, reason)
        ids = list(rows)
        columns = [
            [bool(rows[i][0]) for i in ids],
            *([rows[i][0][k] if rows[i][0] else None for i in ids] for k in range(4)),
            [bool(rows[i][1]) for i in ids],
            [rows[i][1][0] if rows[i][1] else None for i in ids],
            [rows[i][1][1] if rows[i][1] else None for i in ids],
        ]
        self.env.cr.execute(
            """
            UPDATE res_partner p
               SET account_score = CASE WHEN v.scored THEN v.score
                                   ELSE p.account_score END,
                   account_revenue = CASE WHEN v.scored THEN v.revenue
                                     ELSE p.account_revenue END,
                   account_last_win_days = CASE WHEN v.scored THEN v.days
                                           ELSE p.account_last_win_days END,
                   account_idle_days = CASE WHEN v.scored THEN v.idle
                                       ELSE p.account_idle_days END,
                   account_tier_id = CASE WHEN v.tiered THEN v.tier
                                     ELSE p.account_tier_id END,
                   account_tier_reason = CASE WHEN v.tiered THEN v.reason
                                         ELSE p.account_tier_reason END,
                   write_date = now() AT TIME ZONE 'UTC', write_uid = %s
              FROM unnest(%s::int[], %s::bool[], %s::float8[], %s::float8[],
                          %s::int[], %s::int[], %s::bool[], %s::int[],
                          %s::varchar[])
                   AS v(id, scored, score, revenue, days, idle, tiered, tier, reason)
             WHERE p.id = v.id
            """,
            [self.env.uid, ids, *columns],
        )
        partners.invalidate_recordset(
            [*_FIGURES, "account_tier_id", "account_tier_reason"]
            + ["write_date", "write_uid"]
        )
