# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProcessGroups(TransactionCase):
    """The process groups follow the sales groups, so nobody is forgotten."""

    def test_new_salesperson_works_under_the_process_without_configuring_it(self):
        rep = new_test_user(
            self.env, "spf_rep", groups="sales_team.group_sale_salesman"
        )
        self.assertTrue(rep.has_group("sales_process_framework.group_process_user"))
        self.assertFalse(rep.has_group("sales_process_framework.group_process_manager"))

    def test_sales_administrator_configures_the_process(self):
        boss = new_test_user(
            self.env, "spf_boss", groups="sales_team.group_sale_manager"
        )
        self.assertTrue(boss.has_group("sales_process_framework.group_process_manager"))

    def test_internal_user_outside_sales_gets_nothing(self):
        clerk = new_test_user(self.env, "spf_clerk", groups="base.group_user")
        self.assertFalse(clerk.has_group("sales_process_framework.group_process_user"))

    def test_process_stage_menu_is_for_process_administrators_only(self):
        menu = self.env.ref(
            "sales_process_framework.sales_process_framework_menu_stages"
        )
        rep = new_test_user(
            self.env, "spf_rep2", groups="sales_team.group_sale_salesman"
        )
        boss = new_test_user(
            self.env, "spf_boss2", groups="sales_team.group_sale_manager"
        )
        visible_for = {
            user.login: menu.id
            in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for user in rep | boss
        }
        self.assertEqual(visible_for, {"spf_rep2": False, "spf_boss2": True})
