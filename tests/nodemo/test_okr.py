# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""On a database installed without demo data, a company sets its OKRs from
the Performance menu, and their key results measure its own records."""

from odoo.tests import tagged

from odoo.addons.sales_team_performance.tests import test_okr


@tagged("post_install", "-at_install")
class TestOkrWithoutDemo(test_okr.TestOkr):
    """The whole OKR behaviour, on a database without demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env.ref("sales_process_framework.crm_team_direct", False)
        assert not demo, "these tests need a database installed without demo data"

    def test_menu_opens_for_a_salesperson(self):
        menu = self.env.ref("sales_team_performance.sales_team_performance_menu_okr")
        visible = self.env["ir.ui.menu"].with_user(self.rep)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        action = self.env.ref("sales_team_performance.sales_okr_objective_action")
        Objective = self.env["sales.okr.objective"].with_user(self.rep)
        for view_type in action.view_mode.split(","):
            Objective.get_views([(False, view_type)])
        defaults = Objective.default_get(["date_start", "date_end", "state"])
        self.assertEqual(defaults["state"], "draft")
        self.assertLess(defaults["date_start"], defaults["date_end"])
