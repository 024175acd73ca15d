# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Without demo data, a contest on the cost per visit ranks the cheaper
salesperson first, as on a database with demo data."""

from odoo.tests import tagged

from .. import test_account_targets as accounts
from .test_team_defaults import WithoutDemo


@tagged("post_install", "-at_install")
class TestAccountContestsWithoutDemo(WithoutDemo, accounts.TestAccountContests):
    pass
