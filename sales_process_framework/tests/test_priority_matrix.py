# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from lxml import etree

from odoo.tests import TransactionCase, tagged

from .common import load_script

SCRIPT = (
    Path(__file__).parent.parent
    / "migrations"
    / "18.0.1.4.0"
    / "post-priority-quadrant-labels.py"
)


def _migration():
    return load_script(SCRIPT)


@tagged("post_install", "-at_install")
class TestPriorityMatrix(TransactionCase):
    def test_matrix_is_a_2x2_grid_of_the_four_quadrants_in_order(self):
        Touchpoint = self.env["sales.journey.touchpoint"]
        action = self.env.ref(
            "sales_process_framework.sales_journey_touchpoint_action_matrix"
        )
        view = action.view_ids[:1]
        self.assertEqual(view.view_mode, "kanban")
        arch = etree.fromstring(
            Touchpoint.get_views([(view.view_id.id, "kanban")])["views"]["kanban"][
                "arch"
            ]
        )
        self.assertEqual(arch.get("default_group_by"), "quadrant")
        self.assertIn("o_sales_priority_matrix", arch.get("class"))
        # one touchpoint only: the three empty quadrants still show, and the
        # order is the matrix's (row by row), not the alphabet's
        phase = self.env["sales.journey.phase"].search([], limit=1)
        only = Touchpoint.create(
            {
                "name": "Trade show",
                "phase_id": phase.id,
                "importance": "low",
                "urgency": "high",
            }
        )
        groups = Touchpoint.web_read_group(
            [("id", "=", only.id)], ["quadrant"], ["quadrant"]
        )["groups"]
        self.assertEqual(
            [group["quadrant"] for group in groups],
            ["do", "plan", "delegate", "drop"],
        )
        self.assertEqual([group["quadrant_count"] for group in groups], [0, 0, 1, 0])

    def test_quadrants_are_named_by_importance_and_urgency(self):
        labels = dict(
            self.env["sales.journey.touchpoint"]
            .with_context(lang="zh_TW")
            ._fields["quadrant"]
            ._description_selection(self.env(context={"lang": "zh_TW"}))
        )
        self.assertEqual(labels["do"], "重要且緊迫")
        self.assertEqual(labels["drop"], "不重要不緊迫")

    def test_upgrade_replaces_the_old_quadrant_translations(self):
        selection = self.env["ir.model.fields.selection"].search(
            [
                ("field_id.model", "=", "sales.journey.touchpoint"),
                ("field_id.name", "=", "quadrant"),
                ("value", "=", "do"),
            ]
        )
        # a database upgraded from 18.0.1.3.0 keeps the old label's translation
        self.env.cr.execute(
            """UPDATE ir_model_fields_selection
                  SET name = name || '{"zh_TW": "優先處理"}'::jsonb WHERE id = %s""",
            [selection.id],
        )
        _migration().migrate(self.env.cr, "18.0.1.3.0")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_process_framework"], ["zh_TW"]
        )
        self.env.invalidate_all()
        self.assertEqual(selection.with_context(lang="zh_TW").name, "重要且緊迫")
