# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The calendar event of a sales meeting follows its meeting.

Its attendees may edit a shared event in the calendar; on a meeting's event
that would change what the meeting does not say (a public event shows the
subject and attendees to everyone, a moved event no longer matches the
meeting's date). The meeting writes its event; everyone else changes the
meeting.

A private event shows others a busy slot and nothing else; a search on what
it hides (its subject, description, attendees, link) must not find it either,
or a search on a name would tell who meets about what.
"""

from odoo import api, models
from odoo.exceptions import UserError
from odoo.osv import expression


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su and self._searches_hidden_fields(domain):
            domain = expression.AND(
                [
                    domain,
                    [
                        "|",
                        "|",
                        ("res_model", "!=", "sales.meeting"),
                        ("user_id", "=", self.env.uid),
                        ("partner_ids", "in", self.env.user.partner_id.ids),
                    ],
                ]
            )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _searches_hidden_fields(self, domain):
        public = self._get_public_fields()
        return any(
            expression.is_leaf(leaf)
            and isinstance(leaf[0], str)
            and leaf[0].split(".")[0] not in public
            for leaf in domain or ()
        )

    def write(self, vals):
        self._check_not_a_meeting_event()
        return super().write(vals)

    def unlink(self):
        self._check_not_a_meeting_event()
        return super().unlink()

    def _check_not_a_meeting_event(self):
        if self.env.su:
            return
        # sudo: the link to the meeting is hidden from whom the event is private
        events = self.sudo().filtered(lambda event: event.res_model == "sales.meeting")
        if events:
            raise UserError(
                self.env._(
                    "%s is the calendar event of a sales meeting: change or "
                    "cancel the meeting in Sales Meetings and its event follows.",
                    ", ".join(events.mapped("name")),
                )
            )
