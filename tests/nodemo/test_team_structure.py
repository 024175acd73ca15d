# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Team structure without demo data: the default sales roles, the Team menus
per group, and the talent pool and sales meetings working end to end."""

from odoo.tests import new_test_user, tagged

from odoo.addons.sales_team_performance.tests import test_sales_meetings as meetings
from odoo.addons.sales_team_performance.tests import test_team_structure as team

from .common import NoDemoCase


@tagged("post_install", "-at_install")
class TestTeamStructureDefaults(NoDemoCase):
    def test_default_roles_with_duties_and_kpis(self):
        roles = self.env["sales.role"].search([])
        for xmlid in (
            "sales_role_manager",
            "sales_role_key_account",
            "sales_role_representative",
            "sales_role_presales",
            "sales_role_assistant",
        ):
            role = self.env.ref(f"sales_team_performance.{xmlid}")
            self.assertIn(role, roles)
            self.assertIn("<li>", role.duties)
            self.assertTrue(role.kpi_ids, xmlid)

    def test_team_menus_per_group(self):
        Menu = self.env["ir.ui.menu"]
        menus = {
            name: self.env.ref(f"sales_team_performance.{name}")
            for name in (
                "sales_team_performance_menu_roles",
                "sales_team_performance_menu_talent",
                "sales_team_performance_menu_meetings",
            )
        }
        rep = new_test_user(
            self.env, "nodemo_team_rep", groups="sales_team.group_sale_salesman"
        )
        manager = new_test_user(
            self.env, "nodemo_team_manager", groups="sales_team.group_sale_manager"
        )
        seen = Menu.with_user(rep)._visible_menu_ids()
        self.assertIn(menus["sales_team_performance_menu_roles"].id, seen)
        self.assertIn(menus["sales_team_performance_menu_meetings"].id, seen)
        self.assertNotIn(menus["sales_team_performance_menu_talent"].id, seen)
        seen = Menu.with_user(manager)._visible_menu_ids()
        self.assertTrue({menu.id for menu in menus.values()} <= set(seen))


@tagged("post_install", "-at_install")
class TestSalesMeetingsWithoutDemo(NoDemoCase, meetings.TestSalesMeetings):
    pass


@tagged("post_install", "-at_install")
class TestTalentPoolWithoutDemo(NoDemoCase, team.TestTalentPool):
    pass


@tagged("post_install", "-at_install")
class TestSalesRolesWithoutDemo(NoDemoCase, team.TestSalesRoles):
    pass
