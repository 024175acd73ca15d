# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Compute the managers' scorecards of a chosen period."""

from odoo import fields, models

from odoo.addons.sales_process_framework.tools.periods import (
    PERIODS,
    period_bounds,
    today_in,
)


class SalesManagerScorecardWizard(models.TransientModel):
    _name = "sales.manager.scorecard.wizard"
    _description = "Compute Manager Scorecards"

    period = fields.Selection(PERIODS, required=True, default="month")
    date = fields.Date(
        string="Any Day of the Period",
        required=True,
        default=lambda self: today_in(self.env),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_compute(self):
        self.ensure_one()
        Scorecard = self.env["sales.manager.scorecard"]
        Scorecard._check_compute_right()
        start, end = period_bounds(self.date, self.period)
        cards = Scorecard._refresh(start, end, self.company_id)
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_team_performance.sales_manager_scorecard_action"
        )
        action["domain"] = [("id", "in", cards.ids)]
        action["context"] = {}
        return action
