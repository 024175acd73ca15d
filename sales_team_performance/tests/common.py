# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.sales_process_framework.tests.common import SalesCase

# a quarter no demo record touches
Q_START, Q_END = date(2024, 1, 1), date(2024, 3, 31)
JAN, FEB = date(2024, 1, 1), date(2024, 2, 1)


@tagged("post_install", "-at_install")
class PerformanceCase(SalesCase):
    """A company of its own, two teams, three reps and a leader."""

    COMPANY = {"name": "Performance Test Co", "sales_gate_enforcement": False}
    LOGIN = "perf"
    TZ = "UTC"
    TEAM = {"name": "Perf Team"}
    WON_STAGE = "Perf won"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = cls.new_user("perf_outsider")
        cls.other_team = cls.env["crm.team"].create(
            {
                "name": "Other Team",
                "company_id": cls.company.id,
                "member_ids": [(6, 0, cls.outsider.ids)],
            }
        )
        cls.customer_seq = 0

    def won(self, user, revenue, when, partner=None, **extra):
        """A deal won by user on a given day."""
        if not partner:
            type(self).customer_seq += 1
            partner = self.env["res.partner"].create(
                {
                    "name": f"Customer {self.customer_seq}",
                    "is_company": True,
                    "company_id": self.company.id,
                }
            )
        lead = self.env["crm.lead"].create(
            {
                "name": f"Deal {revenue}",
                "type": "opportunity",
                "partner_id": partner.id,
                "company_id": self.company.id,
                "user_id": user.id,
                "team_id": user.sale_team_id.id,
                "expected_revenue": revenue,
                "stage_id": self.won_stage.id,
                "probability": 100,
                **extra,
            }
        )
        lead.date_closed = datetime.combine(when, datetime.min.time()).replace(hour=10)
        return lead

    def target_plan(self, lines, period="quarter", start=Q_START, state="active"):
        plan = self.env["sales.target.plan"].create(
            {
                "name": "Plan",
                "period": period,
                "date_start": start,
                "company_id": self.company.id,
                "line_ids": [(0, 0, line) for line in lines],
            }
        )
        plan.state = state
        return plan

    def commission_plan(self, basis="marginal", users=None, **extra):
        return self.env["sales.commission.plan"].create(
            {
                "name": "Tiered",
                "basis": basis,
                "period": "month",
                "company_id": self.company.id,
                "user_ids": [(6, 0, (users or self.rep).ids)],
                "tier_ids": [
                    (0, 0, {"lower": 0, "upper": 80, "rate": 2}),
                    (0, 0, {"lower": 80, "upper": 100, "rate": 4}),
                    (0, 0, {"lower": 100, "upper": 150, "rate": 6}),
                    (0, 0, {"lower": 150, "rate": 8}),
                ],
                **extra,
            }
        )
