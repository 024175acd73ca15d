# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0: each key-account visit done is a customer interaction, the one
of the done activity of the same salesperson, customer and day when there is
one, so that it counts once in scorecards and visit targets."""

import logging

_logger = logging.getLogger(__name__)

KINDS = (
    "CASE v.method WHEN 'phone' THEN 'call' WHEN 'video' THEN 'video_call'"
    " ELSE v.method END"
)


def migrate(cr, version):
    if not version:
        return
    # the interaction already recorded by a done activity
    cr.execute(
        f"""
        UPDATE sales_account_visit v
           SET interaction_id = found.interaction_id
          FROM (
                SELECT DISTINCT ON (v.id) v.id AS visit_id, i.id AS interaction_id
                  FROM sales_account_visit v
                  JOIN res_partner p ON p.id = v.partner_id
                  JOIN sales_interaction i
                    ON i.kind = {KINDS} AND i.user_id = v.user_id
                   AND i.partner_id = p.commercial_partner_id
                   AND i.date::date = v.date AND i.origin != 'visit'
                 WHERE v.state = 'done' AND v.interaction_id IS NULL
                 ORDER BY v.id, i.id
               ) found
         WHERE v.id = found.visit_id
        """
    )
    shared = cr.rowcount
    cr.execute("ALTER TABLE sales_interaction ADD COLUMN migrated_visit_id int")
    cr.execute(
        f"""
        INSERT INTO sales_interaction
               (kind, date, user_id, team_id, partner_id, company_id, origin,
                name, migrated_visit_id, create_uid, create_date, write_uid,
                write_date)
        SELECT {KINDS}, v.date + time '12:00', v.user_id, u.sale_team_id,
               p.commercial_partner_id, v.company_id, 'visit', v.goal, v.id,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM sales_account_visit v
          JOIN res_partner p ON p.id = v.partner_id
          JOIN res_users u ON u.id = v.user_id
         WHERE v.state = 'done' AND v.interaction_id IS NULL
        """
    )
    created = cr.rowcount
    cr.execute(
        """
        UPDATE sales_account_visit v SET interaction_id = i.id
          FROM sales_interaction i WHERE i.migrated_visit_id = v.id
        """
    )
    cr.execute("ALTER TABLE sales_interaction DROP COLUMN migrated_visit_id")
    _logger.info(
        "Key-account visits done: %s share an activity's interaction, %s new",
        shared,
        created,
    )
