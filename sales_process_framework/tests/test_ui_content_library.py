# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestContentLibraryTours(HttpCase):
    def _user(self, xmlid):
        user = self.env.ref(f"sales_process_framework.{xmlid}")
        user.tour_enabled = False
        return user

    def test_salesperson_downloads_a_template_and_uses_a_script(self):
        rep = self._user("user_li_wei")
        lead = self.env.ref("sales_process_framework.crm_lead_gate_blocked")
        script = self.env.ref("sales_process_framework.sales_script_demo_price_roi")
        self.start_tour(
            f"/odoo/crm/{lead.id}",
            "sales_process_framework_library_rep_tour",
            login=rep.login,
        )
        self.assertIn(script, lead.sales_script_ids)
        self.assertIn(rep, script.user_ids)
        # the manager sees the usage and the win rate, with its drill-down
        manager = self._user("user_zhao_lei")
        self.start_tour(
            f"/odoo/action-sales_process_framework.sales_script_action/{script.id}",
            "sales_process_framework_library_manager_tour",
            login=manager.login,
        )
