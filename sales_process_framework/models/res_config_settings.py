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
    first_response_sla_value = fields.Float(
        related="company_id.first_response_sla_value", readonly=False
    )
    first_response_sla_unit = fields.Selection(
        related="company_id.first_response_sla_unit", readonly=False
    )
    journey_due_soon_hours = fields.Float(
        related="company_id.journey_due_soon_hours", readonly=False
    )
    journey_grace_hours = fields.Float(
        related="company_id.journey_grace_hours", readonly=False
    )
    journey_alerts = fields.Boolean(related="company_id.journey_alerts", readonly=False)
    deliverable_alerts = fields.Boolean(
        related="company_id.deliverable_alerts", readonly=False
    )
    deliverable_stale_days = fields.Integer(
        related="company_id.deliverable_stale_days", readonly=False
    )
    journey_alert_user_ids = fields.Many2many(
        related="company_id.journey_alert_user_ids", readonly=False
    )
