# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The weekly cross-department digest: each department's manager receives
last week's figures of his department, the agenda of the weekly meeting."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, models
from odoo.tools import format_date

from ..tools.figure import Figure
from ..tools.periods import period_bounds, today_in

DIGEST_MEASURES = (
    "service_requests",
    "service_response_hours",
    "service_breaches",
    "service_open_overdue",
)


class SalesServiceDepartment(models.Model):
    _inherit = "sales.service.department"

    @api.model
    def _cron_weekly_digest(self):
        """Mail last week's figures to the managers; the figures are the
        engine's, one grouped read per measure and company."""
        departments = self.search([("manager_id", "!=", False)])
        if not departments:
            return 0
        companies = departments.company_id
        if not all(departments.mapped("company_id")):
            # departments every company shares: every company's requests
            companies = self.env["res.company"].search([])
        start, end = period_bounds(today_in(self.env) - timedelta(days=7), "week")
        Measure = self.env["sales.measure"]
        figures = defaultdict(Figure)  # (code, department id): figure
        for company in companies:
            for code in DIGEST_MEASURES:
                for key, figure in Measure.compute(
                    code, "department", start, end, company=company
                ).items():
                    figures[code, key] += figure
        for department in departments:
            manager = department.manager_id
            reader = self.with_context(lang=manager.lang or self.env.lang).env

            def value(code, department=department):
                return figures[code, department.id].value() or 0

            body = reader._(
                "%(department)s, week of %(week)s: %(requests)s requests, average "
                "response time %(hours)s working hours, %(breaches)s SLA breaches, "
                "%(overdue)s requests open past due.",
                department=department.name,
                week=format_date(reader, start),
                requests=int(value("service_requests")),
                hours=round(value("service_response_hours"), 1),
                breaches=int(value("service_breaches")),
                overdue=int(value("service_open_overdue")),
            )
            self.env["mail.thread"].message_notify(
                partner_ids=manager.partner_id.ids,
                subject=reader._("Cross-department report: %s", department.name),
                body=body,
            )
        return len(departments)
