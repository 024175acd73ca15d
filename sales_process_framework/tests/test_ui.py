# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPipelineTour(HttpCase):
    def test_salesperson_opens_the_b2b_pipeline(self):
        rep = self.env.ref("sales_process_framework.user_li_wei")
        rep.tour_enabled = False
        self.start_tour(
            "/odoo", "sales_process_framework_pipeline_tour", login=rep.login
        )
