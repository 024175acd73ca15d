# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.6.0: the B2B playbook's touchpoints another department answers (the
tailored industry report, marketing's; the contract terms review, legal's) ask
it with a service request. The playbook's records are noupdate, so they get
their request type here, and so do the teams' touchpoints made from them that
ask none yet and whose responsible, if any, is in that department."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# playbook touchpoint -> request type, as data/sales_playbook_b2b_data.xml
# gives them on a new install
LINKS = {
    "b2b_tp_white_paper": "service_request_type_industry_report",
    "b2b_tp_legal_review": "service_request_type_contract_review",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Touchpoint = env["sales.journey.touchpoint"].with_context(active_test=False)
    for touchpoint_xmlid, type_xmlid in LINKS.items():
        source = env.ref(f"sales_process_framework.{touchpoint_xmlid}", False)
        request_type = env.ref(f"sales_process_framework.{type_xmlid}", False)
        if not source or not request_type:
            continue
        if not source.service_request_type_id:
            source.service_request_type_id = request_type
        department = request_type.department_id
        members = department.member_ids | department.manager_id
        domain = [
            ("playbook_touchpoint_id", "=", source.id),
            ("service_request_type_id", "=", False),
        ]
        if department.company_id:
            domain.append(("company_id", "in", [department.company_id.id, False]))
        touchpoints = Touchpoint.search(domain).filtered(
            lambda touchpoint, members=members: not touchpoint.responsible_user_id
            or touchpoint.responsible_user_id in members
        )
        touchpoints.service_request_type_id = request_type
        _logger.info(
            "%s team touchpoints now ask %s", len(touchpoints), request_type.name
        )
