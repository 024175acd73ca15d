# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ramp of new salespeople, the retention award and award clawbacks."""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FEB, JAN, PerformanceCase

MAR, APR = date(2024, 3, 1), date(2024, 4, 1)
TARGET = 100_000.0
# the commission at 100% of target: 80,000 at 2% and 20,000 at 4%
TARGET_COMMISSION = 2_400.0
RAMP = [(1, 100.0), (2, 66.0), (3, 33.0)]


@tagged("post_install", "-at_install")
class CommissionCase(PerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commission_manager = cls.new_user(
            "perf_commission",
            "sales_team.group_sale_manager,"
            "sales_team_performance.group_commission_manager",
        )
        for start in (JAN, FEB, MAR, APR):
            plan = cls.env["sales.target.plan"].create(
                {
                    "name": f"Month {start}",
                    "period": "month",
                    "date_start": start,
                    "company_id": cls.company.id,
                    "line_ids": [
                        (0, 0, {"user_id": cls.rep.id, "target": TARGET}),
                        (0, 0, {"user_id": cls.rep2.id, "target": TARGET}),
                    ],
                }
            )
            plan.state = "active"
        cls.reopened_stage = cls.env["crm.stage"].create(
            {"name": "Reopened", "sequence": 5}
        )

    def statement(self, plan, start, user=None):
        statement = (
            self.env["sales.commission.statement"]
            ._ensure_statements(plan, start, start + relativedelta(months=1))
            .filtered(lambda s: s.user_id == (user or self.rep))
        )
        statement.action_compute()
        return statement

    def lines(self, statement, kind):
        return statement.line_ids.filtered(lambda line: line.kind == kind)

    def reopen(self, lead):
        lead.write({"stage_id": self.reopened_stage.id, "probability": 50})


class TestRamp(CommissionCase):
    def ramp_plan(self, start=date(2024, 1, 15)):
        return self.commission_plan(
            users=self.rep | self.rep2,
            ramp_ids=[(0, 0, {"month": m, "share": s}) for m, s in RAMP],
            ramp_start_ids=[(0, 0, {"user_id": self.rep.id, "date_start": start})],
        )

    def test_ramp_pays_the_guaranteed_share_month_by_month(self):
        plan = self.ramp_plan()
        self.won(self.rep, 10_000, date(2024, 1, 20))
        self.won(self.rep, 60_000, date(2024, 3, 20))
        january, february, march, april = (
            self.statement(plan, start) for start in (JAN, FEB, MAR, APR)
        )
        # month 1: 200 earned, 100% of 2,400 guaranteed
        ramp = self.lines(january, "ramp")
        self.assertEqual(ramp.amount, 2_200.0)
        self.assertEqual(january.amount_total, TARGET_COMMISSION)
        self.assertEqual(
            ramp.label,
            "Ramp guarantee, month 1: 100% of the target commission $\xa02,400.00",
        )
        # month 2: nothing earned, 66% guaranteed
        self.assertEqual(february.amount_total, 1_584.0)
        self.assertIn("month 2: 66%", self.lines(february, "ramp").label)
        # month 3: 1,200 earned beats 33% (792): no ramp line
        self.assertFalse(self.lines(march, "ramp"))
        self.assertEqual(march.amount_total, 1_200.0)
        # month 4: the ramp is over
        self.assertFalse(self.lines(april, "ramp"))
        self.assertEqual(april.amount_total, 0.0)
        # a salesperson without a start date is not on the ramp
        self.assertFalse(self.lines(self.statement(plan, JAN, self.rep2), "ramp"))

    def test_ramp_line_reads_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        plan = self.ramp_plan()
        ramp = self.lines(self.statement(plan, FEB), "ramp")
        label = ramp.with_context(lang="zh_CN").label
        self.assertNotEqual(label, ramp.label)
        self.assertIn("2", label)

    @mute_logger("odoo.sql_db")
    def test_bad_ramp_input_is_refused(self):
        plan = self.ramp_plan()
        for share in (120.0, -5.0, float("nan"), float("inf")):
            with self.subTest(share=share), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    plan.ramp_ids[0].share = share
        with self.assertRaisesRegex(ValidationError, "1, 2, 3"):
            with self.env.cr.savepoint():
                plan.ramp_ids.filtered(lambda r: r.month == 2).unlink()
        with self.assertRaisesRegex(ValidationError, "1, 2, 3"):
            with self.env.cr.savepoint():
                plan.write({"ramp_ids": [(0, 0, {"month": 5, "share": 10})]})
        with self.assertRaisesRegex(ValidationError, "Salespeople"):
            with self.env.cr.savepoint():
                plan.write(
                    {
                        "ramp_start_ids": [
                            (0, 0, {"user_id": self.outsider.id, "date_start": JAN})
                        ]
                    }
                )

    def test_only_commission_managers_edit_the_ramp_and_start_dates(self):
        plan = self.ramp_plan()
        start = plan.ramp_start_ids
        # the salesperson reads their own start date, not a colleague's
        self.assertEqual(start.with_user(self.rep).date_start, date(2024, 1, 15))
        with self.assertRaises(AccessError):
            start.with_user(self.rep2).read(["date_start"])
        for user in (self.rep, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    start.with_user(user).date_start = JAN
                with self.assertRaises(AccessError):
                    plan.ramp_ids[0].with_user(user).share = 100
                with self.assertRaises(AccessError):
                    plan.with_user(user).write(
                        {"ramp_ids": [(0, 0, {"month": 4, "share": 10})]}
                    )
        start.with_user(self.commission_manager).date_start = JAN
        self.assertEqual(start.date_start, JAN)


class TestRetention(CommissionCase):
    def test_retained_customers_and_retention_award(self):
        old_buyer, lapsed, too_old, _new = (
            self.env["res.partner"].create(
                {"name": name, "is_company": True, "company_id": self.company.id}
            )
            for name in ("Old buyer", "Lapsed", "Too old", "New")
        )
        self.won(self.rep, 1_000, date(2023, 6, 1), partner=old_buyer)
        self.won(self.rep, 1_000, date(2024, 1, 8), partner=old_buyer)
        self.won(self.rep, 1_000, date(2023, 7, 1), partner=lapsed)
        self.won(self.rep, 1_000, date(2022, 6, 1), partner=too_old)
        self.won(self.rep, 1_000, date(2024, 1, 9), partner=too_old)
        self.won(self.rep, 1_000, date(2024, 1, 10), partner=_new)
        Measure = self.env["sales.measure"]
        figure = Measure.compute("retained_customers", "user", JAN, FEB, self.company)
        # bought within 12 months before January: old buyer and lapsed; of
        # them, the old buyer bought again
        self.assertEqual(figure[self.rep.id], (1.0, 2.0))
        action = Measure.drill_down(
            "retained_customers", "user", self.rep.id, JAN, FEB, self.company
        )
        self.assertEqual(self.env["res.partner"].search(action["domain"]), old_buyer)
        self.assertIn(
            "retained_customers", dict(Measure.selection("target")), "a target"
        )
        target = self.env["sales.target.plan"].create(
            {
                "name": "Retention",
                "period": "month",
                "date_start": JAN,
                "company_id": self.company.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "user_id": self.rep.id,
                            "measure": "retained_customers",
                            "target": 2,
                        },
                    )
                ],
            }
        )
        self.assertEqual(target.line_ids.achieved, 1.0)
        self.assertEqual(target.line_ids.achievement, 50.0)
        # the window is a setting: 6 months leave the old buyer out
        self.company.performance_retention_months = 6
        self.assertEqual(
            Measure.compute("retained_customers", "user", JAN, FEB, self.company)[
                self.rep.id
            ],
            (0.0, 1.0),
        )
        self.company.performance_retention_months = 12
        plan = self.commission_plan(retention_award=200, retention_award_threshold=1)
        award = self.lines(self.statement(plan, JAN), "retention_award")
        self.assertEqual(award.amount, 200.0)
        self.assertEqual(award.label, "Retention award: 1 retained customers")
        plan.write({"retention_award_basis": "rate", "retention_award_threshold": 60})
        self.assertFalse(self.lines(self.statement(plan, JAN), "retention_award"))
        with self.assertRaises(ValidationError):
            plan.retention_award_threshold = 120
        with self.assertRaises(ValidationError):
            plan.retention_award = -1
        with self.assertRaises(ValidationError):
            self.company.performance_retention_months = 0


class TestAwardClawback(CommissionCase):
    def test_reopened_deal_under_the_threshold_claws_the_award_back_once(self):
        plan = self.commission_plan(individual_award=500)
        self.won(self.rep, 60_000, date(2024, 1, 10))
        deal = self.won(self.rep, 40_000, date(2024, 1, 20))
        january = self.statement(plan, JAN)
        january.action_confirm()
        award = self.lines(january, "individual_award")
        self.assertEqual(award.amount, 500.0)
        self.reopen(deal)
        february = self.statement(plan, FEB)
        clawback = self.lines(february, "award_clawback")
        self.assertEqual(clawback.amount, -500.0)
        self.assertEqual(clawback.award_line_id, award)
        self.assertEqual(clawback.lead_id, deal)
        self.assertEqual(
            clawback.label,
            "Award clawback: Individual award of 01/01/2024 – 01/31/2024, "
            "Deal 40000",
        )
        # the commission itself is reversed as before, beside it
        self.assertEqual(self.lines(february, "adjustment").amount, -960.0)
        february.action_compute()
        self.assertEqual(len(self.lines(february, "award_clawback")), 1)
        february.action_confirm()
        note = january.message_ids.filtered(
            lambda message: "clawed back" in (message.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Deal 40000", note.body)
        # settled once: March carries no second clawback
        self.assertFalse(self.lines(self.statement(plan, MAR), "award_clawback"))

    def test_reopened_deal_above_the_threshold_keeps_the_award(self):
        plan = self.commission_plan(individual_award=500)
        self.won(self.rep, 100_000, date(2024, 1, 10))
        deal = self.won(self.rep, 10_000, date(2024, 1, 20))
        january = self.statement(plan, JAN)
        january.action_confirm()
        self.reopen(deal)
        february = self.statement(plan, FEB)
        self.assertTrue(self.lines(february, "adjustment"))
        self.assertFalse(self.lines(february, "award_clawback"))

    def test_lost_deal_claws_back_the_retention_award(self):
        customer = self.env["res.partner"].create(
            {"name": "Loyal", "is_company": True, "company_id": self.company.id}
        )
        self.won(self.rep, 1_000, date(2023, 10, 1), partner=customer)
        deal = self.won(self.rep, 1_000, date(2024, 1, 10), partner=customer)
        plan = self.commission_plan(retention_award=200, retention_award_threshold=1)
        january = self.statement(plan, JAN)
        self.assertTrue(self.lines(january, "retention_award"))
        january.action_confirm()
        deal.action_set_lost()
        clawback = self.lines(self.statement(plan, FEB), "award_clawback")
        self.assertEqual(clawback.amount, -200.0)
        self.assertIn("Retention award", clawback.label)

    def team_target(self, start):
        self.env["sales.target.plan"].search(
            [("company_id", "=", self.company.id), ("date_start", "=", start)]
        ).line_ids.write({"team_id": self.team.id})

    def test_colleagues_lost_deal_claws_back_the_team_award(self):
        """The team award is the team's: a colleague's deal reopened after
        the statement paid it takes the award back from every member it paid
        once the team is under its target, naming the deal without linking
        a deal the salesperson may not open."""
        plan = self.commission_plan(team_award=300, users=self.rep | self.rep2)
        self.team_target(JAN)  # 200,000: both salespeople's
        self.won(self.rep, 120_000, date(2024, 1, 10))
        self.won(self.rep2, 70_000, date(2024, 1, 12))
        colleagues = self.won(self.rep2, 20_000, date(2024, 1, 20))
        # the month's statements are confirmed together
        january = self.statement(plan, JAN)
        january_colleague = self.statement(plan, JAN, user=self.rep2)
        (january | january_colleague).action_confirm()
        award = self.lines(january, "team_award")
        self.assertEqual(award.amount, 300.0)
        self.reopen(colleagues)
        february = self.statement(plan, FEB)
        clawback = self.lines(february, "award_clawback")
        self.assertEqual(clawback.amount, -300.0)
        self.assertEqual(clawback.award_line_id, award)
        self.assertFalse(clawback.lead_id)
        self.assertIn("Team award", clawback.with_user(self.rep).label)
        self.assertIn(colleagues.name, clawback.with_user(self.rep).label)
        # the colleague gives back his team award too, his deal linked
        theirs = self.lines(self.statement(plan, FEB, user=self.rep2), "award_clawback")
        self.assertEqual(theirs.amount, -300.0)
        self.assertEqual(theirs.lead_id, colleagues)

    def test_colleagues_reopened_deal_above_the_target_keeps_the_team_award(self):
        plan = self.commission_plan(team_award=300, users=self.rep | self.rep2)
        self.team_target(JAN)  # 200,000: both salespeople's
        self.won(self.rep, 150_000, date(2024, 1, 10))
        self.won(self.rep2, 70_000, date(2024, 1, 12))
        colleagues = self.won(self.rep2, 10_000, date(2024, 1, 20))
        january = self.statement(plan, JAN)
        self.assertTrue(self.lines(january, "team_award"))
        (january | self.statement(plan, JAN, user=self.rep2)).action_confirm()
        self.reopen(colleagues)
        self.assertFalse(self.lines(self.statement(plan, FEB), "award_clawback"))
