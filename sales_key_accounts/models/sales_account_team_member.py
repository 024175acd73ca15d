# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesAccountTeamMember(models.Model):
    """A member of a key account's cross-functional team."""

    _name = "sales.account.team.member"
    _description = "Account Team Member"
    _order = "partner_id, role, id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", required=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        help="The company whose account team this is; other companies do not see it.",
    )
    role = fields.Selection(
        [
            ("sales", "Sales"),
            ("technical", "Technical"),
            ("service", "Service"),
            ("marketing", "Marketing"),
        ],
        required=True,
        default="sales",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "partner_user_role_uniq",
            "unique(partner_id, user_id, role)",
            "This person already has this role in the account team.",
        )
    ]
