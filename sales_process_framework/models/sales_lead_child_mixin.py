# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesLeadChildMixin(models.AbstractModel):
    """A record that belongs to one opportunity and lives in its company.

    Deliverables, SPIN questions, touchpoint logs and gate overrides share it;
    their record rules follow the opportunity's salesperson and company.
    """

    _name = "sales.lead.child.mixin"
    _description = "Record of an Opportunity"
    _check_company_auto = True

    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
