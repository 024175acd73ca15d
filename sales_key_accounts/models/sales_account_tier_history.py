# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.sales_process_framework.tools.chatter import log_notes


class SalesAccountTierHistory(models.Model):
    _name = "sales.account.tier.history"
    _description = "Customer Tier Change"
    _order = "date desc, id desc"
    _inherit = ["sales.guard.mixin"]

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    from_tier_id = fields.Many2one("sales.account.tier", string="From")
    to_tier_id = fields.Many2one("sales.account.tier", string="To")
    date = fields.Date(required=True, default=fields.Date.context_today)
    score = fields.Float(aggregator=False)
    # written in the language of whoever re-tiered; a pin's date and words are
    # kept so that each reader sees its reason in their own language
    reason = fields.Char(string="Reason as Written")
    pinned = fields.Boolean(help="Set by a manager's pin, not by the score.")
    pin_until = fields.Date(string="Pinned Until", readonly=True)
    pin_reason = fields.Char(readonly=True, help="The manager's words for the pin.")
    reason_label = fields.Char(string="Reason", compute="_compute_reason_label")
    direction = fields.Selection(
        [("up", "Upgrade"), ("down", "Downgrade"), ("new", "First Tier")],
        compute="_compute_direction",
        store=True,
    )

    @api.depends("from_tier_id", "to_tier_id")
    def _compute_direction(self):
        for change in self:
            if not change.from_tier_id:
                change.direction = "new"
            elif change.to_tier_id == change.from_tier_id:
                change.direction = False
            elif change.to_tier_id.min_score > change.from_tier_id.min_score:
                change.direction = "up"
            else:
                change.direction = "down"

    @api.depends("reason", "pinned", "pin_until", "pin_reason")
    @api.depends_context("lang")
    def _compute_reason_label(self):
        Tiering = self.env["sales.account.tiering"]
        for change in self:
            change.reason_label = (
                Tiering._pin_reason(change.pin_until, change.pin_reason)
                if change.pinned and change.pin_reason
                else change.reason
            )

    @api.model
    def _tiers_at(self, partners, day):
        """{customer id: the tier it had at the start of day}, from the dated
        changes: the tier of its last change before the day, else the tier
        its first change since left, else its tier today."""
        tiers = {partner.id: partner.account_tier_id for partner in partners}
        settled = set()
        changes = self.search_fetch(
            [("partner_id", "in", partners.ids)],
            ["partner_id", "date", "from_tier_id", "to_tier_id"],
            order="date desc, id desc",
        )
        # newest first: the last change before the day settles the customer
        for change in changes:
            partner_id = change.partner_id.id
            if partner_id in settled:
                continue
            if change.date < day:
                tiers[partner_id] = change.to_tier_id
                settled.add(partner_id)
            else:
                tiers[partner_id] = change.from_tier_id
        return tiers

    def _post_on_partners(self):
        bodies = {
            change.partner_id.id: Markup("<p>{}</p><p>{}</p>").format(
                self.env._(
                    "Tier: %(old)s → %(new)s",
                    old=change.from_tier_id.name or "-",
                    new=change.to_tier_id.name or "-",
                ),
                # every user reads a customer's chatter: a score's reason quotes
                # the revenue, kept in the tier history for managers and the
                # account's own people; a pin's reason is the manager's words
                change.reason_label
                if change.pinned
                else self.env._("Score %s", round(change.score, 2)),
            )
            for change in self
        }
        # sudo: the change is logged for everyone following the customer; one
        # statement for the notes of a whole batch of the re-tiering
        log_notes(self.partner_id.sudo(), bodies)
