# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The salesperson's appraisal on the scorecard: target achievement, node
completion and CRM data completeness, each from its engine measure and
weighted by the company's weights of Settings."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sales_process_framework.tools.scoring import (
    points,
    weighted_total,
)

# criterion -> engine measure, computed per salesperson
APPRAISAL = {
    "achievement": "revenue_achievement",
    "nodes": "node_completion",
    "completeness": "crm_completeness",
}


class SalesScorecard(models.Model):
    # the appraisal's figures are the refresh's, as every figure of the card
    # (the card's _writable_fields leaves them out)
    _inherit = "sales.scorecard"

    appraisal_achievement = fields.Float(
        string="Target Achievement (%)",
        aggregator="avg",
        readonly=True,
        help="Won revenue against the salesperson's revenue target of the period.",
    )
    appraisal_nodes = fields.Float(
        string="Node Completion (%)",
        aggregator="avg",
        readonly=True,
        help="Stage exits that met the stage's criteria (not forced by an "
        "override), among all stage exits of the period.",
    )
    appraisal_completeness = fields.Float(
        string="CRM Data Completeness (%)",
        aggregator="avg",
        readonly=True,
        help="The data the stages require, filled within the days of Settings "
        "after the opportunity entered the stage.",
    )
    # the registry's measure fills it (card field of suggestions_accepted)
    suggestions_accepted = fields.Integer(
        string="Improvement Suggestions Accepted",
        readonly=True,
        help="The salesperson's process-improvement suggestions accepted or "
        "implemented in the period; each earns the reward of Settings.",
    )
    appraisal_weights = fields.Json(
        string="Appraisal Weights Used",
        readonly=True,
        help="The weights of the criteria that had data in the period, from "
        "Settings when the card was computed.",
    )
    appraisal_weight_summary = fields.Char(
        string="Appraisal Weights", compute="_compute_appraisal_weight_summary"
    )
    appraisal_score = fields.Float(
        aggregator="avg",
        readonly=True,
        help="The criteria (0-100 each) weighted by the appraisal weights of "
        "Settings; a criterion without data in the period (no target, no stage "
        "exit, no data due) leaves the score.",
    )

    @api.depends("appraisal_weights")
    @api.depends_context("lang")
    def _compute_appraisal_weight_summary(self):
        labels = {
            "achievement": self.env._("target achievement"),
            "nodes": self.env._("node completion"),
            "completeness": self.env._("CRM data completeness"),
        }
        for card in self:
            weights = card.appraisal_weights or {}
            card.appraisal_weight_summary = ", ".join(
                f"{labels[key]} {weights[key]}" for key in APPRAISAL if key in weights
            )

    @api.model
    def _refresh(self, start, end, company, users=None):
        cards = super()._refresh(start, end, company, users)
        if not cards:
            return cards
        Measure = self.env["sales.measure"]
        figures = {
            criterion: Measure.compute(code, "user", start, end, company)
            for criterion, code in APPRAISAL.items()
        }
        weights = company._appraisal_weights()
        for card in cards:
            rates = {
                criterion: (
                    found[card.user_id.id].value(100.0)
                    if card.user_id.id in found
                    else None
                )
                for criterion, found in figures.items()
            }
            used = {
                key: weight for key, weight in weights.items() if rates[key] is not None
            }
            card.write(
                {
                    "appraisal_achievement": rates["achievement"] or 0.0,
                    "appraisal_nodes": rates["nodes"] or 0.0,
                    "appraisal_completeness": rates["completeness"] or 0.0,
                    "appraisal_weights": used,
                    "appraisal_score": weighted_total(
                        {key: points(rates[key] or 0.0, 100.0) for key in rates},
                        used,
                    ),
                }
            )
        return cards

    def action_appraisal_drill_down(self):
        """The records behind one appraisal criterion (the button's context
        only picks the criterion; the records open with the reader's rights)."""
        self.ensure_one()
        criterion = self.env.context.get("criterion")
        if criterion not in APPRAISAL:
            raise UserError(
                self.env._(
                    "Choose one of the criteria of the appraisal: %s.",
                    ", ".join(APPRAISAL),
                )
            )
        return self.env["sales.measure"].drill_down(
            APPRAISAL[criterion],
            "user",
            self.user_id.id,
            self.date_start,
            self.date_end + timedelta(days=1),
            self.company_id,
        )
