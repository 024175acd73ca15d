# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Without demo data, statement lines follow the same rules: computed lines
from the computation only, manual lines from commission administrators, whom
the installation makes of the administrator alone."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.sales_team_performance.tests import test_commission_lines as lines

from .test_team_defaults import WithoutDemo


@tagged("post_install", "-at_install")
class TestStatementLineRightsWithoutDemo(WithoutDemo, lines.TestStatementLineRights):
    def test_installation_gives_manual_lines_to_the_administrator_only(self):
        admin = self.env.ref("base.user_admin")
        sales_admin = new_test_user(
            self.env,
            "lines_sales_admin",
            groups="sales_team.group_sale_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        values = {
            "statement_id": self.january.id,
            "kind": "special",
            "name": "Saved the account",
            "reason": "Weekend on site",
            "amount": 300,
        }
        with self.assertRaises(AccessError):
            self.Line.with_user(sales_admin).create(values)
        company_admin = admin.with_context(allowed_company_ids=self.company.ids)
        admin.company_ids |= self.company
        before = self.january.amount_total
        self.Line.with_user(company_admin).create(values)
        self.assertEqual(self.january.amount_total, before + 300.0)
