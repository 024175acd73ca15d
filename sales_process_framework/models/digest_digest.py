# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class DigestDigest(models.Model):
    _inherit = "digest.digest"

    kpi_sales_health_alerts = fields.Boolean("Process Health Alerts")
    kpi_sales_health_alerts_value = fields.Integer(
        compute="_compute_kpi_sales_health_alerts_value"
    )

    @api.depends_context("start_datetime", "end_datetime")
    def _compute_kpi_sales_health_alerts_value(self):
        """Process-health tiles (metric and scope) in the alert band for the
        digest's company over the digest's period: the snapshots of the
        periods it overlaps; the latest ones when no period is given."""
        for digest in self:
            start, end, companies = digest._get_kpi_compute_parameters()
            domain = [("band", "=", "alert"), ("company_id", "in", companies.ids)]
            if start and end:
                domain += [
                    ("period_start", "<", fields.Datetime.to_datetime(end).date()),
                    ("period_end", ">", fields.Datetime.to_datetime(start).date()),
                ]
            else:
                domain.append(("is_latest", "=", True))
            digest.kpi_sales_health_alerts_value = len(
                self.env["sales.health.snapshot"]._read_group(
                    domain, ["metric_id", "scope_key"]
                )
            )

    def _compute_kpis_actions(self, company, user):
        res = super()._compute_kpis_actions(company, user)
        res["kpi_sales_health_alerts"] = (
            "sales_process_framework.sales_health_snapshot_action_dashboard"
        )
        return res
