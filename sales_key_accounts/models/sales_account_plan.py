# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_process_framework.tools.figure import Figure

# the engine's measure of each kind of objective, and the objective's field
# that narrows it (the tag of the revenue, the stage of the opportunities)
KIND_MEASURES = {
    "won_revenue": ("won_revenue", None),
    "won_revenue_tag": ("won_revenue", "tag_id"),
    "opportunities_stage": ("pipeline_count", "stage_id"),
    "new_contacts": ("new_contacts", None),
}

# the opportunities of an objective's tag or stage
BREAKDOWNS = {
    "tag_id": lambda tag: [("tag_ids", "in", tag.ids)],
    "stage_id": lambda stage: [("stage_id", "=", stage.id)],
}


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
        """Measured by the engine for all objectives of a kind, year and
        company at once, per customer."""
        values = {}
        for (kind, year, company), objectives in self.grouped(
            lambda o: (
                o.kind,
                o.plan_id.year,
                o.plan_id.company_id or self.env.company,
            )
        ).items():
            for objective, figure in objectives._figures(
                kind, date(year, 1, 1), date(year + 1, 1, 1), company
            ):
                values[objective] = figure.numerator
        for objective in self:
            objective.current = values.get(objective, 0.0)
            objective.progress = (
                100.0 * objective.current / objective.target
                if objective.target
                else 0.0
            )

    def _figures(self, kind, start, end, company):
        """(objective, Figure) of objectives of one kind over [start, end):
        the engine's figure of each customer, its contacts' added to it, one
        grouped computation per tag or stage the objectives name."""
        Measure = self.env["sales.measure"]
        code, setting = KIND_MEASURES[kind]
        accounts = self.plan_id.partner_id.ids
        domain = (
            [("parent_id", "in", accounts)]
            if code == "new_contacts"
            else [("partner_id", "child_of", accounts)]
        )
        groups = self.grouped(setting) if setting else {None: self}
        for value, objectives in groups.items():
            figures = Measure.compute(
                code,
                "customer",
                start,
                end,
                company,
                domain=domain + (BREAKDOWNS[setting](value) if setting else []),
            )
            # a contact's opportunities count for its company's plan
            totals = defaultdict(Figure)
            customers = self.env["res.partner"].browse(key for key in figures if key)
            for customer in customers:
                totals[customer.commercial_partner_id] += figures[customer.id]
            for objective in objectives:
                yield objective, totals[objective.plan_id.partner_id]
