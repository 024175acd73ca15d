# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestExitInterviewTour(HttpCase):
    def test_rep_fills_the_interview_and_the_manager_sees_its_cause(self):
        rep = self.env.ref("sales_process_framework.user_li_wei")
        manager = self.env.ref("sales_process_framework.user_zhao_lei")
        # the tour types and reads the causes' English names
        (rep | manager).write({"tour_enabled": False, "lang": "en_US"})
        interview = self.env.ref("sales_key_accounts.exit_interview_churned_1")
        self.assertEqual(interview.state, "todo")
        self.start_tour(
            "/odoo/crm", "sales_key_accounts_exit_interview_tour", login=rep.login
        )
        self.assertEqual(interview.state, "done")
        self.assertEqual(
            interview.cause_id, self.env.ref("sales_key_accounts.churn_cause_product")
        )
        self.assertIn("dyeing line", interview.reason)
        self.assertTrue(interview.followup_done)
        self.assertFalse(interview.activity_ids)
        action = self.env.ref(
            "sales_key_accounts.sales_account_exit_interview_action_causes"
        )
        self.start_tour(
            f"/odoo/action-{action.id}",
            "sales_key_accounts_churn_reasons_tour",
            login=manager.login,
        )
