# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSalesTalentPoolTour(HttpCase):
    def test_manager_rates_potential_on_the_nine_box(self):
        """Zhao Lei, a sales manager, opens the talent pool grouped by
        nine-box cell, rates Li Wei's potential low, and Li Wei leaves the
        core talent."""
        manager = self.env.ref("sales_process_framework.user_zhao_lei")
        manager.tour_enabled = False
        review = self.env.ref("sales_team_performance.talent_review_li_wei")
        # the quarter's figures move with the day: pin them
        review.write({"achievement": 90.0, "achievement_known": True, "potential": "3"})
        self.assertEqual(review.nine_box, "32")
        self.assertTrue(review.is_core_talent)
        self.start_tour("/odoo/crm", "sales_talent_pool_tour", login=manager.login)
        self.assertEqual(review.potential, "1")
        self.assertFalse(review.is_core_talent)
        self.assertEqual(review.nine_box, "12")
