# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One customer interaction: the record every visit, call, e-mail, touchpoint
and done activity is, or points to, so that each counts once everywhere."""

from datetime import datetime, time, timedelta

from odoo import api, fields, models

# The one taxonomy of interactions (touchpoint channels, what an activity
# type counts as, key-account visit methods).
INTERACTION_KINDS = [
    ("website", "Website"),
    ("white_paper", "White Paper"),
    ("webinar", "Webinar"),
    ("video", "Demo Video"),
    ("social", "Social Media"),
    ("email", "E-mail"),
    ("call", "Call"),
    ("video_call", "Video Call"),
    ("visit", "Visit"),
    ("trade_show", "Trade Show"),
    ("reference_visit", "Reference Visit"),
    ("meeting", "Meeting"),
    ("service_desk", "Service Desk"),
    ("proposal", "Proposal or demo"),
    ("non_selling", "Non-selling work"),
    ("other", "Other"),
]
ORIGINS = [
    ("activity", "Activity Done"),
    ("touchpoint", "Touchpoint Logged"),
    ("visit", "Key-Account Visit"),
]


class SalesInteraction(models.Model):
    _name = "sales.interaction"
    _description = "Customer Interaction"
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", readonly=True)
    kind = fields.Selection(INTERACTION_KINDS, required=True, readonly=True, index=True)
    date = fields.Datetime(required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, readonly=True, index=True
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", readonly=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True, index=True
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", readonly=True, index=True, ondelete="set null"
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    origin = fields.Selection(ORIGINS, required=True, readonly=True)
    message_id = fields.Many2one(
        "mail.message",
        string="Done Activity",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The message of the done activity this interaction is.",
    )

    @api.model
    def record(self, vals_list):
        """The interactions of vals_list: created, or the one of another origin
        already recorded for the same kind, salesperson, customer and local
        day (a key-account visit done and the activity it carried out are one
        visit). Returns them in the order of vals_list.

        Values: kind, date, user_id, partner_id, lead_id, company_id, origin,
        name, message_id. Interactions are recorded by the server only (sudo below): a
        done activity, a logged touchpoint or a visit done is what creates one.
        """
        if not vals_list:
            return self.browse()
        Interaction = self.sudo()
        users = self.env["res.users"].sudo().browse({v["user_id"] for v in vals_list})
        teams = {user.id: user.sale_team_id.id for user in users}
        for vals in vals_list:
            partner = self.env["res.partner"].sudo().browse(vals.get("partner_id"))
            vals["partner_id"] = partner.commercial_partner_id.id or False
            vals.setdefault("team_id", teams.get(vals["user_id"]) or False)
        days = [vals["date"].date() for vals in vals_list]
        candidates = Interaction.search(
            [
                ("kind", "in", list({v["kind"] for v in vals_list})),
                ("user_id", "in", users.ids),
                ("partner_id", "in", [v["partner_id"] for v in vals_list]),
                ("date", ">=", datetime.combine(min(days), time.min)),
                ("date", "<", datetime.combine(max(days) + timedelta(1), time.min)),
            ]
        )
        found, to_create = {}, []
        for index, vals in enumerate(vals_list):
            same = candidates.filtered(
                lambda i, v=vals: (
                    i.kind == v["kind"]
                    and i.user_id.id == v["user_id"]
                    and i.partner_id.id == v["partner_id"]
                    and i.date.date() == v["date"].date()
                    and i.origin != v["origin"]
                    and v["partner_id"]
                )
            )
            if same:
                found[index] = same[0]
                if vals.get("message_id") and not same[0].message_id:
                    same[0].message_id = vals["message_id"]
            else:
                to_create.append((index, vals))
        created = Interaction.create([vals for _index, vals in to_create])
        for (index, _vals), interaction in zip(to_create, created, strict=True):
            found[index] = interaction
        return Interaction.browse([found[i].id for i in range(len(vals_list))])
