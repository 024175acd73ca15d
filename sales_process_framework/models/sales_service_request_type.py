# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sales_journey_phase import SLA_UNITS


class SalesServiceRequestType(models.Model):
    """What a department is asked for, and its service-level agreement."""

    _name = "sales.service.request.type"
    _description = "Service Request Type"
    # the SLA is a number every submission computes with: no NaN or infinity
    _inherit = ["sales.guard.mixin"]
    _order = "department_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    department_id = fields.Many2one(
        "sales.service.department",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="department_id.company_id", store=True)
    sla_value = fields.Float(
        string="SLA",
        required=True,
        default=2,
        help="Time the department has, from the request's submission, in working "
        "time of the company calendar.",
    )
    sla_unit = fields.Selection(SLA_UNITS, default="days", required=True)
    description = fields.Text(
        translate=True, help="What the requester describes, what is delivered."
    )

    @api.constrains("sla_value")
    def _check_sla_value(self):
        for request_type in self:
            if request_type.sla_value <= 0:
                raise ValidationError(
                    self.env._(
                        "The SLA of “%s” must be a positive time: enter the "
                        "working days or hours the department has.",
                        request_type.name,
                    )
                )
