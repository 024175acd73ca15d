# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A company installing from Apps gets the customer personas of the B2B
journey with the playbook, and its team's opportunities show them."""

from odoo.tests import new_test_user, tagged

from .common import NoDemoCase

SPF = "sales_process_framework"


@tagged("post_install", "-at_install")
class TestJourneyPersonasWithoutDemo(NoDemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, "persona_admin", groups="sales_team.group_sale_manager"
        )
        cls.rep = new_test_user(
            cls.env, "persona_rep", groups="sales_team.group_sale_salesman"
        )
        cls.playbook = cls.env.ref(f"{SPF}.playbook_b2b")
        cls.team = cls.env["crm.team"].create(
            {"name": "Our Sales Team", "member_ids": [(4, cls.rep.id)]}
        )

    def test_playbook_ships_the_b2b_personas(self):
        self.assertEqual(
            self.playbook.persona_ids.mapped("name"),
            [
                "General Manager",
                "Plant Manager",
                "Purchasing Manager",
                "IT and Automation Engineer",
            ],
        )

    def test_applied_playbook_shows_its_personas_on_the_opportunity(self):
        self.playbook.with_user(self.admin).apply_to_team(self.team.id)
        lead = (
            self.env["crm.lead"]
            .with_user(self.rep)
            .create(
                {
                    "name": "Line planning",
                    "type": "opportunity",
                    "team_id": self.team.id,
                    "user_id": self.rep.id,
                }
            )
        )
        self.assertEqual(
            lead.journey_persona_ids.playbook_persona_id, self.playbook.persona_ids
        )

    def test_managers_find_the_personas_in_the_configuration(self):
        menu = self.env.ref(f"{SPF}.sales_process_framework_menu_personas")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.admin)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.rep)._visible_menu_ids())
