# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# The problem step of the needs diagnosis ends when the customer has named at
# least two pains (template 3).
SPIN_MIN_PAINS = 2
SPIN_SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


class CrmLeadSpinPain(models.Model):
    """A line of the customer's pain list, with its impact analysis: how
    severe the pain is and whether the customer agrees on that severity."""

    _name = "crm.lead.spin.pain"
    _description = "Customer Pain"
    _order = "lead_id, sequence, id"
    _inherit = ["sales.lead.child.mixin"]

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Pain", required=True)
    impact = fields.Text(
        help="What the pain costs the customer if it stays unsolved "
        "(the impact analysis)."
    )
    severity = fields.Selection(SPIN_SEVERITIES, required=True, default="medium")
    severity_agreed = fields.Boolean(
        help="The customer agrees that the pain is this severe.",
    )
