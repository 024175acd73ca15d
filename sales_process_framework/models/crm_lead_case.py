# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # not stored: the form's button reads it, never the card
    reference_case_count = fields.Integer(
        compute="_compute_reference_case_count", string="Reference Cases"
    )

    def _customer_industry(self):
        return self.partner_id.commercial_partner_id.industry_id

    def _compute_reference_case_count(self):
        industries = self.partner_id.commercial_partner_id.industry_id
        counts = dict(
            self.env["sales.case"]._read_group(
                [("industry_id", "in", industries.ids)],
                ["industry_id"],
                ["__count"],
            )
        )
        for lead in self:
            lead.reference_case_count = counts.get(lead._customer_industry(), 0)

    def action_view_reference_cases(self):
        """The cases of the customer's industry, the reader may see."""
        self.ensure_one()
        industry = self._customer_industry()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_process_framework.sales_case_action"
        )
        action["domain"] = [("industry_id", "=", industry.id)] if industry else []
        action["context"] = {"search_default_group_industry": not industry}
        return action
