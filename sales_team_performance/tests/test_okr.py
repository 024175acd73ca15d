# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""OKRs: key results measured by the engine or checked in by hand, beside
the KPIs of the period."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.sales_process_framework.tools.periods import today_in

from .common import FEB, Q_END, Q_START, PerformanceCase


@tagged("post_install", "-at_install")
class TestOkr(PerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.objective = cls.env["sales.okr.objective"].create(
            {
                "name": "Lead the market",
                "owner_type": "team",
                "team_id": cls.team.id,
                "company_id": cls.company.id,
                "date_start": Q_START,
                "date_end": Q_END,
                "key_result_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Won deals",
                            "kind": "measure",
                            "measure": "won_count",
                            "start_value": 0,
                            "target_value": 4,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Market share",
                            "kind": "manual",
                            "user_id": cls.rep.id,
                            "start_value": 10,
                            "target_value": 20,
                        },
                    ),
                ],
            }
        )
        cls.measured, cls.manual = cls.objective.key_result_ids

    def test_measured_key_result_counts_the_engine_figure(self):
        self.won(self.rep, 100, date(2024, 1, 10))
        self.won(self.rep2, 200, date(2024, 2, 10))
        self.won(self.outsider, 300, date(2024, 2, 10))  # another team
        self.won(self.rep, 400, date(2024, 4, 2))  # after the quarter
        self.assertEqual(self.measured.current_value, 2)
        self.assertEqual(self.measured.progress, 50)
        action = self.measured.action_drill_down()
        self.assertEqual(
            self.env["crm.lead"].search_count(action["domain"]),
            2,
            "the drill-down opens the two deals the figure counts",
        )

    def test_salesperson_objective_counts_their_own_records(self):
        self.won(self.rep, 100, date(2024, 1, 10))
        self.won(self.rep2, 200, date(2024, 2, 10))
        objective = self.objective.copy(
            {"owner_type": "user", "team_id": False, "user_id": self.rep2.id}
        )
        self.assertEqual(objective.key_result_ids[0].current_value, 1)

    def test_manual_key_result_takes_the_latest_check_in(self):
        self.assertEqual(self.manual.current_value, 10, "the start value at first")
        CheckIn = self.env["sales.okr.check.in"].with_user(self.rep)
        CheckIn.create(
            {"key_result_id": self.manual.id, "date": date(2024, 2, 1), "value": 15}
        )
        CheckIn.create(
            {"key_result_id": self.manual.id, "date": date(2024, 1, 1), "value": 12}
        )
        self.manual.invalidate_recordset()
        self.assertEqual(self.manual.current_value, 15, "the latest by date")
        self.assertEqual(self.manual.progress, 50)
        notes = self.objective.message_ids.mapped("body")
        self.assertTrue(any("Market share = 15" in note for note in notes))

    def test_objective_progress_is_the_average_of_its_key_results(self):
        self.won(self.rep, 100, date(2024, 1, 10))  # 1 of 4: 25%
        self.env["sales.okr.check.in"].create(
            {
                "key_result_id": self.manual.id,
                "date": FEB,
                "value": 30,
            }  # past the target
        )
        self.assertEqual(self.manual.progress, 100, "progress stops at 100")
        self.assertAlmostEqual(self.objective.progress, 62.5)

    def test_decreasing_target_counts_a_decrease_as_progress(self):
        result = self.env["sales.okr.key.result"].create(
            {
                "objective_id": self.objective.id,
                "name": "Days to close",
                "kind": "manual",
                "start_value": 60,
                "target_value": 40,
            }
        )
        self.env["sales.okr.check.in"].create(
            {"key_result_id": result.id, "date": FEB, "value": 50}
        )
        self.assertEqual(result.progress, 50)

    def test_kpis_of_the_period_are_shown_beside(self):
        plan = self.target_plan(
            [
                {"team_id": self.team.id, "target": 1000},
                {"team_id": self.other_team.id, "target": 500},
                {"team_id": self.team.id, "user_id": self.rep.id, "target": 300},
            ]
        )
        self.target_plan(
            [{"team_id": self.team.id, "target": 9}],
            start=date(2025, 1, 1),
        )
        lines = plan.line_ids
        team_line = lines.filtered(
            lambda line: line.team_id == self.team and not line.user_id
        )
        rep_line = lines.filtered(lambda line: line.user_id == self.rep)
        mine = self.objective.copy(
            {"owner_type": "user", "team_id": False, "user_id": self.rep.id}
        )
        self.assertEqual(self.objective.kpi_line_ids, team_line)
        self.assertEqual(mine.kpi_line_ids, rep_line)

    def test_bad_values_are_refused(self):
        for value in (float("nan"), float("inf")):
            with self.assertRaisesRegex(ValidationError, "Target"):
                self.measured.write({"target_value": value})
        with self.assertRaisesRegex(ValidationError, "Target"):
            self.measured.target_value = -5
        with self.assertRaisesRegex(ValidationError, "different from"):
            self.measured.target_value = 0
        with self.assertRaisesRegex(ValidationError, "Sales Team"):
            self.objective.team_id = False
        with self.assertRaisesRegex(ValidationError, "entered by hand"):
            self.env["sales.okr.check.in"].create(
                {"key_result_id": self.measured.id, "date": FEB, "value": 1}
            )

    def test_salesperson_reads_but_cannot_set_objectives(self):
        Objective = self.env["sales.okr.objective"].with_user(self.rep)
        self.assertIn(self.objective, Objective.search([]))
        self.assertNotIn(
            self.objective,
            Objective.with_user(self.outsider).search([]),
            "another team's objective stays hidden",
        )
        with self.assertRaises(AccessError):
            Objective.create({"name": "Mine", "owner_type": "company"})
        with self.assertRaises(AccessError):
            self.objective.with_user(self.rep).name = "Changed"
        with self.assertRaises(AccessError):
            self.measured.with_user(self.rep).target_value = 2
        with self.assertRaises(AccessError):
            self.objective.with_user(self.rep).action_activate()

    def test_salesperson_checks_in_only_on_their_key_results(self):
        self.manual.user_id = self.rep2
        with self.assertRaises(AccessError):
            self.env["sales.okr.check.in"].with_user(self.rep).create(
                {"key_result_id": self.manual.id, "date": FEB, "value": 11}
            )
        check_in = (
            self.env["sales.okr.check.in"]
            .with_user(self.rep2)
            .create({"key_result_id": self.manual.id, "date": FEB, "value": 11})
        )
        self.assertEqual(check_in.user_id, self.rep2)
        with self.assertRaises(AccessError):
            check_in.with_user(self.rep).value = 19

    def test_manager_creates_and_activates_in_the_form(self):
        with Form(self.env["sales.okr.objective"].with_user(self.manager)) as form:
            form.name = "Process optimisation"
            form.owner_type = "company"
        objective = form.save()
        objective.action_activate()
        self.assertEqual(objective.state, "active")
        with self.assertRaisesRegex(ValidationError, "buttons"):
            objective.with_user(self.manager).state = "closed"

    def _theirs(self):
        """A key result of another objective, in rep2's charge."""
        objective = self.objective.copy({"name": "Another objective"})
        theirs = objective.key_result_ids.filtered(lambda r: r.kind == "manual")
        theirs.user_id = self.rep2
        return theirs

    def test_check_in_keeps_its_key_result_and_author(self):
        theirs = self._theirs()
        check_in = (
            self.env["sales.okr.check.in"]
            .with_user(self.rep)
            .create({"key_result_id": self.manual.id, "date": FEB, "value": 12})
        )
        # the forged write of a salesperson over RPC: moved onto another's key
        # result, with another value and author
        with self.assertRaisesRegex(UserError, "Key Result"):
            check_in.with_user(self.rep).write(
                {"key_result_id": theirs.id, "value": 19, "user_id": self.rep2.id}
            )
        with self.assertRaisesRegex(UserError, "By"):
            check_in.with_user(self.rep).write({"user_id": self.rep2.id})
        with self.assertRaisesRegex(UserError, "Key Result"):
            check_in.with_user(self.manager).key_result_id = theirs
        self.assertEqual(theirs.current_value, 10, "their key result is untouched")
        check_in.with_user(self.rep).write({"value": 13, "note": "corrected"})
        self.assertEqual(self.manual.current_value, 13)

    def test_no_check_in_on_a_closed_objective(self):
        CheckIn = self.env["sales.okr.check.in"].with_user(self.rep)
        check_in = CheckIn.create(
            {"key_result_id": self.manual.id, "date": FEB, "value": 12}
        )
        self.objective.with_user(self.manager).action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            CheckIn.create({"key_result_id": self.manual.id, "date": FEB, "value": 18})
        with self.assertRaisesRegex(UserError, "closed"):
            check_in.with_user(self.rep).value = 18
        with self.assertRaisesRegex(UserError, "closed"):
            check_in.with_user(self.manager).unlink()
        self.objective.with_user(self.manager).action_draft()
        check_in.with_user(self.rep).value = 18
        self.assertEqual(self.manual.current_value, 18)

    def test_check_in_dates_fall_in_the_period_and_not_after_today(self):
        CheckIn = self.env["sales.okr.check.in"].with_user(self.rep)
        for day in (date(2099, 1, 1), date(2023, 12, 31), date(2024, 4, 1)):
            with self.assertRaisesRegex(ValidationError, "Date: "):
                CheckIn.create(
                    {"key_result_id": self.manual.id, "date": day, "value": 12}
                )
        check_in = CheckIn.create(
            {"key_result_id": self.manual.id, "date": Q_END, "value": 12}
        )
        with self.assertRaisesRegex(ValidationError, "Date: "):
            check_in.date = date(2099, 1, 1)
        # an objective of this quarter: tomorrow is inside its period, and
        # still not a day to check in on
        today = today_in(self.env, self.company)
        current = self.objective.copy(
            {"date_start": today, "date_end": today + timedelta(days=90)}
        )
        result = current.key_result_ids.filtered(lambda r: r.kind == "manual")
        with self.assertRaisesRegex(ValidationError, "in the future"):
            CheckIn.create(
                {
                    "key_result_id": result.id,
                    "date": today + timedelta(days=1),
                    "value": 12,
                }
            )
        self.assertEqual(
            CheckIn.create({"key_result_id": result.id, "value": 12}).date,
            today,
            "a check-in is dated today by default",
        )

    def test_absurd_check_in_values_are_refused(self):
        CheckIn = self.env["sales.okr.check.in"].with_user(self.rep)
        # start 10, target 20: at most ten times that way beyond either end
        for value in (-1e14, 999999, -91, 121):
            with self.assertRaisesRegex(
                ValidationError, "Value: .* between -90 and 120"
            ):
                CheckIn.create(
                    {"key_result_id": self.manual.id, "date": FEB, "value": value}
                )
        check_in = CheckIn.create(
            {"key_result_id": self.manual.id, "date": FEB, "value": 120}
        )
        with self.assertRaisesRegex(ValidationError, "Value"):
            check_in.value = 999999
        CheckIn.create({"key_result_id": self.manual.id, "date": FEB, "value": -90})
