# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SalesTargetSpreadWizard(models.TransientModel):
    """Enter one total and spread it over months and salespeople."""

    _name = "sales.target.spread.wizard"
    _description = "Spread a Target"
    _inherit = ["sales.guard.mixin"]

    plan_id = fields.Many2one("sales.target.plan", required=True)
    measure = fields.Selection(
        lambda self: self.env["sales.measure"].selection("target"),
        required=True,
        default="won_revenue",
    )
    total = fields.Float(required=True)
    by_month = fields.Boolean(
        string="One Line per Month",
        default=True,
        help="Split the plan's period into months, evenly.",
    )
    split = fields.Selection(
        [
            ("even", "Evenly"),
            ("history", "By each salesperson's share of the previous period"),
        ],
        string="Between Salespeople",
        default="even",
        required=True,
    )
    user_ids = fields.Many2many("res.users", string="Salespeople", required=True)
    tag_id = fields.Many2one("crm.tag", string="Product Line")
    state_id = fields.Many2one("res.country.state", string="Region")
    source_id = fields.Many2one("utm.source", string="Channel Source")
    medium_id = fields.Many2one("utm.medium", string="Channel Medium")
    customer_category_id = fields.Many2one(
        "res.partner.category", string="Customer Type"
    )
    replace = fields.Boolean(
        string="Replace Existing Lines",
        default=True,
        help="Remove the plan's lines of the same measure, people and breakdown first.",
    )

    @api.constrains("total")
    def _check_total(self):
        for wizard in self:
            if wizard.total <= 0:
                raise ValidationError(self.env._("Enter a Total above 0 to spread."))

    def _months(self):
        plan = self.plan_id
        if not self.by_month:
            return [(plan.date_start, plan.date_end)]
        months, start = [], plan.date_start
        while start <= plan.date_end:
            end = min(
                start + relativedelta(months=1) - timedelta(days=1), plan.date_end
            )
            months.append((start, end))
            start = end + timedelta(days=1)
        return months

    def _monetary(self):
        """Whether the measure spread is an amount (rounded to cents)."""
        return self.env["sales.measure"].definition(self.measure).unit == "amount"

    def _weights(self):
        if self.split == "even":
            return [1.0] * len(self.user_ids)
        plan = self.plan_id
        length = plan.date_end + timedelta(days=1) - plan.date_start
        code = "won_revenue" if self._monetary() else "won_count"
        figures = self.env["sales.measure"].compute(
            code, "user", plan.date_start - length, plan.date_start, plan.company_id
        )
        return [
            figures[user.id].numerator if user.id in figures else 0.0
            for user in self.user_ids
        ]

    def action_spread(self):
        self.ensure_one()
        plan = self.plan_id
        if plan.state == "closed":
            raise UserError(self.env._("The plan %s is closed.", plan.name))
        Line = self.env["sales.target.line"]
        dims = {
            "tag_id": self.tag_id.id,
            "state_id": self.state_id.id,
            "source_id": self.source_id.id,
            "medium_id": self.medium_id.id,
            "customer_category_id": self.customer_category_id.id,
        }
        if self.replace:
            Line.search(
                [
                    ("plan_id", "=", plan.id),
                    ("measure", "=", self.measure),
                    ("user_id", "in", self.user_ids.ids),
                ]
                + [(name, "=", value) for name, value in dims.items()]
            ).unlink()
        digits = 2 if self._monetary() else 0
        people = Line._round_amounts(self.total, self._weights(), digits)
        months = self._months()
        vals_list = []
        for user, amount in zip(self.user_ids, people, strict=True):
            monthly = Line._round_amounts(amount, [1.0] * len(months), digits)
            for (start, end), value in zip(months, monthly, strict=True):
                vals_list.append(
                    {
                        **dims,
                        "plan_id": plan.id,
                        "measure": self.measure,
                        "user_id": user.id,
                        "team_id": user.sale_team_id.id,
                        "date_start": start,
                        "date_end": end,
                        "target": value,
                    }
                )
        Line.create(vals_list)
        return plan.action_open_lines()
