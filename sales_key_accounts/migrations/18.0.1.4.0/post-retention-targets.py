# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: the tiers get a retention target and an acceptable churn; the
tiers of the playbook's codes get its values, as a new installation does."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["sales.account.tier"]._apply_playbook_targets()
