# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: one customer interaction per visit, call, e-mail or touchpoint.

Done activities on opportunities whose type is a customer interaction (what
it counts as, else the touchpoint channel it logs) and touchpoints logged by
hand or by a message become interactions; their figures (visits, calls...)
are counted from them now. Touchpoints logged by a done activity point to
the activity's interaction."""

import logging

_logger = logging.getLogger(__name__)


def _has_column(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns"
        " WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    # what an activity type counts as is the performance addon's column
    kind = (
        "COALESCE(t.performance_kind, t.sales_touchpoint_channel)"
        if _has_column(cr, "mail_activity_type", "performance_kind")
        else "t.sales_touchpoint_channel"
    )
    cr.execute(
        f"""
        INSERT INTO sales_interaction
               (kind, date, user_id, team_id, partner_id, lead_id, company_id,
                origin, message_id, name, create_uid, create_date, write_uid,
                write_date)
        SELECT {kind}, m.date, u.id, u.sale_team_id, p.commercial_partner_id,
               l.id, l.company_id, 'activity', m.id, t.name->>'en_US',
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM mail_message m
          JOIN mail_activity_type t ON t.id = m.mail_activity_type_id
          JOIN crm_lead l ON l.id = m.res_id
          JOIN LATERAL (
                SELECT id, sale_team_id FROM res_users
                 WHERE partner_id = m.author_id ORDER BY id LIMIT 1
               ) u ON TRUE
          LEFT JOIN res_partner p ON p.id = l.partner_id
         WHERE m.model = 'crm.lead'
           AND {kind} IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM sales_interaction i WHERE i.message_id = m.id)
        """
    )
    activities = cr.rowcount
    # touchpoints logged by hand or by a message: one interaction each (a
    # column of the migration carries the log to link it back)
    cr.execute("ALTER TABLE sales_interaction ADD COLUMN migrated_log_id int")
    cr.execute(
        """
        INSERT INTO sales_interaction
               (kind, date, user_id, team_id, partner_id, lead_id, company_id,
                origin, name, migrated_log_id, create_uid, create_date,
                write_uid, write_date)
        SELECT tp.channel, tp.date, tp.user_id, u.sale_team_id,
               p.commercial_partner_id, tp.lead_id, l.company_id, 'touchpoint',
               left(tp.outcome, 200), tp.id,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM crm_lead_touchpoint tp
          JOIN crm_lead l ON l.id = tp.lead_id
          JOIN res_users u ON u.id = tp.user_id
          LEFT JOIN res_partner p ON p.id = l.partner_id
         WHERE tp.origin != 'activity' AND tp.interaction_id IS NULL
        """
    )
    touchpoints = cr.rowcount
    cr.execute(
        """
        UPDATE crm_lead_touchpoint tp
           SET interaction_id = i.id
          FROM sales_interaction i
         WHERE i.migrated_log_id = tp.id
        """
    )
    cr.execute("ALTER TABLE sales_interaction DROP COLUMN migrated_log_id")
    # touchpoints logged by a done activity: the activity's interaction, the
    # one of the same opportunity, salesperson and minute
    cr.execute(
        """
        UPDATE crm_lead_touchpoint tp
           SET interaction_id = i.id
          FROM sales_interaction i
         WHERE tp.origin = 'activity' AND tp.interaction_id IS NULL
           AND i.origin = 'activity' AND i.lead_id = tp.lead_id
           AND i.user_id = tp.user_id
           AND date_trunc('minute', i.date) = date_trunc('minute', tp.date)
        """
    )
    _logger.info(
        "Interactions: %s from done activities, %s from touchpoints, %s "
        "touchpoints of activities linked",
        activities,
        touchpoints,
        cr.rowcount,
    )
