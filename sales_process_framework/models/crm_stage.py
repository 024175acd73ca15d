# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmStage(models.Model):
    _inherit = "crm.stage"

    gate_criterion_ids = fields.One2many(
        "sales.gate.criterion", "stage_id", string="Gate Criteria"
    )
    gate_criterion_count = fields.Integer(compute="_compute_gate_criterion_count")
    rotting_days = fields.Integer(
        help="An opportunity idle in this stage for longer than this many days "
        "(no stage change, no logged activity, no message) is shown as rotting. "
        "0: never.",
    )
    gate_no_skip = fields.Boolean(
        string="Cannot Be Skipped",
        help="Opportunities may not jump forward over this stage.",
    )
    gate_no_backward = fields.Boolean(
        string="No Moving Back",
        help="Opportunities may not move back to an earlier stage from this one.",
    )

    @api.depends("gate_criterion_ids")
    def _compute_gate_criterion_count(self):
        counts = dict(
            self.env["sales.gate.criterion"]._read_group(
                [("stage_id", "in", self.ids)], ["stage_id"], ["__count"]
            )
        )
        for stage in self:
            stage.gate_criterion_count = counts.get(stage, 0)

    @api.constrains("rotting_days")
    def _check_rotting_days(self):
        for stage in self:
            if stage.rotting_days < 0:
                raise ValidationError(
                    self.env._(
                        "Stage “%s”: rotting days cannot be negative; use 0 for a "
                        "stage where opportunities never rot.",
                        stage.name,
                    )
                )
