# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """A review suggestion is done when its follow-up activity is."""
        suggestions = (
            self.env["sales.performance.review.suggestion"]
            .sudo()
            .search([("activity_id", "in", self.ids)])
        )
        suggestions.write({"state": "done", "date_done": fields.Date.today()})
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
