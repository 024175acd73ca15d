# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The retention award of commission plans: retention rewarded beside new
customers (the guide, 4.3), on the engine's measure "Retained customers"."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from .sales_commission_plan import ACHIEVEMENT_DIGITS


class SalesCommissionPlan(models.Model):
    _inherit = "sales.commission.plan"  # pylint: disable=consider-merging-classes-inherited

    retention_award = fields.Monetary(
        help="Paid when the salesperson's retained customers reach the threshold."
    )
    retention_award_basis = fields.Selection(
        [
            ("customers", "Retained customers"),
            ("rate", "Retention rate (%)"),
        ],
        string="Retention Award On",
        default="customers",
        required=True,
        help="Retained customers: customers who bought within the retention "
        "window before the period and again in it. Retention rate: their share "
        "of the customers who bought within the window.",
    )
    retention_award_threshold = fields.Float(
        string="Retention Award From",
        default=1.0,
        help="Retained customers, or the retention rate in %, from which the "
        "award is paid.",
    )

    @api.constrains(
        "retention_award", "retention_award_threshold", "retention_award_basis"
    )
    def _check_retention_award(self):
        for plan in self:
            if plan.retention_award < 0:
                raise ValidationError(
                    self.env._(
                        "Retention Award of plan %s cannot be negative: enter 0 "
                        "or more.",
                        plan.name,
                    )
                )
            limit = 100 if plan.retention_award_basis == "rate" else float("inf")
            if not 0 <= plan.retention_award_threshold <= limit:
                raise ValidationError(
                    self.env._(
                        "Retention Award From of plan %(plan)s is %(value)s: enter "
                        "0 or more (at most 100 for a rate).",
                        plan=plan.name,
                        value=plan.retention_award_threshold,
                    )
                )

    def _retention_label(self, value, basis=None):
        basis = basis or self.retention_award_basis
        if basis == "rate":
            rate = f"{value:.1f}"
            return self.env._("Retention award: %(value)s%% retention rate", value=rate)
        count = f"{value:g}"
        return self.env._("Retention award: %(value)s retained customers", value=count)

    def _retention_reached(self, figure):
        """(reached, value): the figure of "Retained customers" against the
        award's threshold; no data reaches nothing."""
        self.ensure_one()
        if not figure or not figure.denominator:
            return False, 0.0
        value = (
            figure.value(100.0)
            if self.retention_award_basis == "rate"
            else figure.numerator
        )
        reached = (
            float_compare(value, self.retention_award_threshold, ACHIEVEMENT_DIGITS)
            >= 0
        )
        return reached, value


class SalesCommissionStatement(models.Model):
    _inherit = "sales.commission.statement"  # pylint: disable=consider-merging-classes-inherited

    def _retention_figures(self):
        """{user id: Figure} of "Retained customers" over the statements'
        period (one plan and period)."""
        return self.env["sales.measure"].compute(
            "retained_customers",
            "user",
            self[0].date_start,
            self[0].date_end + timedelta(days=1),
            self[0].company_id,
        )

    def _compute_period(self):
        result = super()._compute_period()
        plan = self.plan_id
        if not plan.retention_award:
            return result
        figures = self._retention_figures()
        currency = self.company_id.currency_id
        to_create = []
        for statement in self:
            reached, value = plan._retention_reached(figures.get(statement.user_id.id))
            if reached:
                to_create.append(
                    {
                        "statement_id": statement.id,
                        "is_computed": True,
                        "kind": "retention_award",
                        "name": plan._retention_label(value),
                        "name_args": {
                            "value": value,
                            "basis": plan.retention_award_basis,
                        },
                        "amount": currency.round(plan.retention_award),
                    }
                )
        self.env["sales.commission.statement.line"].create(to_create)
        return result


class SalesCommissionStatementLine(models.Model):
    _inherit = "sales.commission.statement.line"  # pylint: disable=consider-merging-classes-inherited

    kind = fields.Selection(
        selection_add=[("retention_award", "Retention award"), ("team_award",)],
        ondelete={"retention_award": "cascade"},
    )

    def _render_label(self, args, records):
        if self.kind == "retention_award" and "value" in args:
            return self.statement_id.plan_id._retention_label(
                args["value"], args.get("basis")
            )
        return super()._render_label(args, records)
