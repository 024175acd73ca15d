# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sales_journey_phase import CHANNEL_TYPES, CHANNELS, IMPORTANCE, SLA_UNITS, URGENCY


class SalesPlaybookPhase(models.Model):
    """A phase of a playbook's customer journey: the journey phase a team gets
    when the playbook is applied."""

    _name = "sales.playbook.phase"
    _inherit = ["sales.playbook.line"]
    _description = "Playbook Journey Phase"
    customer_need = fields.Text(translate=True)
    pain_points = fields.Text(translate=True)
    stage_ids = fields.Many2many(
        "sales.playbook.stage",
        string="Stages",
        domain="[('playbook_id', '=', playbook_id)]",
        help="The playbook stages whose opportunities are in this phase.",
    )
    touchpoint_ids = fields.One2many(
        "sales.playbook.touchpoint", "phase_id", string="Touchpoints"
    )


class SalesPlaybookTouchpoint(models.Model):
    """A touchpoint of a playbook's journey phase, with its response SLA."""

    _name = "sales.playbook.touchpoint"
    _description = "Playbook Touchpoint"
    _order = "phase_id, sequence, id"

    phase_id = fields.Many2one(
        "sales.playbook.phase", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="phase_id.company_id", store=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    channel_type = fields.Selection(CHANNEL_TYPES, required=True, default="offline")
    channel = fields.Selection(CHANNELS, required=True, default="call")
    sales_action = fields.Text(string="Standard Sales Action", translate=True)
    responsible_role = fields.Char(translate=True)
    deliverable = fields.Char(translate=True)
    sla_value = fields.Float(string="Response SLA")
    sla_unit = fields.Selection(SLA_UNITS, default="hours", required=True)
    importance = fields.Selection(IMPORTANCE, default="high", required=True)
    urgency = fields.Selection(URGENCY, default="high", required=True)

    def _touchpoint_values(self, phase):
        self.ensure_one()
        return {
            "name": self.name,
            "sequence": self.sequence,
            "phase_id": phase.id,
            "channel_type": self.channel_type,
            "channel": self.channel,
            "sales_action": self.sales_action,
            "responsible_role": self.responsible_role,
            "deliverable": self.deliverable,
            "sla_value": self.sla_value,
            "sla_unit": self.sla_unit,
            "importance": self.importance,
            "urgency": self.urgency,
            "playbook_touchpoint_id": self.id,
        }
