# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # not stored: read on the form only, never on the card
    gate_template_ids = fields.Many2many(
        "sales.deliverable.type",
        compute="_compute_gate_template_ids",
        string="Templates",
        help="The deliverables the exit criteria of the current stage require, "
        "with the template document to start from.",
    )

    @api.depends("stage_id", "team_id", "company_id")
    def _compute_gate_template_ids(self):
        saved = self._origin.filtered("id")
        criteria = self.env["sales.gate.evaluator"]._criteria_by_lead(
            saved, {lead.id: lead.stage_id for lead in saved}, ["exit"]
        )
        Type = self.env["sales.deliverable.type"]
        required = {
            lead_id: found.filtered(
                lambda c: c.kind == "deliverable"
            ).deliverable_type_id
            for lead_id, found in criteria.items()
        }
        # the reader's own rights decide which templates they see; one read of
        # the templates for every lead
        with_template = Type.browse(
            sorted({type_id for types in required.values() for type_id in types.ids})
        ).filtered("template")
        for lead in self:
            lead.gate_template_ids = with_template & Type.browse(
                required.get(lead._origin.id, Type).ids
            )
