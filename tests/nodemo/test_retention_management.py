# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention management on a company's own database: the tiers' targets and
the root causes are there, the scheduled actions find a churned customer,
open its exit interview and score its health, and the menus lead to them."""

from datetime import date, datetime

from odoo.tests import new_test_user, tagged

from .common import NoDemoCase


@tagged("post_install", "-at_install")
class TestRetentionWithoutDemo(NoDemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.manager = new_test_user(
            cls.env, "ret_manager", groups="sales_team.group_sale_manager"
        )
        cls.rep = new_test_user(
            cls.env, "ret_rep", groups="sales_team.group_sale_salesman"
        )

    def test_tiers_have_targets_and_the_guides_causes_ship(self):
        tiers = self.env["sales.account.tier"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(
            sorted(tiers.mapped("retention_target")), [80.0, 85.0, 90.0, 95.0]
        )
        self.assertEqual(
            sorted(tiers.mapped("churn_acceptable")), [5.0, 10.0, 15.0, 20.0]
        )
        causes = self.env["sales.account.churn.cause"].with_user(self.rep).search([])
        self.assertEqual(len(causes), 7)
        price = self.env.ref("sales_key_accounts.churn_cause_price")
        self.assertEqual(causes[0], price)
        self.assertEqual(price.with_context(lang="zh_CN").name, "价格")
        self.assertEqual(price.with_context(lang="zh_TW").name, "價格")

    def test_settings_menus_and_scheduled_actions(self):
        for xmlid in (
            "sales_key_accounts.ir_cron_retention_alerts",
            "sales_key_accounts.ir_cron_account_health",
        ):
            self.assertTrue(self.env.ref(xmlid).active)
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        self.assertIn("account_retention_targets", arch)
        self.assertIn("account_health_weight_visit", arch)
        self.assertEqual(self.company.account_health_weight_recency, 25)
        menus = self.env["ir.ui.menu"].with_user(self.rep)._visible_menu_ids()
        self.assertIn(
            self.env.ref(
                "sales_key_accounts.sales_key_accounts_menu_exit_interviews"
            ).id,
            menus,
        )
        manager_menus = self.env["ir.ui.menu"].with_user(self.manager)
        visible = manager_menus._visible_menu_ids()
        for name in ("churn_reasons", "retention_alerts", "competitor_retention"):
            self.assertIn(
                self.env.ref(f"sales_key_accounts.sales_key_accounts_menu_{name}").id,
                visible,
            )

    def test_churned_customer_gets_an_interview_and_a_health_score(self):
        self.company.account_window_months = 3
        customer = self.env["res.partner"].create(
            {"name": "Left Us Co", "is_company": True, "user_id": self.rep.id}
        )
        tier = self.env["sales.account.tier"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        customer.sudo()._write_by_action({"account_tier_id": tier.id})
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead = self.env["crm.lead"].create(
            {
                "name": "Only deal",
                "type": "opportunity",
                "partner_id": customer.id,
                "user_id": self.rep.id,
                "stage_id": won.id,
                "probability": 100,
            }
        )
        lead.date_closed = datetime(2026, 5, 20, 10)
        self.env["sales.account.health"]._cron_health()
        self.assertTrue(customer.account_health_ids)
        self.env["sales.account.retention"]._compute_period(
            self.company, date(2026, 7, 1), date(2026, 10, 1)
        )
        interview = self.env["sales.account.exit.interview"].with_user(self.rep)
        interview = interview.search([("partner_id", "=", customer.id)])
        self.assertEqual(interview.state, "todo")
        self.assertEqual(interview.health_score, customer.account_health_score)
        self.assertEqual(interview.activity_ids.user_id, self.rep)
        alerts = self.env["sales.account.retention.alert"]._check_targets(
            self.company, date(2026, 10, 15)
        )
        self.assertEqual(alerts.tier_id, tier)
        self.assertIn(self.manager, alerts.activity_ids.user_id)
