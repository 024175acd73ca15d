# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.sales_process_framework.tools.chatter import log_notes


def tier_direction(from_id, to_id, min_scores):
    """ "new", None (same tier), "up" or "down": a change from the tier
    from_id to the tier to_id (ids or False), given {tier id: minimum score}."""
    if not from_id:
        return "new"
    if to_id == from_id:
        return None
    return "up" if min_scores.get(to_id, 0.0) > min_scores[from_id] else "down"


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
        tiers = self.from_tier_id | self.to_tier_id
        min_scores = {tier.id: tier.min_score for tier in tiers}
        for change in self:
            change.direction = (
                tier_direction(change.from_tier_id.id, change.to_tier_id.id, min_scores)
                or False
            )

    @api.depends("reason", "pinned", "pin_until", "pin_reason")
    @api.depends_context("lang")
    def _compute_reason_label(self):
        for change in self:
            change.reason_label = self._reason_label_of(
                change.reason, change.pinned, change.pin_until, change.pin_reason
            )

    @api.model
    def _reason_label_of(self, reason, pinned, pin_until, pin_reason):
        """The reason a reader sees: a pin's date and words in the reader's
        language and format, else the reason as written."""
        if pinned and pin_reason:
            return self.env["sales.account.tiering"]._pin_reason(pin_until, pin_reason)
        return reason

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

    @api.model
    def _column_value(self, name, value):
        """A value as create takes it, as its column holds it in JSON."""
        field = self._fields[name]
        if field.type == "boolean":
            return bool(value)
        if field.type in ("integer", "float", "monetary"):
            return value or 0
        if not value:
            return None
        if field.type == "date":
            return fields.Date.to_string(value)
        return value

    @api.model
    def _log_changes(self, rows):
        """Record tier changes and post a chatter note on each customer: one
        INSERT for the rows, one for the notes, whatever their number.

        The re-tiering of every customer changes the tier of thousands at
        once; the ORM would build each row and its computed fields one by
        one. The rows are plain values and what the ORM would compute from
        them is computed here by the same rules: the direction, the company
        (the customer's) and, in the owner's file, the salesperson and team.

        :param rows: [{partner_id, from_tier_id, to_tier_id, date, score,
            reason, pinned, pin_until, pin_reason}], one per customer, as
            create takes them
        :return: the ids of the history rows
        """
        if not rows:
            return []
        Tier = self.env["sales.account.tier"]
        tiers = Tier.browse(
            {row[name] for row in rows for name in ("from_tier_id", "to_tier_id")}
            - {False, None}
        )
        min_scores = {tier.id: tier.min_score for tier in tiers}
        names = {tier.id: tier.name for tier in tiers}
        records = [
            {
                **{
                    name: self._column_value(name, value) for name, value in row.items()
                },
                "direction": tier_direction(
                    row["from_tier_id"], row["to_tier_id"], min_scores
                ),
            }
            for row in rows
        ]
        columns = list(records[0])
        self.env["res.partner"].flush_model(["company_id"])
        ids = [
            history_id
            for [history_id] in self.env.execute_query(
                SQL(
                    """
                    INSERT INTO sales_account_tier_history (%(columns)s, company_id,
                           create_uid, create_date, write_uid, write_date)
                    SELECT %(values)s, p.company_id, %(uid)s, now() AT TIME ZONE 'UTC',
                           %(uid)s, now() AT TIME ZONE 'UTC'
                      FROM jsonb_to_recordset(%(rows)s::jsonb) AS r(%(types)s)
                      JOIN res_partner p ON p.id = r.partner_id
                    RETURNING id
                    """,
                    columns=SQL(", ").join(map(SQL.identifier, columns)),
                    values=SQL(", ").join(
                        SQL.identifier("r", name) for name in columns
                    ),
                    types=SQL(", ").join(
                        SQL(
                            "%s %s",
                            SQL.identifier(name),
                            SQL(self._fields[name].column_type[1]),
                        )
                        for name in columns
                    ),
                    uid=self.env.uid,
                    rows=json.dumps(records),
                )
            )
        ]
        partners = self.env["res.partner"].browse(row["partner_id"] for row in rows)
        partners.invalidate_recordset(["account_tier_history_ids"])
        # the words once, in the language of the environment: a batch holds
        # a thousand notes
        tier_text = self.env._("Tier: %(old)s → %(new)s")
        score_text = self.env._("Score %s")
        bodies = {
            row["partner_id"]: Markup("<p>{}</p><p>{}</p>").format(
                tier_text
                % {
                    "old": names.get(row["from_tier_id"]) or "-",
                    "new": names.get(row["to_tier_id"]) or "-",
                },
                # every user reads a customer's chatter: a score's reason
                # quotes the revenue, kept in the tier history for managers
                # and the account's own people; a pin's reason is the
                # manager's words
                self._reason_label_of(
                    row["reason"], True, row["pin_until"], row["pin_reason"]
                )
                if row["pinned"]
                else score_text % round(row["score"], 2),
            )
            for row in rows
        }
        # sudo: the change is logged for everyone following the customer; one
        # statement for the notes of a whole batch of the re-tiering
        log_notes(partners.sudo(), bodies)
        return ids
