# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sales_gate_enforcement = fields.Boolean(
        related="company_id.sales_gate_enforcement", readonly=False
    )
    spin_situation_min = fields.Integer(
        related="company_id.spin_situation_min", readonly=False
    )
    spin_situation_max = fields.Integer(
        related="company_id.spin_situation_max", readonly=False
    )
    spin_problem_min = fields.Integer(
        related="company_id.spin_problem_min", readonly=False
    )
    spin_problem_max = fields.Integer(
        related="company_id.spin_problem_max", readonly=False
    )
    spin_implication_min = fields.Integer(
        related="company_id.spin_implication_min", readonly=False
    )
    spin_implication_max = fields.Integer(
        related="company_id.spin_implication_max", readonly=False
    )
    spin_need_payoff_min = fields.Integer(
        related="company_id.spin_need_payoff_min", readonly=False
    )
    spin_need_payoff_max = fields.Integer(
        related="company_id.spin_need_payoff_max", readonly=False
    )
