# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesAccountCompetitorRetention(models.Model):
    """A competitor's retention rate, as known from the market, to compare
    with ours (the guide: compare your retention with your competitors')."""

    _name = "sales.account.competitor.retention"
    _description = "Competitor Retention"
    _order = "period_start desc, competitor_id"
    _inherit = ["sales.guard.mixin"]
    # figures a key-account manager enters from a survey
    _writable_fields = {
        "sales_key_accounts.group_key_account_manager": (
            "company_id",
            "competitor_id",
            "period_start",
            "tier_id",
            "retention_rate",
            "source",
        ),
    }
    # made by hand with the same fields, no context default beyond them
    _create_fields = {}
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    competitor_id = fields.Many2one("res.partner", string="Competitor", required=True)
    period_start = fields.Date(
        string="Quarter",
        required=True,
        help="Any day of the quarter the rate is for; kept as its first day.",
    )
    tier_id = fields.Many2one(
        "sales.account.tier",
        string="Tier",
        check_company=True,
        help="Leave empty for the competitor's retention over all its customers.",
    )
    retention_rate = fields.Float(
        string="Retention (%)", required=True, aggregator="avg"
    )
    source = fields.Char(help="Where the figure comes from, e.g. an industry survey.")
    our_retention_rate = fields.Float(
        string="Our Retention (%)",
        compute="_compute_our_retention_rate",
        help="Our retention of the same quarter (and tier), from the retention "
        "report; empty before the quarter is computed.",
    )
    difference = fields.Float(
        string="Ours - Theirs (Points)", compute="_compute_our_retention_rate"
    )

    _sql_constraints = [
        (
            "competitor_period_tier_uniq",
            "unique(company_id, competitor_id, period_start, tier_id)",
            "A competitor has one retention rate per quarter and tier.",
        ),
    ]

    @api.depends("company_id", "period_start", "tier_id", "retention_rate")
    def _compute_our_retention_rate(self):
        """The retention report's customers kept over customers active at the
        start, summed over its teams (and tiers), in one grouped read."""
        # sudo: our rate of the period is a company figure the report already
        # holds; the rows themselves stay for managers
        groups = (
            self.env["sales.account.retention"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("period_start", "in", list(set(self.mapped("period_start")))),
                ],
                ["company_id", "period_start:day", "tier_id"],
                ["active_count:sum", "retained_count:sum"],
            )
        )
        counts = defaultdict(lambda: [0, 0])
        for company, start, tier, active, kept in groups:
            for key in ((company, start, tier), (company, start, False)):
                counts[key][0] += kept
                counts[key][1] += active
        for rate in self:
            kept, active = counts.get(
                (rate.company_id, rate.period_start, rate.tier_id or False), (0, 0)
            )
            rate.our_retention_rate = 100.0 * kept / active if active else False
            rate.difference = (
                rate.our_retention_rate - rate.retention_rate if active else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._quarter_start(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._quarter_start(vals)
        return super().write(vals)

    def _quarter_start(self, vals):
        if vals.get("period_start"):
            day = fields.Date.to_date(vals["period_start"])
            vals["period_start"] = day.replace(
                month=(day.month - 1) // 3 * 3 + 1, day=1
            )

    @api.constrains("retention_rate")
    def _check_retention_rate(self):
        for rate in self:
            if not 0 <= rate.retention_rate <= 100:
                raise ValidationError(
                    self.env._(
                        "Competitor retention of %s: the retention is a "
                        "percentage; give a value between 0 and 100.",
                        rate.competitor_id.display_name,
                    )
                )
