# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import B2B_STAGES, process_state


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo database tells the playbook's story to every later dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.direct = cls.env.ref("sales_process_framework.crm_team_direct")
        cls.pilot = cls.env.ref("sales_process_framework.crm_team_pilot")
        cls.Lead = cls.env["crm.lead"].with_context(active_test=False)
        cls.opportunities = cls.Lead.search(
            [
                ("type", "=", "opportunity"),
                ("team_id", "in", (cls.direct | cls.pilot).ids),
            ]
        )

    def _pipeline_stages(self, team):
        """The stages a team's pipeline shows, as the kanban reads them."""
        Lead = self.env["crm.lead"].with_context(default_team_id=team.id)
        return Lead._read_group_stage_ids(self.env["crm.stage"], [])

    def test_demo_teams_pipelines_show_the_eight_b2b_stages_in_order(self):
        for team in self.direct | self.pilot:
            self.assertEqual(self._pipeline_stages(team).mapped("name"), B2B_STAGES)

    def test_only_delivery_and_after_sales_are_won_stages(self):
        stages = self._pipeline_stages(self.direct)
        self.assertEqual(
            stages.filtered("is_won").mapped("name"),
            ["Delivery", "After-sales Follow-up"],
        )

    def test_every_stage_has_guidance_for_the_rep(self):
        for stage in self._pipeline_stages(self.direct):
            self.assertTrue(stage.sales_guidance, f"{stage.name} has no guidance")
        nurturing = self.env.ref("sales_process_framework.stage_lead_nurturing")
        self.assertIn("500,000", nurturing.sales_guidance)

    def test_demo_pipeline_is_the_b2b_playbook_applied(self):
        playbook = self.env.ref("sales_process_framework.playbook_b2b")
        stages = self._pipeline_stages(self.direct)
        self.assertEqual(stages.playbook_stage_id, playbook.stage_ids)
        self.assertEqual(
            stages.gate_criterion_ids.playbook_criterion_id,
            playbook.stage_ids.criterion_ids,
        )
        # one journey per team, on the stages both teams work
        for team in self.direct | self.pilot:
            phases = self.env["sales.journey.phase"].search(
                [("stage_ids", "in", stages.ids), ("team_id", "=", team.id)]
            )
            self.assertEqual(phases.playbook_phase_id, playbook.phase_ids)
            self.assertEqual(len(phases), len(playbook.phase_ids))

    def test_applying_the_b2b_playbook_to_the_demo_teams_again_changes_nothing(self):
        playbook = self.env.ref("sales_process_framework.playbook_b2b")
        before = process_state(self.env, self.opportunities)
        for team in self.direct | self.pilot:
            wizard = self.env["sales.playbook.apply"].create(
                {"playbook_id": playbook.id, "team_id": team.id}
            )
            self.assertIn("Nothing else changes", wizard.preview)
            wizard.action_apply()
        self.assertEqual(process_state(self.env, self.opportunities), before)

    def test_two_teams_of_three_salespeople_with_a_leader(self):
        self.assertIn("Pilot", self.pilot.name)
        for team in self.direct | self.pilot:
            self.assertEqual(len(team.member_ids), 3)
            self.assertIn(team.user_id, team.member_ids)
            self.assertTrue(team.user_id.has_group("sales_team.group_sale_manager"))
        reps = (self.direct | self.pilot).member_ids
        self.assertEqual(len(reps), 6)
        self.assertTrue(
            all(u.has_group("sales_team.group_sale_salesman") for u in reps)
        )

    def test_at_least_150_opportunities_with_every_outcome(self):
        self.assertGreaterEqual(len(self.opportunities), 150)
        won = self.opportunities.filtered(lambda o: o.stage_id.is_won)
        lost = self.opportunities.filtered(lambda o: not o.active)
        still_open = self.opportunities - won - lost
        self.assertGreaterEqual(len(won), 20)
        self.assertGreaterEqual(len(lost), 20)
        self.assertTrue(all(lost.mapped("lost_reason_id")))
        self.assertTrue(all(won.mapped("date_closed")))
        self.assertEqual(set(won.mapped("probability")), {100.0})
        self.assertEqual(set(lost.mapped("probability")), {0.0})
        # every stage before the won ones holds open work for the kanban
        self.assertEqual(
            still_open.stage_id.sorted("sequence").mapped("name"), B2B_STAGES[:6]
        )

    def test_every_salesperson_has_cards_in_every_stage(self):
        """Each rep opening 'My Pipeline' sees opportunities in all eight stages."""
        for rep in (self.direct | self.pilot).member_ids:
            mine = self.env["crm.lead"].search(
                [("user_id", "=", rep.id), ("type", "=", "opportunity")]
            )
            self.assertEqual(
                mine.stage_id.sorted("sequence").mapped("name"), B2B_STAGES, rep.name
            )

    def test_ages_spread_over_more_than_a_year_with_idle_cards(self):
        now = fields.Datetime.now()
        created = self.opportunities.mapped("create_date")
        self.assertGreater(now - min(created), timedelta(days=365))
        self.assertLess(now - max(created), timedelta(days=30))
        still_open = self.opportunities.filtered(
            lambda o: o.active and not o.stage_id.is_won
        )
        idle = still_open.filtered(
            lambda o: now - o.date_last_stage_update > timedelta(days=30)
        )
        self.assertGreaterEqual(len(idle), 5)
        self.assertLess(len(idle), len(still_open) / 2)

    def test_unqualified_leads_feed_the_conversion_rate(self):
        leads = self.Lead.search(
            [("type", "=", "lead"), ("team_id", "in", (self.direct | self.pilot).ids)]
        )
        self.assertGreaterEqual(len(leads), 20)
        self.assertTrue(all(leads.mapped("medium_id")))
