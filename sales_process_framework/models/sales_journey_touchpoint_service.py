# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesJourneyTouchpoint(models.Model):
    """A touchpoint another department answers asks it through a request."""

    _inherit = "sales.journey.touchpoint"

    service_request_type_id = fields.Many2one(
        "sales.service.request.type",
        string="Request from Department",
        check_company=True,
        help="Another department answers this touchpoint: an opportunity "
        "reaching its phase asks the department for it with a service request "
        "(under the request type's SLA) instead of reminding the salesperson.",
    )

    @api.constrains("service_request_type_id", "responsible_user_id")
    def _check_service_responsible(self):
        for touchpoint in self.filtered("service_request_type_id"):
            department = touchpoint.service_request_type_id.department_id
            user = touchpoint.responsible_user_id
            if user and user not in department.member_ids | department.manager_id:
                raise ValidationError(
                    self.env._(
                        "Responsible User: %(user)s is not in the department "
                        "“%(department)s” the touchpoint “%(touchpoint)s” asks; "
                        "choose one of its members or leave it empty.",
                        user=user.name,
                        department=department.name,
                        touchpoint=touchpoint.name,
                    )
                )

    def _service_request_values(self, lead):
        self.ensure_one()
        request_type = self.service_request_type_id
        department = request_type.department_id
        return {
            "name": self.name,
            "description": self.sales_action or False,
            "lead_id": lead.id,
            "department_id": department.id,
            "request_type_id": request_type.id,
            "requester_id": lead.user_id.id,
            "responsible_id": (
                self.responsible_user_id
                or department.manager_id
                or department.member_ids[:1]
            ).id,
            "touchpoint_id": self.id,
        }
