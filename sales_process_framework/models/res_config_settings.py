# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# Headline metrics whose bands are set in Settings (xml id, settings prefix).
HEADLINE_METRICS = [
    ("sales_process_framework.health_metric_cycle", "health_cycle"),
    ("sales_process_framework.health_metric_node_completion", "health_node"),
    ("sales_process_framework.health_metric_needs_match", "health_needs"),
    ("sales_process_framework.health_metric_nps", "health_nps"),
]


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
    health_cycle_healthy = fields.Float(
        compute="_compute_health", inverse="_inverse_health"
    )
    health_cycle_alert = fields.Float(
        compute="_compute_health", inverse="_inverse_health"
    )
    health_node_healthy = fields.Float(
        compute="_compute_health", inverse="_inverse_health"
    )
    health_node_alert = fields.Float(
        compute="_compute_health", inverse="_inverse_health"
    )
    health_needs_healthy = fields.Float(
        compute="_compute_health", inverse="_inverse_health"
    )
    health_needs_alert = fields.Float(
        compute="_compute_health", inverse="_inverse_health"
    )
    health_nps_healthy = fields.Float(
        compute="_compute_health", inverse="_inverse_health"
    )
    health_nps_alert = fields.Float(
        compute="_compute_health", inverse="_inverse_health"
    )

    def _headline_metrics(self):
        for xmlid, prefix in HEADLINE_METRICS:
            metric = self.env.ref(xmlid, raise_if_not_found=False)
            if metric and metric.company_id == self.company_id:
                yield metric, prefix

    @api.depends("company_id")
    def _compute_health(self):
        for settings in self:
            for _xmlid, prefix in HEADLINE_METRICS:
                settings[f"{prefix}_healthy"] = settings[f"{prefix}_alert"] = 0.0
            for metric, prefix in settings._headline_metrics():
                settings[f"{prefix}_healthy"] = metric.healthy_threshold
                settings[f"{prefix}_alert"] = metric.alert_threshold

    def _inverse_health(self):
        for settings in self:
            for metric, prefix in settings._headline_metrics():
                metric.write(
                    {
                        "healthy_threshold": settings[f"{prefix}_healthy"],
                        "alert_threshold": settings[f"{prefix}_alert"],
                    }
                )
