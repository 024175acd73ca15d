# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesPlaybookStage(models.Model):
    """A stage of a playbook: what a team's CRM stage gets when the playbook
    is applied."""

    _name = "sales.playbook.stage"
    _inherit = ["sales.playbook.line"]
    _description = "Playbook Stage"
    is_won = fields.Boolean(string="Is Won Stage")
    fold = fields.Boolean(string="Folded in Pipeline")
    rotting_days = fields.Integer(
        help="Days an opportunity may stay idle in the stage before it rots; "
        "0: never."
    )
    gate_no_skip = fields.Boolean(string="Cannot Be Skipped")
    gate_no_backward = fields.Boolean(string="No Moving Back")
    gate_optional = fields.Boolean(
        string="May Be Skipped",
        help="Opportunities may pass over this stage without meeting its criteria.",
    )
    responsible_role = fields.Char(
        translate=True, help="Who leads the stage, e.g. 'Sales rep'."
    )
    sales_guidance = fields.Html(
        string="Guidance",
        translate=True,
        sanitize_style=True,
        help="Key actions, standards and deliverables of the stage, shown to "
        "the salesperson on the Stage Gate tab.",
    )
    criterion_ids = fields.One2many(
        "sales.playbook.criterion", "stage_id", string="Entry and Exit Criteria"
    )

    @api.constrains("rotting_days")
    def _check_rotting_days(self):
        for stage in self.filtered(lambda s: s.rotting_days < 0):
            raise ValidationError(
                self.env._(
                    "Playbook stage “%s”: rotting days cannot be negative; use 0 "
                    "for a stage where opportunities never rot.",
                    stage.name,
                )
            )

    def _stage_values(self):
        """The values of a CRM stage made from this playbook stage (its
        translated texts are copied apart, in every language)."""
        self.ensure_one()
        return {
            "name": self.name,
            "sequence": self.sequence,
            "is_won": self.is_won,
            "fold": self.fold,
            "rotting_days": self.rotting_days,
            "gate_no_skip": self.gate_no_skip,
            "gate_no_backward": self.gate_no_backward,
            "gate_optional": self.gate_optional,
            "sales_guidance": self.sales_guidance,
            "playbook_stage_id": self.id,
        }
