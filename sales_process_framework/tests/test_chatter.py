# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Notes logged on thousands of records at once read as Odoo's own notes."""

from markupsafe import Markup

from odoo.tests import TransactionCase, tagged

from ..tools.chatter import log_notes

# The INSERT of the notes, whatever their number, and the alias domain of the
# reply-to address.
QUERIES_LOG_NOTES = 2


@tagged("post_install", "-at_install")
class TestLogNotes(TransactionCase):
    def _partners(self, count):
        return self.env["res.partner"].create(
            [{"name": f"Noted customer {i}"} for i in range(count)]
        )

    def test_notes_read_in_the_chatter_as_the_notes_odoo_logs(self):
        odoo, ours, other = self._partners(3)
        body = Markup("<p>Tier: A → B</p>")
        expected = odoo._message_log_batch(bodies={odoo.id: body})
        notes = self.env["mail.message"].browse(log_notes(ours, {ours.id: body}))
        for name in (
            "message_type",
            "subtype_id",
            "is_internal",
            "author_id",
            "email_from",
            "reply_to",
            "model",
            "body",
        ):
            self.assertEqual(notes[name], expected[name], name)
        self.assertEqual(ours.message_ids[:1], notes, "shown in its chatter")
        self.assertTrue(notes.date)
        self.assertFalse(other.message_ids.filtered(lambda m: m.body == body))

    def test_text_is_escaped(self):
        partner = self._partners(1)
        [note_id] = log_notes(partner, {partner.id: "<b>A</b> → B"})
        self.assertEqual(
            str(self.env["mail.message"].browse(note_id).body),
            "&lt;b&gt;A&lt;/b&gt; → B",
        )

    def test_ten_or_a_thousand_notes_for_the_same_queries(self):
        for count in (10, 1000):
            partners = self._partners(count)
            bodies = {partner.id: Markup("<p>Tier changed</p>") for partner in partners}
            self.env.flush_all()
            with self.assertQueryCount(QUERIES_LOG_NOTES):
                ids = log_notes(partners, bodies)
            self.assertEqual(len(ids), count)
