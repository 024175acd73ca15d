# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# The four SPIN question types of the needs diagnosis (template 3).
SPIN_QUESTION_TYPES = [
    ("situation", "Situation"),
    ("problem", "Problem"),
    ("implication", "Implication"),
    ("need_payoff", "Need-payoff"),
]


class CrmLeadSpinQuestion(models.Model):
    _name = "crm.lead.spin.question"
    _description = "SPIN Diagnosis Question"
    _order = "lead_id, sequence, id"
    _inherit = ["sales.lead.child.mixin"]

    sequence = fields.Integer(default=10)
    question_type = fields.Selection(
        SPIN_QUESTION_TYPES,
        string="Type",
        required=True,
        default="situation",
    )
    question = fields.Char(required=True)
    answer = fields.Text(help="The customer's answer; only answered questions count.")
    template_id = fields.Many2one(
        "sales.spin.question.template",
        string="From Question Bank",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
        help="The question bank entry this question was loaded from.",
    )

    @api.model
    def _type_labels(self):
        """{question type: its label}, in the language of the environment."""
        return dict(self._fields["question_type"]._description_selection(self.env))
