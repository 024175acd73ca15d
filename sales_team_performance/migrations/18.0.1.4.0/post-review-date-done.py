# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Date the reviews closed before the upgrade, so that the manager's
scorecard counts them as done on time or late.

A review's closing date is the date of the last change of its status that
its history tracked; without one, the date of its last change.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        WITH closed AS (
            SELECT m.res_id, max(m.date)::date AS day
              FROM mail_message m
              JOIN mail_tracking_value t ON t.mail_message_id = m.id
              JOIN ir_model_fields f ON f.id = t.field_id
             WHERE m.model = 'sales.performance.review'
               AND f.model = 'sales.performance.review'
               AND f.name = 'state'
             GROUP BY m.res_id
        )
        UPDATE sales_performance_review r
           SET date_done = coalesce(closed.day, r.write_date::date)
          FROM sales_performance_review r2
          LEFT JOIN closed ON closed.res_id = r2.id
         WHERE r.id = r2.id AND r.state = 'done' AND r.date_done IS NULL
        """
    )
    cr.execute(
        """
        UPDATE sales_performance_review
           SET done_on_time = (state = 'done' AND date_done <= date_end)
         WHERE state = 'done'
        """
    )
