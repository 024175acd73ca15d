# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import api, fields, models

from ..tools.working_time import WorkingTime


class CrmLead(models.Model):
    """First response: the new lead's SLA clock and how fast it was answered."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    first_response_deadline = fields.Datetime(
        readonly=True,
        copy=False,
        help="The new-lead response SLA of the company, counted from creation in "
        "working time.",
    )
    first_response_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="First touchpoint or activity logged by the lead's salesperson.",
    )
    first_response_hours = fields.Float(
        compute="_compute_first_response",
        store=True,
        aggregator="avg",
        string="Response Time (Hours)",
        help="Elapsed hours from creation to the first response.",
    )
    first_response_on_time = fields.Boolean(
        compute="_compute_first_response", store=True, string="Responded Within SLA"
    )
    first_response_bucket = fields.Selection(
        [
            ("a_5min", "Within 5 minutes"),
            ("b_1h", "Within 1 hour"),
            ("c_4h", "Within 4 hours"),
            ("d_1d", "Within 1 day"),
            ("e_more", "More than 1 day"),
        ],
        compute="_compute_first_response",
        store=True,
        string="Response Time",
    )

    @api.depends("create_date", "first_response_date", "first_response_deadline")
    def _compute_first_response(self):
        for lead in self:
            if not (lead.first_response_date and lead.create_date):
                lead.first_response_hours = 0.0
                lead.first_response_on_time = False
                lead.first_response_bucket = False
                continue
            hours = (lead.first_response_date - lead.create_date).total_seconds() / 3600
            lead.first_response_hours = max(hours, 0.0)
            lead.first_response_on_time = (
                not lead.first_response_deadline
                or lead.first_response_date <= lead.first_response_deadline
            )
            lead.first_response_bucket = next(
                bucket
                for limit, bucket in (
                    (5 / 60, "a_5min"),
                    (1, "b_1h"),
                    (4, "c_4h"),
                    (24, "d_1d"),
                    (float("inf"), "e_more"),
                )
                if hours <= limit
            )

    # ------------------------------------------------------------------
    # First response
    # ------------------------------------------------------------------
    def _start_first_response_clock(self):
        """A new lead, from any source, starts the company's response SLA."""
        leads = self.filtered(lambda lead: not lead.first_response_deadline)
        for company, company_leads in leads.grouped(
            lambda lead: lead.company_id or self.env.company
        ).items():
            if not company.first_response_sla_value:
                continue
            starts = company_leads.mapped("create_date")
            working_time = WorkingTime(company.resource_calendar_id, starts)
            for lead in company_leads:
                lead.first_response_deadline = working_time.deadline(
                    lead.create_date,
                    company.first_response_sla_value,
                    company.first_response_sla_unit,
                )

    def _responds_first(self, user):
        """Whether user's work on the lead now stops its response clock: the
        clock still runs and user is its salesperson (anyone when it has none)."""
        self.ensure_one()
        return not self.first_response_date and (
            not self.user_id or user == self.user_id
        )

    def _register_first_response(self, logs):
        """Stop the clock at the first touchpoint logged by the salesperson."""
        for lead in self:
            mine = logs.filtered(
                lambda log, lead=lead: (
                    log.lead_id == lead and lead._responds_first(log.user_id)
                )
            )
            if mine:
                lead.first_response_date = min(mine.mapped("date"))
