# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales roles: the duties and tasks of each post, and the KPIs it answers for.

The team plan asks for a clear list of duties and tasks per sales role,
adjusted as the market changes. A role is held by a member of a sales team
(``crm.team.member``), so one salesperson may hold different roles in
different teams.
"""

from odoo import api, fields, models


class SalesRole(models.Model):
    _name = "sales.role"
    _description = "Sales Role"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    duties = fields.Html(
        string="Duties and Tasks",
        translate=True,
        help="What this role does; revise it as the market and the customers' "
        "needs change.",
    )
    kpi_ids = fields.One2many("sales.role.kpi", "role_id", string="Measured On")
    member_ids = fields.One2many(
        "crm.team.member", "sales_role_id", string="Team Members"
    )
    member_count = fields.Integer(compute="_compute_member_count")

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "Another sales role has this name."),
    ]

    @api.depends("member_ids")
    def _compute_member_count(self):
        counts = dict(
            self.env["crm.team.member"]._read_group(
                [("sales_role_id", "in", self.ids)], ["sales_role_id"], ["__count"]
            )
        )
        for role in self:
            role.member_count = counts.get(role, 0)


class SalesRoleKpi(models.Model):
    _name = "sales.role.kpi"
    _description = "KPI of a Sales Role"
    _order = "role_id, sequence, id"

    role_id = fields.Many2one(
        "sales.role", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    # the engine's measures tagged "target": what targets can be set on
    measure = fields.Selection(
        lambda self: self.env["sales.measure"].selection("target"),
        string="KPI",
        required=True,
    )

    _sql_constraints = [
        (
            "measure_unique",
            "UNIQUE(role_id, measure)",
            "A role lists each KPI once: remove the duplicate KPI line.",
        ),
    ]


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    sales_role_id = fields.Many2one(
        "sales.role",
        string="Sales Role",
        index="btree_not_null",
        ondelete="restrict",
        help="The duties and KPIs of this member in this team.",
    )
