# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesDeliverableType(models.Model):
    _name = "sales.deliverable.type"
    _description = "Stage Deliverable Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True, help="What the document must contain, for the salesperson."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A deliverable type with this name already exists in this company.",
        ),
    ]
