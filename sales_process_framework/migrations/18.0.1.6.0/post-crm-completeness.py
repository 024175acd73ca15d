# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.6.0: the stages of the B2B playbook require data (customer, contact
e-mail, expected revenue and closing); the playbook's records are noupdate, so
they get it here, and the teams' stages made from them too, where a stage
requires nothing yet."""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_file(
        env,
        "sales_process_framework",
        "data/sales_playbook_completeness_data.xml",
        {},
        mode="init",
        noupdate=True,
    )
    stages = (
        env["crm.stage"]
        .with_context(active_test=False)
        .search(
            [
                ("playbook_stage_id.completeness_field_ids", "!=", False),
                ("completeness_field_ids", "=", False),
            ]
        )
    )
    for stage in stages:
        stage.completeness_field_ids = stage.playbook_stage_id.completeness_field_ids
    _logger.info("Required data set on %s stages from their playbook", len(stages))
