# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProcessGroups(TransactionCase):
    """The process groups follow the sales groups, so nobody is forgotten."""

    def test_new_salesperson_works_under_the_process_without_configuring_it(self):
        rep = new_test_user(
            self.env, "spf_rep", groups="sales_team.group_sale_salesman"
        )
        self.assertTrue(rep.has_group("sales_process_framework.group_process_user"))
        self.assertFalse(rep.has_group("sales_process_framework.group_process_manager"))

    def test_sales_administrator_configures_the_process(self):
        boss = new_test_user(
            self.env, "spf_boss", groups="sales_team.group_sale_manager"
        )
        self.assertTrue(boss.has_group("sales_process_framework.group_process_manager"))

    def test_internal_user_outside_sales_gets_nothing(self):
        clerk = new_test_user(self.env, "spf_clerk", groups="base.group_user")
        self.assertFalse(clerk.has_group("sales_process_framework.group_process_user"))

    def test_process_stage_menu_is_for_process_administrators_only(self):
        menu = self.env.ref(
            "sales_process_framework.sales_process_framework_menu_stages"
        )
        rep = new_test_user(
            self.env, "spf_rep2", groups="sales_team.group_sale_salesman"
        )
        boss = new_test_user(
            self.env, "spf_boss2", groups="sales_team.group_sale_manager"
        )
        visible_for = {
            user.login: menu.id
            in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for user in rep | boss
        }
        self.assertEqual(visible_for, {"spf_rep2": False, "spf_boss2": True})

    def test_menus_as_odoo_apps_do_them(self):
        """Reports under CRM > Reporting, configuration under CRM >
        Configuration, and every salesperson reaches her own process health."""
        Menu = self.env["ir.ui.menu"]

        def ref(name):
            return self.env.ref(f"sales_process_framework.{name}")

        reports = ref("sales_process_framework_menu_root").child_id
        config = ref("sales_process_framework_menu_config").child_id
        self.assertEqual(
            ref("sales_process_framework_menu_root").parent_id,
            self.env.ref("crm.crm_menu_report"),
        )
        self.assertEqual(
            ref("sales_process_framework_menu_config").parent_id,
            self.env.ref("crm.crm_menu_config"),
        )
        self.assertIn(ref("sales_process_framework_menu_gate_results"), reports)
        self.assertIn(ref("sales_process_framework_menu_gate_criteria"), config)
        # no configuration among the reports, and the other way round
        self.assertFalse(
            reports.filtered(
                lambda m: m.action
                and m.action.res_model
                in (
                    "crm.stage",
                    "sales.gate.criterion",
                    "sales.playbook",
                    "sales.health.metric",
                    "sales.deliverable.type",
                )
            )
        )
        rep = new_test_user(
            self.env, "spf_rep3", groups="sales_team.group_sale_salesman"
        )
        visible = Menu.with_user(rep)._visible_menu_ids()
        self.assertIn(ref("sales_process_framework_menu_health_dashboard").id, visible)
        self.assertIn(ref("sales_process_framework_menu_root").id, visible)
        self.assertNotIn(ref("sales_process_framework_menu_config").id, visible)


@tagged("post_install", "-at_install")
class TestIntegrity(TransactionCase):
    """Issue 11: team leaders read process health, numbers stay numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env,
            "spf_leader",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.metric = cls.env["sales.health.metric"].create(
            {
                "name": "Integrity win rate",
                "code": "win_rate",
                "healthy_threshold": 30,
                "alert_threshold": 20,
            }
        )
        cls.snapshot = cls.env["sales.health.snapshot"].create(
            {
                "metric_id": cls.metric.id,
                "company_id": cls.env.company.id,
                "scope": "company",
                "scope_key": "company",
                "period": "month",
                "period_start": date(2024, 1, 1),
                "period_end": date(2024, 2, 1),
                "value": 42,
            }
        )
        cls.pilot = cls.env["sales.process.version"].create(
            {
                "name": "Integrity pilot",
                "team_ids": [Command.set(cls.env["crm.team"].search([], limit=1).ids)],
                "date_start": date(2024, 1, 1),
                "date_end": date(2024, 3, 1),
                "line_ids": [Command.create({"metric_id": cls.metric.id})],
            }
        )

    # item 5 -----------------------------------------------------------------
    def test_team_leader_reads_but_does_not_write_health_or_pilots(self):
        self.assertFalse(self.leader.has_group("sales_team.group_sale_manager"))
        snapshot = self.snapshot.with_user(self.leader)
        pilot = self.pilot.with_user(self.leader)
        self.assertEqual(snapshot.value, 42)
        self.assertEqual(pilot.name, "Integrity pilot")
        with self.assertRaises(AccessError):
            snapshot.write({"value": 99})
        with self.assertRaises(AccessError):
            snapshot.copy()
        with self.assertRaises(AccessError):
            pilot.write({"name": "Mine"})
        with self.assertRaises(AccessError):
            pilot.line_ids.write({"pilot_value": 99})
        with self.assertRaises(AccessError):
            pilot.action_compare()
        with self.assertRaises(AccessError):
            self.metric.with_user(self.leader).action_compute_now()
        self.assertEqual(self.snapshot.value, 42)

    # item 10 ----------------------------------------------------------------
    def test_non_finite_and_absurd_numbers_are_refused_with_the_field_named(self):
        for value in (float("nan"), float("inf"), -float("inf"), 1e20):
            with self.assertRaises(ValidationError) as caught:
                self.metric.write({"healthy_threshold": value})
            self.assertIn("Healthy From", str(caught.exception))
            with self.assertRaises(ValidationError) as caught:
                self.env.company.write({"journey_grace_hours": value})
            self.assertIn("Grace", str(caught.exception))
        self.assertEqual(self.metric.healthy_threshold, 30)
        # an import reports it and imports nothing
        result = self.env["sales.health.metric"].load(
            ["name", "code", "healthy_threshold", "alert_threshold"],
            [["Imported", "win_rate", "NaN", "20"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("Healthy From", result["messages"][0]["message"])
        # opportunities too: their revenue feeds every figure of the suite
        lead = self.env["crm.lead"].create({"name": "Guarded", "type": "opportunity"})
        for value in (float("nan"), float("inf"), 1e20):
            with self.assertRaises(ValidationError) as caught:
                lead.write({"expected_revenue": value})
            self.assertIn("Expected Revenue", str(caught.exception))
        lead.write({"expected_revenue": 250000})
        self.assertEqual(lead.expected_revenue, 250000)
        # ordinary figures, negative ones included, still pass
        self.metric.write({"healthy_threshold": 35.5, "alert_threshold": 20})
        self.assertEqual(self.metric.healthy_threshold, 35.5)
