# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools


class SalesResponseTimeReport(models.Model):
    """Median and 90th percentile of the new-lead response time.

    Percentiles cannot be summed or averaged, so PostgreSQL computes them per
    sales team, channel (medium) and month of creation; read each row as is.
    Months are cut in the company's time zone, as every period of the suite
    (tools/periods.py: its address's, else its working calendar's, else UTC).
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
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT
                    min(l.id) AS id,
                    date_trunc(
                        'month',
                        timezone(
                            COALESCE(cp.tz, rc.tz, 'UTC'),
                            l.create_date AT TIME ZONE 'UTC'
                        )
                    )::date AS month,
                    l.team_id,
                    l.medium_id,
                    l.company_id,
                    count(*) AS lead_count,
                    count(l.first_response_date) AS responded_count,
                    count(*) FILTER (WHERE l.first_response_on_time) AS on_time_count,
                    100.0 * count(*) FILTER (WHERE l.first_response_on_time)
                        / count(*) AS on_time_rate,
                    percentile_cont(0.5)
                        WITHIN GROUP (ORDER BY l.first_response_hours)
                        FILTER (WHERE l.first_response_date IS NOT NULL)
                        AS median_hours,
                    percentile_cont(0.9)
                        WITHIN GROUP (ORDER BY l.first_response_hours)
                        FILTER (WHERE l.first_response_date IS NOT NULL)
                        AS p90_hours
                FROM crm_lead l
                LEFT JOIN res_company c ON c.id = l.company_id
                LEFT JOIN res_partner cp ON cp.id = c.partner_id
                LEFT JOIN resource_calendar rc ON rc.id = c.resource_calendar_id
                WHERE l.first_response_deadline IS NOT NULL
                GROUP BY 2, l.team_id, l.medium_id, l.company_id
            )
            """
        )
