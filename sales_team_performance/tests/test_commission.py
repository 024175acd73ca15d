# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

import odoo
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.sales_commission_statement import COMMISSION_LOCK
from .common import FEB, JAN, PerformanceCase

TARGET = 100_000.0


@tagged("post_install", "-at_install")
class TestCommissionArithmetic(PerformanceCase):
    """Tiers 0-80% 2%, 80-100% 4%, 100-150% 6%, 150%+ 8%; target 100,000."""

    def test_marginal_pays_each_tier_share_at_its_rate(self):
        plan = self.commission_plan("marginal")
        cases = {
            # revenue: commission computed by hand
            80_000: 1_600.0,  # exactly 80%: all of it in the first tier
            100_000: 2_400.0,  # exactly 100%: 1,600 + 20,000 x 4%
            120_000: 3_600.0,  # 1,600 + 800 + 20,000 x 6%
            200_000: 9_400.0,  # 1,600 + 800 + 50,000 x 6% + 50,000 x 8%
            0: 0.0,
        }
        for revenue, expected in cases.items():
            amount, _tier, _a = plan._commission(revenue, TARGET)
            self.assertAlmostEqual(amount, expected, places=6, msg=revenue)

    def test_slab_pays_all_revenue_at_the_reached_tier(self):
        plan = self.commission_plan("slab")
        cases = {
            79_999.99: (1_599.9998, 0),  # just below 80%: 2%
            80_000: (3_200.0, 80),  # exactly 80% reaches the 4% tier
            99_999.99: (3_999.9996, 80),
            100_000: (6_000.0, 100),  # exactly 100% reaches the 6% tier
            150_000: (12_000.0, 150),
        }
        for revenue, (expected, lower) in cases.items():
            amount, tier, achievement = plan._commission(revenue, TARGET)
            self.assertAlmostEqual(amount, expected, places=6, msg=revenue)
            self.assertEqual(tier.lower, lower, revenue)
            self.assertAlmostEqual(achievement, 100 * revenue / TARGET, places=6)

    def test_zero_target_pays_the_first_tier_and_has_no_achievement(self):
        for basis in ("slab", "marginal"):
            plan = self.commission_plan(basis)
            amount, tier, achievement = plan._commission(50_000, 0.0)
            self.assertEqual((amount, tier.rate, achievement), (1_000.0, 2.0, None))
            self.assertIsNone(plan._what_if(50_000, 0.0))

    def test_what_if_next_tier(self):
        marginal = self.commission_plan("marginal")
        tier, needed, extra = marginal._what_if(90_000, TARGET)
        self.assertEqual((tier.lower, needed), (100.0, 10_000.0))
        self.assertAlmostEqual(extra, 400.0)  # 10,000 more at 4%
        slab = self.commission_plan("slab")
        tier, needed, extra = slab._what_if(90_000, TARGET)
        self.assertAlmostEqual(extra, 6_000.0 - 3_600.0)  # the whole base re-rated
        self.assertIsNone(slab._what_if(160_000, TARGET), "no tier above the last")


@tagged("post_install", "-at_install")
class TestTierValidation(PerformanceCase):
    def assert_refused(self, tiers, message):
        plan = self.commission_plan()
        before = [(t.lower, t.upper, t.rate) for t in plan.tier_ids]
        with self.assertRaises(ValidationError) as error:
            plan.write({"tier_ids": [(5, 0, 0)] + [(0, 0, t) for t in tiers]})
        self.assertIn(message, str(error.exception))
        plan.invalidate_recordset()
        self.assertEqual([(t.lower, t.upper, t.rate) for t in plan.tier_ids], before)

    def test_gap_overlap_negative_rate_and_open_tier(self):
        self.assert_refused(
            [{"lower": 0, "upper": 80, "rate": 2}, {"lower": 90, "rate": 4}],
            "gap between 80.0% and 90.0%",
        )
        self.assert_refused(
            [{"lower": 0, "upper": 80, "rate": 2}, {"lower": 70, "rate": 4}],
            "overlap",
        )
        self.assert_refused(
            [{"lower": 0, "upper": 80, "rate": -1}, {"lower": 80, "rate": 4}],
            "below 0%",
        )
        self.assert_refused(
            [{"lower": 0, "rate": 2}, {"lower": 80, "rate": 4}], "only the last tier"
        )
        self.assert_refused([{"lower": 10, "rate": 2}], "gap between 0.0% and 10.0%")

    def test_editing_one_tier_directly_is_checked_too(self):
        plan = self.commission_plan()
        with self.assertRaises(ValidationError):
            plan.tier_ids.sorted("lower")[1].lower = 85
        # moving two boundaries together in one save is fine
        first, second = plan.tier_ids.sorted("lower")[:2]
        plan.write(
            {"tier_ids": [(1, first.id, {"upper": 70}), (1, second.id, {"lower": 70})]}
        )
        self.assertEqual(second.lower, 70)


@tagged("post_install", "-at_install")
class TestStatements(PerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.targets = {}
        for start in (JAN, FEB, date(2024, 3, 1)):
            cls.targets[start] = cls.env["sales.target.plan"].create(
                {
                    "name": f"Month {start}",
                    "period": "month",
                    "date_start": start,
                    "company_id": cls.company.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "user_id": cls.rep.id,
                                "team_id": cls.team.id,
                                "target": TARGET,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "user_id": cls.rep2.id,
                                "team_id": cls.team.id,
                                "target": 50_000,
                            },
                        ),
                    ],
                }
            )
            cls.targets[start].state = "active"

    def statement(self, plan, start, user=None):
        """The computed draft statement of the month starting on start."""
        statement = (
            self.env["sales.commission.statement"]
            ._ensure_statements(plan, start, start + relativedelta(months=1))
            .filtered(lambda s: s.user_id == (user or self.rep))
        )
        statement.action_compute()
        return statement

    def lines(self, statement):
        return sorted((line.kind, line.amount) for line in statement.line_ids)

    def test_statement_lines_awards_and_rounding(self):
        plan = self.commission_plan(individual_award=500, team_award=300)
        self.won(self.rep, 60_000, date(2024, 1, 10))
        self.won(self.rep, 40_000, date(2024, 1, 31))  # last day counts
        self.won(self.rep, 99_999, date(2024, 2, 1))  # next month: not counted
        statement = self.statement(plan, JAN)
        # exactly 100%: 2,400 (80,000 at 2% and 20,000 at 4%, a line per tier
        # paid, each reading its own rate and base) and the individual award;
        # the team (target 150,000) is at 100,000: no team award
        self.assertEqual(
            self.lines(statement),
            [
                ("commission", 800.0),
                ("commission", 1_600.0),
                ("individual_award", 500.0),
            ],
        )
        commission = statement.line_ids.filtered(lambda line: line.kind == "commission")
        self.assertEqual(sum(commission.mapped("amount")), 2_400.0)
        self.assertEqual(
            sorted((line.base, line.name) for line in commission),
            [
                (20_000.0, "Commission on $\xa020,000.00 (80% – 100% → 4%)"),
                (80_000.0, "Commission on $\xa080,000.00 (0% – 80% → 2%)"),
            ],
        )
        self.assertEqual(
            (statement.revenue, statement.target, statement.achievement),
            (100_000.0, TARGET, 100.0),
        )
        self.assertEqual(statement.amount_total, 2_900.0)
        self.won(self.rep2, 50_000, date(2024, 1, 15))
        statement.action_compute()
        self.assertIn(("team_award", 300.0), self.lines(statement))
        # currency rounding: 33,333.33 x 2% = 666.6666 -> 666.67
        self.won(self.rep, 33_333.33, date(2024, 3, 5))
        march = self.statement(plan, date(2024, 3, 1))
        self.assertEqual(self.lines(march), [("commission", 666.67)])

    def test_compute_twice_is_the_same_and_keeps_manual_lines(self):
        plan = self.commission_plan(individual_award=500)
        self.won(self.rep, 120_000, date(2024, 1, 10))
        statement = self.statement(plan, JAN)
        Line = self.env["sales.commission.statement.line"]
        Line.create(
            {
                "statement_id": statement.id,
                "kind": "special",
                "name": "Saved the Baiyun account",
                "reason": "Weekend on site during the outage",
                "amount": 250,
            }
        )
        first = self.lines(statement)
        statement.action_compute()
        statement.action_compute()
        self.assertEqual(self.lines(statement), first)
        # 120%: three tiers paid, the individual award and the manual line
        self.assertEqual(len(statement.line_ids), 5)

    def test_special_award_and_adjustment_need_a_reason_and_round(self):
        plan = self.commission_plan()
        statement = self.statement(plan, JAN)
        Line = self.env["sales.commission.statement.line"]
        count = len(statement.line_ids)
        for kind in ("special", "adjustment"):
            with self.assertRaises(ValidationError) as error:
                Line.create(
                    {
                        "statement_id": statement.id,
                        "kind": kind,
                        "name": "x",
                        "amount": 10,
                    }
                )
            self.assertIn("needs a reason", str(error.exception))
        self.assertEqual(len(statement.line_ids), count)
        adjustment = Line.create(
            {
                "statement_id": statement.id,
                "kind": "adjustment",
                "name": "Expense advance",
                "reason": "Advance paid in cash in January",
                "amount": -150.555,
            }
        )
        self.assertEqual(adjustment.amount, -150.56)
        self.assertEqual(statement.amount_total, -150.56)

    def test_confirmed_statement_is_locked(self):
        plan = self.commission_plan()
        won = self.won(self.rep, 50_000, date(2024, 1, 10))
        self.won(self.rep, 70_000, date(2024, 2, 10))  # another month's
        statement = self.statement(plan, JAN)
        statement.action_confirm()
        self.assertEqual(statement.state, "confirmed")
        # the deal the statement paid, as the form would record it
        deal = statement.deal_ids
        self.assertEqual(
            (deal.lead_id, deal.revenue, deal.company_id, deal.create_uid),
            (won, 50_000, statement.company_id, self.env.user),
        )
        Line = self.env["sales.commission.statement.line"]
        with self.assertRaises(UserError):
            statement.line_ids.amount = 1
        with self.assertRaises(UserError):
            Line.create(
                {
                    "statement_id": statement.id,
                    "kind": "special",
                    "name": "late",
                    "reason": "late",
                    "amount": 1,
                }
            )
        with self.assertRaises(UserError):
            statement.revenue = 1
        with self.assertRaises(UserError):
            statement.unlink()
        statement.action_compute()  # ignored on a confirmed statement
        self.assertEqual(statement.amount_total, 1_000.0)

    def test_reopened_deal_is_adjusted_in_the_next_statement(self):
        plan = self.commission_plan()
        self.won(self.rep, 60_000, date(2024, 1, 10))
        reopened = self.won(self.rep, 40_000, date(2024, 1, 20))
        january = self.statement(plan, JAN)
        self.assertEqual(january.amount_total, 2_400.0)
        january.action_confirm()
        open_stage = self.env["crm.stage"].create({"name": "Reopened", "sequence": 5})
        reopened.write({"stage_id": open_stage.id, "probability": 50})
        february = self.statement(plan, FEB)
        adjustment = february.line_ids.filtered(lambda line: line.kind == "adjustment")
        # paid at January's average rate, 2,400 / 100,000 = 2.4%
        self.assertEqual(adjustment.amount, -960.0)
        self.assertEqual(adjustment.lead_id, reopened)
        self.assertIn("reopened", adjustment.reason)
        self.assertEqual(january.amount_total, 2_400.0, "confirmed: never changed")
        february.action_compute()
        self.assertEqual(len(february.line_ids.filtered("lead_id")), 1)
        february.action_confirm()
        march = self.statement(plan, date(2024, 3, 1))
        self.assertFalse(march.line_ids.filtered("lead_id"), "settled once")
        # won again in March: paid in March like any March deal
        reopened.write({"stage_id": self.won_stage.id})
        reopened.date_closed = "2024-03-04 10:00:00"
        march.action_compute()
        self.assertEqual(march.revenue, 40_000)
        self.assertFalse(march.line_ids.filtered("lead_id"))

    def test_paying_needs_the_commission_group(self):
        plan = self.commission_plan()
        statement = self.statement(plan, JAN)
        statement.action_confirm()
        with self.assertRaises(UserError):
            statement.with_user(self.manager).action_pay()
        statement.action_pay()
        self.assertEqual(statement.state, "paid")


@tagged("post_install", "-at_install")
class TestStatementCron(PerformanceCase):
    def test_cron_twice_gives_the_same_statements(self):
        plan = self.commission_plan(users=self.rep | self.rep2)
        Statement = self.env["sales.commission.statement"]
        today = date(2024, 2, 15)
        mine = lambda statements: statements.filtered(lambda s: s.plan_id == plan)  # noqa: E731
        first = mine(Statement._cron_compute_statements(today=today))
        lines = sorted(
            first.line_ids.mapped(lambda line: (line.statement_id.id, line.amount))
        )
        second = mine(Statement._cron_compute_statements(today=today))
        self.assertEqual(len(first), 4)  # 2 people x (January, February)
        self.assertEqual(first, second)
        self.assertEqual(
            sorted(
                second.line_ids.mapped(lambda line: (line.statement_id.id, line.amount))
            ),
            lines,
        )
        self.assertEqual(
            self.env["sales.commission.statement"].search_count(
                [("plan_id", "=", plan.id)]
            ),
            4,
        )

    def test_a_second_worker_does_nothing(self):
        self.commission_plan()
        other = odoo.sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute("SELECT pg_advisory_xact_lock(%s)", [COMMISSION_LOCK])
            result = self.env["sales.commission.statement"]._cron_compute_statements()
        finally:
            other.rollback()
            other.close()
        self.assertFalse(result)
        self.assertFalse(
            self.env["sales.commission.statement"].search(
                [("company_id", "=", self.company.id)]
            )
        )

    def test_one_statement_per_person_and_period_in_the_database(self):
        plan = self.commission_plan()
        Statement = self.env["sales.commission.statement"]
        values = {
            "plan_id": plan.id,
            "user_id": self.rep.id,
            "date_start": JAN,
            "date_end": date(2024, 1, 31),
        }
        Statement.create(values)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                Statement.create(values)
