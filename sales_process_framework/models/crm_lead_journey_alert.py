# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_datetime

# Opportunities per batch of the journey alerts.
ALERT_BATCH = 500
# Key of the transaction lock that keeps two workers of the journey alerts apart.
ALERT_LOCK = 7_202_611


class CrmLead(models.Model):
    """Scheduled reminders of due touchpoints and stale deliverables."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Scheduled action: touchpoint SLAs and stale deliverables
    # ------------------------------------------------------------------
    @api.model
    def _cron_journey_alerts(self):
        """Remind owners of due touchpoints, escalate breaches and stale deliverables.

        Batched with progress; idempotent (at most one open reminder of a type
        per opportunity and person); a transaction lock makes a second worker
        wait for the first and then find its reminders.
        """
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [ALERT_LOCK])
        lead_ids = list(
            self._search(
                [("active", "=", True), ("type", "=", "opportunity")], order="id"
            )
        )
        cron = self.env["ir.cron"]
        for start in range(0, len(lead_ids), ALERT_BATCH):
            batch = self.browse(lead_ids[start : start + ALERT_BATCH])
            batch._journey_alert_batch()
            done = start + len(batch)
            cron._notify_progress(done=done, remaining=len(lead_ids) - done)
            self.env.flush_all()
            self.env.invalidate_all()
        return len(lead_ids)

    def _journey_alert_batch(self, now=None):
        now = now or fields.Datetime.now()
        touchpoint_type = self.env.ref(
            "sales_process_framework.mail_activity_type_touchpoint_due"
        )
        deliverable_type = self.env.ref(
            "sales_process_framework.mail_activity_type_deliverable_stale"
        )
        wanted = {}  # (lead id, activity type, user) -> values
        state = self._journey_state(now)
        for lead in self:
            company = lead.company_id or self.env.company
            info = state.get(lead.id, {})
            if not company.journey_alerts or info.get("status") not in (
                "due_soon",
                "breached",
            ):
                continue
            if info.get("touchpoint") and not self._journey_reminded_touchpoint(
                info["touchpoint"]
            ):
                continue
            recipients = lead.user_id
            grace = timedelta(hours=company.journey_grace_hours)
            if info["status"] == "breached" and now > info["deadline"] + grace:
                recipients |= lead.team_id.user_id | company.journey_alert_user_ids
            for user in recipients:
                # the deadline in the reader's time zone and language
                reader = self.with_context(lang=user.lang or self.env.lang).env
                note = reader._(
                    "“%(touchpoint)s” is due by %(deadline)s.",
                    touchpoint=info["name"],
                    deadline=format_datetime(
                        reader,
                        info["deadline"],
                        tz=user.tz or company.partner_id.tz or "UTC",
                        dt_format="short",
                    ),
                )
                wanted[(lead.id, touchpoint_type, user)] = {
                    "summary": reader._("Touchpoint due: %s", info["name"]),
                    "note": note,
                    "sales_touchpoint_id": info.get("touchpoint", False)
                    and info["touchpoint"].id,
                }
        for lead, message in self._stale_deliverables(now).items():
            company = lead.company_id or self.env.company
            for user in lead.team_id.user_id | company.journey_alert_user_ids:
                reader = self.with_context(lang=user.lang or self.env.lang).env
                wanted[(lead.id, deliverable_type, user)] = {
                    "summary": reader._("Deliverable not updated"),
                    "note": message,
                }
        if not wanted:
            return
        existing = {
            (activity.res_id, activity.activity_type_id, activity.user_id)
            for activity in self.env["mail.activity"].search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", self.ids),
                    (
                        "activity_type_id",
                        "in",
                        (touchpoint_type | deliverable_type).ids,
                    ),
                ]
            )
        }
        model_id = self.env["ir.model"]._get_id("crm.lead")
        Activity = self.env["mail.activity"].with_context(
            mail_activity_quick_update=True
        )
        # One create per type: a person alerted twice on one opportunity in the
        # same batch would be subscribed twice by mail.activity.
        for activity_type in touchpoint_type | deliverable_type:
            Activity.create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": lead_id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": fields.Date.context_today(self),
                        **values,
                    }
                    for (lead_id, a_type, user), values in wanted.items()
                    if a_type == activity_type
                    and (lead_id, a_type, user) not in existing
                ]
            )

    def _stale_deliverables(self, now):
        """{lead: text} of leads whose stage's required deliverable went stale.

        Required: a deliverable criterion of the lead's current stage. Stale: not
        attached, or last attached, longer ago than the company's days, while the
        lead has been in the stage at least that long.
        """
        leads = self.filtered(
            lambda lead: (lead.company_id or self.env.company).deliverable_alerts
        )
        if not leads:
            return {}
        criteria = self.env["sales.gate.evaluator"]._criteria_by_lead(
            leads, {lead.id: lead.stage_id for lead in leads}, ["entry", "exit"]
        )
        last_update = {
            (lead.id, deliverable_type.id): date
            for lead, deliverable_type, date in self.env["crm.lead.deliverable"]
            .sudo()
            ._read_group(
                [("lead_id", "in", leads.ids)],
                ["lead_id", "type_id"],
                ["attached_date:max"],
            )
        }
        stale = {}
        for lead in leads:
            company = lead.company_id or self.env.company
            limit = now - timedelta(days=company.deliverable_stale_days)
            if not company.deliverable_stale_days or (
                lead.date_last_stage_update and lead.date_last_stage_update > limit
            ):
                continue
            late = [
                c.deliverable_type_id.name
                for c in criteria[lead.id]
                if c.kind == "deliverable"
                and (last_update.get((lead.id, c.deliverable_type_id.id)) or limit)
                <= limit
            ]
            if late:
                stale[lead] = self.env._(
                    "Not updated for more than %(days)s days: %(deliverables)s.",
                    days=company.deliverable_stale_days,
                    deliverables=", ".join(late),
                )
        return stale
