# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestKeyAccountTour(HttpCase):
    def test_rep_reads_a_key_account_and_logs_a_visit(self):
        rep = self.env.ref("sales_process_framework.user_li_wei")
        rep.tour_enabled = False
        partner = self.env.ref("sales_process_framework.res_partner_b2b_05")
        visit = self.env.ref("sales_key_accounts.account_visit_overdue")
        self.start_tour(
            f"/odoo/res.partner/{partner.id}",
            "sales_key_accounts_tour",
            login=rep.login,
        )
        self.assertEqual(visit.state, "done")
        self.assertIn("trial on line 3", visit.result)
