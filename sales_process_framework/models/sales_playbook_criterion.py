# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


def _selection_of(field_name):
    def selection(self):
        return self.env["sales.gate.criterion"]._fields[field_name].selection

    return selection


class SalesPlaybookCriterion(models.Model):
    """An entry or exit criterion of a playbook stage: the gate criterion a
    team's stage gets when the playbook is applied."""

    _name = "sales.playbook.criterion"
    _description = "Playbook Gate Criterion"
    _order = "stage_id, direction, sequence, id"

    stage_id = fields.Many2one(
        "sales.playbook.stage", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="stage_id.company_id", store=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    direction = fields.Selection(
        _selection_of("direction"), required=True, default="exit"
    )
    mode = fields.Selection(_selection_of("mode"), required=True, default="block")
    kind = fields.Selection(_selection_of("kind"), required=True, default="checklist")
    field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="cascade",
        domain="[('model', '=', 'crm.lead'), ('store', '=', True)]",
    )
    domain = fields.Char(string="Condition", default="[]")
    activity_type_id = fields.Many2one("mail.activity.type")
    deliverable_type_id = fields.Many2one(
        "sales.deliverable.type", string="Deliverable"
    )
    description = fields.Text(translate=True)

    def _criterion_values(self, stage, company):
        """The values of the gate criterion of stage made from this one (its
        translated texts are copied apart, in every language)."""
        self.ensure_one()
        return {
            "name": self.name,
            "sequence": self.sequence,
            "stage_id": stage.id,
            "company_id": company.id,
            "direction": self.direction,
            "mode": self.mode,
            "kind": self.kind,
            "field_id": self.field_id.id,
            "domain": self.domain,
            "activity_type_id": self.activity_type_id.id,
            "deliverable_type_id": self.deliverable_type_id.id,
            "description": self.description,
            "playbook_criterion_id": self.id,
        }
