# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A company's own database: a pilot's salespeople give feedback and record
the customer survey from the menus, and the pilot's summary prints."""

from datetime import date

from odoo.tests import Form, new_test_user, tagged

from .common import NoDemoCase

MENU = "sales_process_framework_menu_"


@tagged("post_install", "-at_install")
class TestPilotFeedbackNoDemo(NoDemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, "pf_admin", groups="sales_team.group_sale_manager"
        )
        cls.rep = new_test_user(
            cls.env, "pf_rep", groups="sales_team.group_sale_salesman"
        )
        cls.team = cls.env["crm.team"].create(
            {"name": "Our Pilot Team", "member_ids": [(6, 0, cls.rep.ids)]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Hengda Machinery"})

    def test_pilot_feedback_survey_and_summary_without_demo(self):
        # the administrator starts the pilot with the metrics installed as data
        form = Form(self.env["sales.process.version"].with_user(self.admin))
        form.name = "Process V1.1 pilot"
        form.team_ids.add(self.team)
        form.date_start = date(2026, 1, 1)
        form.date_end = date(2026, 4, 1)
        with form.line_ids.new() as line:
            line.metric_id = self.env.ref("sales_process_framework.health_metric_nps")
        pilot = form.save()
        # the salesperson finds the menus and gives feedback on the process
        menus = self.env["ir.ui.menu"].with_user(self.rep)._visible_menu_ids()
        for name in ("pilot_feedback", "pilot_nps"):
            menu = self.env.ref(f"sales_process_framework.{MENU}{name}")
            self.assertIn(menu.id, menus)
        feedback = Form(self.env["sales.pilot.feedback"].with_user(self.rep))
        feedback.version_id = pilot
        feedback.stage_id = self.env.ref("crm.stage_lead2")
        feedback.kind = "too_complex"
        feedback.description = "Too many fields to fill in before a proposal"
        feedback.save()
        for score in ("10", "6"):
            self.env["sales.pilot.nps"].with_user(self.rep).create(
                {
                    "version_id": pilot.id,
                    "partner_id": self.customer.id,
                    "score": score,
                    "date": date(2026, 2, 1),
                }
            )
        self.assertEqual((pilot.nps_answers, pilot.nps_value), (2, 0.0))
        html = (
            self.env["ir.actions.report"]
            .with_user(self.admin)
            ._render_qweb_html(
                "sales_process_framework.report_pilot_summary", pilot.ids
            )[0]
        ).decode()
        self.assertIn("Tool too complex", html)
        self.assertIn("Customer satisfaction (NPS)", html)
