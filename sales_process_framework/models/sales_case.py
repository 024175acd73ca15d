# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The case library: reference customers by industry, each linked to the won
opportunities it tells about. Salespeople propose cases; process managers
publish them."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MANAGER = "sales_process_framework.group_process_manager"
CASE_FIELDS = (
    "name",
    "partner_id",
    "industry_id",
    "lead_ids",
    "summary",
    "results",
    "attachment_ids",
)


class SalesCase(models.Model):
    _name = "sales.case"
    _description = "Reference Case"
    _inherit = ["mail.thread", "sales.guard.mixin"]
    _order = "industry_id, name, id"

    _action_fields = ("is_published",)
    _writable_fields = {
        # a salesperson edits the cases they proposed, until they are
        # published (record rules)
        "sales_process_framework.group_process_user": CASE_FIELDS,
        MANAGER: CASE_FIELDS + ("user_id", "active", "company_id"),
    }
    # made by hand with the same fields, no context default beyond them
    _create_fields = {}

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Proposed by",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True
    )
    industry_id = fields.Many2one(
        "res.partner.industry",
        compute="_compute_industry_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    lead_ids = fields.Many2many(
        "crm.lead",
        "sales_case_crm_lead_rel",
        "case_id",
        "lead_id",
        string="Won Opportunities",
        domain=[("type", "=", "opportunity"), ("probability", "=", 100)],
        help="The won opportunities the case tells about.",
    )
    summary = fields.Html(help="The customer's situation and what was sold.")
    results = fields.Html(help="The results the customer obtained, in figures.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sales_case_ir_attachment_rel",
        "case_id",
        "attachment_id",
        string="Documents",
    )
    is_published = fields.Boolean(
        string="Published", readonly=True, copy=False, tracking=True
    )

    can_edit = fields.Boolean(
        compute="_compute_can_edit",
        help="Whether the reader may change the case: process administrators "
        "always, its author until it is published.",
    )

    @api.depends_context("uid")
    def _compute_can_edit(self):
        manager = self.env.user.has_group(MANAGER)
        for case in self:
            case.can_edit = manager or (
                not case.is_published and case.user_id == self.env.user
            )

    @api.depends("partner_id")
    def _compute_industry_id(self):
        for case in self:
            case.industry_id = case.partner_id.commercial_partner_id.industry_id

    @api.constrains("lead_ids", "company_id")
    def _check_won_leads(self):
        Measure = self.env["sales.measure"]
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        for case in self.filtered("lead_ids"):
            won = Lead.search(
                Measure.won_domain(case.company_id) + [("id", "in", case.lead_ids.ids)]
            )
            not_won = case.lead_ids.sudo() - won
            if not_won:
                raise ValidationError(
                    self.env._(
                        "Case “%(case)s”: Won Opportunities lists only won "
                        "opportunities of its company; remove %(leads)s.",
                        case=case.name,
                        leads=", ".join(not_won.mapped("name")),
                    )
                )

    def action_publish(self):
        self._check_action_group(MANAGER, self.env._("Publish"))
        self._write_by_action({"is_published": True})

    def action_unpublish(self):
        self._check_action_group(MANAGER, self.env._("Unpublish"))
        self._write_by_action({"is_published": False})
