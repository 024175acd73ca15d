# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from odoo.tests import tagged

from .common import GateCase, load_script

SCRIPT = (
    Path(__file__).parent.parent
    / "migrations"
    / "18.0.1.3.0"
    / "post-stage-guidance.py"
)


def _migration():
    return load_script(SCRIPT)


@tagged("post_install", "-at_install")
class TestGuidanceMigration(GateCase):
    """18.0.1.3.0 shows the suite's translatable guidance on the Stage Gate
    tab: the requirements a company wrote become the guidance."""

    def test_requirements_become_guidance_and_written_guidance_is_kept(self):
        self.s1.requirements = "Exit: budget >= 500,000 & decision chain clear"
        self.s2.write({"requirements": "Old text", "sales_guidance": "<p>Kept</p>"})
        self.s3.requirements = False
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_stage SET sales_guidance = NULL WHERE id IN %s",
            [(self.s1.id, self.s3.id)],
        )
        _migration().migrate(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()
        self.assertEqual(
            self.s1.sales_guidance,
            "<p>Exit: budget &gt;= 500,000 &amp; decision chain clear</p>",
        )
        self.assertEqual(self.s2.sales_guidance, "<p>Kept</p>")
        self.assertFalse(self.s3.sales_guidance)
        lead = self._lead(self.s1)
        self.assertIn("decision chain clear", lead.stage_guidance)
