# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPerformanceTour(HttpCase):
    def test_rep_reads_pace_next_tier_and_leaderboard(self):
        rep = self.env.ref("sales_process_framework.user_liu_yang")
        rep.tour_enabled = False
        # a stretch target, checked from the first day of the quarter
        line = self.env.ref("sales_team_performance.target_revenue_liu_yang")
        line.target = 50_000_000
        line.company_id.performance_pace_min_elapsed = 0
        self.env["sales.target.line"]._cron_pace_warnings()
        self.assertTrue(line.pace_warning)
        self.env["gamification.challenge"]._cron_contest_leaderboards()
        self.start_tour("/odoo/crm", "sales_team_performance_tour", login=rep.login)

    def test_manager_sees_who_is_behind_pace_in_chinese(self):
        manager = self.env.ref("sales_process_framework.user_zhao_lei")
        manager.write({"tour_enabled": False, "lang": "zh_CN"})
        line = self.env.ref("sales_team_performance.target_revenue_li_wei")
        line.target = 50_000_000
        # Wang Fang ahead of her target, whatever the demo's deals of the day
        on_pace = self.env.ref("sales_team_performance.target_revenue_wang_fang")
        on_pace.target = 1
        line.company_id.performance_pace_min_elapsed = 0
        self.env["sales.target.line"]._cron_pace_warnings()
        self.assertTrue(line.pace_warning)
        self.assertFalse(on_pace.pace_warning)
        self.start_tour(
            "/odoo/crm", "sales_team_performance_team_zh_tour", login=manager.login
        )
