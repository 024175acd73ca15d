# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Publishing a finished pilot as V1.1 and rolling it out in waves."""

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestProcessRollout(SalesCase):
    LOGIN = "rollout"
    TEAM = {"name": "Rollout Pilot Team"}
    COMPANY = {"name": "Rollout Co"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_team = cls.env["crm.team"].create(
            {"name": "Rollout Core Team", "company_id": cls.company.id}
        )
        cls.playbook = cls.env.ref("sales_process_framework.playbook_b2b")
        cls.pilot = cls.env["sales.process.version"].create(
            {
                "name": "Process V1.1 pilot",
                "company_id": cls.company.id,
                "team_ids": [(6, 0, cls.team.ids)],
                "playbook_id": cls.playbook.id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 4, 1),
            }
        )

    def publish(self):
        action = self.pilot.with_user(self.manager).action_publish()
        return self.env["sales.process.rollout"].browse(action["res_id"])

    def test_publish_plans_the_pilot_teams_then_the_others(self):
        rollout = self.publish()
        self.assertEqual(rollout.name, "V1.1")
        first, second = rollout.wave_ids
        self.assertEqual(first.team_ids, self.team)
        self.assertIn(self.other_team, second.team_ids)
        self.assertNotIn(self.team, second.team_ids)
        self.assertGreater(second.date, first.date)

    def test_each_wave_applies_the_playbook_on_its_date_once(self):
        rollout = self.publish()
        first, second = rollout.wave_ids
        second.team_ids = self.other_team
        rollout.with_user(self.manager).action_plan()
        self.assertTrue(first.done)
        self.assertFalse(second.done)
        self.assertEqual(self.team.process_rollout_id, rollout)
        self.assertFalse(self.other_team.process_rollout_id)
        stages = self.env["crm.stage"].search([("team_id", "=", self.team.id)])
        self.assertEqual(
            set(stages.mapped("name")), set(self.playbook.stage_ids.mapped("name"))
        )
        messages = len(rollout.message_ids)
        self.env["sales.process.rollout"]._cron_apply_due_waves()
        self.assertEqual(len(rollout.message_ids), messages)
        self.assertEqual(rollout.state, "planned")
        # the second wave's day comes
        second.date = date.today() - timedelta(days=1)
        self.env["sales.process.rollout"]._cron_apply_due_waves()
        self.assertTrue(second.done)
        self.assertEqual(self.other_team.process_rollout_id, rollout)
        self.assertEqual(rollout.state, "done")
        self.assertIn("Rollout Core Team", rollout.message_ids[0].body)

    def test_only_a_finished_pilot_is_published_by_a_manager(self):
        with self.assertRaises(AccessError):
            self.pilot.with_user(self.rep).action_publish()
        self.pilot.date_end = date.today() + timedelta(days=10)
        with self.assertRaises(UserError) as error:
            self.pilot.with_user(self.manager).action_publish()
        self.assertIn("End Date", str(error.exception))

    def test_a_wave_rolls_out_to_teams_of_its_company_only(self):
        # the waves apply the playbook as superuser: a team of a company the
        # administrator does not work in would be changed through them
        other = self.env["res.company"].create({"name": "Rollout Other Co"})
        foreign = self.env["crm.team"].create(
            {"name": "Rollout Foreign Team", "company_id": other.id}
        )
        rollout = self.publish()
        with self.assertRaises(UserError):
            rollout.wave_ids[:1].with_user(self.manager).team_ids |= foreign
        with self.assertRaises(UserError):
            self.env["sales.process.rollout"].with_user(self.manager).create(
                {
                    "name": "V1.2",
                    "version_id": self.pilot.id,
                    "playbook_id": self.playbook.id,
                    "wave_ids": [
                        Command.create({"date": date.today(), "team_ids": foreign.ids})
                    ],
                }
            )
        self.assertFalse(foreign.process_rollout_id)

    def test_the_version_a_team_follows_is_not_set_by_hand(self):
        rollout = self.publish()
        with self.assertRaises(UserError):
            self.team.with_user(self.manager).process_rollout_id = rollout
        # nor on a new team, by value or context default
        Team = self.env["crm.team"].with_user(self.manager)
        with self.assertRaises(UserError) as error:
            Team.create({"name": "Rollout Shortcut", "process_rollout_id": rollout.id})
        self.assertIn("Process Version", str(error.exception))
        with self.assertRaises(UserError):
            Team.with_context(default_process_rollout_id=rollout.id).create(
                {"name": "Rollout Shortcut"}
            )
        # a copy of a rolled-out team starts without a version, not refused
        self.team.sudo().process_rollout_id = rollout
        copy = self.team.with_user(self.manager).copy({"name": "Rollout Copy"})
        self.assertFalse(copy.process_rollout_id)
