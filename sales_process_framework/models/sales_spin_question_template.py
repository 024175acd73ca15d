# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .crm_lead_spin_question import SPIN_QUESTION_TYPES


class SalesSpinQuestionTemplate(models.Model):
    """The SPIN question bank: questions by industry that a salesperson loads
    on the SPIN tab of an opportunity in one click."""

    _name = "sales.spin.question.template"
    _description = "SPIN Question Bank Entry"
    _order = "industry_id, question_type, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    question_type = fields.Selection(
        SPIN_QUESTION_TYPES, string="Type", required=True, default="situation"
    )
    question = fields.Char(required=True, translate=True)
    industry_id = fields.Many2one(
        "res.partner.industry",
        string="Industry",
        help="Loaded for customers of this industry; empty for any customer.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        help="Empty: the question is in the bank of every company.",
    )
