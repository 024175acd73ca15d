# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ramp of new salespeople: a guaranteed share of the plan's target
commission that shrinks month by month from each newcomer's start date.

The start date is kept per plan and salesperson (on the plan's members): the
ramp is a rule of the plan, set by who manages commissions, with the plan's
access rights; a user's own record is not writable by sales managers.
"""

import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_process_framework.tools.dates import date_label


class SalesCommissionRamp(models.Model):
    """One month of the ramp and the share of target commission it guarantees."""

    _name = "sales.commission.ramp"
    _description = "Commission Ramp Month"
    _order = "plan_id, month"
    _inherit = ["sales.guard.mixin"]

    plan_id = fields.Many2one(
        "sales.commission.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    month = fields.Integer(
        required=True,
        aggregator=False,
        help="Month since the salesperson's start: the start date's month is 1.",
    )
    share = fields.Float(
        string="Guaranteed Share (%)",
        required=True,
        aggregator=False,
        help="The statement pays at least this share of the target commission "
        "(the commission at 100% of target) in this month.",
    )

    _sql_constraints = [
        (
            "month_unique",
            "UNIQUE(plan_id, month)",
            "A ramp month appears once per plan.",
        )
    ]

    @api.constrains("share", "month")
    def _check_share(self):
        for ramp in self:
            if not math.isfinite(ramp.share) or not 0 <= ramp.share <= 100:
                raise ValidationError(
                    self.env._(
                        "Ramp of plan %(plan)s: the Guaranteed Share of month "
                        "%(month)s is %(share)s; enter a share from 0 to 100%%.",
                        plan=ramp.plan_id.name,
                        month=ramp.month,
                        share=ramp.share,
                    )
                )
        self.plan_id._check_ramp_months()

    def unlink(self):
        plans = self.plan_id
        result = super().unlink()
        plans.exists()._check_ramp_months()
        return result


class SalesCommissionRampStart(models.Model):
    """When a salesperson paid by a plan started: month 1 of the ramp."""

    _name = "sales.commission.ramp.start"
    _description = "Salesperson Start on a Commission Ramp"
    _order = "plan_id, date_start desc"
    _inherit = ["sales.guard.mixin"]

    plan_id = fields.Many2one(
        "sales.commission.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    date_start = fields.Date(string="Start Date", required=True)

    _sql_constraints = [
        (
            "start_unique",
            "UNIQUE(plan_id, user_id)",
            "A salesperson has one start date per plan.",
        )
    ]

    @api.constrains("user_id", "plan_id")
    def _check_member(self):
        for start in self:
            if start.user_id not in start.plan_id.user_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not paid by plan %(plan)s: add them under "
                        "Salespeople before giving a ramp start date.",
                        user=start.user_id.name,
                        plan=start.plan_id.name,
                    )
                )

    @api.depends("user_id", "date_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for start in self:
            start.display_name = (
                f"{start.user_id.name or ''} · {date_label(self.env, start.date_start)}"
            )


class SalesCommissionPlan(models.Model):
    _inherit = "sales.commission.plan"

    ramp_ids = fields.One2many(
        "sales.commission.ramp", "plan_id", string="Ramp", copy=True
    )
    ramp_start_ids = fields.One2many(
        "sales.commission.ramp.start", "plan_id", string="Ramp Starts"
    )

    def _check_ramp_months(self):
        for plan in self:
            months = sorted(plan.ramp_ids.mapped("month"))
            if months != list(range(1, len(months) + 1)):
                raise ValidationError(
                    self.env._(
                        "Ramp of plan %(plan)s: the months are %(months)s; number "
                        "them 1, 2, 3, ... without gap or repeat.",
                        plan=plan.name,
                        months=", ".join(str(month) for month in months),
                    )
                )

    def _ramp_month(self, user, day):
        """(month of the ramp, guaranteed share %) of user on day, or (0, 0.0)
        when the user has no start date on the plan or the ramp is over."""
        self.ensure_one()
        start = self.ramp_start_ids.filtered(lambda s: s.user_id == user)[:1]
        if not start or day < start.date_start.replace(day=1):
            return 0, 0.0
        month = (
            (day.year - start.date_start.year) * 12
            + day.month
            - start.date_start.month
            + 1
        )
        ramp = self.ramp_ids.filtered(lambda r: r.month == month)[:1]
        return (month, ramp.share) if ramp else (0, 0.0)


class SalesCommissionStatement(models.Model):
    _inherit = "sales.commission.statement"  # pylint: disable=consider-merging-classes-inherited

    def _compute_period(self):
        """Pay the ramp guarantee where it is more than the commission earned."""
        result = super()._compute_period()
        plan = self.plan_id
        if not plan.ramp_ids or not plan.ramp_start_ids:
            return result
        currency = self.company_id.currency_id
        Line = self.env["sales.commission.statement.line"]
        to_create = []
        for statement in self:
            month, share = plan._ramp_month(statement.user_id, statement.date_start)
            if not share:
                continue
            target_commission = plan._commission(statement.target, statement.target)[0]
            guarantee = currency.round(target_commission * share / 100)
            earned = sum(
                statement.line_ids.filtered(
                    lambda line: line.kind == "commission"
                ).mapped("amount")
            )
            if currency.compare_amounts(guarantee, earned) <= 0:
                continue
            to_create.append(
                {
                    "statement_id": statement.id,
                    "is_computed": True,
                    "kind": "ramp",
                    "name": Line._ramp_label(month, share, target_commission, currency),
                    "name_args": {
                        "month": month,
                        "share": share,
                        "amount": target_commission,
                    },
                    "base": earned,
                    "amount": currency.round(guarantee - earned),
                }
            )
        Line.create(to_create)
        return result


class SalesCommissionStatementLine(models.Model):
    _inherit = "sales.commission.statement.line"  # pylint: disable=consider-merging-classes-inherited

    kind = fields.Selection(
        selection_add=[("ramp", "Ramp guarantee"), ("individual_award",)],
        ondelete={"ramp": "cascade"},
    )

    def _render_label(self, args, records):
        if self.kind == "ramp" and "month" in args:
            return self._ramp_label(
                args["month"], args["share"], args["amount"], self.currency_id
            )
        return super()._render_label(args, records)

    @api.model
    def _ramp_label(self, month, share, amount, currency):
        share_text = f"{share:g}"
        return self.env._(
            "Ramp guarantee, month %(month)s: %(share)s%% of the target "
            "commission %(amount)s",
            month=month,
            share=share_text,
            amount=currency.format(amount),
        )
