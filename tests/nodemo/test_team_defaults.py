# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""On a database installed without demo data, a company finds the playbooks'
team defaults: tier policies, the tiered commission and fair contest
templates, the bi-weekly review and the five coaching steps."""

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.sales_key_accounts.tests import test_company_defaults as tiers
from odoo.addons.sales_team_performance.tests import test_people as people
from odoo.addons.sales_team_performance.tests import (
    test_playbook_templates as templates,
)

SUITE = (
    "crm",
    "sales_process_framework",
    "sales_team_performance",
    "sales_key_accounts",
)


class WithoutDemo:
    """Fails every test of the class on a database with demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with_demo = cls.env["ir.module.module"].search(
            [("name", "in", SUITE), ("demo", "=", True)]
        )
        assert not with_demo, f"demo data installed: {with_demo.mapped('name')}"


@tagged("post_install", "-at_install")
class TestTemplatesWithoutDemo(WithoutDemo, templates.TestPlaybookTemplates):
    pass


@tagged("post_install", "-at_install")
class TestTiersWithoutDemo(WithoutDemo, tiers.TestCompanyDefaults):
    pass


@tagged("post_install", "-at_install")
class TestReviewsWithoutDemo(WithoutDemo, people.TestReviews):
    pass


@tagged("post_install", "-at_install")
class TestCoachingWithoutDemo(WithoutDemo, people.TestCoachingAndAssessments):
    pass


@tagged("post_install", "-at_install")
class TestTeamDefaults(WithoutDemo, TransactionCase):
    def test_database_has_no_demo_data(self):
        crm = self.env["ir.module.module"].search([("name", "=", "crm")])
        self.assertFalse(crm.demo)
        self.assertFalse(self.env.ref("base.user_demo", raise_if_not_found=False))
        self.assertFalse(
            self.env.ref(
                "sales_team_performance.commission_plan_direct",
                raise_if_not_found=False,
            )
        )

    def test_a_new_company_reads_the_shared_templates_and_has_its_tiers(self):
        company = self.env["res.company"].create({"name": "Newcomer Co"})
        salesperson = new_test_user(
            self.env,
            "newcomer_rep",
            groups="sales_team.group_sale_salesman,"
            "sales_key_accounts.group_key_account_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        env = self.env(user=salesperson, context={"allowed_company_ids": company.ids})
        plan = env.ref("sales_team_performance.commission_plan_template_tiered")
        contest = env.ref("sales_team_performance.contest_template_fair")
        self.assertEqual(plan.with_context(lang="zh_CN").name, "每月阶梯提成")
        self.assertEqual(
            contest.with_context(lang="zh_TW").name, "銷售競賽：人人都能贏"
        )
        self.assertIn(
            plan, env["sales.commission.plan"].search([("is_template", "=", True)])
        )
        own_tiers = env["sales.account.tier"].search([])
        self.assertEqual(own_tiers.company_id, company)
        self.assertEqual(
            sorted(own_tiers.with_context(lang="zh_TW").mapped("name")),
            sorted(["大客戶", "A", "B", "C"]),
        )

    def test_reviews_come_every_two_weeks_for_every_company(self):
        company = self.env["res.company"].create({"name": "Review Co"})
        self.assertEqual(company.performance_review_interval, 2)
        self.assertEqual(self.env.company.performance_review_interval, 2)
        cron = self.env.ref("sales_team_performance.ir_cron_reviews")
        self.assertTrue(cron.active)

    def test_coaching_has_the_five_steps_in_chinese(self):
        field = self.env["sales.coaching.session"]._fields["step"]
        for lang, steps in (
            ("zh_TW", ["觀察", "回饋", "示範", "準備下次電話", "復盤"]),
            ("zh_CN", ["观察", "反馈", "示范", "准备下次电话", "复盘"]),
        ):
            labels = dict(
                field._description_selection(self.env(context={"lang": lang}))
            )
            self.assertEqual(
                [
                    labels[key]
                    for key in (
                        "observe",
                        "feedback",
                        "demonstrate",
                        "prepare",
                        "review",
                    )
                ],
                steps,
            )
