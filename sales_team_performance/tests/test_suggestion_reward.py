# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Accepted process-improvement suggestions pay the company's reward amount
on the commission statement of the period they were accepted in."""

from datetime import datetime

from odoo.tests import tagged

from .common import JAN
from .test_commission_ramp import CommissionCase


@tagged("post_install", "-at_install")
class TestSuggestionReward(CommissionCase):
    def _accepted(self, user, when):
        suggestion = (
            self.env["sales.process.suggestion"]
            .with_user(user)
            .with_company(self.company)
            .create({"name": "Shorter proposal template"})
        )
        suggestion.with_user(self.manager).action_accept()
        # accepted on a day of the statement's period
        suggestion.sudo().date_review = when
        return suggestion

    def test_reward_amount_on_the_statement(self):
        self.company.suggestion_reward_amount = 50
        plan = self.commission_plan(users=self.rep | self.rep2)
        self._accepted(self.rep, datetime(2024, 1, 10, 9))
        self._accepted(self.rep, datetime(2024, 1, 20, 9))
        self._accepted(self.rep2, datetime(2024, 2, 2, 9))
        line = self.lines(self.statement(plan, JAN), "suggestion_reward")
        self.assertEqual(line.amount, 100.0)
        self.assertEqual(line.label, "Improvement suggestions accepted: 2")
        self.assertFalse(
            self.lines(self.statement(plan, JAN, user=self.rep2), "suggestion_reward")
        )

    def test_points_only_no_line(self):
        plan = self.commission_plan()
        suggestion = self._accepted(self.rep, datetime(2024, 1, 10, 9))
        self.assertEqual(suggestion.reward_points, 10)
        self.assertFalse(self.lines(self.statement(plan, JAN), "suggestion_reward"))
