# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from .common import load_script

SCRIPT = (
    Path(__file__).parent.parent / "migrations" / "18.0.1.4.0" / "pre-demo-playbook.py"
)


def _migration():
    return load_script(SCRIPT)


@tagged("post_install", "-at_install")
class TestDemoPlaybookMigration(TransactionCase):
    """18.0.1.4.0 keeps the demo teams' process an update would delete now
    that the demo files no longer write it out, and nothing else."""

    def _noupdate(self, xmlids):
        self.env.cr.execute(
            """SELECT name, noupdate FROM ir_model_data
                WHERE module = 'sales_process_framework' AND name = ANY(%s)""",
            [xmlids],
        )
        return dict(self.env.cr.fetchall())

    def test_old_demo_ids_of_the_teams_process_are_kept_by_the_update(self):
        process = [
            "stage_negotiation",
            "gate_nurturing_budget",
            "phase_interest",
            "tp_intro_call",
        ]
        others = ["crm_team_direct", "playbook_b2b"]
        self.env.cr.execute(
            """UPDATE ir_model_data SET noupdate = FALSE
                WHERE module = 'sales_process_framework' AND name = ANY(%s)""",
            [process + others],
        )
        # the demo stages of a database no playbook was ever applied to
        self.env.cr.execute(
            "UPDATE crm_stage SET playbook_stage_id = NULL WHERE id = %s",
            [self.env.ref("sales_process_framework.stage_negotiation").id],
        )
        _migration().migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(self._noupdate(process), dict.fromkeys(process, True))
        self.assertEqual(self._noupdate(others), dict.fromkeys(others, False))

    def test_a_new_database_is_left_alone(self):
        self.env.cr.execute(
            """UPDATE ir_model_data SET noupdate = FALSE
                WHERE module = 'sales_process_framework' AND name = 'phase_use'"""
        )
        _migration().migrate(self.env.cr, None)
        self.assertEqual(self._noupdate(["phase_use"]), {"phase_use": False})
