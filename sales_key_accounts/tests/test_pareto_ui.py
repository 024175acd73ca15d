# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestParetoTour(HttpCase):
    def test_pareto_pie_shows_each_tiers_share(self):
        action = self.env.ref("sales_key_accounts.res_partner_action_pareto")
        self.start_tour(
            f"/odoo/action-{action.id}", "sales_key_accounts_pareto_tour", login="admin"
        )
