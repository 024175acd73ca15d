# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

# A demo opportunity created this recently still waits for its first response.
AWAITING_DAYS = 2


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def spread_demo_history(self, modules):
        """Make the demo opportunities of modules look lived in, relative to
        the day the demo is installed: their creation message on their
        creation date, every later message of their chatter (stage changes,
        done activities, notes) after it and in the order the chatter shows
        them, their last stage update on their last stage change, and a first
        response for those created before the last days. Set-based, for a
        module's demo data only; running it again changes nothing.

        :param list modules: the modules whose demo opportunities these are
        :return: True
        """
        if not self.env.is_superuser():
            raise AccessError(
                self.env._(
                    "Only a module's demo data can rewrite the history of its "
                    "opportunities."
                )
            )
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """SELECT DISTINCT res_id FROM ir_model_data
                    WHERE model = 'crm.lead' AND module = ANY(%s)""",
                list(modules),
            )
        )
        lead_ids = [row[0] for row in cr.fetchall()]
        if not lead_ids:
            return True
        now = self.env.cr.now()
        created = self.env.ref("crm.mt_lead_create")
        stage_field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        # the creation message on the creation date
        cr.execute(
            SQL(
                """UPDATE mail_message AS m
                      SET date = l.create_date, create_date = l.create_date
                     FROM crm_lead AS l
                    WHERE m.model = 'crm.lead' AND m.res_id = l.id
                      AND l.id = ANY(%s) AND m.subtype_id = %s
                      AND m.date IS DISTINCT FROM l.create_date""",
                lead_ids,
                created.id,
            )
        )
        # every other message after the creation, not in the future, and the
        # dates in the order of the chatter (by id): each opportunity keeps
        # the dates of its history, handed out in that order
        cr.execute(
            SQL(
                """WITH wanted AS (
                        SELECT m.id, m.res_id,
                               GREATEST(LEAST(m.date, %(now)s),
                                        l.create_date + interval '1 minute') AS date
                          FROM mail_message AS m
                          JOIN crm_lead AS l ON l.id = m.res_id
                         WHERE m.model = 'crm.lead' AND l.id = ANY(%(leads)s)
                           AND m.subtype_id IS DISTINCT FROM %(created)s
                    ), ranked AS (
                        SELECT id, res_id, date,
                               row_number() OVER (PARTITION BY res_id ORDER BY id)
                                   AS by_id,
                               row_number() OVER (PARTITION BY res_id
                                                  ORDER BY date, id) AS by_date
                          FROM wanted
                    )
                    UPDATE mail_message AS m
                       SET date = d.date, create_date = d.date
                      FROM ranked AS r
                      JOIN ranked AS d ON d.res_id = r.res_id AND d.by_date = r.by_id
                     WHERE m.id = r.id
                       AND (m.date, m.create_date) IS DISTINCT FROM (d.date, d.date)""",
                now=now,
                leads=lead_ids,
                created=created.id,
            )
        )
        cr.execute(
            SQL(
                """UPDATE mail_tracking_value AS v
                      SET create_date = m.date
                     FROM mail_message AS m
                    WHERE v.mail_message_id = m.id
                      AND m.model = 'crm.lead' AND m.res_id = ANY(%s)
                      AND v.create_date IS DISTINCT FROM m.date""",
                lead_ids,
            )
        )
        # the last stage update: the last stage change of the history, else
        # between the creation and now
        cr.execute(
            SQL(
                """UPDATE crm_lead AS l
                      SET date_last_stage_update = COALESCE(
                            (SELECT max(m.date)
                               FROM mail_message AS m
                               JOIN mail_tracking_value AS v
                                 ON v.mail_message_id = m.id AND v.field_id = %(stage)s
                              WHERE m.model = 'crm.lead' AND m.res_id = l.id),
                            GREATEST(l.create_date,
                                     LEAST(l.date_last_stage_update, %(now)s)))
                    WHERE l.id = ANY(%(leads)s)""",
                stage=stage_field.id,
                now=now,
                leads=lead_ids,
            )
        )
        # the salesperson answered the older ones within the response SLA
        cr.execute(
            SQL(
                """UPDATE crm_lead
                      SET first_response_date = create_date
                          + (first_response_deadline - create_date)
                            * (mod(id, 4) + 1) / 6
                    WHERE id = ANY(%(leads)s)
                      AND first_response_date IS NULL
                      AND first_response_deadline > create_date
                      AND create_date < %(now)s - make_interval(days => %(days)s)""",
                leads=lead_ids,
                now=now,
                days=AWAITING_DAYS,
            )
        )
        leads = self.browse(lead_ids).with_context(active_test=False)
        self.env.invalidate_all()
        # what is computed from those dates: response times, rotting, cards
        leads.modified(["create_date", "first_response_date", "date_last_stage_update"])
        self.env.flush_all()
        leads._mark_cards_stale()
        leads._refresh_stale_cards()
        return True
