# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A company's own database: the scheduled action opens the process reviews
and the administrator lists the metrics in alert from the menu."""

from datetime import date

from odoo.tests import new_test_user, tagged

from .common import NoDemoCase


@tagged("post_install", "-at_install")
class TestProcessReviewNoDemo(NoDemoCase):
    def test_reviews_open_and_list_the_alerts_without_demo(self):
        cron = self.env.ref("sales_process_framework.ir_cron_sales_process_review_open")
        self.assertTrue(cron.active)
        admin = new_test_user(
            self.env, "rv_admin", groups="sales_team.group_sale_manager"
        )
        rep = new_test_user(self.env, "rv_rep", groups="sales_team.group_sale_salesman")
        menu = self.env.ref(
            "sales_process_framework.sales_process_framework_menu_process_reviews"
        )
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(rep)._visible_menu_ids()
        )
        Review = self.env["sales.process.review"]
        Review._cron_open_reviews()
        self.assertFalse(Review._cron_open_reviews())
        # the win rate metric installed as data, in alert for a team
        metric = self.env.ref("sales_process_framework.health_metric_win_rate")
        team = self.env["crm.team"].create({"name": "Our Sales Team"})
        self.env["sales.health.snapshot"].create(
            {
                "metric_id": metric.id,
                "company_id": self.env.company.id,
                "scope": "team",
                "scope_key": f"team,{team.id}",
                "team_id": team.id,
                "period": "month",
                "period_start": date(2025, 3, 1),
                "period_end": date(2025, 4, 1),
                "value": 5.0,
                "has_data": True,
                "band": "alert",
            }
        )
        review = Review.with_user(admin).create(
            {"kind": "quarter", "date_start": date(2025, 2, 10)}
        )
        review.action_load_alerts()
        self.assertEqual(review.line_ids.metric_id, metric)
        self.assertTrue(review.with_user(rep).has_access("read"))
