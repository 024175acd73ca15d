# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestServiceRequestTours(HttpCase):
    def _user(self, xmlid):
        user = self.env.ref(f"sales_process_framework.{xmlid}")
        user.tour_enabled = False
        return user

    def test_salesperson_asks_marketing_which_delivers_a_tailored_case(self):
        rep = self._user("user_li_wei")
        marketer = self._user("user_sun_mei")
        lead = self.env.ref("sales_process_framework.crm_lead_b2b_002")
        self.start_tour(
            f"/odoo/crm/{lead.id}",
            "sales_process_framework_service_ask_tour",
            login=rep.login,
        )
        request = lead.service_request_ids.filtered(
            lambda r: r.name.startswith("Case of a robotic welding cell")
        )
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.requester_id, rep)
        self.assertEqual(
            request.request_type_id,
            self.env.ref("sales_process_framework.service_request_type_tailored_case"),
        )
        self.start_tour(
            "/odoo",
            "sales_process_framework_service_deliver_tour",
            login=marketer.login,
        )
        self.assertEqual(request.state, "delivered")
        self.assertEqual(request.document_name, "tailored_case.txt")
        action = self.env.ref("sales_process_framework.sales_service_request_action")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "sales_process_framework_service_delivered_tour",
            login=rep.login,
        )
