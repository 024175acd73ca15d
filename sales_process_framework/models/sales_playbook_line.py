# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesPlaybookLine(models.AbstractModel):
    """What every part of a playbook has: its playbook, company, name and
    place in it."""

    _name = "sales.playbook.line"
    _description = "Playbook Line"
    _order = "playbook_id, sequence, id"

    playbook_id = fields.Many2one(
        "sales.playbook", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="playbook_id.company_id", store=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
