# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from pathlib import Path

from odoo.exceptions import ValidationError

from .common import GateCase, load_script


class TestDeliverableTemplates(GateCase):
    """The Stage Gate tab offers the template of each deliverable the current
    stage requires, and only of those."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proposal_type.write(
            {
                "template": base64.b64encode(b"# Proposal"),
                "template_name": "proposal.md",
                "template_version": "2.1",
            }
        )

    def test_template_of_the_required_deliverable(self):
        lead = self._lead(self.s3, **self._s2_exit_met())
        self.assertEqual(lead.gate_template_ids, self.proposal_type)
        # the salesperson reads it, with its file, as the download link does
        shown = lead.with_user(self.rep).gate_template_ids
        self.assertEqual(base64.b64decode(shown.template), b"# Proposal")
        self.assertEqual(shown.template_name, "proposal.md")

    def test_no_template_where_the_stage_does_not_require_it(self):
        lead = self._lead(self.s2, **self._s2_exit_met())
        self.assertFalse(lead.gate_template_ids)
        lead.stage_id = self.s3
        self.assertEqual(lead.gate_template_ids, self.proposal_type)

    def test_deliverable_without_template_offers_none(self):
        self.proposal_type.template = False
        self.assertFalse(self._lead(self.s3, **self._s2_exit_met()).gate_template_ids)

    def test_template_needs_a_file_name(self):
        with self.assertRaisesRegex(ValidationError, "file name"):
            self.proposal_type.template_name = False

    def test_playbook_deliverables_ship_a_template(self):
        for xmlid in (
            "deliverable_needs_analysis",
            "deliverable_solution_proposal",
            "deliverable_contract_review",
        ):
            deliverable_type = self.env.ref(f"sales_process_framework.{xmlid}")
            self.assertTrue(deliverable_type.template, xmlid)
            self.assertTrue(deliverable_type.template_name.endswith(".md"))


class TestTemplatesUpgrade(GateCase):
    """An existing database gets the shipped templates on upgrade, where its
    playbook deliverables have none, and keeps its own."""

    SCRIPT = (
        Path(__file__).parent.parent
        / "migrations"
        / "18.0.1.6.0"
        / "post-deliverable-templates.py"
    )

    def test_upgrade_adds_missing_templates_and_keeps_a_company_own(self):
        needs = self.env.ref("sales_process_framework.deliverable_needs_analysis")
        proposal = self.env.ref("sales_process_framework.deliverable_solution_proposal")
        # as before the upgrade: no template; and a company's own proposal
        needs.write({"template": False, "template_name": False})
        own = base64.b64encode(b"Our own proposal")
        proposal.write({"template": own, "template_name": "ours.docx"})
        load_script(self.SCRIPT).migrate(self.env.cr, "18.0.1.5.0")
        self.env.invalidate_all()
        self.assertIn(b"Needs Analysis Report", base64.b64decode(needs.template))
        self.assertEqual(needs.template_name, "needs_analysis_report.md")
        self.assertEqual(proposal.template_name, "ours.docx")
        self.assertEqual(base64.b64decode(proposal.template), b"Our own proposal")
