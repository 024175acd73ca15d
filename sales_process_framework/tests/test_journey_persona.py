# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customer personas of the journey (step 2): shipped with the B2B playbook,
given to a team with its journey, shown on the team's opportunities."""

from pathlib import Path

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SalesCase, load_script

SCRIPT = (
    Path(__file__).parent.parent
    / "migrations"
    / "18.0.1.6.0"
    / "post-journey-personas.py"
)


@tagged("post_install", "-at_install")
class TestJourneyPersonas(SalesCase):
    LOGIN = "persona"
    GROUPS = {"manager": "sales_process_framework.group_process_manager"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.playbook = cls.env.ref("sales_process_framework.playbook_b2b")
        cls.Persona = cls.env["sales.journey.persona"]

    def _team_personas(self, team=None):
        return self.Persona.search([("team_id", "=", (team or self.team).id)])

    def test_applying_the_playbook_gives_the_team_its_personas_once(self):
        self.playbook.persona_ids[0].update_field_translations(
            "goals", {"zh_TW": "達成營收與利潤目標"}
        )
        self.playbook.with_user(self.manager).apply_to_team(self.team.id)
        personas = self._team_personas()
        self.assertEqual(personas.playbook_persona_id, self.playbook.persona_ids)
        self.assertIn("Purchasing Manager", personas.mapped("name"))
        first = personas.filtered(
            lambda p: p.playbook_persona_id == self.playbook.persona_ids[0]
        )
        self.assertEqual(first.with_context(lang="zh_TW").goals, "達成營收與利潤目標")
        self.assertEqual(first.decision_role, "decision_maker")
        self.playbook.with_user(self.manager).apply_to_team(self.team.id)
        self.assertEqual(self._team_personas(), personas)

    def test_opportunity_shows_its_team_journeys_personas(self):
        company_wide = self.Persona.create({"name": "Finance Director"})
        other_team = self.env["crm.team"].create({"name": "Persona Other Team"})
        lead = (
            self.env["crm.lead"]
            .with_user(self.rep)
            .create(
                {
                    "name": "Line planning",
                    "type": "opportunity",
                    "team_id": other_team.id,
                }
            )
        )
        # a team without its own personas follows the company's journey
        self.assertEqual(lead.journey_persona_ids, company_wide)
        own = self.Persona.create(
            {"name": "Plant Manager", "team_id": self.team.id, "goals": "Output"}
        )
        lead.team_id = self.team
        self.assertEqual(lead.journey_persona_ids, own)
        self.assertEqual(lead.journey_persona_ids.goals, "Output")
        # the salesperson says which persona the customer's contact is
        with Form(lead) as form:
            form.contact_persona_id = own
        self.assertEqual(lead.contact_persona_id, own)

    def test_contact_persona_is_one_of_the_company(self):
        # the contact's persona shows its name to whoever reads the
        # opportunity: a persona of another company would reveal it
        other = self.env["res.company"].create({"name": "Persona Other Co"})
        foreign = self.Persona.create({"name": "Rival's Buyer", "company_id": other.id})
        lead = (
            self.env["crm.lead"]
            .with_user(self.rep)
            .create(
                {
                    "name": "Persona lead",
                    "type": "opportunity",
                    "company_id": self.company.id,
                }
            )
        )
        with self.assertRaises(UserError):
            lead.write({"contact_persona_id": foreign.id})
        self.assertFalse(lead.contact_persona_id)

    def test_salesperson_reads_the_personas_managers_maintain_them(self):
        persona = self.Persona.create({"name": "Plant Manager"})
        self.assertEqual(persona.with_user(self.rep).name, "Plant Manager")
        with self.assertRaises(AccessError):
            persona.with_user(self.rep).goals = "Mine"
        with self.assertRaises(AccessError):
            self.Persona.with_user(self.rep).create({"name": "Buyer"})
        # on the team's form, the journey's personas
        with Form(self.team.with_user(self.manager)) as form:
            with form.persona_ids.new() as new:
                new.name = "Quality Manager"
                new.decision_role = "evaluator"
        added = self.team.persona_ids
        self.assertEqual(added.mapped("name"), ["Quality Manager"])
        self.assertEqual(added.company_id, self.team.company_id or self.company)

    def test_upgrade_gives_teams_following_the_playbook_their_personas(self):
        self.playbook.apply_to_team(self.team.id)
        self._team_personas().unlink()
        kept = self.Persona.create({"name": "Our own", "team_id": self.team.id})
        load_script(SCRIPT).migrate(self.env.cr, "18.0.1.5.0")
        personas = self._team_personas()
        self.assertEqual(
            personas.playbook_persona_id, self.playbook.persona_ids, "given again"
        )
        self.assertIn(kept, personas)
