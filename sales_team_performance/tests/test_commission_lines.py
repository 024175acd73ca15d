# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who makes which statement line: computed lines (commission, awards, ramp,
clawbacks) only by the statement's computation, manual lines only by
commission administrators, and a clawback only of an earlier award of the
same salesperson."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import FEB, JAN
from .test_commission_ramp import CommissionCase

COMPUTED = (
    "commission",
    "individual_award",
    "team_award",
    "retention_award",
    "ramp",
    "award_clawback",
    "suggestion_reward",
)


@tagged("post_install", "-at_install")
class TestStatementLineRights(CommissionCase):
    def setUp(self):
        super().setUp()
        self.plan = self.commission_plan(
            users=self.rep | self.rep2, individual_award=500
        )
        self.won(self.rep, 120_000, date(2024, 1, 10))
        self.won(self.rep2, 110_000, date(2024, 1, 12))
        self.january = self.statement(self.plan, JAN)
        self.other = self.statement(self.plan, JAN, user=self.rep2)
        self.Line = self.env["sales.commission.statement.line"]

    def line_values(self, statement, kind, **extra):
        return {
            "statement_id": statement.id,
            "kind": kind,
            "name": "Extra",
            "reason": "Because",
            "amount": 1e9,
            **extra,
        }

    def test_nobody_adds_or_edits_computed_lines(self):
        february = self.statement(self.plan, FEB)
        before = february.amount_total
        award = self.lines(self.other, "individual_award")
        for user in (self.manager, self.commission_manager):
            Line = self.Line.with_user(user)
            for kind in COMPUTED:
                with self.subTest(user=user.login, kind=kind):
                    with self.assertRaises(AccessError):
                        Line.create(self.line_values(february, kind))
                    with self.assertRaises(AccessError):
                        february.with_user(user).write(
                            {
                                "line_ids": [
                                    Command.create(self.line_values(february, kind))
                                ]
                            }
                        )
            # no context key opens the computation's way in
            with self.assertRaises(AccessError):
                Line.with_context(
                    default_is_computed=True, sales_action_writes=True
                ).create(self.line_values(february, "retention_award"))
            with self.assertRaises(AccessError):
                Line.create(
                    self.line_values(
                        february, "adjustment", is_computed=True, award_line_id=False
                    )
                )
            with self.assertRaises(AccessError):
                Line.create(
                    self.line_values(
                        february, "award_clawback", amount=-1, award_line_id=award.id
                    )
                )
            computed = february.line_ids.with_user(user)
            with self.assertRaises(AccessError):
                computed.write({"amount": 1e9})
            with self.assertRaises(AccessError):
                computed.unlink()
        self.assertEqual(february.amount_total, before)
        self.assertEqual(self.lines(february, "award_clawback"), self.Line)

    def test_manual_lines_are_for_commission_administrators(self):
        values = self.line_values(self.january, "special", amount=250)
        with self.assertRaises(AccessError):
            self.Line.with_user(self.manager).create(values)
        special = self.Line.with_user(self.commission_manager).create(values)
        self.assertEqual(special.amount, 250.0)
        with self.assertRaises(AccessError):
            special.with_user(self.manager).amount = 1e9
        with self.assertRaises(AccessError):
            special.with_user(self.manager).unlink()
        # a manual line does not become a computed kind
        with self.assertRaises(AccessError):
            special.with_user(self.commission_manager).kind = "retention_award"
        special.with_user(self.commission_manager).write(
            {"kind": "adjustment", "amount": -100}
        )
        self.assertEqual(special.amount, -100.0)
        # the computation keeps it, run by a manager
        self.january.with_user(self.manager).action_compute()
        self.assertIn(special, self.january.line_ids)

    def test_computation_by_a_manager_still_makes_its_lines(self):
        self.january.line_ids.unlink()
        self.january.with_user(self.manager).action_compute()
        self.assertEqual(self.lines(self.january, "individual_award").amount, 500.0)
        self.assertTrue(self.lines(self.january, "commission"))

    def test_clawback_takes_back_an_earlier_award_of_the_same_salesperson(self):
        february = self.statement(self.plan, FEB)
        own = self.lines(self.january, "individual_award")
        for award in (
            self.lines(self.other, "individual_award"),  # another salesperson
            self.lines(self.january, "commission")[:1],  # not an award
            self.lines(february, "commission")[:1],  # not earlier
        ):
            with self.subTest(award=award.name), self.assertRaises(ValidationError):
                # even the computation's own rights do not make it valid
                self.Line.create(
                    self.line_values(
                        february,
                        "award_clawback",
                        amount=-1,
                        is_computed=True,
                        award_line_id=award.id,
                    )
                )
        with self.assertRaises(ValidationError):
            self.Line.create(
                self.line_values(february, "special", award_line_id=own.id)
            )
        clawback = self.Line.create(
            self.line_values(
                february,
                "award_clawback",
                amount=-500,
                is_computed=True,
                award_line_id=own.id,
            )
        )
        self.assertEqual(clawback.award_line_id, own)

    def test_forged_clawback_leaves_no_note_on_another_statement(self):
        self.other.action_confirm()
        award = self.lines(self.other, "individual_award")
        february = self.statement(self.plan, FEB)
        with self.assertRaises(AccessError):
            february.with_user(self.manager).write(
                {
                    "line_ids": [
                        Command.create(
                            self.line_values(
                                february,
                                "award_clawback",
                                amount=-1,
                                award_line_id=award.id,
                            )
                        )
                    ]
                }
            )
        february.with_user(self.manager).action_confirm()
        self.assertFalse(
            self.other.message_ids.filtered(
                lambda message: "clawed back" in (message.body or "")
            )
        )

    def test_statement_figures_come_from_the_computation(self):
        Statement = self.env["sales.commission.statement"].with_user(self.manager)
        for field, value in (("revenue", 1e9), ("achievement", 999.0)):
            with self.subTest(field=field):
                with self.assertRaises(ValidationError):
                    self.january.with_user(self.manager).write({field: value})
                with self.assertRaises(ValidationError):
                    Statement.with_context(**{f"default_{field}": value}).create(
                        {
                            "plan_id": self.plan.id,
                            "user_id": self.rep.id,
                            "date_start": date(2024, 5, 1),
                            "date_end": date(2024, 5, 31),
                            field: value,
                        }
                    )
        self.assertEqual(self.january.revenue, 120_000.0)
        self.january.with_user(self.manager).action_compute()
        self.assertEqual(self.january.achievement, 120.0)
