# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestForecastTour(HttpCase):
    def test_salesperson_commits_and_submits_then_manager_adjusts(self):
        rep = self.env.ref("sales_process_framework.user_li_wei")
        manager = self.env.ref("sales_process_framework.user_zhao_lei")
        (rep | manager).write({"tour_enabled": False})
        lead = self.env.ref("sales_process_framework.crm_lead_b2b_031")
        lead.forecast_category = "pipeline"
        forecast = self.env.ref("sales_team_performance.forecast_li_wei_current")
        self.env["sales.forecast"]._cron_forecasts()
        self.assertEqual(forecast.state, "draft")
        self.start_tour(
            f"/odoo/crm/{lead.id}",
            "sales_forecast_salesperson_tour",
            login=rep.login,
        )
        self.assertEqual(lead.forecast_category, "commit")
        self.assertEqual(forecast.state, "submitted")
        self.assertEqual(forecast.submitted_amount, 1_200_000)
        self.start_tour("/odoo/crm", "sales_forecast_manager_tour", login=manager.login)
        self.assertEqual(forecast.final_amount, 900_000)
        last = forecast.adjustment_ids[:1]
        self.assertEqual(last.user_id, manager)
        self.assertEqual(last.amount_from, 1_200_000)
