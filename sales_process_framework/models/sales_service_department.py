# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SalesServiceDepartment(models.Model):
    """A department the sales team asks for help (playbook step 4: marketing,
    legal, product, technical consultants)."""

    _name = "sales.service.department"
    _description = "Service Department"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Department of this company only; empty for every company.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Manager",
        domain="[('share', '=', False)]",
        help="Receives the escalation of the department's overdue requests.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "sales_service_department_user_rel",
        "department_id",
        "user_id",
        string="Members",
        domain="[('share', '=', False)]",
        help="Answer the department's requests.",
    )
    request_type_ids = fields.One2many(
        "sales.service.request.type", "department_id", string="Request Types"
    )

    @api.model
    def _of_user(self, user):
        """The departments the user works in or manages."""
        return self.search(
            ["|", ("member_ids", "in", user.ids), ("manager_id", "=", user.id)]
        )


class ResUsers(models.Model):
    """The departments a user answers for, from the user's side."""

    _inherit = "res.users"

    service_department_ids = fields.Many2many(
        "sales.service.department",
        "sales_service_department_user_rel",
        "user_id",
        "department_id",
        string="Service Departments",
    )
    managed_service_department_ids = fields.One2many(
        "sales.service.department", "manager_id", string="Managed Departments"
    )
