# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The calendar event of a sales meeting follows its meeting.

Its attendees may edit a shared event in the calendar; on a meeting's event
that would change what the meeting does not say (a public event shows the
subject and attendees to everyone, a moved event no longer matches the
meeting's date). The meeting writes its event; everyone else changes the
meeting.
"""

from odoo import models
from odoo.exceptions import UserError


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

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
