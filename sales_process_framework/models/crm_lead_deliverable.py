# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmLeadDeliverable(models.Model):
    _name = "crm.lead.deliverable"
    _description = "Opportunity Deliverable"
    _order = "lead_id, id"
    _inherit = ["sales.lead.child.mixin"]

    type_id = fields.Many2one(
        "sales.deliverable.type",
        string="Deliverable",
        required=True,
        check_company=True,
    )
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char()
    attached_date = fields.Datetime(
        compute="_compute_attached", store=True, string="Attached On"
    )
    attached_by_id = fields.Many2one(
        "res.users",
        compute="_compute_attached",
        store=True,
    )
    state = fields.Selection(
        [("missing", "Missing"), ("attached", "Attached")],
        compute="_compute_attached",
        store=True,
    )
    note = fields.Char()

    @api.depends("file")
    def _compute_attached(self):
        now = fields.Datetime.now()
        for deliverable in self:
            if deliverable.file:
                deliverable.attached_date = now
                deliverable.attached_by_id = self.env.user
                deliverable.state = "attached"
            else:
                deliverable.attached_date = False
                deliverable.attached_by_id = False
                deliverable.state = "missing"
