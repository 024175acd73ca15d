# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The salesperson's appraisal on the scorecard: target achievement, node
completion and CRM data completeness weighted by the weights of Settings."""

from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import PerformanceCase


@tagged("post_install", "-at_install")
class TestAppraisal(PerformanceCase):
    LOGIN = "appraisal"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date.today()
        cls.start = today.replace(day=1)
        cls.end = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
        cls.company.completeness_grace_days = 0
        field = cls.env["ir.model.fields"]._get
        cls.stage_a = cls.env["crm.stage"].create(
            {"name": "Appraisal A", "sequence": 1}
        )
        cls.stage_b = cls.env["crm.stage"].create(
            {"name": "Appraisal B", "sequence": 2}
        )
        cls.stage_data = cls.env["crm.stage"].create(
            {
                "name": "Appraisal Data",
                "sequence": 3,
                "completeness_field_ids": [
                    Command.set(
                        (
                            field("crm.lead", "partner_id")
                            | field("crm.lead", "expected_revenue")
                        ).ids
                    )
                ],
            }
        )

    def _lead(self, stage, **values):
        return self.env["crm.lead"].create(
            {
                "name": "Appraisal deal",
                "type": "opportunity",
                "company_id": self.company.id,
                "user_id": self.rep.id,
                "team_id": self.team.id,
                "stage_id": stage.id,
                **values,
            }
        )

    def _set_up_figures(self):
        # target achievement 80%
        self.target_plan(
            [{"user_id": self.rep.id, "measure": "won_revenue", "target": 50_000}],
            period="month",
            start=self.start,
        )
        self.won(self.rep, 40_000, date.today())
        # node completion 50%: two stage exits, one forced by an override
        moving = self._lead(self.stage_a) | self._lead(self.stage_a)
        self.env.cr.precommit.run()  # tracked from the next transaction on
        moving.write({"stage_id": self.stage_b.id})
        self.env.user.groups_id |= self.env.ref(
            "sales_process_framework.group_gate_override"
        )
        self.env["sales.gate.override"]._record(moving[0], self.stage_b, "x", {})
        self.env.cr.precommit.run()
        # CRM data completeness 50%: the revenue is missing
        lead = self._lead(self.stage_data, partner_id=self.rep.partner_id.id)
        lead.date_last_stage_update = fields.Datetime.now() - timedelta(minutes=1)
        return lead

    def _card(self, user=None):
        cards = self.env["sales.scorecard"]._refresh(self.start, self.end, self.company)
        return cards.filtered(lambda card: card.user_id == (user or self.rep))

    def test_weighted_appraisal_with_each_criterion(self):
        self._set_up_figures()
        card = self._card()
        self.assertAlmostEqual(card.appraisal_achievement, 80.0)
        self.assertAlmostEqual(card.appraisal_nodes, 50.0)
        self.assertAlmostEqual(card.appraisal_completeness, 50.0)
        self.assertEqual(
            card.appraisal_weights, {"achievement": 85, "nodes": 10, "completeness": 5}
        )
        # 80 × 85% + 50 × 10% + 50 × 5%
        self.assertAlmostEqual(card.appraisal_score, 75.5)
        # the salesperson reads their own appraisal
        mine = card.with_user(self.rep)
        self.assertAlmostEqual(mine.appraisal_score, 75.5)
        self.assertIn("node completion 10", mine.appraisal_weight_summary)

    def test_weights_of_settings(self):
        self._set_up_figures()
        settings = Form(self.env["res.config.settings"].with_company(self.company))
        self.assertEqual(settings.appraisal_weight_achievement, 85)
        settings.appraisal_weight_achievement = 50
        settings.appraisal_weight_nodes = 25
        settings.appraisal_weight_completeness = 25
        settings.save().execute()
        self.assertEqual(
            self.company._appraisal_weights(),
            {"achievement": 50, "nodes": 25, "completeness": 25},
        )
        # 80 × 50% + 50 × 25% + 50 × 25%
        self.assertAlmostEqual(self._card().appraisal_score, 65.0)

    def test_weights_sum_to_100(self):
        with self.assertRaisesRegex(ValidationError, "sum to 100"):
            self.company.appraisal_weight_nodes = 20
        with self.assertRaisesRegex(ValidationError, "negative"):
            self.company.write(
                {"appraisal_weight_achievement": 105, "appraisal_weight_nodes": -10}
            )

    def test_criterion_without_data_leaves_the_score(self):
        # only the won deal against its target: no stage exit, no data due
        self.target_plan(
            [{"user_id": self.rep.id, "measure": "won_revenue", "target": 50_000}],
            period="month",
            start=self.start,
        )
        self.won(self.rep, 40_000, date.today())
        card = self._card()
        self.assertEqual(card.appraisal_weights, {"achievement": 85})
        self.assertAlmostEqual(card.appraisal_score, 80.0)
        self.assertEqual(self._card(self.rep2).appraisal_score, 0.0)

    def test_target_without_a_win_counts_as_no_achievement(self):
        """A salesperson with a target and nothing won yet is at 0% of it:
        the criterion weighs in, it does not leave the score."""
        self.target_plan(
            [{"user_id": self.rep.id, "measure": "won_revenue", "target": 50_000}],
            period="month",
            start=self.start,
        )
        lead = self._lead(self.stage_data, partner_id=self.rep.partner_id.id)
        lead.date_last_stage_update = fields.Datetime.now() - timedelta(minutes=1)
        card = self._card()
        self.assertEqual(card.appraisal_achievement, 0.0)
        self.assertEqual(card.appraisal_weights, {"achievement": 85, "completeness": 5})
        # 0 × 85% + 50 × 5%, out of the 90 weighed
        self.assertAlmostEqual(card.appraisal_score, 2.5 * 100 / 90, places=1)

    def test_drill_down_opens_the_records_behind_each_criterion(self):
        lead = self._set_up_figures()
        card = self._card().with_user(self.rep)
        action = card.with_context(
            criterion="completeness"
        ).action_appraisal_drill_down()
        self.assertEqual(
            self.env["crm.lead"].with_user(self.rep).search(action["domain"]), lead
        )
        action = card.with_context(criterion="nodes").action_appraisal_drill_down()
        self.assertEqual(len(self.env["crm.lead"].search(action["domain"])), 2)

    def test_appraisal_is_written_only_by_the_refresh(self):
        self._set_up_figures()
        card = self._card()
        for user in (self.rep, self.manager):
            with self.assertRaises(AccessError):
                card.with_user(user).write({"appraisal_score": 100.0})

    def test_accepted_suggestions_on_the_scorecard(self):
        suggestion = (
            self.env["sales.process.suggestion"]
            .with_user(self.rep)
            .create({"name": "One call script per industry"})
        )
        suggestion.with_user(self.manager).action_accept()
        card = self._card().with_user(self.rep)
        self.assertEqual(card.suggestions_accepted, 1)
        self.assertEqual(self._card(self.rep2).suggestions_accepted, 0)
