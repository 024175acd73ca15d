# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSpinTour(HttpCase):
    def test_salesperson_loads_the_bank_and_records_the_steps(self):
        rep = self.env.ref("sales_process_framework.user_li_wei")
        rep.tour_enabled = False
        partner = self.env["res.partner"].create(
            {
                "name": "Jiaxing Hengli Machinery",
                "industry_id": self.env.ref("base.res_partner_industry_C").id,
            }
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Jiaxing Hengli — Shift planning",
                "type": "opportunity",
                "partner_id": partner.id,
                "user_id": rep.id,
                "team_id": self.env.ref("sales_process_framework.crm_team_direct").id,
            }
        )
        self.start_tour(
            f"/odoo/crm/{lead.id}", "sales_process_framework_spin_tour", login=rep.login
        )
        bank = self.env["sales.spin.question.template"].search(
            [
                (
                    "industry_id",
                    "in",
                    [False, self.env.ref("base.res_partner_industry_C").id],
                )
            ]
        )
        self.assertEqual(lead.spin_question_ids.template_id, bank)
        self.assertEqual(
            lead.spin_background, "Three lines in two shifts, planned in Excel"
        )
        self.assertEqual(lead.spin_pain_ids.name, "Unplanned stops")
