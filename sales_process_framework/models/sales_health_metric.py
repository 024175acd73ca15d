# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.periods import PERIODS
from .sales_measure import SCOPES

UNITS = [("percent", "%"), ("days", "Days"), ("hours", "Hours"), ("score", "Score")]
# Ratios are shown as percentages; averages and scores as they are.
SCALES = {"percent": 100.0, "days": 1.0, "hours": 1.0, "score": 100.0}


class SalesHealthMetric(models.Model):
    """A process-health metric: what to measure, its target and health bands."""

    _name = "sales.health.metric"
    _description = "Process Health Metric"
    _order = "sequence, id"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    code = fields.Selection("_selection_code", string="Measure", required=True)
    stage_id = fields.Many2one(
        "crm.stage",
        help="Stage measures: the stage measured; empty for all stages.",
    )
    metric_type = fields.Selection(
        [("process", "Process"), ("result", "Result")], required=True, default="process"
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    unit = fields.Selection(UNITS, required=True, default="percent")
    target = fields.Float(
        help="Revenue achievement: the revenue target of each scope per period. "
        "Other metrics: the value aimed at."
    )
    healthy_threshold = fields.Float(string="Healthy From", required=True)
    alert_threshold = fields.Float(string="Alert Beyond", required=True)
    period = fields.Selection(PERIODS, required=True, default="month")
    scope_ids = fields.Many2many(
        "sales.health.scope",
        string="Scopes",
        help="The levels the metric is computed for.",
    )
    owner_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="Told when the metric enters the alert band.",
    )
    advice = fields.Text(
        string="Improvement Direction",
        translate=True,
        help="What to do when the metric is in alert (the playbook's advice).",
    )
    formula = fields.Char(translate=True, help="How the figure is computed, in words.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    threshold_ids = fields.One2many(
        "sales.health.threshold", "metric_id", string="Team Overrides"
    )

    @api.model
    def _selection_code(self):
        return self.env["sales.measure"].selection("health")

    @api.constrains("healthy_threshold", "alert_threshold", "direction")
    def _check_thresholds(self):
        for metric in self:
            metric._check_band_order(metric.healthy_threshold, metric.alert_threshold)

    def _check_band_order(self, healthy, alert, team=None):
        self.ensure_one()
        wrong = healthy < alert if self.direction == "higher" else healthy > alert
        if wrong:
            team_label = f" ({team.name})" if team else ""
            raise ValidationError(
                self.env._(
                    "Metric “%(metric)s”%(team)s: %(direction)s, so the healthy "
                    "threshold (%(healthy)s) must be %(relation)s the alert "
                    "threshold (%(alert)s).",
                    metric=self.name,
                    team=team_label,
                    direction=dict(
                        self._fields["direction"]._description_selection(self.env)
                    )[self.direction].lower(),
                    healthy=healthy,
                    alert=alert,
                    relation=self.env._("at least")
                    if self.direction == "higher"
                    else self.env._("at most"),
                )
            )

    def _thresholds_for(self, team):
        """(healthy, alert) for a team: its override, else the metric's."""
        self.ensure_one()
        override = self.threshold_ids.filtered(lambda t: t.team_id == team)[:1]
        if override:
            return override.healthy_threshold, override.alert_threshold
        return self.healthy_threshold, self.alert_threshold

    def _scale(self):
        return SCALES[self.unit]

    def action_compute_now(self):
        """Managers' button: compute every snapshot of these metrics now."""
        # writes the snapshots of every scope: process administrators only
        self._check_action_group(
            "sales_process_framework.group_process_manager", self.env._("Compute Now")
        )
        self.env["sales.health.snapshot"]._compute_snapshots(self)
        return self.env["ir.actions.act_window"]._for_xml_id(
            "sales_process_framework.sales_health_snapshot_action_dashboard"
        )


class SalesHealthScope(models.Model):
    _name = "sales.health.scope"
    _description = "Process Health Scope"
    _order = "sequence"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(SCOPES, required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [("code_uniq", "unique(code)", "One record per scope level.")]


class SalesHealthThreshold(models.Model):
    """Healthy and alert thresholds of one metric for one sales team."""

    _name = "sales.health.threshold"
    _description = "Process Health Team Threshold"
    _inherit = ["sales.guard.mixin"]
    _check_company_auto = True

    metric_id = fields.Many2one(
        "sales.health.metric", required=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="metric_id.company_id", store=True)
    team_id = fields.Many2one(
        "crm.team", required=True, ondelete="cascade", check_company=True
    )
    healthy_threshold = fields.Float(string="Healthy From", required=True)
    alert_threshold = fields.Float(string="Alert Beyond", required=True)

    _sql_constraints = [
        (
            "metric_team_uniq",
            "unique(metric_id, team_id)",
            "A team has one override per metric.",
        )
    ]

    @api.constrains("healthy_threshold", "alert_threshold")
    def _check_thresholds(self):
        for threshold in self:
            threshold.metric_id._check_band_order(
                threshold.healthy_threshold,
                threshold.alert_threshold,
                threshold.team_id,
            )
