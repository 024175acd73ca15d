# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""On a database installed without demo data, forecasting works from the
settings' defaults: the scheduled action prepares a draft for every
salesperson of a sales team, reminds them, and each opens their own."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.sales_process_framework.tools.periods import (
    period_start,
    today_in,
)

from .common import NoDemoCase


@tagged("post_install", "-at_install")
class TestForecastWithoutDemo(NoDemoCase):
    def test_settings_cron_and_my_forecast_work_from_the_defaults(self):
        company = self.env.company
        self.assertEqual(company.forecast_period, "month")
        self.assertEqual(company.forecast_reminder_days, 3)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.forecast_reminder_days, 3)
        cron = self.env.ref("sales_team_performance.ir_cron_forecasts")
        self.assertTrue(cron.active)
        for xmlid in ("menu_forecasts", "menu_my_forecast"):
            self.assertTrue(
                self.env.ref(f"sales_team_performance.sales_team_performance_{xmlid}")
            )
        rep = new_test_user(
            self.env, "nodemo_forecast_rep", groups="sales_team.group_sale_salesman"
        )
        self.env["crm.team"].create(
            {"name": "Forecast Team", "member_ids": [Command.set(rep.ids)]}
        )
        cron.method_direct_trigger()
        start = period_start(today_in(self.env), "month")
        forecast = self.env["sales.forecast"].search(
            [("user_id", "=", rep.id), ("date_start", "=", start)]
        )
        self.assertEqual(forecast.state, "draft")
        self.assertEqual(forecast.activity_ids.user_id, rep)
        action = self.env["sales.forecast"].with_user(rep).action_my_forecast()
        self.assertEqual(action["res_id"], forecast.id)
        forecast.with_user(rep).submitted_amount = 1000
        forecast.with_user(rep).action_submit()
        self.assertEqual(forecast.state, "submitted")
        # the figures are the refresh's, not the salesperson's
        with self.assertRaises(UserError):
            forecast.with_user(rep).write({"final_amount": 1})
        self.assertEqual(forecast.final_amount, 1000)
        forecast.with_user(rep).action_refresh_figures()
        self.assertTrue(forecast.figures_date)
