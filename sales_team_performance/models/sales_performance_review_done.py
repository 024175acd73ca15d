# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""When a review was closed, and whether by its due date: what the manager's
scorecard counts as reviews done on time."""

from odoo import api, fields, models

from odoo.addons.sales_process_framework.tools.periods import today_in


class SalesPerformanceReview(models.Model):
    _inherit = "sales.performance.review"

    date_done = fields.Date(
        string="Reviewed On", readonly=True, copy=False, tracking=True
    )
    done_on_time = fields.Boolean(
        string="Reviewed on Time",
        compute="_compute_done_on_time",
        store=True,
        help="Closed by its To date, the review's due date.",
    )

    _action_fields = ("state", "date_done")

    @api.depends("state", "date_done", "date_end")
    def _compute_done_on_time(self):
        for review in self:
            review.done_on_time = bool(
                review.state == "done"
                and review.date_done
                and review.date_done <= review.date_end
            )

    def action_done(self):
        result = super().action_done()
        self.filtered(lambda r: not r.date_done)._write_by_action(
            {"date_done": today_in(self.env)}
        )
        return result
