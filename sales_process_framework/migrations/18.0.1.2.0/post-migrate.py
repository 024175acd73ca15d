# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the gate progress and journey of the open opportunities, stored
now, are computed in batches (the scheduled refresh of the cards, run to the
end)."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.lead"]._refresh_stale_cards()
    _logger.info("Gate progress and journey of the opportunities stored")
