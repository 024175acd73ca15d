# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A company's own database: an existing team with opportunities in Odoo's
default stages gets the B2B playbook."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged, users
from odoo.tests.common import JsonRpcException

from odoo.addons.sales_process_framework.tests.common import B2B_STAGES

from .common import NoDemoCase

# Pinned: applying the playbook to a team whose 6 or 90 deals move to the
# playbook's stages, with a chatter note each, inserted in one batch, the
# stages' required data (CRM data completeness), the journey's customer
# personas and the touchpoints' departments (one check that their responsible
# is in the department asked), with the company and field checks of the
# required data and personas (two). It changes stages, criteria and phases, so the
# caches every later stage move reads (pipelines, criteria, phased stages) are
# filled again once: 11 queries more than before those caches, for 6 or 7
# fewer on every gated move.
QUERIES_APPLY = 132

# what the stage of an opportunity decides, stored on it: gate progress,
# journey and rotting follow the new stage
FOLLOWS_THE_STAGE = {
    "stage_id",
    "gate_exit_total",
    "gate_exit_done",
    "card_refresh_pending",
    "journey_phase_id",
    "touchpoint_next_id",
    "touchpoint_deadline",
    "sla_status",
    "rotting_start_date",
}


class PlaybookCase(NoDemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.admin = new_test_user(
            cls.env,
            "pb_admin",
            groups="sales_team.group_sale_manager",
            name="Process Admin",
        )
        cls.rep = new_test_user(
            cls.env, "pb_rep", groups="sales_team.group_sale_salesman"
        )
        cls.leader = new_test_user(
            cls.env, "pb_leader", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.playbook = cls.env.ref("sales_process_framework.playbook_b2b")
        Team = cls.env["crm.team"]
        cls.team = Team.create({"name": "Our Sales Team", "user_id": cls.admin.id})
        cls.other_team = Team.create({"name": "Our Retail Team"})
        cls.new, cls.qualified, cls.proposition, cls.won = (
            cls.env.ref(f"crm.stage_lead{i}") for i in range(1, 5)
        )
        partner = cls.env["res.partner"].create({"name": "Hengda Machinery"})
        tag = cls.env["crm.tag"].create({"name": "Energy"})
        Lead = cls.env["crm.lead"]
        cls.leads = Lead.create(
            [
                {
                    "name": f"Deal in {stage.name}",
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "user_id": cls.rep.id,
                    "stage_id": stage.id,
                    "partner_id": partner.id,
                    "expected_revenue": 600000 + index,
                    "probability": 35,
                    "priority": "2",
                    "tag_ids": [Command.set(tag.ids)],
                    "description": "<p>Compressed air audit</p>",
                }
                for index, stage in enumerate(
                    [cls.new, cls.qualified, cls.proposition, cls.won]
                )
            ]
        )
        cls.lost = Lead.create(
            {
                "name": "Lost deal",
                "type": "opportunity",
                "team_id": cls.team.id,
                "stage_id": cls.qualified.id,
            }
        )
        cls.lost.action_set_lost()
        cls.other_lead = Lead.create(
            {
                "name": "Retail deal",
                "type": "opportunity",
                "team_id": cls.other_team.id,
                "stage_id": cls.new.id,
            }
        )

    def _wizard(self, team, user=None, **mapping):
        form = Form(
            self.env["sales.playbook.apply"]
            .with_user(user or self.admin)
            .with_context(default_team_id=team.id)
        )
        form.playbook_id = self.playbook
        return form

    def _apply(self, team, user=None):
        wizard = self._wizard(team, user).save()
        wizard.action_apply()
        return wizard

    def _stored_values(self, leads):
        names = [
            name
            for name, field in leads._fields.items()
            if field.store and field.column_type and name not in FOLLOWS_THE_STAGE
        ]
        return leads.with_context(active_test=False).read(names)

    def _team_stages(self, team):
        return self.env["crm.stage"]._pipelines(team)[team]

    def _configuration(self):
        """Counts and last writes of everything an application touches."""
        records = [
            self.env["crm.stage"].search([]),
            self.env["sales.gate.criterion"].with_context(active_test=False).search([]),
            self.env["sales.journey.phase"].with_context(active_test=False).search([]),
            self.env["sales.journey.touchpoint"]
            .with_context(active_test=False)
            .search([]),
            (self.leads | self.lost | self.other_lead),
            self.team | self.other_team,
            self.company,
        ]
        return [sorted(r.mapped(lambda x: (x.id, x.write_date))) for r in records] + [
            self.env["mail.message"].search_count(
                [("model", "=", "crm.lead"), ("res_id", "in", self.leads.ids)]
            )
        ]


@tagged("post_install", "-at_install")
class TestApplyPlaybook(PlaybookCase):
    def test_database_has_no_demo_data(self):
        self.assertFalse(
            self.env.ref("sales_process_framework.stage_lead_acquisition", False)
        )
        self.assertFalse(
            self.env["ir.module.module"].search([("name", "=", "crm")]).demo
        )
        # the playbooks are data: they are there
        self.assertEqual(len(self.playbook.stage_ids), 8)

    def test_b2b_playbook_gives_the_team_its_process_and_keeps_the_deals(self):
        other_pipeline = self._team_stages(self.other_team)
        won_before = self.won.read()[0]
        before = self._stored_values(self.leads | self.lost)
        form = self._wizard(self.team)
        # the preview maps Odoo's stages in order, won onto won
        self.assertEqual(len(form.line_ids), 8)
        mapped = {
            form.line_ids.edit(i).playbook_stage_id.name: form.line_ids.edit(i).stage_id
            for i in range(8)
        }
        self.assertEqual(mapped["Lead Acquisition"], self.new)
        self.assertEqual(mapped["Delivery"], self.won)
        self.assertIn("Stages created for the team", form.preview)
        self.assertIn("move from “Won” to “Delivery”", form.preview)
        form.save().action_apply()

        stages = self._team_stages(self.team)
        self.assertEqual(stages.mapped("name"), B2B_STAGES)
        self.assertEqual(stages.team_id, self.team)
        self.assertTrue(self.team.pipeline_own_stages)
        by_name = {s.name: s for s in stages}
        # gates, rules and guidance of the playbook
        self.assertEqual(len(stages.gate_criterion_ids), 12)
        diagnosis = by_name["Needs Diagnosis"]
        self.assertIn("spin", diagnosis.gate_criterion_ids.mapped("kind"))
        self.assertTrue(diagnosis.gate_no_skip)
        self.assertEqual(diagnosis.rotting_days, 14)
        self.assertIn("SPIN", diagnosis.sales_guidance)
        self.assertIn("500,000", by_name["Lead Nurturing"].sales_guidance)
        self.assertEqual(
            by_name["Contract Signing"].gate_criterion_ids.direction, "entry"
        )
        self.assertEqual(
            (self.company.spin_situation_min, self.company.spin_situation_max), (5, 8)
        )
        # the journey of template 2, on the team's stages
        phases = self.env["sales.journey.phase"].search(
            [("team_id", "=", self.team.id)]
        )
        self.assertEqual(len(phases), 6)
        self.assertEqual(len(phases.touchpoint_ids), 15)
        self.assertLessEqual(phases.stage_ids, stages)
        self.assertTrue(all(t.sla_value >= 0 for t in phases.touchpoint_ids))
        # the deals are in the mapped stages and kept every value
        self.assertEqual(
            [lead.stage_id.name for lead in self.leads | self.lost],
            [
                "Lead Acquisition",
                "Lead Nurturing",
                "Needs Diagnosis",
                "Delivery",
                "Lead Nurturing",
            ],
        )
        self.assertEqual(self._stored_values(self.leads | self.lost), before)
        self.assertIn("with no gate asked", self.leads[0].message_ids[0].body)
        # the new stage's gates now apply to the deals' moves
        self.assertEqual(self.leads[1].gate_exit_total, 3)
        # Odoo's stages and the other team are untouched
        self.assertEqual(self._team_stages(self.other_team), other_pipeline)
        self.assertEqual(self.won.read()[0], won_before)
        self.assertFalse(self.won.gate_criterion_ids)
        self.assertEqual(self.other_lead.stage_id, self.new)

    def test_applying_twice_changes_nothing(self):
        self._apply(self.team)
        self.env.flush_all()
        before = self._configuration()
        wizard = self._wizard(self.team).save()
        self.assertIn("Nothing else changes", wizard.preview)
        wizard.action_apply()
        self.env.flush_all()
        self.assertEqual(self._configuration(), before)

    def test_second_team_gets_records_of_its_own(self):
        self._apply(self.team)
        self._apply(self.other_team)
        first, second = self._team_stages(self.team), self._team_stages(self.other_team)
        self.assertEqual(second.mapped("name"), B2B_STAGES)
        self.assertFalse(first & second)
        self.assertFalse(first.gate_criterion_ids & second.gate_criterion_ids)
        self.assertEqual(self.other_lead.stage_id, second[0])
        # adapting one team's process leaves the other's alone
        first[2].rotting_days = 30
        first[1].gate_criterion_ids[0].mode = "warn"
        self.assertEqual(second[2].rotting_days, 14)
        self.assertEqual(second[1].gate_criterion_ids[0].mode, "block")
        phases = self.env["sales.journey.phase"].search(
            [("team_id", "in", (self.team | self.other_team).ids)]
        )
        self.assertEqual(len(phases), 12)

    def test_a_chinese_user_reads_stages_and_guidance_in_chinese(self):
        self._apply(self.team)
        for lang, name, word in (
            ("zh_CN", "线索获取", "关键动作"),
            ("zh_TW", "線索獲取", "關鍵動作"),
        ):
            user = new_test_user(
                self.env,
                f"pb_{lang}",
                groups="sales_team.group_sale_salesman_all_leads",
                lang=lang,
            )
            lead = self.leads[0].with_user(user).with_context(lang=lang)
            self.assertEqual(lead.stage_id.name, name)
            self.assertIn(word, lead.stage_guidance)
            criteria = lead.stage_id.gate_criterion_ids
            self.assertNotEqual(
                criteria.mapped("name"), ["Customer company identified"]
            )

    def test_team_of_another_company_is_refused_and_nothing_changes(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.admin.company_ids |= other
        team = self.env["crm.team"].create({"name": "Foreign", "company_id": other.id})
        before = self._configuration()
        with self.assertRaises(ValidationError) as error:
            self.env["sales.playbook.apply"].with_user(self.admin).create(
                {"playbook_id": self.playbook.id, "team_id": team.id}
            )
        self.assertIn("Sales Team", str(error.exception))
        self.assertIn("Other Co", str(error.exception))
        self.assertEqual(self._configuration(), before)

    def test_a_stage_mapped_twice_is_refused_and_nothing_changes(self):
        form = self._wizard(self.team)
        with form.line_ids.edit(1) as line:
            line.stage_id = self.new
        wizard = form.save()
        before = self._configuration()
        with self.assertRaises(ValidationError) as error:
            wizard.action_apply()
        self.assertIn("“New” is mapped onto", str(error.exception))
        self.assertEqual(self._configuration(), before)

    def test_unmapped_stage_holding_deals_is_refused(self):
        form = self._wizard(self.team)
        with form.line_ids.edit(2) as line:
            line.stage_id = self.env["crm.stage"]
        with self.assertRaises(ValidationError) as error:
            form.save().action_apply()
        self.assertIn("“Proposition” holds 1 opportunities", str(error.exception))

    @users("pb_rep", "pb_leader")
    def test_only_process_administrators_apply(self):
        with self.assertRaises(AccessError):
            self.env["sales.playbook.apply"].create(
                {"playbook_id": self.playbook.id, "team_id": self.team.id}
            )
        wizard = (
            self.env["sales.playbook.apply"]
            .with_user(self.admin)
            .create({"playbook_id": self.playbook.id, "team_id": self.team.id})
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.env.user).action_apply()
        self.assertEqual(self.team.sudo().pipeline_own_stages, False)


@tagged("post_install", "-at_install")
class TestApplyPlaybookRpc(HttpCase):
    def test_salesperson_cannot_apply_through_rpc(self):
        new_test_user(self.env, "pb_rpc_rep", groups="sales_team.group_sale_salesman")
        team = self.env["crm.team"].create({"name": "RPC Team"})
        playbook = self.env.ref("sales_process_framework.playbook_b2b")
        self.authenticate("pb_rpc_rep", "pb_rpc_rep")
        with self.assertRaises(JsonRpcException) as error:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/sales.playbook.apply/create",
                {
                    "model": "sales.playbook.apply",
                    "method": "create",
                    "args": [{"playbook_id": playbook.id, "team_id": team.id}],
                    "kwargs": {},
                },
            )
        self.assertIn("AccessError", error.exception.args[0])
        self.assertFalse(self.env["crm.stage"].search([("team_id", "=", team.id)]))


@tagged("post_install", "-at_install")
class TestApplyPlaybookCost(PlaybookCase):
    def _apply_pinned(self, deals, queries=None):
        team = self.env["crm.team"].create({"name": f"Team of {deals}"})
        self.env["crm.lead"].create(
            [
                {
                    "name": f"Deal {index}",
                    "type": "opportunity",
                    "team_id": team.id,
                    "stage_id": stage.id,
                }
                for index in range(deals)
                for stage in (self.new, self.qualified, self.won)
            ]
        )
        wizard = (
            self.env["sales.playbook.apply"]
            .with_user(self.admin)
            .create({"playbook_id": self.playbook.id, "team_id": team.id})
        )
        self.env.flush_all()
        self.env.invalidate_all()
        if queries is None:
            wizard.action_apply()
        else:
            with self.assertQueryCount(__system__=queries):
                wizard.action_apply()
        self.assertEqual(
            len(self.env["crm.lead"].search([("team_id", "=", team.id)]).stage_id),
            3,
        )

    def test_moving_more_deals_costs_no_more_queries(self):
        self._apply_pinned(1)  # caches warmed
        self._apply_pinned(2, QUERIES_APPLY)
        # 90 deals: the chatter notes still fit in one batch of inserts
        self._apply_pinned(30, QUERIES_APPLY)
