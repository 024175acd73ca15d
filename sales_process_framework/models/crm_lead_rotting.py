# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_lead_journey_alert import ALERT_BATCH, ALERT_LOCK


def idle_since(stage_date, touch):
    """Since when an opportunity is idle: its last stage change or its last
    touch, whichever is later (None without either)."""
    return max(filter(None, (stage_date, touch)), default=None)


class CrmLead(models.Model):
    """Rotting, as Odoo 19 does it: a stored start date, the flag computed from it."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # Rotting, as Odoo 19 does it: a stored start date, the flag computed from
    # it with no query, and searchable.
    date_last_touch = fields.Datetime(
        string="Last Touch",
        readonly=True,
        copy=False,
        help="Date of the last message sent or received, or activity done.",
    )
    rotting_start_date = fields.Datetime(
        compute="_compute_rotting_start_date",
        store=True,
        copy=False,
        help="When the opportunity starts rotting if nothing happens on it.",
    )
    rotting_reminded_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="The rotting start date its team leader was reminded of.",
    )
    idle_days = fields.Integer(
        compute="_compute_idle_flags",
        help="Days since the last stage change, logged activity or message.",
    )
    is_rotting = fields.Boolean(
        compute="_compute_idle_flags",
        search="_search_is_rotting",
        string="Rotting",
        help="Idle in its stage for longer than the stage's rotting days.",
    )

    def _idle_since(self):
        self.ensure_one()
        return idle_since(self.date_last_stage_update, self.date_last_touch)

    @api.depends(
        "date_last_stage_update",
        "date_last_touch",
        "active",
        "stage_id.rotting_days",
        "stage_id.is_won",
    )
    def _compute_rotting_start_date(self):
        def start(lead):
            stage = lead.stage_id
            if not stage.rotting_days or stage.is_won or not lead.active:
                return False
            since = lead._idle_since()
            return since + timedelta(days=stage.rotting_days) if since else False

        # the leads in stages that never rot, read by stage on the plain ids:
        # a move of a thousand opportunities into such a stage reads no lead
        # one by one
        by_stage = defaultdict(list)
        for lead_id, (stage_id,) in self._plain_values(["stage_id"]).items():
            by_stage[stage_id].append(lead_id)
        stages = self.env["crm.stage"].browse(s_id for s_id in by_stage if s_id)
        rotting = self.browse()
        for stage in stages:
            leads = self.browse(by_stage[stage.id])
            if stage.rotting_days and not stage.is_won:
                rotting |= leads
            else:
                leads.rotting_start_date = False
        if by_stage.get(False):
            self.browse(by_stage[False]).rotting_start_date = False
        # one assignment per distinct value, not one per lead
        for date, leads in rotting.grouped(start).items():
            leads.rotting_start_date = date

    # The flags below are read by the lists, the form and the reminders (the
    # pipeline card draws them from the stored dates): one method computes
    # both, the values read for the whole page at once and assigned once per
    # distinct value, not once per record.
    @api.depends("date_last_stage_update", "date_last_touch", "rotting_start_date")
    def _compute_idle_flags(self):
        now = fields.Datetime.now()
        days, rotting = defaultdict(list), []
        for lead_id, stage_date, touch, start in zip(
            self._ids,
            self.mapped("date_last_stage_update"),
            self.mapped("date_last_touch"),
            self.mapped("rotting_start_date"),
            strict=True,
        ):
            since = idle_since(stage_date, touch)
            days[(now - since).days if since else 0].append(lead_id)
            if start and start < now:
                rotting.append(lead_id)
        for value, ids in days.items():
            self.browse(ids).idle_days = value
        rotting = self.browse(rotting)
        rotting.is_rotting = True
        (self - rotting).is_rotting = False

    def _search_is_rotting(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Search rotting opportunities with = or !=."))
        rotting = [("rotting_start_date", "<", fields.Datetime.now())]
        if (operator == "=") == bool(value):
            return rotting
        return ["!", *rotting]

    def _touched(self, dates):
        """A message or a done activity on these leads: {lead id: its date}."""
        # sudo: the date is set by the server from the message just written,
        # whoever wrote it (a customer's e-mail, a colleague's note)
        for lead in self.sudo():
            date = dates[lead.id]
            if not lead.date_last_touch or lead.date_last_touch < date:
                lead.date_last_touch = date

    # ------------------------------------------------------------------
    # Scheduled action: tell the team leader of the opportunities that
    # start rotting
    # ------------------------------------------------------------------
    @api.model
    def _cron_rotting_reminders(self, batch=ALERT_BATCH):
        """One activity for the team leader per opportunity that starts rotting.

        Once each: the rotting start date the leader was reminded of is kept on
        the opportunity, so a second run, or a second worker after the lock,
        finds nothing to do; an opportunity that is touched and rots again is
        reminded again.
        """
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [ALERT_LOCK + 1])
        domain = [
            ("type", "=", "opportunity"),
            ("is_rotting", "=", True),
            ("team_id.user_id", "!=", False),
        ]
        candidates = self.search(domain, order="id")
        leads = candidates.filtered(
            lambda lead: lead.rotting_reminded_date != lead.rotting_start_date
        )
        activity_type = self.env.ref(
            "sales_process_framework.mail_activity_type_rotting"
        )
        model_id = self.env["ir.model"]._get_id("crm.lead")
        Activity = self.env["mail.activity"].with_context(
            mail_activity_quick_update=True
        )
        cron = self.env["ir.cron"]
        for start in range(0, len(leads), batch):
            chunk = leads[start : start + batch]
            Activity.create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": lead.id,
                        "activity_type_id": activity_type.id,
                        "user_id": lead.team_id.user_id.id,
                        "date_deadline": fields.Date.context_today(self),
                        "summary": self.env._("Opportunity rotting"),
                        "note": self.env._(
                            "No stage change, activity or message for %s days.",
                            lead.idle_days,
                        ),
                    }
                    for lead in chunk
                ]
            )
            for lead in chunk:
                lead.rotting_reminded_date = lead.rotting_start_date
            done = start + len(chunk)
            cron._notify_progress(done=done, remaining=len(leads) - done)
            self.env.flush_all()
        return len(leads)
