# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class SalesResponseTimeReport(models.Model):
    """Median and 90th percentile of the new-lead response time.

    A view of the measurement engine's query (``response_time_query``):
    percentiles cannot be summed or averaged, so each row is a month, sales
    team and channel as PostgreSQL computed it; read each row as is.
    """

    _name = "sales.response.time.report"
    _description = "New-Lead Response Time"
    _auto = False
    _order = "month desc, team_id, medium_id"

    month = fields.Date(readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    medium_id = fields.Many2one("utm.medium", string="Channel", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    responded_count = fields.Integer(string="Responded", readonly=True)
    on_time_count = fields.Integer(string="Within SLA", readonly=True)
    on_time_rate = fields.Float(
        string="Within SLA (%)", readonly=True, aggregator="avg"
    )
    median_hours = fields.Float(
        string="Median (Hours)", readonly=True, aggregator="max"
    )
    p90_hours = fields.Float(
        string="90th Percentile (Hours)", readonly=True, aggregator="max"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self.env["sales.measure"].response_time_query(),
            )
        )
