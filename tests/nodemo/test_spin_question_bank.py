# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A company installing from Apps gets the SPIN question bank of the needs
diagnosis (template 3): a set for manufacturing and one for any customer."""

from odoo.tests import new_test_user, tagged

from .common import NoDemoCase

SPF = "sales_process_framework"


@tagged("post_install", "-at_install")
class TestSpinQuestionBankWithoutDemo(NoDemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep = new_test_user(
            cls.env, "spin_rep", groups="sales_team.group_sale_salesman"
        )
        cls.admin = new_test_user(
            cls.env, "spin_admin", groups="sales_team.group_sale_manager"
        )
        cls.manufacturing = cls.env.ref("base.res_partner_industry_C")
        Template = cls.env["sales.spin.question.template"]
        cls.generic = Template.search([("industry_id", "=", False)])
        cls.for_manufacturing = Template.search(
            [("industry_id", "=", cls.manufacturing.id)]
        )

    def _lead(self, industry):
        partner = self.env["res.partner"].create(
            {"name": "Hengda Machinery", "industry_id": industry.id}
        )
        return (
            self.env["crm.lead"]
            .with_user(self.rep)
            .create(
                {
                    "name": "Line planning",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "user_id": self.rep.id,
                }
            )
        )

    def test_bank_is_shipped_for_every_spin_type(self):
        for bank in (self.generic, self.for_manufacturing):
            self.assertEqual(
                set(bank.mapped("question_type")),
                {"situation", "problem", "implication", "need_payoff"},
            )
        self.assertIn(
            "How do you plan the shifts of your production lines today?",
            self.for_manufacturing.mapped("question"),
        )

    def test_salesperson_loads_the_manufacturing_questions(self):
        lead = self._lead(self.manufacturing)
        lead.action_spin_load_questions()
        self.assertEqual(
            lead.spin_question_ids.template_id, self.generic | self.for_manufacturing
        )
        self.assertEqual(lead.spin_question_ids[0].question_type, "situation")
        lead.action_spin_load_questions()
        self.assertEqual(
            len(lead.spin_question_ids), len(self.generic | self.for_manufacturing)
        )

    def test_other_industries_get_the_generic_questions(self):
        lead = self._lead(self.env.ref("base.res_partner_industry_G"))
        lead.action_spin_load_questions()
        self.assertEqual(lead.spin_question_ids.template_id, self.generic)

    def test_managers_find_the_bank_in_the_configuration(self):
        menu = self.env.ref(f"{SPF}.sales_process_framework_menu_spin_question_bank")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.admin)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.rep)._visible_menu_ids())
