# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import FEB, JAN, PerformanceCase


@tagged("post_install", "-at_install")
class TestGroups(TransactionCase):
    """Sales Performance rights follow the sales groups."""

    def test_salesperson_is_a_user_not_a_manager(self):
        rep = new_test_user(self.env, "rep", groups="sales_team.group_sale_salesman")
        self.assertTrue(rep.has_group("sales_team_performance.group_performance_user"))
        self.assertFalse(
            rep.has_group("sales_team_performance.group_performance_manager")
        )

    def test_sales_administrator_is_a_manager(self):
        boss = new_test_user(self.env, "boss", groups="sales_team.group_sale_manager")
        self.assertTrue(
            boss.has_group("sales_team_performance.group_performance_manager")
        )

    def test_menu_visible_to_its_group_only(self):
        menu = self.env.ref(
            "sales_team_performance.sales_team_performance_menu_contests"
        )
        clerk = new_test_user(self.env, "clerk", groups="base.group_user")
        rep = new_test_user(self.env, "rep2", groups="sales_team.group_sale_salesman")
        boss = new_test_user(self.env, "boss2", groups="sales_team.group_sale_manager")
        visible = {
            user.login: menu.id
            in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for user in clerk | rep | boss
        }
        self.assertEqual(visible, {"clerk": False, "rep2": False, "boss2": True})


@tagged("post_install", "-at_install")
class TestRecordRules(PerformanceCase):
    """Reps see their own, team leaders their team, managers everything."""

    def setUp(self):
        super().setUp()
        self.plan = self.target_plan(
            [
                {"user_id": user.id, "target": 1000}
                for user in (self.rep, self.rep2, self.outsider)
            ]
        )
        self.commission = self.commission_plan(
            users=self.rep | self.rep2 | self.outsider
        )
        self.statements = self.env["sales.commission.statement"]._ensure_statements(
            self.commission, JAN, FEB
        )
        self.statements.action_compute()
        self.cards = self.env["sales.scorecard"]._refresh(JAN, FEB, self.company)

    def visible(self, model, user):
        records = (
            self.env[model]
            .with_user(user)
            .search(
                [("company_id", "=", self.company.id)]
                if "company_id" in self.env[model]._fields
                else []
            )
        )
        return records.sudo().mapped("user_id")

    def test_rep_leader_manager(self):
        for model in (
            "sales.target.line",
            "sales.commission.statement",
            "sales.scorecard",
        ):
            self.assertEqual(self.visible(model, self.rep), self.rep, model)
            # the leader's own figures and those of the team's members
            self.assertEqual(
                self.visible(model, self.leader) - self.leader,
                self.rep | self.rep2,
                model,
            )
            self.assertEqual(
                self.visible(model, self.manager) - self.leader,
                self.rep | self.rep2 | self.outsider,
                model,
            )
        lines = (
            self.env["sales.commission.statement.line"]
            .with_user(self.rep)
            .search([("statement_id", "in", self.statements.ids)])
        )
        self.assertEqual(lines.statement_id.user_id, self.rep)

    def test_reps_cannot_change_their_figures(self):
        mine = self.statements.filtered(lambda s: s.user_id == self.rep)
        with self.assertRaises(AccessError):
            mine.with_user(self.rep).line_ids.write({"amount": 1_000_000})
        with self.assertRaises(AccessError):
            self.plan.line_ids.filtered(
                lambda line: line.user_id == self.rep
            ).with_user(self.rep).target = 1
        with self.assertRaises(AccessError):
            self.env["sales.commission.statement.line"].with_user(self.rep).create(
                {
                    "statement_id": mine.id,
                    "kind": "special",
                    "name": "x",
                    "reason": "x",
                    "amount": 5,
                }
            )

    def test_commission_plans_are_configured_by_their_group(self):
        with self.assertRaises(AccessError):
            self.commission.with_user(self.manager).name = "Mine"
        admin = new_test_user(
            self.env,
            "perf_commission_admin",
            groups="sales_team.group_sale_manager,"
            "sales_team_performance.group_commission_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.commission.with_user(admin).name = "Renamed"
        self.assertEqual(self.commission.name, "Renamed")

    def test_leaderboard_visible_to_participants_only(self):
        contest = self.env["gamification.challenge"].create(
            {
                "name": "Sprint",
                "is_sales_contest": True,
                "period": "once",
                "manager_id": self.manager.id,
                "start_date": JAN,
                "end_date": date(2024, 1, 31),
                "user_ids": [(6, 0, (self.rep | self.rep2).ids)],
                "state": "inprogress",
            }
        )
        contest.action_contest_refresh()
        Score = self.env["sales.contest.score"]
        self.assertEqual(
            Score.with_user(self.rep)
            .search([("challenge_id", "=", contest.id)])
            .user_id,
            self.rep | self.rep2,
        )
        self.assertFalse(
            Score.with_user(self.outsider).search([("challenge_id", "=", contest.id)])
        )

    def test_dashboard_of_someone_else(self):
        Board = self.env["sales.performance.dashboard"]
        with self.assertRaises(AccessError):
            Board.with_user(self.rep).create({"user_id": self.rep2.id})
        board = Board.with_user(self.leader).create({"user_id": self.rep2.id})
        self.assertEqual(board.user_id, self.rep2)
