# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every company gets the playbook's tiers and scorecard.

Before, only the company that installed the addon had them; the others had
no tier to rate their customers with. Companies that already have tiers, or
a scorecard, keep theirs.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([])._create_account_defaults()
