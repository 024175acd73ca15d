# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
from pathlib import Path

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

ADDONS = Path(__file__).parents[2]
SUITE = ("sales_process_framework", "sales_team_performance", "sales_key_accounts")
# what applying a playbook makes for a team
APPLIED = {
    "crm.stage",
    "sales.gate.criterion",
    "sales.journey.phase",
    "sales.journey.touchpoint",
}


@tagged("post_install", "-at_install")
class TestDemoIsThePlaybookApplied(TransactionCase):
    """The demo teams' process comes from the shipped playbook, applied as
    the wizard applies it, and from nowhere else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.playbook = cls.env.ref("sales_process_framework.playbook_b2b")
        cls.direct = cls.env.ref("sales_process_framework.crm_team_direct")
        cls.pilot = cls.env.ref("sales_process_framework.crm_team_pilot")

    def test_no_demo_file_writes_out_what_the_playbook_makes(self):
        for addon in SUITE:
            manifest = ast.literal_eval(
                (ADDONS / addon / "__manifest__.py").read_text()
            )
            for name in manifest.get("demo", []):
                root = etree.parse(str(ADDONS / addon / name)).getroot()
                written = {r.get("model") for r in root.iter("record")} & APPLIED
                self.assertFalse(written, f"{addon}/{name} defines {written}")

    def test_direct_team_owns_exactly_what_the_playbook_makes(self):
        stages = self.env["crm.stage"].search([("team_id", "=", self.direct.id)])
        self.assertEqual(stages.playbook_stage_id, self.playbook.stage_ids)
        self.assertEqual(len(stages), len(self.playbook.stage_ids))
        company = self.direct.company_id
        for stage in stages:
            pstage = stage.playbook_stage_id
            values = pstage._stage_values()
            self.assertEqual(
                {name: stage[name] for name in values if name != "playbook_stage_id"},
                {n: v for n, v in values.items() if n != "playbook_stage_id"},
                stage.name,
            )
            criteria = stage.gate_criterion_ids
            self.assertEqual(criteria.playbook_criterion_id, pstage.criterion_ids)
            for criterion in criteria:
                expected = criterion.playbook_criterion_id._criterion_values(
                    stage, company
                )
                for name, value in expected.items():
                    actual = criterion[name]
                    actual = actual.id if hasattr(actual, "_name") else actual
                    self.assertEqual(actual, value or actual.__class__(), name)
        for team in self.direct | self.pilot:
            phases = self.env["sales.journey.phase"].search([("team_id", "=", team.id)])
            self.assertEqual(phases.playbook_phase_id, self.playbook.phase_ids)
            self.assertEqual(
                phases.touchpoint_ids.playbook_touchpoint_id,
                self.playbook.phase_ids.touchpoint_ids,
            )
            for phase in phases:
                self.assertEqual(
                    phase.stage_ids.playbook_stage_id,
                    phase.playbook_phase_id.stage_ids,
                )
                self.assertEqual(phase.stage_ids.team_id, self.direct)

    def test_pilot_team_works_the_direct_teams_stages(self):
        stages = self.env["crm.stage"].search([("team_id", "=", self.direct.id)])
        self.assertEqual(
            self.env["crm.stage"]._pipelines(self.pilot)[self.pilot], stages
        )

    def test_the_demo_refers_to_what_the_application_named(self):
        ref = self.env.ref
        spf = "sales_process_framework"
        for line, made in [
            ("b2b_stage_negotiation", "stage_negotiation"),
            ("b2b_gate_nurturing_budget", "gate_nurturing_budget"),
            ("b2b_phase_interest", "phase_interest"),
            ("b2b_tp_intro_call", "tp_intro_call"),
            ("b2b_phase_interest", "pilot_phase_interest"),
            ("b2b_tp_intro_call", "pilot_tp_intro_call"),
        ]:
            record = ref(f"{spf}.{made}")
            link = next(
                name
                for name, field in record._fields.items()
                if name.startswith("playbook_") and field.type == "many2one"
            )
            self.assertEqual(record[link], ref(f"{spf}.{line}"), made)
        self.assertEqual(ref(f"{spf}.phase_interest").team_id, self.direct)
        self.assertEqual(ref(f"{spf}.pilot_phase_interest").team_id, self.pilot)

    def test_each_team_logs_its_visits_on_its_own_journey(self):
        logs = self.env["crm.lead.touchpoint"].search(
            [("lead_id.team_id", "in", (self.direct | self.pilot).ids)]
        )
        self.assertTrue(logs.filtered(lambda t: t.lead_id.team_id == self.pilot))
        for log in logs:
            self.assertEqual(
                log.touchpoint_id.phase_id.team_id, log.lead_id.team_id, log.id
            )


@tagged("post_install", "-at_install")
class TestApplyToTeam(TransactionCase):
    """Applying a playbook from code does what the wizard does, for process
    administrators, and only a module's data files name what it made."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.playbook = cls.env.ref("sales_process_framework.playbook_b2c")
        cls.team = cls.env["crm.team"].create(
            {"name": "Showroom", "pipeline_own_stages": True}
        )
        cls.admin = new_test_user(
            cls.env,
            "playbook_admin",
            groups="sales_team.group_sale_manager,"
            "sales_process_framework.group_process_manager",
        )
        cls.rep = new_test_user(
            cls.env, "playbook_rep", groups="sales_team.group_sale_salesman"
        )

    def _team_stages(self):
        return self.env["crm.stage"].search([("team_id", "=", self.team.id)])

    def test_process_administrator_applies_the_b2c_playbook_once(self):
        self.playbook.with_user(self.admin).apply_to_team(self.team.id)
        stages = self._team_stages()
        self.assertEqual(stages.playbook_stage_id, self.playbook.stage_ids)
        self.assertEqual(
            stages.gate_criterion_ids.playbook_criterion_id,
            self.playbook.stage_ids.criterion_ids,
        )
        self.playbook.with_user(self.admin).apply_to_team(self.team.id)
        self.assertEqual(self._team_stages(), stages)
        self.assertEqual(
            len(stages.gate_criterion_ids), len(self.playbook.stage_ids.criterion_ids)
        )

    def test_salesperson_cannot_apply_a_playbook(self):
        with self.assertRaises(AccessError):
            self.playbook.with_user(self.rep).apply_to_team(self.team.id)
        self.assertFalse(self._team_stages())

    def test_only_data_files_name_the_records_made(self):
        with self.assertRaises(AccessError):
            self.playbook.with_user(self.admin).apply_to_team(self.team.id, "shop_")
        self.assertFalse(self._team_stages())
        self.playbook.apply_to_team(self.team.id, "shop_")
        offer = self.env.ref("sales_process_framework.shop_stage_offer")
        self.assertEqual(offer.team_id, self.team)
        self.assertEqual(
            offer.playbook_stage_id,
            self.env.ref("sales_process_framework.b2c_stage_offer"),
        )
        self.assertEqual(
            self.env.ref(
                "sales_process_framework.shop_gate_offer_lost_reason"
            ).stage_id,
            offer,
        )
