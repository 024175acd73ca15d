# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""On a database installed without demo data, a company finds the manager
scorecards in the Performance menu, their weights in Settings and their
nightly computation scheduled."""

from odoo.tests import tagged

from odoo.addons.sales_team_performance.tests import test_manager_scorecard


@tagged("post_install", "-at_install")
class TestManagerScorecardWithoutDemo(test_manager_scorecard.TestManagerScorecard):
    """The whole manager scorecard behaviour, on a database without demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env.ref("sales_process_framework.crm_team_direct", False)
        assert not demo, "these tests need a database installed without demo data"

    def test_defaults_menu_settings_and_schedule(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(sum(company._manager_weights().values()), 100)
        self.assertEqual(company.manager_coaching_per_rep, 1)
        cron = self.env.ref("sales_team_performance.ir_cron_manager_scorecards")
        self.assertTrue(cron.active)
        cron.method_direct_trigger()
        menu = self.env.ref(
            "sales_team_performance.sales_team_performance_menu_manager_scorecards"
        )
        visible = self.env["ir.ui.menu"].with_user(self.leader)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        Card = self.env["sales.manager.scorecard"].with_user(self.leader)
        for view_type in ("list", "form", "pivot"):
            Card.get_views([(False, view_type)])
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.manager_weight_achievement, 40)
        self.env["res.config.settings"].get_views([(False, "form")])
