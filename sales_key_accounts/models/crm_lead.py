# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._apply_ownership_rule()
        return leads

    def _apply_ownership_rule(self):
        """A customer owned by another salesperson: warn the owner or route to them.

        Routed leads are reassigned with one write per owner and logged in one
        batch, so an import does not write and log lead by lead.
        """
        routed = {}
        for lead in self:
            owner = lead.partner_id.commercial_partner_id.user_id
            company = lead.company_id or self.env.company
            rule = company.account_ownership_rule
            if rule == "off" or not owner or not lead.user_id or owner == lead.user_id:
                continue
            if rule == "route":
                routed[lead] = owner
            else:
                lead.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=owner.id,
                    summary=self.env._("Opportunity on your customer"),
                    note=self.env._(
                        "%(user)s created an opportunity for %(customer)s, whom you "
                        "own.",
                        user=lead.user_id.name,
                        customer=lead.partner_id.commercial_partner_id.name,
                    ),
                )
        if not routed:
            return
        bodies = {
            lead.id: Markup("<p>{}</p>").format(
                self.env._(
                    "Routed to %(owner)s, who owns the customer (created by "
                    "%(creator)s).",
                    owner=owner.name,
                    creator=lead.user_id.name,
                )
            )
            for lead, owner in routed.items()
        }
        leads = self.browse(list(bodies))
        for owner, owned in leads.grouped(lambda lead: routed[lead]).items():
            owned.write({"user_id": owner.id})
        leads._message_log_batch(bodies=bodies)
