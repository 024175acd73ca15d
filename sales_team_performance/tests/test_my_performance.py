# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo.tests import new_test_user, tagged, users

from odoo.addons.sales_process_framework.models.sales_measure import (
    period_bounds,
    today_in,
)

from .common import PerformanceCase


@tagged("post_install", "-at_install")
class TestMyPerformancePage(PerformanceCase):
    """Issue 15: My Performance is one read-only call that returns what the
    page shows, for the salesperson and for the team leader."""

    def setUp(self):
        super().setUp()
        self.today = today_in(self.env)
        start, _end = period_bounds(self.today, "quarter")
        # rep is ahead of a small target, rep2 has sold nothing yet
        self.won(self.rep, 40_000, self.today)
        self.plan = self.target_plan(
            [
                {"user_id": self.rep.id, "target": 30_000},
                {"user_id": self.rep2.id, "target": 900_000},
            ],
            start=start,
        )
        self.company.performance_pace_min_elapsed = 0
        Line = self.env["sales.target.line"]
        Line._pace_check(
            self.plan.line_ids,
            self.today,
            self.env.ref("sales_team_performance.mail_activity_type_pace"),
        )
        self.commission = self.commission_plan(users=self.rep)
        lead = self.env["crm.lead"].create(
            {"name": "Call back", "user_id": self.rep.id, "company_id": self.company.id}
        )
        Activity = self.env["mail.activity"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        for user, summary in ((self.rep, "Mine today"), (self.rep2, "Not mine")):
            Activity.create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "res_id": lead.id,
                    "activity_type_id": todo.id,
                    "summary": summary,
                    "user_id": user.id,
                    "date_deadline": self.today,
                }
            )
        Activity.create(
            {
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": lead.id,
                "activity_type_id": todo.id,
                "summary": "Next week",
                "user_id": self.rep.id,
                "date_deadline": self.today + timedelta(days=7),
            }
        )

    def page(self):
        return self.env["sales.performance.dashboard"].get_page()

    @users("perf_rep")
    def test_salesperson_gets_pace_commission_and_today_in_one_call(self):
        page = self.page()
        self.assertEqual(page["user"]["id"], self.rep.id)
        self.assertEqual(page["date"], str(self.today))
        (target,) = page["targets"]
        self.assertEqual(target["user_id"], self.rep.id)
        self.assertEqual(target["achieved"], 40_000)
        self.assertAlmostEqual(target["achievement"], 400 / 3)
        self.assertFalse(target["pace_warning"])
        commission = page["commission"]
        self.assertEqual(commission["revenue"], 40_000)
        self.assertTrue(commission["commission"])
        self.assertTrue(commission["tier"])
        self.assertEqual(
            [a["summary"] for a in page["activities"]],
            ["Mine today"],
            "only my activities due by today",
        )
        self.assertFalse(page["team"], "a salesperson leads no team")

    @users("perf_rep")
    def test_salesperson_never_sees_another_salespersons_figures(self):
        text = json.dumps(self.page())
        self.assertNotIn(self.rep2.name, text)
        self.assertNotIn("900000", text)
        self.assertNotIn("Not mine", text)

    @users("perf_leader")
    def test_team_leader_sees_the_team_and_who_is_behind_pace(self):
        team = self.page()["team"]
        self.assertEqual(team["teams"], ["Perf Team"])
        behind = {member["id"]: member["behind"] for member in team["members"]}
        self.assertEqual(behind, {self.rep.id: False, self.rep2.id: True})
        self.assertEqual(
            {line["user_id"] for line in team["targets"]}, {self.rep.id, self.rep2.id}
        )
        (late,) = (line for line in team["targets"] if line["pace_warning"])
        self.assertEqual(late["user_id"], self.rep2.id)
        self.assertLess(late["projected"], 90)

    def test_page_reads_on_a_read_only_transaction(self):
        self.env.flush_all()
        self.env.cr.execute("SET TRANSACTION READ ONLY")
        page = self.env["sales.performance.dashboard"].with_user(self.leader).get_page()
        self.assertTrue(page["team"])
        self.assertTrue(
            type(self.env["sales.performance.dashboard"]).get_page._readonly
        )

    @users("perf_rep", "perf_leader")
    def test_page_query_count(self):
        self.env.invalidate_all()
        with self.assertQueryCount(perf_rep=43, perf_leader=41):
            self.page()

    @users("perf_leader")
    def test_page_costs_the_same_for_a_bigger_team(self):
        self.env.invalidate_all()
        with self.assertQueryCount(perf_leader=41):
            self.page()
        start, _end = period_bounds(self.today, "quarter")
        leader_env, self.env = self.env, self.env(su=True)
        newcomers = self.env["res.users"]
        for index in range(4):
            newcomers |= new_test_user(
                self.env,
                f"perf_newcomer_{index}",
                groups="sales_team.group_sale_salesman",
                company_id=self.company.id,
                company_ids=[(6, 0, self.company.ids)],
            )
        self.team.member_ids |= newcomers
        self.target_plan(
            [{"user_id": user.id, "target": 50_000} for user in newcomers],
            start=start,
        )
        self.env = leader_env
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(perf_leader=41):
            team = self.page()["team"]
        self.assertEqual(len(team["members"]), 6)

    @users("perf_rep")
    def test_old_my_performance_links_open_the_page(self):
        action = self.env.ref(
            "sales_team_performance.sales_performance_dashboard_action"
        ).sudo()
        result = action.with_user(self.rep).run()
        self.assertEqual(result["type"], "ir.actions.client")
        self.assertEqual(result["tag"], "sales_team_performance.my_performance")
        menu = self.env.ref(
            "sales_team_performance.sales_team_performance_menu_dashboard"
        ).sudo()
        self.assertEqual(menu.action.tag, "sales_team_performance.my_performance")
