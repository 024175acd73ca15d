# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A company installing from Apps gets the content libraries: the templates
of the playbook's deliverables on its Stage Gate tab once the playbook is
applied, the playbook's first scripts to train, and the Libraries menu."""

import base64

from odoo.tests import Form, new_test_user, tagged

from .common import NoDemoCase


@tagged("post_install", "-at_install")
class TestContentLibraryNoDemo(NoDemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "lib_manager", groups="sales_team.group_sale_manager"
        )
        cls.rep = new_test_user(
            cls.env, "lib_rep", groups="sales_team.group_sale_salesman"
        )
        cls.team = cls.env["crm.team"].create(
            {"name": "Library Team", "member_ids": [(6, 0, cls.rep.ids)]}
        )
        form = Form(
            cls.env["sales.playbook.apply"]
            .with_user(cls.manager)
            .with_context(default_team_id=cls.team.id)
        )
        form.playbook_id = cls.env.ref("sales_process_framework.playbook_b2b")
        form.save().action_apply()
        # the deal is entered where it stands, without its earlier gates
        cls.env.company.sales_gate_enforcement = False

    def test_stage_gate_offers_the_playbook_template(self):
        stage = self.env["crm.stage"].search(
            [("name", "=", "Needs Diagnosis")], limit=1
        )
        lead = (
            self.env["crm.lead"]
            .with_user(self.rep)
            .create(
                {
                    "name": "Library deal",
                    "type": "opportunity",
                    "team_id": self.team.id,
                    "user_id": self.rep.id,
                    "stage_id": stage.id,
                }
            )
        )
        template = lead.gate_template_ids
        self.assertEqual(
            template, self.env.ref("sales_process_framework.deliverable_needs_analysis")
        )
        self.assertIn(b"Needs Analysis Report", base64.b64decode(template.template))

    def test_the_playbook_scripts_are_there_to_train(self):
        scripts = self.env["sales.script"].with_user(self.rep).search([])
        self.assertIn(
            self.env.ref("sales_process_framework.sales_script_first_response"),
            scripts,
        )
        self.assertEqual(set(scripts.mapped("state")), {"training"})

    def test_libraries_menu_for_salespeople(self):
        menus = (
            self.env["ir.ui.menu"]
            .with_user(self.rep)
            .search(
                [
                    (
                        "parent_id",
                        "=",
                        self.env.ref(
                            "sales_process_framework.sales_content_library_menu"
                        ).id,
                    )
                ]
            )
        )
        self.assertEqual(
            set(menus.mapped("name")), {"Sales Scripts", "Reference Cases"}
        )
