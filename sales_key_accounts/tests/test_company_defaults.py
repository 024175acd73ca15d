# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every company starts with the playbook's tiers and scorecard."""

from odoo.tests import TransactionCase, tagged

PLAYBOOK_TIERS = [
    # code, minimum score, visit every (days), on demand, annual review
    ("KA", 70, 14, False, True),
    ("A", 45, 30, False, True),
    ("B", 20, 90, False, False),
    ("C", 0, 0, True, False),
]


@tagged("post_install", "-at_install")
class TestCompanyDefaults(TransactionCase):
    def tiers(self, company):
        return self.env["sales.account.tier"].search(
            [("company_id", "=", company.id)], order="min_score desc"
        )

    def policy(self, tiers):
        return [
            (
                t.code,
                t.min_score,
                t.visit_interval_days,
                t.visit_on_demand,
                t.review_required,
            )
            for t in tiers
        ]

    def test_the_installing_company_has_the_playbook_tiers_in_chinese(self):
        ka = self.env.ref("sales_key_accounts.tier_key_account")
        self.assertEqual(ka.company_id, self.env.ref("base.main_company"))
        self.assertEqual(self.policy(self.tiers(ka.company_id)), PLAYBOOK_TIERS)
        self.assertEqual(ka.with_context(lang="zh_TW").name, "大客戶")
        self.assertEqual(ka.with_context(lang="zh_CN").name, "大客户")

    def test_a_new_company_gets_its_own_copies_and_rates_its_customers(self):
        company = self.env["res.company"].create({"name": "Tiers Newcomer Co"})
        tiers = self.tiers(company)
        self.assertEqual(self.policy(tiers), PLAYBOOK_TIERS)
        self.assertFalse(tiers & self.tiers(self.env.ref("base.main_company")))
        self.assertEqual(tiers[0].with_context(lang="zh_TW").name, "大客戶")
        self.assertEqual(
            tiers[0].with_context(lang="zh_CN").service_level,
            self.env.ref("sales_key_accounts.tier_key_account")
            .with_context(lang="zh_CN")
            .service_level,
        )
        factors = self.env["sales.account.score.factor"].search(
            [("company_id", "=", company.id)]
        )
        self.assertEqual(sum(factors.mapped("weight")), 100)
        # the company adapts its copies; the others keep theirs
        tiers[0].visit_interval_days = 7
        self.assertEqual(
            self.env.ref("sales_key_accounts.tier_key_account").visit_interval_days,
            14,
        )
        # its customers get a tier from the company's own policy
        customer = self.env["res.partner"].create(
            {
                "name": "Newcomer's customer",
                "is_company": True,
                "company_id": company.id,
                "account_potential_amount": 4_000_000,
            }
        )
        self.env["sales.account.tiering"]._cron_retier()
        self.assertEqual(customer.account_tier_id.company_id, company)

    def test_giving_defaults_again_keeps_what_a_company_has(self):
        company = self.env["res.company"].create({"name": "Tiers Keeper Co"})
        self.tiers(company)[1:].unlink()
        company._create_account_defaults()
        self.assertEqual(len(self.tiers(company)), 1)
