# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLeadSpinQuestion(models.Model):
    _name = "crm.lead.spin.question"
    _description = "SPIN Diagnosis Question"
    _order = "lead_id, sequence, id"
    _check_company_auto = True

    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
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
