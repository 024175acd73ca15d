# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import JAN, PerformanceCase


@tagged("post_install", "-at_install")
class TestContests(PerformanceCase):
    def setUp(self):
        super().setUp()
        # a small territory (target 100,000) and a large one (1,000,000)
        self.target_plan(
            [
                {"user_id": self.rep.id, "target": 100_000},
                {"user_id": self.rep2.id, "target": 1_000_000},
            ],
            period="month",
            start=JAN,
        )
        self.won(self.rep, 90_000, date(2024, 1, 10))
        self.won(self.rep2, 500_000, date(2024, 1, 11))
        self.won(self.rep, 40_000, date(2023, 12, 10))  # before the contest

    def contest(self, scoring="target", **extra):
        return self.env["gamification.challenge"].create(
            {
                "name": "January sprint",
                "is_sales_contest": True,
                "period": "once",
                "visibility_mode": "ranking",
                "manager_id": self.manager.id,
                "start_date": JAN,
                "end_date": date(2024, 1, 31),
                "contest_measure": "won_revenue",
                "contest_scoring": scoring,
                "user_ids": [(6, 0, (self.rep | self.rep2).ids)],
                "contest_support_user_ids": [(6, 0, self.outsider.ids)],
                "contest_prize_ids": [(0, 0, {"rank": 1, "name": "Trip"})],
                "state": "inprogress",
                **extra,
            }
        )

    def board(self, contest):
        return [
            (s.user_id, s.role, s.rank, s.score_display)
            for s in contest.contest_score_ids.sorted(lambda s: (s.role, s.rank))
        ]

    def test_fair_scoring_lets_the_small_territory_win(self):
        contest = self.contest("target")
        contest.action_contest_refresh()
        self.assertEqual(
            self.board(contest),
            [
                (self.rep, "rep", 1, "90.0%"),
                (self.rep2, "rep", 2, "50.0%"),
                (self.outsider, "support", 1, "53.6%"),  # 590,000 of 1,100,000
            ],
        )
        absolute = self.contest("absolute")
        absolute.action_contest_refresh()
        self.assertEqual(
            [row[:3] for row in self.board(absolute)][:2],
            [(self.rep2, "rep", 1), (self.rep, "rep", 2)],
        )

    def test_participants_stay_those_chosen(self):
        contest = self.contest()
        self.env["gamification.challenge"]._cron_update(commit=False)
        self.assertEqual(contest.user_ids, self.rep | self.rep2)
        with Form(
            self.env["gamification.challenge"].with_context(
                default_is_sales_contest=True
            ),
            view="sales_team_performance.sales_contest_view_form",
        ) as form:
            form.name = "From the form"
            form.manager_id = self.manager
            form.start_date = JAN
            form.end_date = date(2024, 1, 31)
        self.assertFalse(form.record.user_domain)
        self.assertFalse(form.record.user_ids)

    def test_leaderboard_twice_is_the_same(self):
        contest = self.contest()
        contest.action_contest_refresh()
        first = [(s.id, s.rank, s.score) for s in contest.contest_score_ids]
        contest.action_contest_refresh()
        self.assertEqual(
            [(s.id, s.rank, s.score) for s in contest.contest_score_ids], first
        )

    def test_no_target_ranks_last(self):
        contest = self.contest()
        contest.user_ids |= self.leader
        contest.action_contest_refresh()
        line = contest.contest_score_ids.filtered(lambda s: s.user_id == self.leader)
        self.assertEqual((line.rank, line.score_display), (0, "no target"))

    def test_end_announces_freezes_and_asks_for_an_evaluation(self):
        contest = self.contest()
        self.env["gamification.challenge"]._cron_contest_leaderboards()
        self.assertEqual(contest.state, "done")
        self.assertTrue(contest.contest_announced)
        message = contest.message_ids.filtered(
            lambda m: "Final ranking" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn("Trip", message.body)
        # each rank written once (no numbered list adding its own numbers),
        # and no goal-based "nobody has succeeded" beside the prizes
        self.assertNotIn("<ol", message.body)
        first = contest.contest_score_ids.filtered(
            lambda s: s.role == "rep" and s.rank == 1
        )
        self.assertIn(f"<li>1. {first.user_id.name}: ", message.body)
        self.assertFalse(
            contest.message_ids.filtered(
                lambda m: "Nobody has succeeded" in (m.body or "")
            )
        )
        self.assertEqual(
            message.partner_ids,
            (self.rep | self.rep2 | self.outsider | self.manager).partner_id,
        )
        # did it move the metric? 590,000 during vs 40,000 in the 31 days before
        self.assertEqual(
            (contest.contest_before, contest.contest_during), (40_000, 590_000)
        )
        self.assertEqual(contest.contest_lift, 1375.0)
        evaluation = contest.activity_ids
        self.assertEqual(evaluation.user_id, self.manager)
        self.assertEqual(
            evaluation.activity_type_id,
            self.env.ref(
                "sales_team_performance.mail_activity_type_contest_evaluation"
            ),
        )
        # ranks are frozen: a late entry changes nothing
        frozen = self.board(contest)
        self.won(self.rep2, 1_000_000, date(2024, 1, 30))
        contest.action_contest_refresh()
        self.env["gamification.challenge"]._cron_contest_leaderboards()
        self.assertEqual(self.board(contest), frozen)

    def test_a_contest_cannot_end_before_it_starts(self):
        Challenge = self.env["gamification.challenge"]
        count = Challenge.search_count([])
        with self.assertRaises(ValidationError) as error:
            self.contest(end_date=date(2023, 12, 31))
        self.assertIn("ends (2023-12-31) before it starts", str(error.exception))
        self.assertEqual(Challenge.search_count([]), count)
