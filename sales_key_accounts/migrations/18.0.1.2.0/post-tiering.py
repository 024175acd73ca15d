# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The re-tiering moved from the customers to its own service model.

The scheduled action is kept by its XML id (noupdate data: its interval and
next run are the administrator's), so it is pointed at the service here.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("sales_key_accounts.ir_cron_retier", raise_if_not_found=False)
    if cron:
        cron.model_id = env["ir.model"]._get("sales.account.tiering")
