# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLeadSpinQuestion(models.Model):
    _name = "crm.lead.spin.question"
    _description = "SPIN Diagnosis Question"
    _order = "lead_id, sequence, id"
    _inherit = ["sales.lead.child.mixin"]

    sequence = fields.Integer(default=10)
    question_type = fields.Selection(
        [
            ("situation", "Situation"),
            ("problem", "Problem"),
            ("implication", "Implication"),
            ("need_payoff", "Need-payoff"),
        ],
        string="Type",
        required=True,
        default="situation",
    )
    question = fields.Char(required=True)
    answer = fields.Text(help="The customer's answer; only answered questions count.")
