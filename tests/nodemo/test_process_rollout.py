# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A company's own database: a finished pilot on the B2B playbook installed
as data is published as V1.1 and its first wave rolls out."""

from datetime import date

from odoo.tests import new_test_user, tagged

from .common import NoDemoCase


@tagged("post_install", "-at_install")
class TestProcessRolloutNoDemo(NoDemoCase):
    def test_publish_a_pilot_and_roll_it_out_without_demo(self):
        cron = self.env.ref(
            "sales_process_framework.ir_cron_sales_process_rollout_waves"
        )
        self.assertTrue(cron.active)
        admin = new_test_user(
            self.env, "ro_admin", groups="sales_team.group_sale_manager"
        )
        team = self.env["crm.team"].create({"name": "Our Pilot Team"})
        pilot = self.env["sales.process.version"].create(
            {
                "name": "Our pilot",
                "team_ids": [(6, 0, team.ids)],
                "playbook_id": self.env.ref("sales_process_framework.playbook_b2b").id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 4, 1),
            }
        )
        action = pilot.with_user(admin).action_publish()
        rollout = self.env["sales.process.rollout"].browse(action["res_id"])
        first, second = rollout.wave_ids
        second.team_ids = False
        second.unlink()
        rollout.with_user(admin).action_plan()
        self.assertEqual(team.process_rollout_id, rollout)
        self.assertEqual(rollout.state, "done")
