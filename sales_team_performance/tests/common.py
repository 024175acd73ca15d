# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import TransactionCase, new_test_user, tagged

# a quarter no demo record touches
Q_START, Q_END = date(2024, 1, 1), date(2024, 3, 31)
JAN, FEB = date(2024, 1, 1), date(2024, 2, 1)


@tagged("post_install", "-at_install")
class PerformanceCase(TransactionCase):
    """A company of its own, two teams, three reps and a leader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": "Performance Test Co", "sales_gate_enforcement": False}
        )
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids, tz="UTC")
        )
        cls.env.user.tz = "UTC"

        def user(login, groups="sales_team.group_sale_salesman"):
            return new_test_user(
                cls.env,
                login,
                groups=groups,
                company_id=cls.company.id,
                company_ids=[(6, 0, cls.company.ids)],
                tz="UTC",
            )

        cls.leader = user("perf_leader")
        cls.rep = user("perf_rep")
        cls.rep2 = user("perf_rep2")
        cls.outsider = user("perf_outsider")
        cls.manager = user("perf_manager", "sales_team.group_sale_manager")
        Team = cls.env["crm.team"]
        cls.team = Team.create(
            {
                "name": "Perf Team",
                "company_id": cls.company.id,
                "user_id": cls.leader.id,
                "member_ids": [(6, 0, (cls.rep | cls.rep2 | cls.leader).ids)],
            }
        )
        cls.other_team = Team.create(
            {
                "name": "Other Team",
                "company_id": cls.company.id,
                "member_ids": [(6, 0, cls.outsider.ids)],
            }
        )
        cls.won_stage = cls.env["crm.stage"].create(
            {"name": "Perf won", "sequence": 99, "is_won": True}
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
