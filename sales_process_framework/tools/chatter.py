# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Internal notes logged on many records in one statement."""

from markupsafe import escape

from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id


def log_notes(records, bodies):
    """Log one internal note per record, as ``_message_log_batch`` does, in
    one INSERT instead of one ORM create of as many messages.

    The notes are the ones Odoo logs: messages of type notification with the
    note subtype, by the current user, internal, notifying nobody. For the
    jobs that log a note on thousands of records at once (the re-tiering of
    every customer); the caller has checked the rights on the records, as
    with ``_message_log_batch``.

    :param records: the records of one model inheriting mail.thread
    :param bodies: {record id: HTML body (Markup, or text to escape)}
    :return: the ids of the messages created
    """
    if not bodies:
        return []
    env = records.env
    author_id, email_from = records._message_compute_author(raise_on_email=False)
    reply_to = env["mail.thread"]._notify_get_reply_to(default=email_from)[False]
    ids = list(bodies)
    env["mail.message"].flush_model()
    env.cr.execute(
        SQL(
            """
            INSERT INTO mail_message (
                model, res_id, body, message_type, is_internal, subtype_id,
                author_id, email_from, reply_to, message_id,
                email_add_signature, reply_to_force_new, date,
                create_uid, create_date, write_uid, write_date)
            SELECT %(model)s, v.res_id, v.body, 'notification', TRUE, %(subtype)s,
                   %(author)s, %(email_from)s, %(reply_to)s, %(message_id)s,
                   FALSE, FALSE, now() AT TIME ZONE 'UTC',
                   %(uid)s, now() AT TIME ZONE 'UTC',
                   %(uid)s, now() AT TIME ZONE 'UTC'
              FROM unnest(%(ids)s::int[], %(bodies)s::text[]) AS v(res_id, body)
            RETURNING id
            """,
            model=records._name,
            subtype=env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            author=author_id or None,
            email_from=email_from or None,
            reply_to=reply_to or None,
            message_id=generate_tracking_message_id("message-notify"),
            uid=env.uid,
            ids=ids,
            bodies=[str(escape(bodies[res_id])) for res_id in ids],
        )
    )
    message_ids = [row[0] for row in env.cr.fetchall()]
    # the threads' cached messages no longer hold every message
    records.browse(ids).invalidate_recordset(["message_ids"])
    return message_ids
