# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.6.0: the stages of the B2B playbook require data (customer, contact
e-mail, expected revenue and closing); the playbook's records are noupdate, so
they get it here, and the teams' stages made from them too, where a stage
requires nothing yet."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# what data/sales_playbook_b2b_data.xml gives each stage on a new install
SEEN = ["partner_id", "email_from"]
QUALIFIED = [*SEEN, "expected_revenue"]
DIAGNOSED = [*QUALIFIED, "date_deadline"]
REQUIRED = {
    "b2b_stage_lead_acquisition": SEEN,
    "b2b_stage_lead_nurturing": QUALIFIED,
    "b2b_stage_needs_diagnosis": DIAGNOSED,
    "b2b_stage_solution_presentation": DIAGNOSED,
    "b2b_stage_negotiation": DIAGNOSED,
    "b2b_stage_contract_signing": DIAGNOSED,
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Field = env["ir.model.fields"]
    for xmlid, names in REQUIRED.items():
        stage = env.ref(f"sales_process_framework.{xmlid}", False)
        if stage and not stage.completeness_field_ids:
            stage.completeness_field_ids = Field.search(
                [("model", "=", "crm.lead"), ("name", "in", names)]
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
