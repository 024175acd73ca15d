# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Commission statements: what a salesperson earns for a period, computed
from the engine's figures and the plan's tiers and awards."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare

from odoo.addons.sales_process_framework.tools.dates import range_label
from odoo.addons.sales_process_framework.tools.periods import (
    period_bounds,
    period_step,
    today_in,
)

from .sales_commission_plan import ACHIEVEMENT_DIGITS

COMMISSION_LOCK = 7_202_612


class SalesCommissionStatement(models.Model):
    """What a salesperson earns for a period: computed lines and adjustments."""

    _name = "sales.commission.statement"
    _description = "Commission Statement"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _order = "date_start desc, user_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    plan_id = fields.Many2one(
        "sales.commission.plan",
        required=True,
        index=True,
        check_company=True,
        domain="[('is_template', '=', False)]",
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("paid", "Paid")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    revenue = fields.Monetary(readonly=True, help="Won revenue of the period.")
    target = fields.Monetary(readonly=True, help="Revenue target of the period.")
    achievement = fields.Float(
        string="Achievement (%)", readonly=True, aggregator="avg"
    )
    tier_id = fields.Many2one(
        "sales.commission.tier", string="Tier Reached", readonly=True
    )
    line_ids = fields.One2many("sales.commission.statement.line", "statement_id")
    deal_ids = fields.One2many(
        "sales.commission.statement.deal", "statement_id", string="Deals Paid"
    )
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True
    )
    date_confirmed = fields.Datetime(readonly=True)
    date_paid = fields.Date(readonly=True)

    # the workflow and the figures the computation writes change only
    # through the buttons (Compute, Confirm, Paid)
    _workflow_fields = ("state", "date_confirmed", "date_paid")
    _action_fields = (*_workflow_fields, "revenue", "target", "achievement", "tier_id")

    _sql_constraints = [
        (
            "statement_unique",
            "UNIQUE(plan_id, user_id, date_start)",
            "A salesperson has one statement per plan and period.",
        )
    ]

    @api.depends("user_id", "date_start", "date_end")
    def _compute_name(self):
        for statement in self:
            statement.name = (
                f"{statement.user_id.name or ''} · {statement.date_start or ''}"
                f" – {statement.date_end or ''}"
            )

    @api.depends("user_id", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for statement in self:
            statement.display_name = (
                f"{statement.user_id.name or ''} · "
                f"{range_label(self.env, statement.date_start, statement.date_end)}"
            )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        totals = dict(
            self.env["sales.commission.statement.line"]._read_group(
                [("statement_id", "in", self.ids)], ["statement_id"], ["amount:sum"]
            )
        )
        for statement in self:
            statement.amount_total = totals.get(statement, 0.0)

    @api.constrains("plan_id")
    def _check_plan_not_template(self):
        for statement in self:
            if statement.plan_id.is_template:
                raise ValidationError(
                    self.env._(
                        "Plan %s is a template and pays nobody: click Use "
                        "Template on it and choose the new plan.",
                        statement.plan_id.name,
                    )
                )

    def _check_unlocked(self):
        """Only drafts change, whoever asks: the computation itself only
        works on drafts."""
        if any(statement.state != "draft" for statement in self):
            raise UserError(
                self.env._(
                    "A confirmed statement is locked: put corrections in the next "
                    "period's statement as an adjustment."
                )
            )

    def write(self, vals):
        # the workflow fields are guarded by _action_fields: only the actions
        # below write them
        if set(vals) - {*self._workflow_fields, "line_ids", "amount_total"}:
            self._check_unlocked()
        return super().write(vals)

    def unlink(self):
        if any(statement.state != "draft" for statement in self):
            raise UserError(self.env._("Only draft statements can be deleted."))
        return super().unlink()

    # Computing -------------------------------------------------------------
    def _lock_rows(self):
        """Serialise concurrent computations of the same statements."""
        self.env.cr.execute(
            "SELECT id FROM sales_commission_statement WHERE id IN %s FOR UPDATE",
            [tuple(self.ids)],
        )
        self.invalidate_recordset()
        self.line_ids.invalidate_recordset()

    def action_compute(self):
        drafts = self.filtered(lambda statement: statement.state == "draft")
        if drafts:
            drafts._lock_rows()
            drafts = drafts.filtered(lambda statement: statement.state == "draft")
        # the computation is the only way in for computed lines
        with self._by_action("sales.commission.statement.line"):
            for _key, statements in drafts.grouped(
                lambda s: (s.plan_id, s.date_start, s.date_end)
            ).items():
                statements._compute_period()
        return True

    def _bounds(self):
        return self.env["sales.measure"].bounds(
            self.date_start, self.date_end + timedelta(days=1), self.company_id
        )

    def _compute_period(self):
        """Recompute the lines of draft statements of one plan and period.

        Computed lines are replaced; manual lines (special awards, manual
        adjustments) stay. Figures come from grouped reads of the engine.
        """
        plan, company = self.plan_id, self.company_id
        start, end = self[0].date_start, self[0].date_end + timedelta(days=1)
        Target = self.env["sales.target.line"]
        by_user, by_team = (
            Target._actuals_and_targets("won_revenue", scope, start, end, company)
            for scope in ("user", "team")
        )
        adjustments = self._reopened_adjustments()
        Line = self.env["sales.commission.statement.line"]
        Line.search(
            [("statement_id", "in", self.ids), ("is_computed", "=", True)]
        ).unlink()
        currency = company.currency_id
        to_create = []
        values = {}
        for statement in self:
            user = statement.user_id
            team = statement.team_id or user.sale_team_id
            base, target = by_user.get(user.id, (0.0, 0.0))
            slices, tier, achievement = plan._commission_slices(base, target)
            values[statement] = {
                "revenue": base,
                "target": target,
                "achievement": achievement or 0.0,
                "tier_id": tier.id,
                "team_id": team.id,
            }
            line = {"statement_id": statement.id, "is_computed": True}
            # one line per rate paid: the line's rate times its base is its
            # amount, and the per-tier breakdown is on the statement
            to_create += [
                {
                    **line,
                    "kind": "commission",
                    "name": self.env._(
                        "Commission on %(revenue)s (%(tier)s)",
                        revenue=currency.format(paid) if currency else paid,
                        tier=paid_tier.display_name,
                    ),
                    "name_args": {"revenue": paid, "tier_id": paid_tier.id},
                    "base": paid,
                    "amount": currency.round(amount),
                }
                for paid_tier, paid, amount in slices
            ] or [
                {
                    **line,
                    "kind": "commission",
                    "name": self.env._(
                        "Commission on %(revenue)s (%(tier)s)",
                        revenue=currency.format(base) if currency else base,
                        tier=self.env._("no tier"),
                    ),
                    "name_args": {"revenue": base, "tier_id": False},
                    "base": base,
                    "amount": 0.0,
                }
            ]
            if (
                plan.individual_award
                and achievement is not None
                and float_compare(
                    achievement, plan.individual_award_threshold, ACHIEVEMENT_DIGITS
                )
                >= 0
            ):
                to_create.append(
                    {
                        **line,
                        "kind": "individual_award",
                        "name": self.env._(
                            "Individual award: %(pct).1f%% of target",
                            pct=achievement,
                        ),
                        "name_args": {"pct": achievement},
                        "amount": currency.round(plan.individual_award),
                    }
                )
            team_base, team_target = by_team.get(team.id, (0.0, 0.0))
            if (
                plan.team_award
                and team_target
                and float_compare(team_base, team_target, currency.decimal_places) >= 0
            ):
                to_create.append(
                    {
                        **line,
                        "kind": "team_award",
                        "name": self.env._(
                            "Team award: %(team)s reached its target", team=team.name
                        ),
                        "name_args": {"team_id": team.id},
                        "amount": currency.round(plan.team_award),
                    }
                )
            for adjustment in adjustments.get(statement, []):
                to_create.append({**line, **adjustment, "kind": "adjustment"})
        Line.create(to_create)
        for statement, vals in values.items():
            statement.write(vals)

    def _reopened_adjustments(self):
        """Adjustments for deals paid in earlier confirmed statements that were
        reopened, lost or changed since: {statement: [line values]}.

        The paid amount is reversed at the confirmed statement's average rate;
        the deal, if won again, counts in the period it is won again.
        """
        Deal = self.env["sales.commission.statement.deal"]
        deals = Deal.search(
            [
                ("statement_id.state", "in", ("confirmed", "paid")),
                ("statement_id.plan_id", "in", self.plan_id.ids),
                ("statement_id.user_id", "in", self.user_id.ids),
            ]
        )
        result = defaultdict(list)
        if not deals:
            return result
        by_user = {(s.plan_id, s.user_id): s for s in self}
        settled = deals._settled_revenue()
        for deal in deals:
            statement = by_user.get(
                (deal.statement_id.plan_id, deal.statement_id.user_id)
            )
            if not statement or deal.statement_id.date_start >= statement.date_start:
                continue
            now = deal._counted_revenue()
            delta = now - settled[deal.id]
            if not delta:
                continue
            currency = statement.currency_id
            amount = currency.round(delta * deal.statement_id._average_rate())
            lead = deal.lead_id
            result[statement].append(
                {
                    "name": self.env._(
                        "%(deal)s changed after the statement of %(date)s",
                        deal=lead.name,
                        date=deal.statement_id.date_start,
                    ),
                    "name_args": {
                        "lead_id": lead.id,
                        "date": fields.Date.to_string(deal.statement_id.date_start),
                    },
                    "reason": self.env._(
                        "Paid on %(paid)s, counts %(now)s now (reopened, lost or "
                        "revenue changed).",
                        paid=settled[deal.id],
                        now=now,
                    ),
                    "lead_id": lead.id,
                    "deal_id": deal.id,
                    "settled_revenue": now,
                    "base": delta,
                    "amount": amount,
                }
            )
        return result

    def _average_rate(self):
        commission = sum(
            self.line_ids.filtered(lambda line: line.kind == "commission").mapped(
                "amount"
            )
        )
        return commission / self.revenue if self.revenue else 0.0

    # Workflow --------------------------------------------------------------
    def action_confirm(self):
        self._check_action_group(
            "sales_team_performance.group_performance_manager", self.env._("Confirm")
        )
        for statement in self:
            if statement.state != "draft":
                raise UserError(
                    self.env._("Statement %s is not a draft.", statement.name)
                )
        self.action_compute()
        self.env["sales.commission.statement.deal"]._record_for(self)
        self._write_by_action(
            {"state": "confirmed", "date_confirmed": fields.Datetime.now()}
        )

    def action_pay(self):
        if not self.env.user.has_group(
            "sales_team_performance.group_commission_manager"
        ):
            raise UserError(
                self.env._("Only commission administrators mark statements paid.")
            )
        if any(statement.state != "confirmed" for statement in self):
            raise UserError(self.env._("Only confirmed statements can be paid."))
        self._write_by_action(
            {"state": "paid", "date_paid": fields.Date.context_today(self)}
        )

    @api.model
    def _periods(self, plan, today):
        current = period_bounds(today, plan.period)
        previous = (current[0] - period_step(plan.period), current[0])
        return [previous, current]

    @api.model
    def _cron_compute_statements(self, batch_size=200, today=None):
        """Create and compute the draft statements of the previous and current
        period of every running plan.

        Two workers never run this at once (a transaction lock), and the unique
        key (plan, salesperson, period) with the row lock of the computation
        keep statements and lines single even when it is run by hand meanwhile.
        """
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [COMMISSION_LOCK])
        if not self.env.cr.fetchone()[0]:
            return self.browse()
        today = today or today_in(self.env)
        statements = self.browse()
        plans = self.env["sales.commission.plan"].search([("is_template", "=", False)])
        for plan in plans:
            for start, end in self._periods(plan, today):
                statements |= self._ensure_statements(plan, start, end)
        drafts = statements.filtered(lambda statement: statement.state == "draft")
        done = 0
        for index in range(0, len(drafts), batch_size):
            batch = drafts[index : index + batch_size]
            batch.action_compute()
            done += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(drafts) - done
            )
        return statements

    @api.model
    def _ensure_statements(self, plan, start, end):
        existing = self.search(
            [
                ("plan_id", "=", plan.id),
                ("date_start", "=", start),
                ("user_id", "in", plan.user_ids.ids),
            ]
        )
        missing = plan.user_ids - existing.user_id
        return existing | self.create(
            [
                {
                    "plan_id": plan.id,
                    "user_id": user.id,
                    "team_id": user.sale_team_id.id,
                    "date_start": start,
                    "date_end": end - timedelta(days=1),
                }
                for user in missing
            ]
        )


class SalesCommissionStatementLine(models.Model):
    """A line of a statement: computed (commission, awards, ramp, clawbacks,
    reversals of reopened deals), only ever made by the statement's
    computation, or manual (special awards, adjustments), written by
    commission administrators."""

    _name = "sales.commission.statement.line"
    _description = "Commission Statement Line"
    _order = "statement_id, sequence, id"
    _inherit = ["sales.guard.mixin"]

    # what the computation alone sets: a computed line, the deal it settles
    _action_fields = ("is_computed", "name_args", "deal_id", "settled_revenue")
    # the kinds a person writes; every other kind is computed
    _manual_kinds = ("special", "adjustment")

    statement_id = fields.Many2one(
        "sales.commission.statement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="statement_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    kind = fields.Selection(
        [
            ("commission", "Commission"),
            ("individual_award", "Individual award"),
            ("team_award", "Team award"),
            ("special", "Special-contribution award"),
            ("adjustment", "Adjustment"),
        ],
        required=True,
        default="special",
    )
    name = fields.Char(string="Description", required=True)
    reason = fields.Text(help="Why this award or adjustment: required for both.")
    base = fields.Monetary(help="Revenue the amount was computed on.")
    amount = fields.Monetary(required=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity")
    deal_id = fields.Many2one("sales.commission.statement.deal", ondelete="set null")
    settled_revenue = fields.Monetary(
        help="Revenue of the deal once this adjustment is confirmed."
    )
    is_computed = fields.Boolean(
        readonly=True, help="Made by the computation; replaced when recomputed."
    )

    _sql_constraints = [
        (
            "adjustment_once",
            "UNIQUE(statement_id, deal_id)",
            "A paid deal is adjusted once per statement.",
        )
    ]

    @api.depends("kind")
    def _compute_sequence(self):
        order = [key for key, _label in self._fields["kind"].selection]
        for line in self:
            line.sequence = order.index(line.kind) if line.kind else 0

    @api.constrains("kind", "reason")
    def _check_reason(self):
        for line in self:
            if (
                line.kind in ("special", "adjustment")
                and not (line.reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "The %(kind)s line %(line)s needs a reason: write why in "
                        "Reason.",
                        kind=dict(
                            self._fields["kind"]._description_selection(self.env)
                        )[line.kind],
                        line=line.name,
                    )
                )

    def _check_manual(self, kinds):
        """Computed kinds come only from the computation, whoever asks; the
        manual ones only from commission administrators."""
        if not kinds or self._action_writes_allowed():
            return
        Kind = self._fields["kind"]
        computed = [kind for kind in kinds if kind not in self._manual_kinds]
        if computed:
            labels = dict(Kind._description_selection(self.env))
            raise AccessError(
                self.env._(
                    "%(kind)s lines come only from the statement's computation: "
                    "click Compute instead, and put a correction in a "
                    "Special-contribution award or Adjustment line.",
                    kind=labels.get(computed[0], computed[0]),
                )
            )
        if not self.env.user.has_group(
            "sales_team_performance.group_commission_manager"
        ):
            raise AccessError(
                self.env._(
                    "Only commission administrators add, change or delete "
                    "special-contribution awards and adjustments: ask one of "
                    "them (group %s).",
                    self.env.ref(
                        "sales_team_performance.group_commission_manager"
                    ).full_name,
                )
            )

    def _kinds(self):
        """The kinds of these lines, a line made by the computation counting
        as computed whatever its kind."""
        return {"commission" if line.is_computed else line.kind for line in self}

    @api.model_create_multi
    def create(self, vals_list):
        self.env["sales.commission.statement"].browse(
            {vals.get("statement_id") for vals in vals_list}
        )._check_unlocked()
        default = self._static_default("kind")
        self._check_manual(
            {
                "commission" if vals.get("is_computed") else vals.get("kind", default)
                for vals in vals_list
            }
        )
        lines = super().create(vals_list)
        for line in lines:
            if line.kind in ("special", "adjustment") and not line.is_computed:
                line.amount = line.currency_id.round(line.amount)
        return lines

    def write(self, vals):
        self.statement_id._check_unlocked()
        if "statement_id" in vals:
            self.env["sales.commission.statement"].browse(
                vals["statement_id"]
            )._check_unlocked()
        self._check_manual(
            self._kinds() | ({vals["kind"]} if "kind" in vals else set())
        )
        return super().write(vals)

    def unlink(self):
        self.statement_id._check_unlocked()
        self._check_manual(self._kinds())
        return super().unlink()


class SalesCommissionStatementDeal(models.Model):
    """A won deal a confirmed statement paid, as it was when confirmed."""

    _name = "sales.commission.statement.deal"
    _description = "Deal Paid by a Commission Statement"
    _order = "statement_id, id"
    _inherit = ["sales.guard.mixin"]

    statement_id = fields.Many2one(
        "sales.commission.statement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="statement_id.company_id", store=True, index=True
    )
    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    revenue = fields.Float(readonly=True)

    _sql_constraints = [
        (
            "deal_unique",
            "UNIQUE(statement_id, lead_id)",
            "A deal is paid once per statement.",
        )
    ]

    @api.model
    def _record_for(self, statements):
        """Record the deals behind each statement's won revenue, as the engine
        counts them, with their revenue of today: one INSERT … SELECT per
        statement from the engine's own drill-down query, with no record
        per deal (200 statements pay some 12,000 deals)."""
        Lead = self.env["crm.lead"].sudo()
        Measure = self.env["sales.measure"]
        self.flush_model()
        for statement in statements:
            query = Lead._search(
                Measure.drill_down_domain(
                    "won_revenue",
                    "user",
                    statement.user_id.id,
                    statement.date_start,
                    statement.date_end + timedelta(days=1),
                    statement.company_id,
                )
            )
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO sales_commission_statement_deal (statement_id,
                           company_id, lead_id, revenue, create_uid, create_date,
                           write_uid, write_date)
                    %s
                    """,
                    query.select(
                        SQL(
                            "%s, %s, %s, %s, %s, now() AT TIME ZONE 'UTC', %s, "
                            "now() AT TIME ZONE 'UTC'",
                            statement.id,
                            statement.company_id.id or None,
                            SQL.identifier(Lead._table, "id"),
                            Lead._field_to_sql(Lead._table, "expected_revenue", query),
                            self.env.uid,
                            self.env.uid,
                        )
                    ),
                )
            )
        statements.invalidate_recordset(["deal_ids"])

    def _settled_revenue(self):
        """{deal id: revenue paid so far}, after confirmed adjustments."""
        settled = {deal.id: deal.revenue for deal in self}
        for line in self.env["sales.commission.statement.line"].search(
            [
                ("deal_id", "in", self.ids),
                ("statement_id.state", "in", ("confirmed", "paid")),
            ],
            order="statement_id, id",
        ):
            settled[line.deal_id.id] = line.settled_revenue
        return settled

    def _counted_revenue(self):
        """The revenue the deal counts for in its statement's period now."""
        lead = self.lead_id.sudo().with_context(active_test=False)
        statement = self.statement_id
        still_won = lead.filtered_domain(
            self.env["sales.measure"].won_domain(
                statement.company_id, statement._bounds()
            )
        )
        return lead.expected_revenue if still_won else 0.0
