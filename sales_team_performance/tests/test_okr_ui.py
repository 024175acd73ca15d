# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOkrTour(HttpCase):
    def test_salesperson_checks_in_on_their_key_result(self):
        rep = self.env.ref("sales_process_framework.user_li_wei")
        rep.tour_enabled = False
        result = self.env.ref("sales_team_performance.sales_okr_kr_li_wei_referrals")
        self.start_tour("/odoo/crm", "sales_okr_check_in_tour", login=rep.login)
        self.assertEqual(result.check_in_ids.mapped("value"), [3.0])
        self.assertEqual(result.check_in_ids.user_id, rep)
        self.assertEqual(result.progress, 30)
