# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The manager's scorecard: other criteria than a salesperson's, weighted."""

from datetime import date
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.sales_process_framework.tests.common import load_script
from odoo.addons.sales_process_framework.tools.periods import today_in

from .common import PerformanceCase

MIGRATION = (
    Path(__file__).parent.parent / "migrations/18.0.1.4.0/post-review-date-done.py"
)
READERS = (
    Path(__file__).parent.parent
    / "migrations/18.0.1.4.0/post-manager-scorecard-readers.py"
)

# February 2024: 29 days; the retention window before it starts on 3 January
FEB, MAR = date(2024, 2, 1), date(2024, 3, 1)


@tagged("post_install", "-at_install")
class TestManagerScorecard(PerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_team.user_id = cls.outsider
        Session = cls.env["sales.coaching.session"]
        for user, coach, day, step in (
            (cls.rep, cls.leader, date(2024, 2, 5), "done"),
            (cls.rep2, cls.leader, date(2024, 2, 20), "done"),
            (cls.rep, cls.leader, date(2024, 2, 21), "observe"),  # not held yet
            (cls.rep, cls.leader, date(2024, 3, 2), "done"),  # next month
            (cls.rep, cls.manager, date(2024, 2, 6), "done"),  # another coach
        ):
            Session.create(
                {
                    "user_id": user.id,
                    "coach_id": coach.id,
                    "company_id": cls.company.id,
                    "date": day,
                    "step": step,
                }
            )
        Review = cls.env["sales.performance.review"]
        for user, start, state, done in (
            (cls.rep, date(2024, 1, 29), "done", date(2024, 2, 9)),  # on time
            (cls.rep2, date(2024, 1, 29), "done", date(2024, 2, 15)),  # late
            (cls.leader, date(2024, 1, 29), "draft", False),  # overdue
        ):
            Review.create(
                {
                    "user_id": user.id,
                    "manager_id": cls.leader.id,
                    "team_id": cls.team.id,
                    "company_id": cls.company.id,
                    "date_start": start,
                    "date_end": date(2024, 2, 11),
                    "state": state,
                    "date_done": done,
                }
            )

    def card(self, manager=None):
        cards = self.env["sales.manager.scorecard"]._refresh(FEB, MAR, self.company)
        return cards.filtered(lambda c: c.manager_id == (manager or self.leader))

    def test_coaching_sessions_held_by_the_manager(self):
        card = self.card()
        self.assertEqual(card.coaching_held, 2)
        self.assertEqual(card.member_count, 2, "the leader's two salespeople")
        self.assertEqual(card.coaching_expected, 2)
        self.assertEqual(card.score_coaching, 100)
        action = card.with_context(criterion="coaching").action_drill_down()
        self.assertEqual(
            self.env[action["res_model"]].search_count(action["domain"]), 2
        )

    def test_reviews_done_on_time(self):
        card = self.card()
        self.assertEqual(card.reviews_due, 3)
        self.assertEqual(card.reviews_on_time, 1)
        self.assertAlmostEqual(card.review_rate, 100 / 3)
        action = card.with_context(criterion="reviews").action_drill_down()
        self.assertEqual(
            self.env[action["res_model"]].search_count(action["domain"]), 3
        )

    def test_closing_a_review_dates_it(self):
        review = self.env["sales.performance.review"].search(
            [("state", "=", "draft"), ("manager_id", "=", self.leader.id)]
        )
        review.suggestion_ids = [(0, 0, {"name": "Ask for the budget first"})]
        review.with_user(self.manager).action_done()
        # the day in the time zone periods are cut in, not the server's
        self.assertEqual(review.date_done, today_in(self.env))
        self.assertFalse(review.done_on_time, "closed long after its due date")
        with self.assertRaisesRegex(ValidationError, "buttons"):
            review.with_user(self.manager).date_done = date(2024, 2, 1)

    def test_retention_of_the_teams_customers(self):
        kept = self.env["res.partner"].create({"name": "Kept", "is_company": True})
        lost = self.env["res.partner"].create({"name": "Lost", "is_company": True})
        self.won(self.rep, 100, date(2024, 1, 10), partner=kept)
        self.won(self.rep2, 100, date(2024, 1, 12), partner=lost)
        self.won(self.rep, 300, date(2024, 2, 15), partner=kept)
        self.won(self.outsider, 100, date(2024, 1, 10))  # another team
        card = self.card()
        self.assertEqual((card.customers_active, card.customers_kept), (2, 1))
        self.assertEqual(card.retention_rate, 50)
        action = card.with_context(criterion="retention").action_drill_down()
        self.assertEqual(
            self.env["crm.lead"].search(action["domain"]).partner_id, kept | lost
        )

    def test_team_achievement_and_development(self):
        self.target_plan(
            [{"team_id": self.team.id, "target": 1000}], period="month", start=FEB
        )
        self.won(self.rep, 600, date(2024, 2, 10))
        Assessment = self.env["sales.skill.assessment"]
        skill = self.env["sales.skill"].create({"name": "Negotiation"})
        for day, ability in ((date(2024, 1, 5), "1"), (date(2024, 2, 5), "3")):
            Assessment.create(
                {
                    "user_id": self.rep.id,
                    "company_id": self.company.id,
                    "date": day,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "skill_id": skill.id,
                                "importance": "3",
                                "ability": ability,
                            },
                        )
                    ],
                }
            )
        card = self.card()
        self.assertEqual((card.revenue, card.revenue_target), (600, 1000))
        self.assertEqual(card.achievement, 60)
        self.assertEqual(card.reps_developed, 1, "the rep whose need dropped")
        self.env["sales.promotion.assessment"].create(
            {
                "user_id": self.rep2.id,
                "company_id": self.company.id,
                "date": date(2024, 2, 20),
                "target_role": "Team leader",
                "readiness": "now",
            }
        )
        card = self.card()
        self.assertEqual(card.development_rate, 100, "and the one ready for promotion")
        # 40% × 60 + 15% × (100 coaching + 33.3 reviews + 100 development);
        # no customer was active at the start: retention leaves the total
        expected = (40 * 60 + 15 * 100 + 15 * 100 / 3 + 15 * 100) / 85
        self.assertAlmostEqual(card.total_score, expected)
        self.assertEqual(
            card.weights,
            {
                "achievement": 40,
                "coaching": 15,
                "reviews": 15,
                "development": 15,
                "retention": 15,
            },
        )

    def test_weights_follow_settings(self):
        settings = self.env["res.config.settings"].create(
            {
                "company_id": self.company.id,
                "manager_weight_achievement": 20,
                "manager_weight_coaching": 20,
                "manager_weight_reviews": 20,
                "manager_weight_development": 20,
                "manager_weight_retention": 20,
            }
        )
        settings.with_company(self.company).execute()
        self.assertEqual(self.company.manager_weight_achievement, 20)
        card = self.card()
        self.assertEqual(card.weights["achievement"], 20)

    def test_bad_weights_are_refused(self):
        for value in (float("nan"), float("inf"), -1, 0):
            with self.assertRaisesRegex(ValidationError, "Coaching Sessions"):
                self.company.write({"manager_coaching_per_rep": value})
            self.company.invalidate_recordset()
        with self.assertRaisesRegex(ValidationError, "they sum to 110"):
            self.company.manager_weight_achievement = 50
        self.company.invalidate_recordset()
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.write(
                {"manager_weight_achievement": 70, "manager_weight_coaching": -15}
            )

    def test_a_manager_sees_only_their_own_card(self):
        mine, theirs = self.card(), self.card(self.outsider)
        Card = self.env["sales.manager.scorecard"]
        self.assertEqual(Card.with_user(self.leader).search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.leader).read(["total_score"])
        self.assertFalse(Card.with_user(self.rep).search([]))
        self.assertEqual(Card.with_user(self.manager).search([]), mine | theirs)

    def give_manager_rights(self):
        """The leader with the performance managers' rights, as every team
        leader of the demo data."""
        self.leader.groups_id |= self.env.ref(
            "sales_team_performance.group_performance_manager"
        )

    def test_a_leader_with_manager_rights_sees_only_their_own_card(self):
        self.give_manager_rights()
        mine, theirs = self.card(), self.card(self.outsider)
        self.assertEqual(
            self.env["sales.manager.scorecard"].with_user(self.leader).search([]),
            mine,
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.leader).read(["total_score"])

    def test_nobody_enters_the_figures_of_a_card(self):
        self.give_manager_rights()
        mine = self.card()
        total = mine.total_score
        for user in (self.leader, self.manager):
            with self.assertRaisesRegex(AccessError, "Won Revenue.* set by the suite"):
                mine.with_user(user).write(
                    {"score_achievement": 100, "total_score": 100, "revenue": 9e9}
                )
        with self.assertRaisesRegex(AccessError, "Manager"):
            mine.with_user(self.leader).manager_id = self.rep
        with self.assertRaises(AccessError):
            self.env["sales.manager.scorecard"].with_user(self.manager).create(
                {
                    "manager_id": self.rep.id,
                    "company_id": self.company.id,
                    "date_start": FEB,
                    "date_end": date(2024, 2, 29),
                    "total_score": 100,
                }
            )
        # the refresh writes them, on the button of the card's own manager
        mine.with_user(self.leader).action_refresh()
        self.assertEqual(mine.total_score, total)
        self.assertFalse(mine.revenue == 9e9)
        # a note on the card stays open to its reader
        mine.with_user(self.leader).message_post(body="Talked it through")

    def test_upgrade_shows_other_cards_to_sales_administrators_only(self):
        rule = self.env.ref("sales_team_performance.sales_manager_scorecard_rule_all")
        rule.groups = [
            Command.set(
                self.env.ref("sales_team_performance.group_performance_manager").ids
            )
        ]
        load_script(READERS).migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(rule.groups, self.env.ref("sales_team.group_sale_manager"))

    def test_only_managers_compute_every_card(self):
        wizard = self.env["sales.manager.scorecard.wizard"]
        with self.assertRaises(AccessError):
            wizard.with_user(self.leader).create({"period": "month", "date": FEB})
        action = (
            wizard.with_user(self.manager)
            .create({"period": "month", "date": FEB, "company_id": self.company.id})
            .action_compute()
        )
        cards = self.env["sales.manager.scorecard"].search(action["domain"])
        self.assertEqual(cards.manager_id, self.leader | self.outsider)

    def test_upgrade_dates_the_reviews_closed_before(self):
        review = self.env["sales.performance.review"].search(
            [("user_id", "=", self.rep.id), ("manager_id", "=", self.leader.id)]
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sales_performance_review SET date_done = NULL, "
            "done_on_time = FALSE, write_date = '2024-02-10 08:00' WHERE id = %s",
            [review.id],
        )
        load_script(MIGRATION).migrate(self.env.cr, "18.0.1.3.0")
        review.invalidate_recordset()
        self.assertEqual(review.date_done, date(2024, 2, 10))
        self.assertTrue(review.done_on_time)
