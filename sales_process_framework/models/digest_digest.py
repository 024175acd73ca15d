# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DigestDigest(models.Model):
    _inherit = "digest.digest"

    kpi_sales_health_alerts = fields.Boolean("Process Health Alerts")
    kpi_sales_health_alerts_value = fields.Integer(
        compute="_compute_kpi_sales_health_alerts_value"
    )

    def _compute_kpi_sales_health_alerts_value(self):
        """Process-health tiles in the alert band for the digest's company."""
        for digest in self:
            _start, _end, companies = digest._get_kpi_compute_parameters()
            digest.kpi_sales_health_alerts_value = self.env[
                "sales.health.snapshot"
            ].search_count(
                [
                    ("is_latest", "=", True),
                    ("band", "=", "alert"),
                    ("company_id", "in", companies.ids),
                ]
            )

    def _compute_kpis_actions(self, company, user):
        res = super()._compute_kpis_actions(company, user)
        res["kpi_sales_health_alerts"] = (
            "sales_process_framework.sales_health_snapshot_action_dashboard"
        )
        return res
