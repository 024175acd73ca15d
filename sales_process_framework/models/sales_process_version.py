# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.figure import Figure


class SalesProcessVersion(models.Model):
    """A process version piloted by some teams, compared with the others."""

    _name = "sales.process.version"
    _description = "Process Version (Pilot)"
    _order = "date_start desc, id desc"
    _inherit = ["mail.thread", "sales.guard.mixin"]

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_ids = fields.Many2many("crm.team", string="Pilot Teams", required=True)
    date_start = fields.Date(required=True, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    description = fields.Text()
    line_ids = fields.One2many(
        "sales.process.version.line", "version_id", string="Comparison", copy=True
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for version in self:
            if version.date_end <= version.date_start:
                raise ValidationError(
                    self.env._(
                        "Pilot “%s”: the end date must be after the start date.",
                        version.name,
                    )
                )

    def action_compare(self):
        """Each metric: pilot teams vs the other teams, and vs before the pilot."""
        self._check_action_group(
            "sales_process_framework.group_process_manager", self.env._("Compare")
        )
        Measure = self.env["sales.measure"]
        for version in self:
            length = version.date_end - version.date_start
            before = (version.date_start - length, version.date_start)
            during = (version.date_start, version.date_end)
            for line in version.line_ids:
                metric = line.metric_id
                stage = metric.stage_id
                now = Measure.compute(
                    metric.code, "team", *during, version.company_id, stage=stage
                )
                then = Measure.compute(
                    metric.code, "team", *before, version.company_id, stage=stage
                )
                pilot = version.team_ids.ids
                scale = metric._scale()
                line.write(
                    {
                        "pilot_value": self._total(now, pilot).value(scale) or 0.0,
                        "others_value": self._total(
                            now, [k for k in now if k not in pilot]
                        ).value(scale)
                        or 0.0,
                        "before_value": self._total(then, pilot).value(scale) or 0.0,
                        "has_data": self._total(now, pilot).denominator > 0,
                    }
                )
        return True

    @staticmethod
    def _total(figures, keys):
        return sum((figures.get(key, Figure()) for key in keys), Figure())


class SalesProcessVersionLine(models.Model):
    _name = "sales.process.version.line"
    _description = "Pilot Comparison Line"
    _order = "version_id, sequence, id"
    _inherit = ["sales.guard.mixin"]

    version_id = fields.Many2one(
        "sales.process.version", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="version_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    metric_id = fields.Many2one("sales.health.metric", required=True)
    direction = fields.Selection(related="metric_id.direction")
    target_change = fields.Float(
        string="Target Change (%)",
        help="The change aimed at against the same teams before the pilot, e.g. "
        "-20 for a cycle 20% shorter.",
    )
    has_data = fields.Boolean(readonly=True)
    pilot_value = fields.Float(string="Pilot Teams", readonly=True)
    others_value = fields.Float(string="Other Teams", readonly=True)
    before_value = fields.Float(string="Pilot Teams Before", readonly=True)
    diff_others = fields.Float(
        compute="_compute_diffs", string="vs Others", help="Pilot minus other teams."
    )
    change_before = fields.Float(
        compute="_compute_diffs", string="Change vs Before (%)"
    )
    target_met = fields.Boolean(compute="_compute_diffs")

    @api.depends("pilot_value", "others_value", "before_value", "target_change")
    def _compute_diffs(self):
        for line in self:
            line.diff_others = line.pilot_value - line.others_value
            line.change_before = (
                100.0 * (line.pilot_value - line.before_value) / line.before_value
                if line.before_value
                else 0.0
            )
            line.target_met = bool(
                line.has_data
                and line.before_value
                and (
                    line.change_before <= line.target_change
                    if line.target_change < 0
                    else line.change_before >= line.target_change
                )
            )
