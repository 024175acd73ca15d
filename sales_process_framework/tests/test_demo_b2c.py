# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import process_state

SPF = "sales_process_framework"
# The stages of the B2C playbook, in pipeline order.
B2C_STAGES = [
    "Lead Acquisition",
    "Needs Confirmation",
    "Offer",
    "Order",
    "After-sales Follow-up",
]


class RetailCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.playbook = ref(f"{SPF}.playbook_b2c")
        cls.team = ref(f"{SPF}.crm_team_retail")
        cls.rep = ref(f"{SPF}.user_zhou_ting")
        cls.acquisition = ref(f"{SPF}.retail_stage_lead_acquisition")
        cls.needs = ref(f"{SPF}.retail_stage_needs_confirmation")
        cls.offer = ref(f"{SPF}.retail_stage_offer")
        cls.order = ref(f"{SPF}.retail_stage_order")
        cls.stages = cls.env["crm.stage"].search([("team_id", "=", cls.team.id)])
        cls.deals = (
            cls.env["crm.lead"]
            .with_context(active_test=False)
            .search([("team_id", "=", cls.team.id)])
        )


@tagged("post_install", "-at_install")
class TestRetailDemoIsTheB2cPlaybookApplied(RetailCase):
    """The demo's retail team sells to consumers in the pipeline the B2C
    playbook gives a team, applied as the wizard applies it."""

    def _pipeline(self, team):
        """The stages a team's pipeline shows, as the kanban reads them."""
        Lead = self.env["crm.lead"].with_context(default_team_id=team.id)
        return Lead._read_group_stage_ids(self.env["crm.stage"], [])

    def test_retail_pipeline_shows_the_five_b2c_stages_in_order(self):
        self.assertEqual(self._pipeline(self.team).mapped("name"), B2C_STAGES)
        self.assertEqual(self._pipeline(self.team), self.stages.sorted("sequence"))
        self.assertEqual(self.team.member_ids, self.rep)
        self.assertEqual(self.team.user_id, self.rep)

    def test_retail_team_owns_exactly_what_the_b2c_playbook_makes(self):
        self.assertEqual(self.stages.playbook_stage_id, self.playbook.stage_ids)
        self.assertEqual(len(self.stages), len(self.playbook.stage_ids))
        for stage in self.stages:
            values = stage.playbook_stage_id._stage_values()
            del values["playbook_stage_id"]
            self.assertEqual({name: stage[name] for name in values}, values)
            criteria = stage.gate_criterion_ids
            self.assertEqual(
                criteria.playbook_criterion_id,
                stage.playbook_stage_id.criterion_ids,
                stage.name,
            )
            for criterion in criteria:
                expected = criterion.playbook_criterion_id._criterion_values(
                    stage, self.team.company_id
                )
                for name, value in expected.items():
                    actual = criterion[name]
                    actual = actual.id if hasattr(actual, "_name") else actual
                    self.assertEqual(actual, value or actual.__class__(), name)
        # the customer who knows what to buy passes over the needs confirmation
        self.assertEqual(self.stages.filtered("gate_optional"), self.needs)
        self.assertEqual(
            self.stages.filtered("is_won").mapped("name"),
            ["Order", "After-sales Follow-up"],
        )
        # the B2C playbook has no journey: the team has none either
        phases = self.env["sales.journey.phase"].search(
            [("team_id", "=", self.team.id)]
        )
        self.assertEqual(phases.playbook_phase_id, self.playbook.phase_ids)

    def test_the_demo_refers_to_what_the_application_named(self):
        for line, made in [
            ("b2c_stage_offer", "retail_stage_offer"),
            ("b2c_stage_needs_confirmation", "retail_stage_needs_confirmation"),
        ]:
            record = self.env.ref(f"{SPF}.{made}")
            self.assertEqual(record.playbook_stage_id, self.env.ref(f"{SPF}.{line}"))
            self.assertEqual(record.team_id, self.team)
        criterion = self.env.ref(f"{SPF}.retail_gate_needs_budget")
        self.assertEqual(
            criterion.playbook_criterion_id,
            self.env.ref(f"{SPF}.b2c_gate_needs_budget"),
        )
        self.assertEqual(criterion.stage_id, self.needs)

    def test_applying_the_b2c_playbook_to_the_retail_team_again_changes_nothing(self):
        before = process_state(self.env, self.deals)
        wizard = self.env["sales.playbook.apply"].create(
            {"playbook_id": self.playbook.id, "team_id": self.team.id}
        )
        self.assertIn("Nothing else changes", wizard.preview)
        wizard.action_apply()
        # as the demo applies it, naming what it made
        self.playbook.apply_to_team(self.team.id, "retail_")
        self.assertEqual(process_state(self.env, self.deals), before)

    def test_consumer_deals_sit_in_the_teams_own_stages(self):
        self.assertGreaterEqual(len(self.deals), 8)
        self.assertLessEqual(self.deals.stage_id, self.stages)
        self.assertEqual(self.deals.user_id, self.rep)
        self.assertTrue(all(self.deals.mapped("partner_id")))
        self.assertFalse(any(self.deals.partner_id.mapped("is_company")))
        won = self.deals.filtered(lambda d: d.active and d.stage_id.is_won)
        lost = self.deals.filtered(lambda d: not d.active)
        still_open = self.deals - won - lost
        self.assertEqual(won.stage_id.sorted("sequence").mapped("name"), B2C_STAGES[3:])
        self.assertEqual(set(won.mapped("probability")), {100.0})
        self.assertTrue(all(won.mapped("date_closed")))
        self.assertGreaterEqual(len(lost), 2)
        self.assertTrue(all(lost.mapped("lost_reason_id")))
        self.assertEqual(set(lost.mapped("probability")), {0.0})
        self.assertEqual(
            still_open.stage_id.sorted("sequence").mapped("name"), B2C_STAGES[:3]
        )

    def test_history_shows_deals_that_went_straight_to_the_offer(self):
        stage_field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        changes = self.env["mail.tracking.value"].search(
            [
                ("field_id", "=", stage_field.id),
                ("mail_message_id.model", "=", "crm.lead"),
                ("mail_message_id.res_id", "in", self.deals.ids),
            ]
        )
        moves = {(c.old_value_integer, c.new_value_integer) for c in changes}
        self.assertIn((self.acquisition.id, self.offer.id), moves)
        self.assertIn((self.acquisition.id, self.needs.id), moves)
        self.assertLessEqual(
            {stage_id for move in moves for stage_id in move}, set(self.stages.ids)
        )

    def test_odoo_teams_keep_their_own_pipeline_and_deals(self):
        teams = self.env.ref("sales_team.team_sales_department") | self.env.ref(
            "sales_team.crm_team_1"
        )
        deals = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("team_id", "in", teams.ids), ("stage_id", "!=", False)])
        )
        self.assertTrue(deals)
        self.assertTrue(
            all(stage._shared_by_every_team() for stage in deals.stage_id),
            deals.stage_id.mapped("name"),
        )
        self.assertFalse(deals.stage_id.playbook_stage_id)
        for team in teams:
            self.assertFalse(self._pipeline(team) & self.stages, team.name)


@tagged("post_install", "-at_install")
class TestRetailGates(RetailCase):
    """The retail salesperson works the gates the B2C playbook set: the
    needs confirmation may be passed over, the lead acquisition may not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.company_id.sales_gate_enforcement = True
        cls.customer = cls.env["res.partner"].create({"name": "Consumer Test"})
        cls.budget = cls.env.ref(f"{SPF}.retail_gate_needs_budget")

    def _deal(self, stage, **values):
        Lead = self.env["crm.lead"].with_user(self.rep).with_context(lang="en_US")
        return Lead.create(
            {
                "name": "Retail test deal",
                "type": "opportunity",
                "team_id": self.team.id,
                "user_id": self.rep.id,
                "stage_id": stage.id,
                **values,
            }
        )

    def test_a_customer_who_knows_what_to_buy_goes_straight_to_the_offer(self):
        deal = self._deal(self.acquisition, partner_id=self.customer.id)
        deal.write({"stage_id": self.offer.id})
        self.assertEqual(deal.stage_id, self.offer)
        self.assertFalse(deal.gate_checked_ids)

    def test_a_deal_cannot_pass_over_the_lead_acquisition_without_a_customer(self):
        with self.assertRaises(UserError) as refusal:
            self._deal(self.offer)
        message = str(refusal.exception)
        self.assertIn("“Lead Acquisition”, exit criteria:", message)
        self.assertIn("Customer contact set", message)
        # the optional stage passed over asks for nothing
        self.assertNotIn("Need and budget confirmed", message)
        deal = self._deal(self.offer, partner_id=self.customer.id)
        self.assertEqual(deal.stage_id, self.offer)

    def test_the_needs_confirmation_made_required_cannot_be_passed_over(self):
        self.needs.gate_optional = False
        with self.assertRaises(UserError) as refusal:
            self._deal(self.offer, partner_id=self.customer.id)
        self.assertIn("Need and budget confirmed", str(refusal.exception))

    def test_leaving_the_needs_confirmation_asks_for_its_checklist(self):
        deal = self._deal(self.needs, partner_id=self.customer.id)
        with self.assertRaises(UserError) as refusal:
            deal.write({"stage_id": self.offer.id})
        self.assertIn("Need and budget confirmed", str(refusal.exception))
        self.assertEqual(deal.stage_id, self.needs)
        deal.write(
            {
                "gate_checked_ids": [Command.link(self.budget.id)],
                "stage_id": self.offer.id,
            }
        )
        self.assertEqual(deal.stage_id, self.offer)

    def test_an_order_does_not_move_back_to_the_offer(self):
        deal = self._deal(self.order, partner_id=self.customer.id)
        with self.assertRaises(UserError) as refusal:
            deal.write({"stage_id": self.offer.id})
        self.assertIn("cannot move back from “Order”", str(refusal.exception))
        self.assertEqual(deal.stage_id, self.order)
