# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a visit cost (travel, meals, samples), entered when it is done: the
source of the measure "Cost per visit"."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesAccountVisit(models.Model):
    _inherit = "sales.account.visit"

    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        precompute=True,
        help="The currency of the visit's company: costs add up in it.",
    )
    cost = fields.Monetary(
        tracking=True,
        help="What the visit cost (travel, meals, samples), entered once it is "
        "done; cost per visit is the total cost of done visits over their "
        "number.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        help="The salesperson's team when the visit was planned.",
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for visit in self:
            visit.currency_id = (visit.company_id or self.env.company).currency_id

    @api.depends("user_id")
    def _compute_team_id(self):
        for visit in self:
            visit.team_id = visit.user_id.sale_team_id

    @api.constrains("cost")
    def _check_cost(self):
        for visit in self:
            if visit.cost < 0:
                raise ValidationError(
                    self.env._(
                        "The Cost of %(visit)s is %(cost)s: enter what the visit "
                        "cost, 0 or more.",
                        visit=visit.display_name,
                        cost=visit.cost,
                    )
                )
