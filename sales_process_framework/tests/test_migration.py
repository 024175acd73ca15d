# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from odoo.tests import tagged

from .common import GateCase, load_script

SCRIPT = Path(__file__).parent.parent / "migrations" / "18.0.1.1.0" / "post-migrate.py"


def _migration():
    return load_script(SCRIPT)


@tagged("post_install", "-at_install")
class TestMigrationKeepsData(GateCase):
    """18.0.1.1.0 converts what 18.0.1.0.0 stored, and loses nothing."""

    def test_upgrade_converts_conditions_overrides_messages_and_pipelines(self):
        cr = self.env.cr
        # a condition 18.0.1.0.0 accepted: code, not a literal
        cr.execute(
            "UPDATE sales_gate_criterion SET domain = %s WHERE id = %s",
            ["[('expected_revenue', '>=', 5 * 10**5)]", self.c_budget.id],
        )
        # conditions 18.0.1.0.0 accepted with a value of the wrong type
        mistyped, as_text = self.env["sales.gate.criterion"].create(
            [
                {
                    "name": f"Condition {i}",
                    "stage_id": self.s2.id,
                    "kind": "domain",
                    "domain": "[]",
                }
                for i in range(2)
            ]
        )
        cr.execute(
            "UPDATE sales_gate_criterion SET domain = %s WHERE id = %s",
            ["[('expected_revenue', '>=', 'a lot')]", mistyped.id],
        )
        cr.execute(
            "UPDATE sales_gate_criterion SET domain = %s WHERE id = %s",
            ["[('expected_revenue', '>=', '500000')]", as_text.id],
        )
        # an override of 18.0.1.0.0, and a done activity's message
        lead = self._lead(self.s2)
        self.env["sales.gate.override"].with_user(self.manager)._record(
            lead, self.s3, "Before the upgrade", {}
        )
        call = self.env.ref("mail.mail_activity_data_call")
        lead.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.rep.id
        ).action_feedback("Called")
        self.env.flush_all()
        cr.execute("UPDATE sales_gate_override SET used = FALSE")
        cr.execute("UPDATE mail_message SET sales_activity_done = FALSE")
        # the demo as 18.0.1.0.0 left it: shared playbook stages, Odoo's on Sales
        playbook = self.env.ref("sales_process_framework.stage_negotiation")
        cr.execute(
            "DELETE FROM crm_stage_pipeline_team_rel WHERE stage_id = %s", [playbook.id]
        )
        cr.execute(
            "UPDATE crm_stage SET sequence = 15, team_id = NULL WHERE id = %s",
            [playbook.id],
        )
        sales = self.env.ref("sales_team.team_sales_department")
        cr.execute(
            "UPDATE crm_stage SET team_id = %s WHERE id = %s",
            [sales.id, self.env.ref("crm.stage_lead4").id],
        )
        self.env.invalidate_all()

        _migration().migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()

        self.assertTrue(self.c_budget.exists(), "no criterion is lost")
        self.assertFalse(self.c_budget.active, "code is archived, not evaluated")
        self.assertFalse(mistyped.active)
        self.assertTrue(as_text.active, "a number written as a text is a number")
        for archived in self.c_budget | mistyped:
            self.assertIn(
                "Archived by the upgrade", archived.message_ids[:1].body or "", archived
            )
        self.assertIn("needs a number", mistyped.message_ids[:1].body)
        self.assertTrue(self.c_need.active)
        self.assertTrue(lead.gate_override_ids.used)
        done = self.env["mail.message"].search(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "=", lead.id),
                ("mail_activity_type_id", "=", call.id),
            ]
        )
        self.assertTrue(done.sudo().sales_activity_done)
        self.assertEqual(
            playbook.pipeline_team_ids,
            self.env.ref("sales_process_framework.crm_team_direct")
            | self.env.ref("sales_process_framework.crm_team_pilot"),
        )
        self.assertEqual(playbook.sequence, 75)
        self.assertFalse(self.env.ref("crm.stage_lead4").team_id)


STORED_CARDS = Path(__file__).parent.parent / "migrations" / "18.0.1.2.0"


def _script(name):
    return load_script(STORED_CARDS / f"{name}.py")


@tagged("post_install", "-at_install")
class TestMigrationStoresTheCards(GateCase):
    """18.0.1.2.0 fills what the cards read, from the data 18.0.1.1.0 kept."""

    def test_upgrade_fills_last_touch_rotting_start_progress_and_journey(self):
        self.s2.rotting_days = 5
        lead = self._lead(self.s2, expected_revenue=900000)
        lead.message_post(body="Called the buyer", message_type="comment")
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "SELECT date_last_touch, rotting_start_date, gate_exit_total,"
            " gate_exit_done FROM crm_lead WHERE id = %s",
            [lead.id],
        )
        expected = cr.fetchone()
        self.assertEqual(expected[2:], (3, 1))
        # what 18.0.1.1.0 left: none of these columns filled
        cr.execute(
            "UPDATE crm_lead SET date_last_touch = NULL, rotting_start_date = NULL,"
            " gate_exit_total = NULL, gate_exit_done = NULL,"
            " card_refresh_pending = NULL WHERE id = %s",
            [lead.id],
        )
        self.env.invalidate_all()

        _script("pre-migrate").migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertTrue(lead.card_refresh_pending)
        _script("post-migrate").migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()

        cr.execute(
            "SELECT date_last_touch, rotting_start_date, gate_exit_total,"
            " gate_exit_done FROM crm_lead WHERE id = %s",
            [lead.id],
        )
        self.assertEqual(cr.fetchone(), expected)
        self.assertFalse(lead.card_refresh_pending)
