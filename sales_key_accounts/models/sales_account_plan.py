# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesAccountPlan(models.Model):
    """The one-year strategic plan of a key account, with measured objectives."""

    _name = "sales.account.plan"
    _description = "Key Account Plan"
    _order = "year desc, id desc"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Key Account", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    year = fields.Integer(
        required=True, default=lambda self: date.today().year, aggregator=False
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user, tracking=True
    )
    stakeholder_ids = fields.Many2many(
        "res.partner", "sales_account_plan_stakeholder_rel", string="Stakeholders"
    )
    strengths = fields.Text()
    weaknesses = fields.Text()
    competitors = fields.Text()
    objective_ids = fields.One2many(
        "sales.account.plan.objective", "plan_id", string="Objectives", copy=True
    )
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")

    _sql_constraints = [
        (
            "partner_year_uniq",
            "unique(partner_id, year)",
            "A key account has one plan per year.",
        )
    ]

    @api.depends("partner_id", "year")
    def _compute_name(self):
        for plan in self:
            plan.name = f"{plan.partner_id.name or ''} {plan.year}"

    def _compute_progress(self):
        for plan in self:
            objectives = plan.objective_ids.filtered("target")
            plan.progress = (
                sum(min(o.progress, 100.0) for o in objectives) / len(objectives)
                if objectives
                else 0.0
            )

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        # the objectives measure the customer's revenue
        plans.partner_id._check_account_access()
        return plans

    def write(self, vals):
        result = super().write(vals)
        if "partner_id" in vals:
            self.partner_id._check_account_access()
        return result


class SalesAccountPlanObjective(models.Model):
    _name = "sales.account.plan.objective"
    _description = "Key Account Plan Objective"
    _order = "plan_id, sequence, id"
    _inherit = ["sales.guard.mixin"]

    plan_id = fields.Many2one(
        "sales.account.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    kind = fields.Selection(
        [
            ("won_revenue", "Won revenue"),
            ("won_revenue_tag", "Won revenue with a tag"),
            ("opportunities_stage", "Opportunities in a stage"),
            ("new_contacts", "New contacts"),
        ],
        required=True,
        default="won_revenue",
    )
    tag_id = fields.Many2one("crm.tag", help="e.g. a product line.")
    stage_id = fields.Many2one("crm.stage")
    target = fields.Float(required=True)
    current = fields.Float(compute="_compute_current", string="Current Value")
    progress = fields.Float(compute="_compute_current", string="Progress (%)")

    @api.constrains("kind", "tag_id", "stage_id", "target")
    def _check_settings(self):
        for objective in self:
            if objective.kind == "won_revenue_tag" and not objective.tag_id:
                raise ValidationError(
                    self.env._("Objective “%s”: choose the tag.", objective.name)
                )
            if objective.kind == "opportunities_stage" and not objective.stage_id:
                raise ValidationError(
                    self.env._("Objective “%s”: choose the stage.", objective.name)
                )
            if objective.target < 0:
                raise ValidationError(
                    self.env._(
                        "Objective “%s”: the target cannot be negative.", objective.name
                    )
                )

    def _compute_current(self):
        """Measured from CRM data for all objectives at once, grouped by customer."""
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        Measure = self.env["sales.measure"]
        values = {}
        for (kind, year, company), objectives in self.grouped(
            lambda o: (
                o.kind,
                o.plan_id.year,
                o.plan_id.company_id or self.env.company,
            )
        ).items():
            partners = objectives.plan_id.partner_id
            # the plan's year in local days, as the engine cuts periods
            low, high = Measure.bounds(date(year, 1, 1), date(year + 1, 1, 1), company)
            if kind in ("won_revenue", "won_revenue_tag"):
                won = Measure.won_domain(company, (low, high)) + [
                    ("partner_id", "child_of", partners.ids)
                ]
                groupby = (
                    ["partner_id", "tag_ids"]
                    if kind == "won_revenue_tag"
                    else ["partner_id"]
                )
                totals = defaultdict(float)
                for *keys, total in Measure.grouped(
                    "crm.lead", won, groupby, ["expected_revenue:sum"]
                ):
                    tag = keys[1] if kind == "won_revenue_tag" else None
                    totals[(keys[0].commercial_partner_id, tag)] += total
                for objective in objectives:
                    tag = objective.tag_id if kind == "won_revenue_tag" else None
                    values[objective.id] = totals[(objective.plan_id.partner_id, tag)]
            elif kind == "opportunities_stage":
                rows = Lead._read_group(
                    [("partner_id", "child_of", partners.ids), ("active", "=", True)],
                    ["partner_id", "stage_id"],
                    ["__count"],
                )
                for objective in objectives:
                    values[objective.id] = sum(
                        count
                        for partner, stage, count in rows
                        if partner.commercial_partner_id == objective.plan_id.partner_id
                        and stage == objective.stage_id
                    )
            else:
                rows = (
                    self.env["res.partner"]
                    .sudo()
                    ._read_group(
                        [
                            ("parent_id", "in", partners.ids),
                            ("create_date", ">=", low),
                            ("create_date", "<", high),
                        ],
                        ["parent_id"],
                        ["__count"],
                    )
                )
                counts = dict(rows)
                for objective in objectives:
                    values[objective.id] = counts.get(objective.plan_id.partner_id, 0)
        for objective in self:
            objective.current = values.get(objective.id, 0.0)
            objective.progress = (
                100.0 * objective.current / objective.target
                if objective.target
                else 0.0
            )
