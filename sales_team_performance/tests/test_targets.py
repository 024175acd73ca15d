# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import Q_END, Q_START, PerformanceCase

# Pinned: the achievement of 2 or 10 target lines, and their pace check (a
# warning activity on each line behind its pace, created in one batch).
QUERIES_ACHIEVED = 3
QUERIES_PACE = 28


@tagged("post_install", "-at_install")
class TestTargets(PerformanceCase):
    def test_lists_add_no_targets_of_unlike_measures(self):
        """A grouped list of target lines must not add revenue to visits
        ("17,200,112"), nor a grouped leaderboard add up ranks."""
        for model, fname, groupby in (
            ("sales.target.line", "target", "user_id"),
            ("sales.contest.score", "rank", "challenge_id"),
        ):
            groups = self.env[model].web_read_group([], [fname], [groupby])["groups"]
            self.assertTrue(
                all(fname not in group for group in groups), f"{model}.{fname}"
            )
            self.assertFalse(self.env[model]._fields[fname].aggregator)

    def test_lists_add_no_rates_lifts_or_contest_targets(self):
        """Issue 15: commission tiers grouped by plan must not show a rate of
        "23%", nor contests a lift or a figure added across them."""
        expected = {
            ("sales.commission.tier", "rate"): False,
            ("sales.commission.tier", "lower"): False,
            ("sales.commission.tier", "upper"): False,
            ("sales.commission.statement", "achievement"): "avg",
            ("gamification.challenge", "contest_before"): False,
            ("gamification.challenge", "contest_during"): False,
            ("gamification.challenge", "contest_lift"): False,
            ("sales.contest.score", "target"): False,
            ("sales.contest.score", "score"): False,
            ("sales.scorecard", "peer_count"): False,
        }
        for fname in (
            "visits_per_day",
            "visits_per_customer",
            "average_deal",
            "growth",
            "penetration",
            "new_customer_conversion",
            "churn_rate",
            "cancellation_rate",
            "win_rate",
            "cost_ratio",
            "composite",
        ):
            expected["sales.scorecard", fname] = "avg"
        for (model, fname), aggregator in expected.items():
            self.assertEqual(
                self.env[model]._fields[fname].aggregator, aggregator, fname
            )

    def test_a_plan_needs_a_period(self):
        Plan = self.env["sales.target.plan"]
        count = Plan.search_count([])
        for missing in ("period", "date_start"):
            values = {"name": "No period", "period": "quarter", "date_start": Q_START}
            values[missing] = False
            with self.assertRaises(ValidationError) as error:
                Plan.create(values)
            self.assertIn("needs a period", str(error.exception))
        self.assertEqual(Plan.search_count([]), count)
        plan = Plan.create(
            {"name": "Q", "period": "quarter", "date_start": "2024-02-10"}
        )
        self.assertEqual((plan.date_start, plan.date_end), (Q_START, Q_END))

    def test_spreading_a_quarter_over_months_and_people(self):
        plan = self.target_plan([], state="draft")
        action = plan.action_spread()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.total = 1_000_000
        wizard.user_ids.add(self.rep)
        wizard.user_ids.add(self.rep2)
        wizard.user_ids.add(self.outsider)
        wizard.save().action_spread()
        self.assertEqual(len(plan.line_ids), 9)
        self.assertEqual(sum(plan.line_ids.mapped("target")), 1_000_000)
        rep_lines = plan.line_ids.filtered(lambda line: line.user_id == self.rep)
        self.assertEqual(
            rep_lines.mapped("target"), [111_111.11, 111_111.11, 111_111.11]
        )
        self.assertEqual(
            rep_lines.mapped("date_start"),
            [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)],
        )
        self.assertEqual(rep_lines.team_id, self.team)
        # spreading again replaces, it does not add
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.total = 300
        wizard.by_month = False
        wizard.user_ids.add(self.rep)
        wizard.save().action_spread()
        self.assertEqual(
            plan.line_ids.filtered(lambda line: line.user_id == self.rep).mapped(
                "target"
            ),
            [300.0],
        )

    def test_spreading_by_last_period_share(self):
        self.won(self.rep, 300_000, date(2023, 11, 5))
        self.won(self.rep2, 100_000, date(2023, 12, 5))
        plan = self.target_plan([], state="draft")
        self.env["sales.target.spread.wizard"].create(
            {
                "plan_id": plan.id,
                "total": 800_000,
                "split": "history",
                "by_month": False,
                "user_ids": [(6, 0, (self.rep | self.rep2).ids)],
            }
        ).action_spread()
        self.assertEqual(
            {line.user_id: line.target for line in plan.line_ids},
            {self.rep: 600_000, self.rep2: 200_000},
        )

    def test_bad_lines_are_refused(self):
        plan = self.target_plan([])
        with self.assertRaises(ValidationError) as error:
            self.env["sales.target.line"].create(
                {
                    "plan_id": plan.id,
                    "user_id": self.rep.id,
                    "target": 5,
                    "date_start": date(2024, 3, 1),
                    "date_end": date(2024, 4, 30),
                }
            )
        self.assertIn("outside its plan", str(error.exception))

    def test_achievement_by_scope_and_breakdown(self):
        region = self.env["res.country.state"].search([], limit=1)
        tag = self.env["crm.tag"].create({"name": "Welding"})
        channel = self.env["utm.source"].create({"name": "Trade fair"})
        self.won(self.rep, 100_000, date(2024, 1, 5), tag_ids=[(6, 0, tag.ids)])
        self.won(self.rep, 50_000, date(2024, 2, 5), state_id=region.id)
        self.won(self.rep2, 30_000, date(2024, 3, 5), source_id=channel.id)
        self.won(self.rep2, 99_000, date(2024, 4, 1))  # next quarter
        plan = self.target_plan(
            [
                {"user_id": self.rep.id, "target": 300_000},
                {"team_id": self.team.id, "target": 400_000},
                {"user_id": self.rep.id, "tag_id": tag.id, "target": 100_000},
                {"team_id": self.team.id, "state_id": region.id, "target": 10},
                {"source_id": channel.id, "target": 60_000},
                {"user_id": self.rep.id, "measure": "won_count", "target": 4},
                {"user_id": self.rep2.id, "measure": "new_customers", "target": 2},
            ]
        )
        figures = [
            (line.achieved, round(line.achievement, 2)) for line in plan.line_ids
        ]
        self.assertEqual(
            figures,
            [
                (150_000, 50.0),
                (180_000, 45.0),
                (100_000, 100.0),
                (50_000, 500_000.0),
                (30_000, 50.0),
                (2, 50.0),
                (1, 50.0),
            ],
        )

    def test_revenue_achievement_measure_reads_the_targets(self):
        self.won(self.rep, 150_000, date(2024, 1, 5))
        self.target_plan(
            [
                {"user_id": self.rep.id, "team_id": self.team.id, "target": 300_000},
                {"user_id": self.rep2.id, "team_id": self.team.id, "target": 100_000},
            ]
        )
        Measure = self.env["sales.measure"]
        by_user = Measure.compute(
            "revenue_achievement", "user", Q_START, date(2024, 4, 1), self.company
        )
        self.assertEqual(by_user[self.rep.id].value(100), 50.0)
        self.assertEqual(by_user[self.rep2.id].value(100), 0.0)
        # the team without a line of its own: the sum of its members' lines
        by_team = Measure.compute(
            "revenue_achievement", "team", Q_START, date(2024, 4, 1), self.company
        )
        self.assertEqual(by_team[self.team.id].value(100), 37.5)
        # January alone: the quarter's targets prorated by days (31 of 91)
        january = Measure.compute(
            "revenue_achievement", "user", Q_START, date(2024, 2, 1), self.company
        )
        self.assertAlmostEqual(january[self.rep.id].denominator, 300_000 * 31 / 91, 2)

    def test_visits_count_done_activities(self):
        lead = self.won(self.rep, 1, date(2024, 1, 5))
        self.env["mail.message"].create(
            [
                {
                    "model": "crm.lead",
                    "res_id": lead.id,
                    "message_type": "notification",
                    "mail_activity_type_id": self.env.ref(
                        "mail.mail_activity_data_meeting"
                    ).id,
                    "author_id": self.rep.partner_id.id,
                    "date": f"2024-0{month}-10 09:00:00",
                }
                for month in (1, 2, 4)
            ]
        )
        plan = self.target_plan(
            [{"user_id": self.rep.id, "measure": "activity_visit", "target": 4}]
        )
        self.assertEqual(plan.line_ids.achieved, 2)


@tagged("post_install", "-at_install")
class TestPaceWarnings(PerformanceCase):
    def setUp(self):
        super().setUp()
        self.won(self.rep, 100_000, date(2024, 1, 20))
        self.won(self.rep2, 400_000, date(2024, 1, 20))
        self.plan = self.target_plan(
            [
                {"user_id": self.rep.id, "team_id": self.team.id, "target": 600_000},
                {"user_id": self.rep2.id, "team_id": self.team.id, "target": 600_000},
            ]
        )
        self.plan.user_id = self.manager
        self.line, self.line2 = self.plan.line_ids.sorted(
            lambda line: line.user_id != self.rep
        )
        self.pace_type = self.env.ref("sales_team_performance.mail_activity_type_pace")

    def warnings(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "sales.target.line"),
                ("res_id", "in", self.plan.line_ids.ids),
                ("activity_type_id", "=", self.pace_type.id),
            ]
        )

    def test_behind_pace_warns_the_team_leader_once(self):
        day = date(2024, 2, 14)  # day 45 of 91
        Line = self.env["sales.target.line"]
        Line._cron_pace_warnings(today=day)
        # rep: 100,000 in 45 of 91 days -> 202,222 projected, 34% of 600,000
        self.assertTrue(self.line.pace_warning)
        self.assertIn("Projected 202,222 of 600,000 (34%)", self.line.pace_note)
        # rep2: 808,889 projected, above 90%
        self.assertFalse(self.line2.pace_warning)
        activity = self.warnings()
        self.assertEqual(activity.user_id, self.leader)
        self.assertEqual(activity.res_id, self.line.id)
        self.assertIn("/odoo/sales.scorecard/", activity.note)
        Line._cron_pace_warnings(today=day)
        self.assertEqual(self.warnings(), activity, "one warning, not one per run")
        # the rep sees it on their dashboard
        board = (
            self.env["sales.performance.dashboard"]
            .with_user(self.rep)
            .create({"date": day})
        )
        self.assertTrue(board.pace_warning)
        self.assertIn("202,222", board.pace_message)
        # back on pace: the flag and the open warning go
        self.won(self.rep, 300_000, date(2024, 2, 1))
        Line._cron_pace_warnings(today=day)
        self.assertFalse(self.line.pace_warning)
        self.assertFalse(self.warnings())

    def test_pace_note_reads_in_the_readers_language(self):
        """Issue 15: the nightly check runs in one language; each reader sees
        the note, and the leader the warning, in their own."""
        self.leader.lang = "zh_CN"
        Line = self.env["sales.target.line"].with_context(lang="en_US")
        Line._cron_pace_warnings(today=date(2024, 2, 14))
        self.assertIn("Projected 202,222 of 600,000 (34%)", self.line.pace_label)
        chinese = self.line.with_context(lang="zh_CN").pace_label
        self.assertIn("预计达成 202,222 / 600,000（34%）", chinese)
        self.assertNotIn("Projected", chinese)
        taiwan = self.line.with_context(lang="zh_TW").pace_label
        self.assertIn("預計達成 202,222 / 600,000（34%）", taiwan)
        board = (
            self.env["sales.performance.dashboard"]
            .with_user(self.rep)
            .with_context(lang="zh_CN")
            .create({"date": date(2024, 2, 14)})
        )
        self.assertIn("预计达成", board.pace_message)
        self.assertIn("预计达成", str(self.warnings().note), "in the leader's language")

    def test_no_warning_early_in_the_period_and_threshold_from_settings(self):
        Line = self.env["sales.target.line"]
        Line._cron_pace_warnings(today=date(2024, 1, 10))  # 11% of the period
        self.assertFalse(self.line.pace_warning)
        settings = self.env["res.config.settings"].create({})
        settings.performance_pace_threshold = 30
        settings.execute()
        self.assertEqual(self.company.performance_pace_threshold, 30)
        Line._cron_pace_warnings(today=date(2024, 2, 14))
        self.assertFalse(self.line.pace_warning, "34% projected is above 30%")
        with self.assertRaises(ValidationError):
            self.company.performance_pace_threshold = 0


@tagged("post_install", "-at_install")
class TestQueryCounts(PerformanceCase):
    """Achievement and pace checks read in batches: the number of queries
    does not grow with the number of targets."""

    def setUp(self):
        super().setUp()
        self.people = self.rep | self.rep2 | self.outsider | self.leader
        for index in range(6):
            self.people |= new_test_user(
                self.env,
                f"perf_many_{index}",
                groups="sales_team.group_sale_salesman",
                company_id=self.company.id,
                company_ids=[(6, 0, self.company.ids)],
            )
        for user in self.people:
            self.won(user, 10_000, date(2024, 1, 20))

    def test_achievement_and_pace_of_2_and_10_targets(self):
        few = self.target_plan(
            [{"user_id": user.id, "target": 900_000} for user in self.people[:2]]
        ).line_ids
        many = self.target_plan(
            [{"user_id": user.id, "target": 900_000} for user in self.people]
        ).line_ids
        # a server at work: the company's time zone already cached
        few._achieved_amounts()
        for lines in (few, many):
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=QUERIES_ACHIEVED):
                lines._achieved_amounts()
        day = date(2024, 2, 14)
        pace_type = self.env.ref("sales_team_performance.mail_activity_type_pace")
        Line = self.env["sales.target.line"]
        # the scorecards the warnings link to exist already
        self.env["sales.scorecard"]._current_for(self.people, self.company)
        for lines in (few, many):
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=QUERIES_PACE):
                Line._pace_check(lines, day, pace_type)
        self.assertTrue(all(many.mapped("pace_warning")))
