# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The templates the addon ships: a tiered commission plan and a fair contest."""

from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import JAN, PerformanceCase


@tagged("post_install", "-at_install")
class TestPlaybookTemplates(PerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commission_manager = new_test_user(
            cls.env,
            "perf_commission_manager",
            groups="sales_team.group_sale_manager,"
            "sales_team_performance.group_commission_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            tz="UTC",
        )
        cls.plan_template = cls.env.ref(
            "sales_team_performance.commission_plan_template_tiered"
        )
        cls.contest_template = cls.env.ref(
            "sales_team_performance.contest_template_fair"
        )

    def test_commission_template_has_the_playbook_tiers_in_every_language(self):
        template = self.plan_template.with_user(self.commission_manager)
        self.assertTrue(template.is_template)
        self.assertFalse(template.company_id, "shared by every company")
        self.assertEqual(
            [(t.lower, t.upper, t.rate) for t in template.tier_ids.sorted("lower")],
            [(0, 80, 2), (80, 100, 4), (100, 150, 6), (150, 0, 8)],
        )
        self.assertEqual(template.with_context(lang="zh_TW").name, "每月階梯提成")
        self.assertEqual(template.with_context(lang="zh_CN").name, "每月阶梯提成")

    def test_commission_template_pays_nobody_until_a_company_uses_it(self):
        Statement = self.env["sales.commission.statement"]
        Statement._cron_compute_statements(today=date(2024, 1, 20))
        self.assertFalse(Statement.search([("plan_id", "=", self.plan_template.id)]))
        with self.assertRaises(ValidationError) as error:
            self.plan_template.user_ids = self.rep
        self.assertIn("Use Template", str(error.exception))
        self.assertFalse(self.plan_template.user_ids)
        with self.assertRaises(ValidationError):
            Statement.create(
                {
                    "plan_id": self.plan_template.id,
                    "user_id": self.rep.id,
                    "date_start": JAN,
                    "date_end": date(2024, 1, 31),
                }
            )

    def test_company_copies_the_commission_template_and_gets_statements(self):
        action = self.plan_template.with_user(
            self.commission_manager
        ).action_use_template()
        plan = self.env["sales.commission.plan"].browse(action["res_id"])
        self.assertEqual(plan.company_id, self.company)
        self.assertFalse(plan.is_template)
        self.assertEqual(plan.name, "Monthly tiered commission")
        self.assertEqual(len(plan.tier_ids), 4)
        self.assertEqual(len(self.plan_template.tier_ids), 4, "the template stays")
        with Form(plan.with_user(self.commission_manager)) as form:
            form.user_ids.add(self.rep)
        self.target_plan(
            [{"user_id": self.rep.id, "target": 100_000}], period="month", start=JAN
        )
        self.won(self.rep, 120_000, date(2024, 1, 10))
        statements = self.env["sales.commission.statement"]._cron_compute_statements(
            today=date(2024, 1, 20)
        )
        statement = statements.filtered(
            lambda s: s.plan_id == plan and s.date_start == JAN
        )
        self.assertEqual(statement.user_id, self.rep)
        # 80,000 at 2%, 20,000 at 4%, 20,000 at 6%
        self.assertEqual(statement.amount_total, 3_600.0)

    def test_contest_template_never_starts_by_itself(self):
        template = self.contest_template
        self.assertTrue(template.contest_template and template.is_sales_contest)
        self.assertEqual(template.contest_scoring, "target", "fair scoring")
        self.assertFalse(template.company_id, "shared by every company")
        self.assertEqual(
            template.with_context(lang="zh_TW").name, "銷售競賽：人人都能贏"
        )
        self.assertEqual(
            template.with_context(lang="zh_CN").name, "销售竞赛：人人都能赢"
        )
        Challenge = self.env["gamification.challenge"]
        Challenge._cron_update(commit=False)
        Challenge._cron_contest_leaderboards()
        self.assertEqual(template.state, "draft")
        with self.assertRaises(ValidationError) as error:
            template.action_start()
        self.assertIn("New Contest from Template", str(error.exception))
        with self.assertRaises(ValidationError):
            template.start_date = JAN
        self.assertEqual(template.state, "draft")
        self.assertFalse(template.start_date)

    def test_contest_from_the_template_scores_fairly(self):
        manager = self.manager
        action = self.contest_template.with_user(manager).action_contest_from_template()
        contest = self.env["gamification.challenge"].browse(action["res_id"])
        self.assertFalse(contest.contest_template)
        self.assertEqual(
            (contest.company_id, contest.manager_id, contest.state),
            (self.company, manager, "draft"),
        )
        self.assertEqual(contest.start_date.day, 1)
        self.assertGreater(contest.start_date, date.today())
        self.assertEqual(contest.contest_theme, "Beat your own target")
        self.assertEqual(
            contest.with_context(lang="zh_TW").contest_theme, "超越自己的目標"
        )
        self.assertEqual(contest.description, self.contest_template.description)
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
        contest.write(
            {
                "start_date": JAN,
                "end_date": date(2024, 1, 31),
                "user_ids": [Command.set((self.rep | self.rep2).ids)],
            }
        )
        contest.action_start()
        contest.action_contest_refresh()
        ranking = contest.contest_score_ids.sorted("rank")
        self.assertEqual(ranking.user_id, self.rep | self.rep2)
        self.assertEqual(ranking[0].user_id, self.rep, "90% beats 50%")
        self.assertEqual(self.contest_template.state, "draft")
