# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
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

    def test_managers_cannot_change_scorecard_figures(self):
        card = self.cards.filtered(lambda c: c.user_id == self.rep)
        revenue = card.revenue
        with self.assertRaisesRegex(AccessError, "Revenue.* set by the suite"):
            card.with_user(self.manager).write({"revenue": 9e9, "composite": 100})
        with self.assertRaisesRegex(AccessError, "Salesperson"):
            card.with_user(self.manager).user_id = self.rep2
        with self.assertRaises(AccessError):
            self.env["sales.scorecard"].with_user(self.manager).create(
                {
                    "user_id": self.rep2.id,
                    "company_id": self.company.id,
                    "date_start": FEB,
                    "date_end": FEB,
                    "revenue": 1,
                }
            )
        # the selling expenses are the manager's to enter
        card.with_user(self.manager).expenses = 500
        self.assertEqual(card.expenses, 500)
        self.assertEqual(card.revenue, revenue)

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


@tagged("post_install", "-at_install")
class TestIntegrity(PerformanceCase):
    """Issue 11: statements, tiers, steps and numbers hold whatever the caller
    sends, over RPC and with any context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            "perf_integrity_admin",
            groups="sales_team.group_sale_salesman,"
            "sales_team_performance.group_commission_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def as_user(self, records, user):
        return records.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids
        )

    def confirmed_statement(self):
        self.target_plan([{"user_id": self.rep.id, "target": 1000}])
        plan = self.commission_plan()
        statement = self.env["sales.commission.statement"]._ensure_statements(
            plan, JAN, FEB
        )
        statement.action_confirm()
        return statement

    # item 2 -----------------------------------------------------------------
    def test_manager_cannot_change_a_confirmed_statement(self):
        statement = self.confirmed_statement()
        total = statement.amount_total
        self.assertFalse(
            self.manager.has_group("sales_team_performance.group_commission_manager")
        )
        as_manager = self.as_user(statement, self.manager)
        Line = self.as_user(
            self.env["sales.commission.statement.line"], self.manager
        ).with_context(commission_computing=True)
        with self.assertRaises(UserError):
            Line.create(
                {
                    "statement_id": statement.id,
                    "kind": "commission",
                    "name": "Bonus",
                    "amount": 5000,
                }
            )
        for state in ("paid", "draft"):
            with self.assertRaises(ValidationError):
                as_manager.with_context(commission_computing=True).write(
                    {"state": state}
                )
        with self.assertRaises(UserError):
            as_manager.action_pay()
        statement.invalidate_recordset()
        self.assertEqual(
            (statement.state, statement.amount_total), ("confirmed", total)
        )
        # the commission administrator pays it, through the button
        self.as_user(statement, self.admin).action_pay()
        self.assertEqual(statement.state, "paid")

    # item 7 -----------------------------------------------------------------
    def test_no_context_key_skips_the_tier_checks(self):
        plan = self.as_user(self.commission_plan(), self.admin)
        Tier = self.as_user(self.env["sales.commission.tier"], self.admin)
        Tier = Tier.with_context(commission_tiers_checked=True)
        with self.assertRaises(ValidationError):
            Tier.create({"plan_id": plan.id, "lower": 0, "upper": 80, "rate": -5})
        with self.assertRaises(ValidationError):
            Tier.create({"plan_id": plan.id, "lower": 50, "upper": 90, "rate": 3})
        with self.assertRaises(ValidationError):
            plan.tier_ids[:1].with_context(commission_tiers_checked=True).write(
                {"rate": -5}
            )
        self.assertEqual(len(plan.tier_ids), 4)
        self.assertGreaterEqual(min(plan.tier_ids.mapped("rate")), 0)
        # a plan still rewrites its tiers in one go, passing through overlaps
        plan.write(
            {
                "tier_ids": [
                    Command.update(plan.tier_ids[0].id, {"upper": 90}),
                    Command.update(plan.tier_ids[1].id, {"lower": 90}),
                ]
            }
        )
        self.assertEqual(plan.tier_ids.sorted("lower")[1].lower, 90)

    # item 8 and the other state fields --------------------------------------
    def test_coaching_step_changes_only_through_next_step(self):
        Session = self.as_user(self.env["sales.coaching.session"], self.manager)
        session = Session.create({"user_id": self.rep.id})
        with self.assertRaises(ValidationError) as caught:
            session.write({"step": "done"})
        self.assertIn("Step", str(caught.exception))
        with self.assertRaises(ValidationError):
            Session.create({"user_id": self.rep.id, "step": "review"})
        with self.assertRaises(ValidationError):
            Session.with_context(default_step="review").create(
                {"user_id": self.rep.id, "step": "review"}
            )
        self.assertEqual(session.step, "observe")
        # nor does a context default set it
        later = Session.with_context(default_step="done").create(
            {"user_id": self.rep.id}
        )
        self.assertEqual(later.step, "observe")
        session.observation = "<p>Seen</p>"
        session.action_next_step()
        self.assertEqual(session.step, "feedback")

    def test_review_state_changes_only_through_its_button(self):
        review = self.as_user(
            self.env["sales.performance.review"], self.manager
        ).create({"user_id": self.rep.id, "date_start": JAN, "date_end": FEB})
        with self.assertRaises(ValidationError):
            review.write({"state": "done"})
        with self.assertRaises(AccessError):
            self.as_user(review, self.rep).action_done()
        self.assertEqual(review.state, "draft")

    # item 9 -----------------------------------------------------------------
    def test_other_company_sees_no_tiers_prizes_or_leaderboards(self):
        plan = self.commission_plan()
        contest = self.env["gamification.challenge"].create(
            {
                "name": "Sprint",
                "is_sales_contest": True,
                "period": "once",
                "manager_id": self.manager.id,
                "start_date": JAN,
                "end_date": date(2024, 1, 31),
                "user_ids": [Command.set((self.rep | self.rep2).ids)],
                "contest_prize_ids": [
                    Command.create({"rank": rank, "name": f"Prize {rank}"})
                    for rank in (1, 2, 3)
                ],
                "state": "inprogress",
            }
        )
        contest.action_contest_refresh()
        other = self.env["res.company"].create({"name": "Performance Other Co"})
        foreign = new_test_user(
            self.env,
            "perf_foreign",
            groups="sales_team.group_sale_manager,"
            "sales_team_performance.group_commission_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        for model, domain in (
            ("sales.commission.tier", [("plan_id", "=", plan.id)]),
            ("sales.contest.prize", [("challenge_id", "=", contest.id)]),
            ("sales.contest.score", [("challenge_id", "=", contest.id)]),
            ("gamification.challenge", [("id", "=", contest.id)]),
        ):
            self.assertTrue(self.env[model].search(domain), model)
            self.assertFalse(
                self.as_user(self.env[model], foreign).search(domain), model
            )

    # item 10 ----------------------------------------------------------------
    def test_non_finite_and_absurd_numbers_are_refused(self):
        plan = self.target_plan([{"user_id": self.rep.id, "target": 1000}])
        line = self.as_user(plan.line_ids, self.manager)
        commission = self.as_user(self.commission_plan(), self.admin)
        for value in ("NaN", "Infinity", "-Infinity", 1e20):
            with self.assertRaises(ValidationError) as caught:
                line.write({"target": float(value)})
            self.assertIn("Target", str(caught.exception))
            with self.assertRaises(ValidationError) as caught:
                commission.tier_ids[:1].write({"rate": float(value)})
            self.assertIn("Rate (%)", str(caught.exception))
        self.assertEqual(line.target, 1000)
        # the nightly computation then runs for every statement
        statements = self.env["sales.commission.statement"]._cron_compute_statements(
            today=FEB
        )
        self.assertTrue(statements)
