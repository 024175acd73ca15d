# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo.tests import tagged

from odoo.addons.sales_process_framework.tests.common import SalesCase


@tagged("post_install", "-at_install")
class AccountCase(SalesCase):
    """A company of its own with a simple scorecard: revenue only, full at 1M."""

    # the demo's stage gates are not what these tests are about
    COMPANY = {"name": "Accounts Test Co", "sales_gate_enforcement": False}
    LOGIN = "ka"
    TEAM = {"name": "Key Accounts Test Team"}
    WON_STAGE = "KA won"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_rep = cls.rep2
        Tier = cls.env["sales.account.tier"]
        Factor = cls.env["sales.account.score.factor"]
        # these replace the playbook's tiers and scorecard a new company gets
        Tier.search([("company_id", "=", cls.company.id)]).unlink()
        Factor.search([("company_id", "=", cls.company.id)]).unlink()
        cls.ka, cls.a, cls.b, cls.c = Tier.create(
            [
                {
                    "name": "Key",
                    "code": "KA",
                    "min_score": 80,
                    "visit_interval_days": 14,
                    "review_required": True,
                    "company_id": cls.company.id,
                },
                {
                    "name": "A",
                    "code": "A",
                    "min_score": 50,
                    "visit_interval_days": 30,
                    "company_id": cls.company.id,
                },
                {
                    "name": "B",
                    "code": "B",
                    "min_score": 20,
                    "visit_interval_days": 90,
                    "company_id": cls.company.id,
                },
                {
                    "name": "C",
                    "code": "C",
                    "min_score": 0,
                    "visit_on_demand": True,
                    "visit_interval_days": 0,
                    "company_id": cls.company.id,
                },
            ]
        )
        Factor.create(
            {
                "factor": "revenue",
                "weight": 1,
                "full_score_at": 1_000_000,
                "company_id": cls.company.id,
            }
        )

    def _customer(self, revenue, name="Customer", user=None):
        partner = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "company_id": self.company.id,
                "user_id": (user or self.rep).id,
            }
        )
        if revenue:
            lead = self.env["crm.lead"].create(
                {
                    "name": "Deal",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "user_id": (user or self.rep).id,
                    "expected_revenue": revenue,
                    "stage_id": self.won_stage.id,
                    "probability": 100,
                }
            )
            lead.date_closed = datetime.now() - timedelta(days=10)
        return partner

    def retier(self, partners, day=None):
        day = day or date.today()
        Tiering = self.env["sales.account.tiering"]
        inputs = Tiering._score_inputs(self.company, day)
        Tiering._retier(partners, self.company, inputs, day)
