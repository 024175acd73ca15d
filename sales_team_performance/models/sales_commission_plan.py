# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Commission plans: tiers on target achievement and the awards
configuration (individual, team, special awards)."""

import contextlib
import contextvars

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

ACHIEVEMENT_DIGITS = 6


# Plans whose tiers are being written by the plan itself: {plan id}, or None.
# A Python context variable, so no caller can set it through RPC or a context.
_TIER_CHECKS_DEFERRED = contextvars.ContextVar("commission_tier_checks", default=None)


@contextlib.contextmanager
def _tier_checks_deferred():
    touched = set()
    token = _TIER_CHECKS_DEFERRED.set(touched)
    try:
        yield touched
    finally:
        _TIER_CHECKS_DEFERRED.reset(token)


def _check_tiers_of(plans):
    """Check the tiers of plans now, or once their plan's write is done."""
    touched = _TIER_CHECKS_DEFERRED.get()
    if touched is None:
        plans._check_tiers()
    else:
        touched.update(plans.ids)


class SalesCommissionPlan(models.Model):
    _name = "sales.commission.plan"
    _description = "Commission Plan"
    _inherit = ["mail.thread", "sales.guard.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    is_template = fields.Boolean(
        string="Template",
        copy=False,
        help="A plan to start from: it pays nobody and produces no statement. "
        "Use Template copies it into a plan of your company.",
    )
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Empty on a template shared by every company.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        default="month",
        required=True,
        help="Each salesperson gets one statement per period.",
    )
    basis = fields.Selection(
        [
            ("slab", "Whole revenue at the reached tier"),
            ("marginal", "Each tier's share of revenue at its own rate"),
        ],
        default="marginal",
        required=True,
        tracking=True,
        help="Reached tier: 120% achievement pays the 100-150% rate on all the "
        "revenue. Per tier: the revenue up to 80% of target pays the first rate, "
        "the revenue from 80% to 100% the second rate, and so on.",
    )
    tier_ids = fields.One2many(
        "sales.commission.tier", "plan_id", string="Tiers", copy=True
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Salespeople",
        domain="[('share', '=', False)]",
        help="Salespeople paid by this plan. Their revenue target is the sum of "
        "their revenue targets in running target plans.",
    )
    individual_award = fields.Monetary(
        help="Paid when the salesperson's achievement reaches the threshold."
    )
    individual_award_threshold = fields.Float(
        string="Individual Award From (%)", default=100.0
    )
    team_award = fields.Monetary(
        help="Paid to every salesperson of the plan whose sales team reaches its "
        "revenue target."
    )
    statement_count = fields.Integer(compute="_compute_statement_count")

    def _compute_statement_count(self):
        counts = dict(
            self.env["sales.commission.statement"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.statement_count = counts.get(plan, 0)

    @api.constrains("individual_award", "team_award", "individual_award_threshold")
    def _check_awards(self):
        for plan in self:
            if min(plan.individual_award, plan.team_award) < 0:
                raise ValidationError(
                    self.env._("Awards of plan %s cannot be negative.", plan.name)
                )
            if plan.individual_award_threshold < 0:
                raise ValidationError(
                    self.env._("Individual Award From cannot be below 0%.")
                )

    @api.constrains("is_template", "company_id", "user_ids")
    def _check_template(self):
        for plan in self:
            if plan.is_template and plan.user_ids:
                raise ValidationError(
                    self.env._(
                        "Plan %s is a template and pays nobody: remove its "
                        "salespeople, click Use Template and add them to the "
                        "new plan.",
                        plan.name,
                    )
                )
            if not plan.is_template and not plan.company_id:
                raise ValidationError(
                    self.env._(
                        "Plan %s pays in a company's currency: set its Company.",
                        plan.name,
                    )
                )

    def action_use_template(self):
        """A plan of the current company from this template, opened in a form."""
        self.ensure_one()
        plan = self.copy(
            {
                "name": self.name,
                "company_id": self.env.company.id,
                "is_template": False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": plan.id,
            "view_mode": "form",
        }

    @api.model_create_multi
    def create(self, vals_list):
        with _tier_checks_deferred() as touched:
            plans = super().create(vals_list)
        (plans | self.browse(touched)).exists()._check_tiers()
        return plans

    def write(self, vals):
        # the tiers of a plan are checked once, after all of them are written:
        # in between, one tier may overlap the next one for a moment
        with _tier_checks_deferred() as touched:
            result = super().write(vals)
        if "tier_ids" in vals or touched:
            (self | self.browse(touched)).exists()._check_tiers()
        return result

    def _check_tiers(self):
        """Tiers start at 0%, follow each other without gap or overlap, and
        only the last one is open-ended."""
        for plan in self:
            tiers = plan.tier_ids.sorted(lambda tier: (tier.lower, tier.id))
            if not tiers:
                continue
            expected = 0.0
            for index, tier in enumerate(tiers):
                if tier.rate < 0:
                    raise ValidationError(
                        self.env._(
                            "Plan %(plan)s: the rate of tier %(tier)s is below 0%%. "
                            "Enter a rate of 0%% or more.",
                            plan=plan.name,
                            tier=tier.display_name,
                        )
                    )
                if float_compare(tier.lower, expected, precision_digits=4):
                    message = (
                        self.env._(
                            "Plan %(plan)s: the tiers leave a gap between "
                            "%(low)s%% and %(high)s%%. Make each tier start where "
                            "the previous one ends.",
                        )
                        if tier.lower > expected
                        else self.env._(
                            "Plan %(plan)s: the tiers overlap between %(high)s%% "
                            "and %(low)s%%. Make each tier start where the "
                            "previous one ends.",
                        )
                    )
                    raise ValidationError(
                        message
                        % {"plan": plan.name, "low": expected, "high": tier.lower}
                    )
                last = index == len(tiers) - 1
                if not tier.upper and not last:
                    raise ValidationError(
                        self.env._(
                            "Plan %(plan)s: only the last tier can be open-ended; "
                            "give tier %(tier)s an upper bound.",
                            plan=plan.name,
                            tier=tier.display_name,
                        )
                    )
                if tier.upper and tier.upper <= tier.lower:
                    raise ValidationError(
                        self.env._(
                            "Plan %(plan)s: tier %(tier)s ends before it starts.",
                            plan=plan.name,
                            tier=tier.display_name,
                        )
                    )
                expected = tier.upper

    # The arithmetic ---------------------------------------------------------
    def _tier_for(self, achievement):
        """The tier reached at an achievement (lower bound included)."""
        reached = self.tier_ids[:0]
        for tier in self.tier_ids.sorted("lower"):
            if float_compare(achievement, tier.lower, ACHIEVEMENT_DIGITS) >= 0:
                reached = tier
        return reached

    def _commission(self, revenue, target):
        """(commission, tier reached, achievement %) for a revenue and target.

        Without a target, achievement cannot be measured: the revenue is paid
        at the first tier's rate and the achievement is None.
        """
        slices, tier, achievement = self._commission_slices(revenue, target)
        return sum(amount for _t, _base, amount in slices), tier, achievement

    def _commission_slices(self, revenue, target):
        """([(tier, revenue paid at its rate, amount)], tier reached,
        achievement %): one slice on the reached tier, or one per tier crossed
        when each tier's share of revenue is paid at its own rate."""
        self.ensure_one()
        tiers = self.tier_ids.sorted("lower")
        if not tiers:
            return [], tiers, None
        if not target:
            return [(tiers[0], revenue, revenue * tiers[0].rate / 100)], tiers[0], None
        achievement = round(100.0 * revenue / target, ACHIEVEMENT_DIGITS)
        reached = self._tier_for(achievement)
        if self.basis == "slab":
            return (
                [(reached, revenue, revenue * reached.rate / 100)],
                reached,
                achievement,
            )
        slices = []
        for tier in tiers:
            top = min(achievement, tier.upper) if tier.upper else achievement
            if top > tier.lower:
                base = target * (top - tier.lower) / 100
                slices.append((tier, base, base * tier.rate / 100))
        return slices, reached, achievement

    def _what_if(self, revenue, target):
        """The next tier: (tier, revenue still needed, extra commission) or None."""
        self.ensure_one()
        if not target:
            return None
        current, tier, _achievement = self._commission(revenue, target)
        following = self.tier_ids.filtered(lambda t: t.lower > tier.lower).sorted(
            "lower"
        )[:1]
        if not following:
            return None
        needed = target * following.lower / 100 - revenue
        reached, _tier, _a = self._commission(revenue + needed, target)
        return following, needed, reached - current


class SalesCommissionTier(models.Model):
    _name = "sales.commission.tier"
    _description = "Commission Tier"
    _order = "plan_id, lower"
    _inherit = ["sales.guard.mixin"]

    plan_id = fields.Many2one(
        "sales.commission.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    lower = fields.Float(
        string="From (%)",
        required=True,
        aggregator=False,
        help="Achievement, included.",
    )
    upper = fields.Float(
        string="To (%)",
        aggregator=False,
        help="Achievement, excluded. Empty on the last tier: no limit.",
    )
    rate = fields.Float(string="Rate (%)", required=True, aggregator=False)

    @api.depends("lower", "upper", "rate")
    def _compute_display_name(self):
        for tier in self:
            upper = f"{tier.upper:g}%" if tier.upper else "∞"
            tier.display_name = f"{tier.lower:g}% – {upper} → {tier.rate:g}%"

    @api.model_create_multi
    def create(self, vals_list):
        tiers = super().create(vals_list)
        _check_tiers_of(tiers.plan_id)
        return tiers

    def write(self, vals):
        plans = self.plan_id
        result = super().write(vals)
        _check_tiers_of(plans | self.plan_id)
        return result

    def unlink(self):
        plans = self.plan_id
        result = super().unlink()
        _check_tiers_of(plans.exists())
        return result
