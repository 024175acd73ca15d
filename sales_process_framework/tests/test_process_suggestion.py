# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Process-improvement suggestions: anyone in sales submits, a process
manager reviews, an accepted suggestion earns the reward of Settings and
counts in the engine's suggestions_accepted."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestProcessSuggestion(SalesCase):
    COMPANY = {"name": "Suggestion Test Company"}
    LOGIN = "suggest"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"suggestion_reward_points": 20, "suggestion_reward_amount": 300}
        )
        cls.stage = cls.env["crm.stage"].create({"name": "Suggestion stage"})

    def _submit(self, user=None, **values):
        form = Form(self.env["sales.process.suggestion"].with_user(user or self.rep))
        form.name = values.get("name", "Shorter nurturing checklist")
        form.topic = "stage"
        form.stage_id = self.stage
        return form.save()

    def test_salesperson_submits_and_the_manager_accepts_with_reward(self):
        suggestion = self._submit()
        self.assertEqual(suggestion.author_id, self.rep)
        self.assertEqual(suggestion.team_id, self.team)
        self.assertEqual(suggestion.state, "submitted")
        suggestion.with_user(self.manager).action_accept()
        self.assertEqual(suggestion.state, "accepted")
        self.assertEqual(suggestion.reviewer_id, self.manager)
        mine = suggestion.with_user(self.rep)
        self.assertEqual((mine.reward_points, mine.reward_amount), (20, 300))
        # implementing it later earns nothing more
        self.company.suggestion_reward_points = 99
        suggestion.with_user(self.manager).action_implement()
        self.assertEqual(suggestion.state, "implemented")
        self.assertEqual(suggestion.reward_points, 20)

    def test_engine_counts_accepted_suggestions_per_author(self):
        accepted = self._submit() | self._submit(name="Call script for renewals")
        self._submit(name="Still waiting")
        rejected = self._submit(name="No gates at all")
        accepted.with_user(self.manager).action_accept()
        rejected.with_user(self.manager).review_note = "Gates keep the forecast honest."
        rejected.with_user(self.manager).action_reject()
        today = fields.Date.context_today(self.env["res.users"])
        Measure = self.env["sales.measure"]
        figures = Measure.compute(
            "suggestions_accepted",
            "user",
            today,
            today + timedelta(days=1),
            self.company,
        )
        self.assertEqual(figures[self.rep.id].numerator, 2)
        domain = Measure.drill_down_domain(
            "suggestions_accepted",
            "user",
            self.rep.id,
            today,
            today + timedelta(days=1),
            self.company,
        )
        self.assertEqual(self.env["sales.process.suggestion"].search(domain), accepted)

    def test_salesperson_cannot_review_or_reward(self):
        suggestion = self._submit().with_user(self.rep)
        with self.assertRaises(AccessError):
            suggestion.action_accept()
        for vals in (
            {"state": "accepted"},
            {"reward_points": 1000},
            {"reviewer_id": self.rep.id},
        ):
            with self.assertRaises(ValidationError):
                suggestion.write(vals)
        with self.assertRaises(AccessError):
            suggestion.write({"author_id": self.rep2.id})
        # nor author another's suggestion, nor bring a reward along
        other = (
            self.env["sales.process.suggestion"]
            .with_user(self.rep)
            .create({"name": "Mine", "author_id": self.rep2.id})
        )
        self.assertEqual(other.author_id, self.rep)
        with self.assertRaises(ValidationError):
            self.env["sales.process.suggestion"].with_user(self.rep).create(
                {"name": "Rewarded", "reward_points": 500}
            )

    def test_salesperson_sees_own_and_accepted_suggestions_only(self):
        own = self._submit()
        waiting = self._submit(self.rep2, name="Waiting")
        accepted = self._submit(self.rep2, name="Accepted")
        accepted.with_user(self.manager).action_accept()
        visible = self.env["sales.process.suggestion"].with_user(self.rep).search([])
        self.assertEqual(visible, own | accepted)
        self.assertNotIn(waiting, visible)
        # once reviewed, the author's suggestion is no longer theirs to edit
        own.with_user(self.manager).action_accept()
        with self.assertRaises(AccessError):
            own.with_user(self.rep).write({"name": "Changed after review"})

    def test_nobody_accepts_his_own_suggestion(self):
        """A process manager accepting what he suggested himself paid himself
        the reward: another process manager reviews it."""
        suggestion = self._submit(user=self.manager)
        for action in ("action_accept", "action_implement"):
            with self.assertRaisesRegex(AccessError, "another process manager"):
                getattr(suggestion.with_user(self.manager), action)()
        self.assertEqual(suggestion.state, "submitted")
        self.assertEqual(suggestion.reward_amount, 0)
        reviewer = self.new_user(
            "suggest_reviewer",
            "sales_team.group_sale_manager,"
            "sales_process_framework.group_process_manager",
        )
        suggestion.with_user(reviewer).action_accept()
        self.assertEqual(suggestion.reward_amount, 300)
        # accepted by another, he may carry it out: it earns nothing more
        suggestion.with_user(self.manager).action_implement()
        self.assertEqual(suggestion.state, "implemented")

    def test_rejecting_needs_a_reason(self):
        suggestion = self._submit().with_user(self.manager)
        with self.assertRaisesRegex(UserError, "Review Note"):
            suggestion.action_reject()
        suggestion.review_note = "Already covered by the exit criteria."
        suggestion.action_reject()
        self.assertEqual(suggestion.state, "rejected")
        self.assertEqual(suggestion.reward_points, 0)
        with self.assertRaises(UserError):
            suggestion.action_accept()

    def test_reward_settings(self):
        settings = Form(self.env["res.config.settings"].with_company(self.company))
        settings.suggestion_reward_points = 5
        settings.save().execute()
        self.assertEqual(self.company.suggestion_reward_points, 5)
        with self.assertRaisesRegex(ValidationError, "Suggestion Reward"):
            self.company.suggestion_reward_points = -1
