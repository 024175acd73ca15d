# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks on what the installed addons put in the registry."""

from odoo.tests import TransactionCase, tagged

from .common import ADDONS

GROUPS = {
    "sales_process_framework": ("group_process_user", "group_process_manager"),
    "sales_team_performance": ("group_performance_user", "group_performance_manager"),
    "sales_key_accounts": ("group_key_account_user", "group_key_account_manager"),
}


@tagged("post_install", "-at_install")
class TestSuiteRegistry(TransactionCase):
    def _our_models(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        # abstract models (mixins) have no table and no access rules
        return models.filtered(lambda m: not self.env[m.model]._abstract)

    def test_every_model_of_ours_has_access_rules_for_groups(self):
        access = self.env["ir.model.access"].search([])
        for model in self._our_models():
            rules = access.filtered(lambda a, m=model: a.model_id == m)
            self.assertTrue(rules, f"{model.model} has no access rule")
            self.assertTrue(
                all(rules.mapped("group_id")),
                f"{model.model} has an access rule for everybody (no group)",
            )

    def test_each_addon_has_user_and_manager_groups_hooked_to_sales(self):
        salesman = self.env.ref("sales_team.group_sale_salesman")
        sales_manager = self.env.ref("sales_team.group_sale_manager")
        for addon, (user_xmlid, manager_xmlid) in GROUPS.items():
            user = self.env.ref(f"{addon}.{user_xmlid}")
            manager = self.env.ref(f"{addon}.{manager_xmlid}")
            self.assertIn(user, manager.trans_implied_ids)
            self.assertIn(user, salesman.trans_implied_ids)
            self.assertIn(manager, sales_manager.trans_implied_ids)
            self.assertNotIn(manager, salesman.trans_implied_ids)
            self.assertEqual(user.category_id, manager.category_id)

    def test_each_addon_has_a_menu_under_crm(self):
        crm_root = self.env.ref("crm.crm_menu_root")
        for addon in ADDONS:
            menus = self.env["ir.ui.menu"].search(
                [("id", "child_of", crm_root.id), ("action", "!=", False)]
            )
            ours = menus.filtered(
                lambda m, a=addon: m.get_external_id()[m.id].startswith(f"{a}.")
            )
            self.assertTrue(ours, f"{addon} has no menu under CRM")
