# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measures of cross-department service requests: the figures of the
weekly cross-department meeting."""

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from ..tools.measure_definition import MeasureDefinition

_lt = LazyTranslate(__name__)
# scope level -> field of the service request
SERVICE_SCOPES = {
    "company": "company_id",
    "department": "department_id",
    "request_type": "request_type_id",
    "user": "requester_id",
}


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"  # pylint: disable=consider-merging-classes-inherited

    @api.private
    @api.model
    def definitions(self):
        definitions = super().definitions()
        service = {
            "model": "sales.service.request",
            "scope_fields": dict(SERVICE_SCOPES),
            "lead_field": "lead_id",
        }
        for definition in (
            MeasureDefinition(
                "service_requests",
                _lt("Service requests"),
                date_field="date_submitted",
                domain=(("date_submitted", "!=", False),),
                **service,
            ),
            MeasureDefinition(
                "service_response_hours",
                _lt("Service response time"),
                date_field="date_delivered",
                domain=(("state", "=", "delivered"),),
                aggregate="response_hours:sum",
                denominator="__count",
                unit="hours",
                direction="lower",
                **service,
            ),
            MeasureDefinition(
                "service_breaches",
                _lt("Service SLA breaches"),
                date_field="date_due",
                domain=(("breached", "=", True), ("state", "!=", "cancelled")),
                direction="lower",
                **service,
            ),
            MeasureDefinition(
                "service_open_overdue",
                _lt("Service requests open past due"),
                date_field=None,
                domain=(
                    ("breached", "=", True),
                    ("state", "in", ("submitted", "in_progress")),
                ),
                direction="lower",
                **service,
            ),
        ):
            definitions[definition.code] = definition
        return definitions
