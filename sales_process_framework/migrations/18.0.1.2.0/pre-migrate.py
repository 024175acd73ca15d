# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: what the kanban card reads is stored.

The columns are created here, before the registry loads, so that Odoo does not
compute them one opportunity at a time: the last touch and the rotting start
date are filled with one statement each; the gate progress and the journey are
refreshed in batches after the update (post-migrate).
"""

COLUMNS = {
    "date_last_touch": "timestamp",
    "rotting_start_date": "timestamp",
    "rotting_reminded_date": "timestamp",
    "gate_exit_total": "int4",
    "gate_exit_done": "int4",
    "card_refresh_pending": "bool",
    "journey_phase_id": "int4",
    "touchpoint_next_id": "int4",
    "touchpoint_deadline": "timestamp",
    "touchpoint_due_soon_date": "timestamp",
}


def migrate(cr, version):
    if not version:
        return
    for name, sql_type in COLUMNS.items():
        cr.execute(f"ALTER TABLE crm_lead ADD COLUMN IF NOT EXISTS {name} {sql_type}")
    # the last message sent or received, or activity done, of each opportunity
    cr.execute(
        """
        UPDATE crm_lead lead
           SET date_last_touch = touch.date
          FROM (SELECT res_id, max(date) AS date
                  FROM mail_message
                 WHERE model = 'crm.lead'
                   AND (message_type IN ('comment', 'email')
                        OR mail_activity_type_id IS NOT NULL)
                 GROUP BY res_id) touch
         WHERE touch.res_id = lead.id
        """
    )
    cr.execute(
        """
        UPDATE crm_lead lead
           SET rotting_start_date = GREATEST(lead.date_last_stage_update,
                                             lead.date_last_touch)
                                    + stage.rotting_days * interval '1 day'
          FROM crm_stage stage
         WHERE stage.id = lead.stage_id
           AND stage.rotting_days > 0
           AND stage.is_won IS NOT TRUE
           AND lead.active
           AND GREATEST(lead.date_last_stage_update, lead.date_last_touch)
               IS NOT NULL
        """
    )
    # every open lead and opportunity: a lead's response clock is on the card
    # it becomes
    cr.execute("UPDATE crm_lead SET card_refresh_pending = TRUE WHERE active")
