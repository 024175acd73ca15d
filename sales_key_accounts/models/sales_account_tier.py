# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.scoring import FACTORS


class SalesAccountTier(models.Model):
    """A customer tier and its policy: who covers it, how often, what service."""

    _name = "sales.account.tier"
    _description = "Customer Tier"
    _order = "min_score desc, id"
    _inherit = ["sales.guard.mixin"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short name, e.g. KA, A, B, C.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    min_score = fields.Float(
        string="Minimum Score",
        required=True,
        aggregator=False,
        help="Customers whose score reaches this value (0-100) get this tier, "
        "unless a higher tier takes them.",
    )
    color = fields.Integer()
    visit_on_demand = fields.Boolean(
        help="No planned visits: the customer is visited when needed."
    )
    visit_interval_days = fields.Integer(
        string="Visit Every (Days)",
        default=30,
        aggregator=False,
        help="e.g. 14 for every two weeks.",
    )
    service_level = fields.Char(translate=True, help="e.g. 24-hour response.")
    responsible_role = fields.Char(translate=True, help="e.g. Key account manager.")
    review_required = fields.Boolean(string="Annual Review Required")
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")

    _sql_constraints = [
        (
            "score_company_uniq",
            "unique(min_score, company_id)",
            "Two tiers cannot start at the same score: each score belongs to one tier.",
        ),
        ("code_company_uniq", "unique(code, company_id)", "Tier codes are unique."),
    ]

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("account_tier_id", "in", self.ids)], ["account_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

    @api.constrains("min_score", "visit_interval_days", "visit_on_demand")
    def _check_policy(self):
        for tier in self:
            if not 0 <= tier.min_score <= 100:
                raise ValidationError(
                    self.env._(
                        "Tier “%s”: the minimum score must be between 0 and 100.",
                        tier.name,
                    )
                )
            if not tier.visit_on_demand and tier.visit_interval_days <= 0:
                raise ValidationError(
                    self.env._(
                        "Tier “%(tier)s”: visits every %(days)s days is not a "
                        "frequency; give a number of days above 0, or tick Visit on "
                        "Demand.",
                        tier=tier.name,
                        days=tier.visit_interval_days,
                    )
                )


class SalesAccountScoreFactor(models.Model):
    """One line of the tiering scorecard: a factor, its weight and its scale."""

    _name = "sales.account.score.factor"
    _description = "Customer Scorecard Factor"
    _order = "sequence, id"
    _inherit = ["sales.guard.mixin"]

    sequence = fields.Integer(default=10)
    factor = fields.Selection(FACTORS, required=True)
    weight = fields.Float(required=True, default=1.0, aggregator=False)
    full_score_at = fields.Float(
        required=True,
        help="The value that earns all the factor's points (100); points are "
        "proportional below it. For days since the last win: 0 days earns "
        "100 points, this many days or more earns 0.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("weight", "full_score_at", "company_id")
    def _check_scorecard(self):
        for factor in self:
            if factor.weight < 0 or factor.full_score_at <= 0:
                raise ValidationError(
                    self.env._(
                        "Scorecard factor “%s”: the weight cannot be negative and "
                        "“full score at” must be above 0.",
                        dict(FACTORS)[factor.factor],
                    )
                )
        for company in self.company_id:
            weights = self.search([("company_id", "=", company.id)]).mapped("weight")
            if weights and sum(weights) <= 0:
                raise ValidationError(
                    self.env._(
                        "The scorecard weights must add up to a positive number; "
                        "give at least one factor a weight above 0."
                    )
                )
