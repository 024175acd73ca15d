# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSalesMeetingTour(HttpCase):
    def test_salesperson_reads_the_meeting_and_does_their_action_item(self):
        """Li Wei, a salesperson of the team, opens last week's meeting from
        the menu, cannot change its minutes, and marks his action item's
        activity done: the meeting shows the item done."""
        rep = self.env.ref("sales_process_framework.user_li_wei")
        rep.tour_enabled = False
        item = self.env.ref("sales_team_performance.sales_meeting_weekly_action_budget")
        self.assertEqual(item.meeting_id.state, "held")
        self.assertEqual(item.state, "open")
        self.start_tour("/odoo/crm", "sales_meeting_tour", login=rep.login)
        self.assertEqual(item.state, "done")
        self.assertEqual(item.meeting_id.action_done_count, 2)
