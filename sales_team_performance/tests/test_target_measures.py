# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Targets and contests count the engine's measures, named by the engine."""

from datetime import date
from pathlib import Path

from odoo.tests import tagged

from odoo.addons.sales_process_framework.tests.common import load_script
from odoo.addons.sales_process_framework.tools.measure_definition import (
    MeasureDefinition,
)

from .common import PerformanceCase

MIGRATION = (
    Path(__file__).resolve().parent.parent
    / "migrations/18.0.1.3.0/pre-target-measure-codes.py"
)


def _upgrade(cr):
    load_script(MIGRATION).migrate(cr, "18.0.1.2.0")


@tagged("post_install", "-at_install")
class TestTargetMeasures(PerformanceCase):
    def test_target_line_stores_the_engine_code_with_its_label(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        plan = self.target_plan(
            [{"user_id": self.rep.id, "measure": "won_revenue", "target": 1000}]
        )
        line = plan.line_ids.with_context(lang="zh_CN")
        self.assertEqual(line.measure, "won_revenue")
        labels = dict(line._fields["measure"]._description_selection(line.env))
        self.assertEqual(labels["won_revenue"], "赢单营收")
        self.assertTrue(line.display_name.startswith("赢单营收 · "))

    def test_a_measure_tagged_target_can_be_targeted_and_contested(self):
        Measure = type(self.env["sales.measure"])
        definitions = Measure.definitions

        def extended(measure):
            found = definitions(measure)
            found["lost_count"] = MeasureDefinition(
                "lost_count",
                "Lost deals",
                domain=found["win_rate"].domain + (("active", "=", False),),
                tags=frozenset({"target"}),
            )
            return found

        self.patch(Measure, "definitions", extended)
        for model, fname in (
            ("sales.target.line", "measure"),
            ("gamification.challenge", "contest_measure"),
            ("sales.target.spread.wizard", "measure"),
        ):
            field = self.env[model]._fields[fname]
            self.assertIn(
                ("lost_count", "Lost deals"),
                field._description_selection(self.env),
                model,
            )
        self.assertNotIn(
            "win_rate",
            self.env["sales.target.line"]._fields["measure"].get_values(self.env),
        )
        # a deal closed and archived: lost
        self.won(self.rep, 5000, date(2024, 2, 1), active=False)
        self.won(self.rep, 5000, date(2024, 2, 2))
        plan = self.target_plan(
            [{"user_id": self.rep.id, "measure": "lost_count", "target": 3}]
        )
        self.assertEqual(plan.line_ids.achieved, 1)

    def test_upgrade_rewrites_the_old_keys_to_engine_codes(self):
        self.won(self.rep, 40_000, date(2024, 2, 1))
        plan = self.target_plan(
            [
                {"user_id": self.rep.id, "measure": "won_revenue", "target": 1},
                {"user_id": self.rep.id, "measure": "activity_visit", "target": 1},
                {"user_id": self.rep.id, "measure": "won_count", "target": 1},
            ]
        )
        contest = self.env["gamification.challenge"].create(
            {
                "name": "Q1 sprint",
                "is_sales_contest": True,
                "start_date": date(2024, 1, 1),
                "end_date": date(2024, 3, 31),
            }
        )
        revenue, visits, count = plan.line_ids.sorted("id")
        achieved = plan.line_ids.sorted("id").mapped("achieved")
        # the release before stored keys of its own
        cr = self.env.cr
        self.env.flush_all()
        for line, key in ((revenue, "revenue"), (visits, "visits")):
            cr.execute(
                "UPDATE sales_target_line SET measure = %s WHERE id = %s",
                [key, line.id],
            )
        cr.execute(
            "UPDATE gamification_challenge SET contest_measure = 'revenue'"
            " WHERE id = %s",
            [contest.id],
        )
        _upgrade(cr)
        self.env.invalidate_all()
        self.assertEqual(
            plan.line_ids.sorted("id").mapped("measure"),
            ["won_revenue", "activity_visit", "won_count"],
        )
        self.assertEqual(contest.contest_measure, "won_revenue")
        self.assertEqual(plan.line_ids.sorted("id").mapped("achieved"), achieved)
        self.assertEqual(revenue.achieved, 40_000)
