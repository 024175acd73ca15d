# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..tools.periods import period_bounds, today_in


@tagged("post_install", "-at_install")
class TestPipelineTours(HttpCase):
    def _rep(self, xmlid):
        user = self.env.ref(f"sales_process_framework.{xmlid}")
        user.tour_enabled = False
        return user

    def test_salesperson_opens_the_b2b_pipeline(self):
        rep = self._rep("user_li_wei")
        self.start_tour(
            "/odoo", "sales_process_framework_pipeline_tour", login=rep.login
        )

    def test_salesperson_reads_the_pipeline_in_chinese(self):
        rep = self._rep("user_wang_fang")
        self.assertEqual(rep.lang, "zh_CN")
        self.start_tour("/odoo", "sales_process_framework_zh_tour", login=rep.login)

    def test_salesperson_meets_a_blocking_gate_then_passes_it(self):
        rep = self._rep("user_li_wei")
        lead = self.env.ref("sales_process_framework.crm_lead_gate_blocked")
        self.start_tour(
            "/odoo", "sales_process_framework_gate_rep_tour", login=rep.login
        )
        self.assertEqual(lead.stage_id.name, "Negotiation")
        self.assertEqual(lead.deliverable_ids.state, "attached")

    def test_manager_overrides_a_gate_with_a_reason(self):
        manager = self._rep("user_zhao_lei")
        lead = self.env.ref("sales_process_framework.crm_lead_gate_budget")
        self.start_tour(
            f"/odoo/crm/{lead.id}",
            "sales_process_framework_gate_override_tour",
            login=manager.login,
        )
        self.assertEqual(lead.stage_id.name, "Needs Diagnosis")
        self.assertEqual(lead.gate_override_ids.user_id, manager)
        self.assertIn(
            self.env.ref("sales_process_framework.gate_nurturing_budget"),
            lead.gate_override_ids.criterion_ids,
        )

    def test_salesperson_refused_statusbar_move_reverts_cleanly(self):
        rep = self._rep("user_li_wei")
        lead = self.env.ref("sales_process_framework.crm_lead_gate_blocked")
        stage = lead.stage_id
        self.start_tour(
            f"/odoo/crm/{lead.id}",
            "sales_process_framework_gate_statusbar_tour",
            login=rep.login,
        )
        self.assertEqual(lead.stage_id, stage)

    def test_manager_overrides_a_refused_drag_and_the_card_moves(self):
        manager = self._rep("user_zhao_lei")
        lead = self.env.ref("sales_process_framework.crm_lead_gate_overridden")
        self.start_tour(
            "/odoo/crm",
            "sales_process_framework_gate_drag_override_tour",
            login=manager.login,
        )
        self.assertEqual(
            lead.stage_id,
            self.env.ref("sales_process_framework.stage_contract_signing"),
        )
        override = lead.gate_override_ids.filtered(
            lambda o: o.to_stage_id == lead.stage_id
        )
        self.assertEqual(override.user_id, manager)
        self.assertTrue(override.used)

    def test_manager_refreshes_blocked_opportunities_from_every_view(self):
        manager = self._rep("user_zhao_lei")
        self.start_tour(
            "/odoo/action-sales_process_framework.sales_gate_result_action",
            "sales_process_framework_gate_report_refresh_tour",
            login=manager.login,
        )

    def test_salesperson_logs_a_breached_touchpoint_from_the_card(self):
        rep = self._rep("user_li_wei")
        lead = self.env.ref("sales_process_framework.crm_lead_journey_breached")
        self.assertEqual(lead.sla_status, "breached")
        self.start_tour(
            "/odoo", "sales_process_framework_journey_tour", login=rep.login
        )
        call = self.env.ref("sales_process_framework.tp_intro_call")
        self.assertIn(call, lead.touchpoint_log_ids.touchpoint_id)
        self.assertEqual(
            lead.touchpoint_log_ids.filtered(
                lambda log: log.touchpoint_id == call
            ).user_id,
            rep,
        )

    def test_salesperson_sees_the_idle_card_rotting_and_its_days(self):
        """The card's rotting badge and days idle, drawn in the browser from
        the stored dates, say what the server says."""
        rep = self._rep("user_li_wei")
        leads = self.env["crm.lead"].search(
            [
                ("user_id", "=", rep.id),
                ("type", "=", "opportunity"),
                ("stage_id.rotting_days", ">", 0),
                ("stage_id.rotting_days", "<", 30),
                ("stage_id.is_won", "=", False),
            ],
            limit=2,
        )
        self.assertEqual(len(leads), 2)
        idle, fresh = leads
        idle.name, fresh.name = "Idle for a month", "Moved this morning"
        now = fields.Datetime.now()
        for lead, since in ((idle, now - timedelta(days=30, hours=1)), (fresh, now)):
            lead.write({"date_last_stage_update": since, "date_last_touch": False})
        leads.invalidate_recordset()
        self.assertEqual((idle.is_rotting, idle.idle_days), (True, 30))
        self.assertFalse(fresh.is_rotting)
        self.start_tour(
            "/odoo", "sales_process_framework_rotting_tour", login=rep.login
        )

    def test_manager_reads_the_health_dashboard_and_drills_down(self):
        manager = self._rep("user_zhao_lei")
        # The demo's leads came in on days counted back from the install, so
        # early in a month the current month may hold no slow answer: add one
        # at the month's first instant, answered 100 hours later, whatever today.
        measure = self.env["sales.measure"]
        start, end = period_bounds(today_in(self.env), "month")
        created = measure.bounds(start, end)[0]
        lead = self.env["crm.lead"].create(
            {
                "name": "Slow answer this month",
                "type": "opportunity",
                "team_id": self.env.ref("sales_process_framework.crm_team_direct").id,
                "user_id": self.env.ref("sales_process_framework.user_li_wei").id,
            }
        )
        # the ORM sets create_date itself: date the lead back in SQL
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s", [created, lead.id]
        )
        lead.invalidate_recordset(["create_date"])
        lead.first_response_date = created + timedelta(hours=100)
        self.assertEqual(lead.first_response_hours, 100)
        self.env["sales.health.snapshot"]._cron_snapshot()
        self.start_tour(
            "/odoo/action-sales_process_framework.sales_health_snapshot_action_dashboard",
            "sales_process_framework_health_tour",
            login=manager.login,
        )
