# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase


class NoDemoCase(TransactionCase):
    """A database without demo data: the tests refuse to run on another."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        modules = cls.env["ir.module.module"].search(
            [("name", "in", ["base", "crm", "sales_process_framework"])]
        )
        demo = cls.env.ref("sales_process_framework.crm_team_direct", False)
        if any(modules.mapped("demo")) or demo:
            raise AssertionError(
                "these tests need a database installed without demo data "
                "(bin/suite test builds one)"
            )
