# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Without demo data, a company sets a ramp for a new salesperson from the
shared commission template, the nightly statements pay it, the retention
window is in Settings and the new measures can be targeted."""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.sales_key_accounts.tests import test_account_targets as accounts
from odoo.addons.sales_team_performance.tests import test_commission_ramp as ramp

from .common import NoDemoCase
from .test_team_defaults import WithoutDemo


@tagged("post_install", "-at_install")
class TestRampWithoutDemo(WithoutDemo, ramp.TestRamp):
    pass


@tagged("post_install", "-at_install")
class TestRetentionWithoutDemo(WithoutDemo, ramp.TestRetention):
    pass


@tagged("post_install", "-at_install")
class TestAwardClawbackWithoutDemo(WithoutDemo, ramp.TestAwardClawback):
    pass


@tagged("post_install", "-at_install")
class TestAccountTargetsWithoutDemo(WithoutDemo, accounts.TestAccountTargets):
    pass


@tagged("post_install", "-at_install")
class TestRampFromTheTemplate(NoDemoCase):
    def test_a_company_puts_a_newcomer_on_the_ramp_of_its_plan(self):
        company = self.env["res.company"].create({"name": "Ramp Co"})
        admin = new_test_user(
            self.env,
            "ramp_admin",
            groups="sales_team.group_sale_manager,"
            "sales_team_performance.group_commission_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        newcomer = new_test_user(
            self.env,
            "ramp_newcomer",
            groups="sales_team.group_sale_salesman",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        env = self.env(user=admin, context={"allowed_company_ids": company.ids})
        # Settings (an administrator's): the retention window, 12 months by
        # default
        settings = self.env["res.config.settings"].with_company(company).create({})
        self.assertEqual(settings.performance_retention_months, 12)
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="performance_retention_months"', arch)
        # the plan form has the ramp and the retention award
        arch = env["sales.commission.plan"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        for name in ("ramp_ids", "ramp_start_ids", "retention_award"):
            self.assertIn(f'name="{name}"', arch)
        targets = dict(env["sales.measure"].selection("target"))
        for code in ("retained_customers", "tier_upgrades", "cost_per_visit"):
            self.assertIn(code, targets)
        template = env.ref("sales_team_performance.commission_plan_template_tiered")
        plan = env["sales.commission.plan"].browse(
            template.action_use_template()["res_id"]
        )
        this_month = date.today().replace(day=1)
        plan.write(
            {
                "user_ids": [Command.set(newcomer.ids)],
                "ramp_ids": [
                    Command.create({"month": 1, "share": 100}),
                    Command.create({"month": 2, "share": 50}),
                ],
                "ramp_start_ids": [
                    Command.create(
                        {
                            "user_id": newcomer.id,
                            "date_start": this_month - relativedelta(months=1),
                        }
                    )
                ],
            }
        )
        target_plan = env["sales.target.plan"].create(
            {
                "name": "Newcomer",
                "period": "month",
                "date_start": this_month,
                "company_id": company.id,
                "line_ids": [
                    Command.create({"user_id": newcomer.id, "target": 100_000})
                ],
            }
        )
        target_plan.action_activate()
        statements = self.env["sales.commission.statement"]._cron_compute_statements()
        current = statements.filtered(lambda s: s.date_start == this_month)
        line = current.line_ids.filtered(lambda line: line.kind == "ramp")
        expected = plan._commission(100_000, 100_000)[0] / 2
        self.assertTrue(expected)
        self.assertAlmostEqual(line.amount, expected, places=2)
        self.assertIn("month 2", line.label)
