# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SPIN template 3: the record and the exit of each step, the standard's
maximums, and the question bank that fills the SPIN tab in one click."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import GateCase


@tagged("post_install", "-at_install")
class TestSpinSteps(GateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sales.gate.criterion"].create(
            {"name": "SPIN standard met", "stage_id": cls.s3.id, "kind": "spin"}
        )
        # one answered question per type is the standard; at most two
        cls.company.write(
            {
                f"spin_{spin_type}_{bound}": value
                for spin_type in ("situation", "problem", "implication", "need_payoff")
                for bound, value in (("min", 1), ("max", 2))
            }
        )

    def setUp(self):
        super().setUp()
        self.lead = self._lead(self.s3, **self._s2_exit_met())
        self._attach(self.lead, self.proposal_type)
        self.env["crm.lead.spin.question"].create(
            [
                {
                    "lead_id": self.lead.id,
                    "question_type": spin_type,
                    "question": f"{spin_type} question",
                    "answer": "An answer",
                }
                for spin_type in ("situation", "problem", "implication", "need_payoff")
            ]
        )
        self.lead.spin_target = "+15% line efficiency"

    def _steps_done(self, lead):
        return [
            lead.spin_situation_done,
            lead.spin_problem_done,
            lead.spin_implication_done,
            lead.spin_need_payoff_done,
        ]

    def test_each_step_needs_its_own_exit_before_the_gate_opens(self):
        lead = self.lead.with_user(self.rep)
        self.assertEqual(self._steps_done(lead), [False, False, False, True])
        with self.assertRaises(UserError) as refusal:
            lead.write({"stage_id": self.s4.id})
        message = str(refusal.exception)
        self.assertIn("the background record is empty", message)
        self.assertIn("2 more pain(s) to name", message)
        self.assertIn("no pain's severity is agreed by the customer", message)

        # the salesperson records each step on the SPIN tab
        with Form(lead) as form:
            form.spin_background = "Three lines, two shifts, planning in Excel"
            with form.spin_pain_ids.new() as pain:
                pain.name = "Unplanned stops"
                pain.impact = "Two hours of output lost a week"
                pain.severity = "high"
            with form.spin_pain_ids.new() as pain:
                pain.name = "Manual shift planning"
        self.assertEqual(self._steps_done(lead), [True, True, False, True])
        self.assertFalse(lead.spin_met)
        with self.assertRaises(UserError):
            lead.write({"stage_id": self.s4.id})

        lead.spin_pain_ids[0].severity_agreed = True
        self.assertEqual(self._steps_done(lead), [True, True, True, True])
        self.assertTrue(lead.spin_met)
        lead.write({"stage_id": self.s4.id})
        self.assertEqual(lead.stage_id, self.s4)

    def test_card_progress_follows_the_steps(self):
        """The SPIN criterion on the card counts as met once the steps are."""
        self.lead.with_user(self.rep).write(
            {
                "spin_background": "Three lines",
                "spin_pain_ids": [
                    Command.create({"name": "Stops", "severity_agreed": True}),
                    Command.create({"name": "Planning"}),
                ],
            }
        )
        self.env.flush_all()
        self.assertEqual((self.lead.gate_exit_done, self.lead.gate_exit_total), (2, 2))
        self.lead.spin_pain_ids[1].unlink()
        self.assertEqual(self.lead.gate_exit_done, 1)

    def test_more_questions_than_the_maximum_are_flagged_not_blocked(self):
        self.lead.write(
            {
                "spin_background": "Three lines",
                "spin_pain_ids": [
                    Command.create({"name": "Stops", "severity_agreed": True}),
                    Command.create({"name": "Planning"}),
                ],
            }
        )
        self.assertFalse(self.lead.spin_warning)
        Lead = self.env["crm.lead"].with_user(self.rep)
        self.assertNotIn(self.lead, Lead.search([("spin_over_max", "=", True)]))
        self.env["crm.lead.spin.question"].create(
            [
                {
                    "lead_id": self.lead.id,
                    "question_type": "situation",
                    "question": f"More background {i}",
                    "answer": "Yes",
                }
                for i in range(2)
            ]
        )
        lead = self.lead.with_user(self.rep)
        self.assertEqual(
            lead.spin_warning, "3 Situation questions, the standard's maximum is 2"
        )
        self.assertIn("Situation 3/1 (max 2)", lead.spin_status)
        # reported: the pipeline's filter finds the opportunities that over-ask
        self.assertIn(lead, Lead.search([("spin_over_max", "=", True)]))
        self.assertNotIn(lead, Lead.search([("spin_over_max", "=", False)]))
        # a warning, not a block
        self.assertTrue(lead.spin_met)
        lead.write({"stage_id": self.s4.id})
        self.assertEqual(lead.stage_id, self.s4)

    def test_salesperson_keeps_to_the_pains_of_his_own_opportunities(self):
        other = self._lead(self.s1, user_id=self.rep2.id)
        pain = self.env["crm.lead.spin.pain"].create(
            {"lead_id": other.id, "name": "Not yours"}
        )
        self.assertFalse(
            self.env["crm.lead.spin.pain"]
            .with_user(self.rep)
            .search([("id", "=", pain.id)])
        )
        with self.assertRaises(AccessError):
            self.env["crm.lead.spin.pain"].with_user(self.rep).create(
                {"lead_id": other.id, "name": "Mine now"}
            )

    def test_summary_costs_the_same_queries_whatever_the_number_of_leads(self):
        """The SPIN criterion is evaluated in the stage-move path: the
        questions and the pains are counted in one query for the batch."""
        leads = self.lead | self._lead(self.s1) | self._lead(self.s1)
        for batch in (self.lead, leads):
            self.env.flush_all()
            self.env.invalidate_all()
            batch.mapped("spin_target")  # the leads' own columns, read with them
            # the answered questions and pains, and the company's standard
            with self.assertQueryCount(2):
                summary = batch._spin_summary()
        self.assertTrue(summary[self.lead.id]["done"])


@tagged("post_install", "-at_install")
class TestSpinQuestionBank(GateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Industry = cls.env["res.partner.industry"]
        cls.mining, cls.retail = Industry.create(
            [{"name": "Test Mining"}, {"name": "Test Retail"}]
        )
        Template = cls.env["sales.spin.question.template"]
        # the shipped bank stays out of the way: these tests own theirs
        Template.search([]).active = False
        cls.bank = Template.create(
            [
                {
                    "question_type": "problem",
                    "question": "What stops your crushers?",
                    "industry_id": cls.mining.id,
                },
                {
                    "question_type": "situation",
                    "question": "How many pits do you run?",
                    "industry_id": cls.mining.id,
                },
                {
                    "question_type": "need_payoff",
                    "question": "What would you gain?",
                },
                {
                    "question_type": "problem",
                    "question": "Which shelves run empty?",
                    "industry_id": cls.retail.id,
                },
            ]
        )
        cls.partner.industry_id = cls.mining

    def setUp(self):
        super().setUp()
        self.lead = self._lead(self.s1, partner_id=self.partner.id)

    def _asked(self, lead):
        return [(q.question_type, q.question) for q in lead.spin_question_ids]

    def test_salesperson_fills_the_spin_tab_in_one_click(self):
        lead = self.lead.with_user(self.rep)
        lead.spin_question_ids = [
            Command.create(
                {"question_type": "situation", "question": "how many pits do you run? "}
            )
        ]
        lead.action_spin_load_questions()
        self.assertEqual(
            self._asked(lead),
            [
                ("situation", "how many pits do you run? "),
                ("problem", "What stops your crushers?"),
                ("need_payoff", "What would you gain?"),
            ],
            "the customer's industry and any industry, in SPIN order, "
            "without the question already asked",
        )
        # a second click adds nothing
        lead.action_spin_load_questions()
        self.assertEqual(len(lead.spin_question_ids), 3)
        # nor does a loaded question the salesperson reworded
        lead.spin_question_ids[1].question = "What stops your crushers most often?"
        lead.action_spin_load_questions()
        self.assertEqual(len(lead.spin_question_ids), 3)

    def test_customer_without_industry_gets_the_questions_for_any_industry(self):
        self.partner.industry_id = False
        self.lead.with_user(self.rep).action_spin_load_questions()
        self.assertEqual(
            self._asked(self.lead), [("need_payoff", "What would you gain?")]
        )

    def test_archived_questions_stay_out_whatever_the_context(self):
        # the shipped bank is archived here: active_test=False must not bring
        # retired questions back onto the opportunity
        self.partner.industry_id = False
        self.lead.with_user(self.rep).with_context(
            active_test=False
        ).action_spin_load_questions()
        self.assertEqual(
            self._asked(self.lead), [("need_payoff", "What would you gain?")]
        )

    def test_question_comes_from_the_bank_of_its_company(self):
        # the link to the bank entry is the action's: never another company's
        other = self.env["res.company"].create({"name": "SPIN Other Co"})
        foreign = self.env["sales.spin.question.template"].create(
            {"question": "Other Co question", "company_id": other.id}
        )
        with self.assertRaises(UserError):
            self.env["crm.lead.spin.question"].with_user(self.rep).create(
                {
                    "lead_id": self.lead.id,
                    "question": "Mine",
                    "template_id": foreign.id,
                }
            )

    def test_salesperson_cannot_load_on_another_salespersons_opportunity(self):
        other = self._lead(self.s1, user_id=self.rep2.id, partner_id=self.partner.id)
        with self.assertRaises(AccessError):
            other.with_user(self.rep).action_spin_load_questions()
        self.assertFalse(other.spin_question_ids)

    def test_manager_maintains_the_bank_and_loads_on_any_opportunity(self):
        Template = self.env["sales.spin.question.template"]
        with self.assertRaises(AccessError):
            Template.with_user(self.rep).create({"question": "Mine?"})
        with self.assertRaises(AccessError):
            self.bank[0].with_user(self.rep).question = "Changed"
        added = Template.with_user(self.manager).create(
            {
                "question_type": "implication",
                "question": "What does a stopped crusher cost you a day?",
                "industry_id": self.mining.id,
            }
        )
        self.lead.with_user(self.manager).action_spin_load_questions()
        self.assertIn(added, self.lead.spin_question_ids.template_id)
        self.assertEqual(len(self.lead.spin_question_ids), 4)
        # an archived question is not loaded any more
        self.bank[2].with_user(self.manager).active = False
        lead = self._lead(self.s1, partner_id=self.partner.id)
        lead.with_user(self.manager).action_spin_load_questions()
        self.assertNotIn(self.bank[2], lead.spin_question_ids.template_id)
