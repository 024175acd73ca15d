# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGroups(TransactionCase):
    """Sales Performance rights follow the sales groups."""

    def test_salesperson_is_a_user_not_a_manager(self):
        rep = new_test_user(self.env, "rep", groups="sales_team.group_sale_salesman")
        self.assertTrue(rep.has_group("sales_team_performance.group_performance_user"))
        self.assertFalse(
            rep.has_group("sales_team_performance.group_performance_manager")
        )

    def test_sales_administrator_is_a_manager(self):
        boss = new_test_user(self.env, "boss", groups="sales_team.group_sale_manager")
        self.assertTrue(
            boss.has_group("sales_team_performance.group_performance_manager")
        )

    def test_menu_visible_to_its_group_only(self):
        menu = self.env.ref(
            "sales_team_performance.sales_team_performance_menu_contests"
        )
        clerk = new_test_user(self.env, "clerk", groups="base.group_user")
        rep = new_test_user(self.env, "rep2", groups="sales_team.group_sale_salesman")
        boss = new_test_user(self.env, "boss2", groups="sales_team.group_sale_manager")
        visible = {
            user.login: menu.id
            in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for user in clerk | rep | boss
        }
        self.assertEqual(visible, {"clerk": False, "rep2": False, "boss2": True})
