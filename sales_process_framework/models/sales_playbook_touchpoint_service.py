# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesPlaybookTouchpoint(models.Model):
    """A playbook's touchpoint another department answers: applying the
    playbook gives the team's touchpoint the same request type."""

    _inherit = "sales.playbook.touchpoint"

    service_request_type_id = fields.Many2one(
        "sales.service.request.type",
        string="Request from Department",
        ondelete="set null",
        help="Another department answers this touchpoint: an opportunity "
        "reaching its phase asks the department for it with a service request "
        "(under the request type's SLA) instead of reminding the salesperson.",
    )

    def _touchpoint_values(self, phase):
        values = super()._touchpoint_values(phase)
        values["service_request_type_id"] = self.service_request_type_id.id
        return values
