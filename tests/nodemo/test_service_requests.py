# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""On a database installed without demo data, a company finds the playbook's
service departments and their SLAs, the Settings that edit them, the menus
and the escalation; a salesperson asks marketing for a tailored case."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import NoDemoCase

PREFIX = "sales_process_framework."


@tagged("post_install", "-at_install")
class TestServiceRequestsWithoutDemo(NoDemoCase):
    def test_playbook_departments_and_slas_are_shipped(self):
        slas = {
            request_type.name: (
                request_type.department_id.name,
                request_type.sla_value,
                request_type.sla_unit,
            )
            for request_type in self.env["sales.service.request.type"].search([])
        }
        self.assertEqual(slas["Tailored Customer Case"], ("Marketing", 2, "days"))
        self.assertEqual(slas["Industry Report"], ("Marketing", 3, "days"))
        self.assertEqual(slas["Contract Review"][0], "Legal")
        self.assertEqual(slas["Solution Review"][0], "Product")
        self.assertEqual(slas["Technical Solution Review"][0], "Technical Consultants")

    def test_settings_menus_and_escalation_are_installed(self):
        view = self.env.ref(PREFIX + "res_config_settings_view_form_service")
        action = self.env.ref(PREFIX + "sales_service_request_type_action")
        self.assertIn(f'name="{action.id}"', view.arch_db)
        for cron in ("service_escalation", "service_digest"):
            self.assertTrue(self.env.ref(f"{PREFIX}ir_cron_sales_{cron}").active)
        for menu in ("menu_service_root", "menu_service_crm", "menu_service_report"):
            self.assertTrue(self.env.ref(f"{PREFIX}sales_process_framework_{menu}"))

    def test_salesperson_asks_marketing_and_the_manager_hears_of_the_breach(self):
        rep = new_test_user(
            self.env, "nodemo_service_rep", "sales_team.group_sale_salesman"
        )
        head = new_test_user(self.env, "nodemo_marketing_head", "base.group_user")
        marketing = self.env.ref(PREFIX + "service_department_marketing")
        # what an administrator sets in Settings > Cross-department SLAs
        marketing.write({"manager_id": head.id, "member_ids": [Command.link(head.id)]})
        lead = self.env["crm.lead"].create(
            {"name": "No-demo deal", "type": "opportunity", "user_id": rep.id}
        )
        request = self.env(user=rep)["sales.service.request"].create(
            {
                "name": "A case like theirs",
                "lead_id": lead.id,
                "department_id": marketing.id,
                "request_type_id": self.env.ref(
                    PREFIX + "service_request_type_tailored_case"
                ).id,
            }
        )
        with freeze_time(datetime(2026, 11, 27, 3, 0)):
            request.action_submit()
        self.assertEqual(request.responsible_id, head)
        self.assertGreater(request.date_due, request.date_submitted)
        self.assertEqual(request.activity_ids.user_id, head)
        with freeze_time(datetime(2026, 12, 10, 3, 0)):
            self.env["sales.service.request"]._cron_escalate_breaches()
        self.assertTrue(request.breached)
        self.assertTrue(request.escalated_date)
