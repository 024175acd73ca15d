# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The playbook's deliverables get their template document: the data file is
not reloaded on existing records (noupdate), so the upgrade sets the shipped
templates where a company has none yet."""

import base64

from odoo import SUPERUSER_ID, api
from odoo.tools import file_open

TEMPLATES = {
    "deliverable_needs_analysis": "needs_analysis_report.md",
    "deliverable_solution_proposal": "solution_proposal.md",
    "deliverable_contract_review": "contract_review_form.md",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, file_name in TEMPLATES.items():
        deliverable_type = env.ref(f"sales_process_framework.{xmlid}", False)
        if not deliverable_type or deliverable_type.template:
            continue
        path = f"sales_process_framework/data/templates/{file_name}"
        with file_open(path, "rb") as template:
            deliverable_type.write(
                {
                    "template": base64.b64encode(template.read()),
                    "template_name": file_name,
                    "template_version": "1.0",
                }
            )
