# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""On a database installed without demo data, the appraisal weights and the
grace days of CRM data completeness have the playbook's defaults in Settings,
applying the B2B playbook gives the team's stages the data they require, and
the nightly scorecards weigh the salesperson's appraisal."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import NoDemoCase


@tagged("post_install", "-at_install")
class TestAppraisalWithoutDemo(NoDemoCase):
    def test_playbook_settings_and_nightly_appraisal(self):
        company = self.env.company
        self.assertEqual(
            company._appraisal_weights(),
            {"achievement": 85, "nodes": 10, "completeness": 5},
        )
        self.assertEqual(company.completeness_grace_days, 3)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.appraisal_weight_nodes, 10)
        self.assertEqual(settings.completeness_grace_days, 3)
        self.env["res.config.settings"].get_views([(False, "form")])

        rep = new_test_user(
            self.env, "appraisal_rep", groups="sales_team.group_sale_salesman"
        )
        team = self.env["crm.team"].create(
            {"name": "Appraisal Team", "member_ids": [Command.set(rep.ids)]}
        )
        self.env.ref("sales_process_framework.playbook_b2b").apply_to_team(team.id)
        negotiation = self.env["crm.stage"].search(
            [("team_id", "=", team.id), ("name", "=", "Negotiation")]
        )
        self.assertEqual(
            set(negotiation.completeness_field_ids.mapped("name")),
            {"partner_id", "email_from", "expected_revenue", "date_deadline"},
        )
        # the gates are not this test's subject
        company.sales_gate_enforcement = False
        customer = self.env["res.partner"].create({"name": "Appraisal Customer"})
        lead = self.env["crm.lead"].create(
            {
                "name": "Appraisal deal",
                "type": "opportunity",
                "user_id": rep.id,
                "team_id": team.id,
                "stage_id": negotiation.id,
                "partner_id": customer.id,
            }
        )
        # due at once: customer given, no e-mail, revenue or closing date
        company.completeness_grace_days = 0
        lead.date_last_stage_update = fields.Datetime.now() - timedelta(minutes=1)
        self.env.ref(
            "sales_team_performance.ir_cron_scorecards"
        ).method_direct_trigger()
        card = self.env["sales.scorecard"].search([("user_id", "=", rep.id)])
        self.assertAlmostEqual(card.appraisal_completeness, 25.0)
        self.assertEqual(card.appraisal_weights, {"completeness": 5})
        self.assertAlmostEqual(card.with_user(rep).appraisal_score, 25.0)

    def test_suggestions_menu_and_reward_defaults(self):
        self.assertEqual(self.env.company.suggestion_reward_points, 10)
        self.assertEqual(self.env.company.suggestion_reward_amount, 0)
        rep = new_test_user(
            self.env, "suggestion_rep", groups="sales_team.group_sale_salesman"
        )
        menu = self.env.ref(
            "sales_process_framework.sales_process_framework_menu_suggestions"
        )
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(rep)._visible_menu_ids()
        )
        Suggestion = self.env["sales.process.suggestion"].with_user(rep)
        for view_type in ("list", "form", "search"):
            Suggestion.get_views([(False, view_type)])
        suggestion = Suggestion.create({"name": "A shorter proposal template"})
        suggestion.sudo().action_accept()
        self.assertEqual(suggestion.reward_points, 10)
