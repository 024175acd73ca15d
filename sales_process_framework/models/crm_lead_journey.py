# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from ..tools.working_time import WorkingTime

# The stored fields of the card that a change of the journey may make stale.
JOURNEY_FIELDS = (
    "journey_phase_id",
    "touchpoint_next_id",
    "touchpoint_deadline",
    "touchpoint_due_soon_date",
)


class CrmLead(models.Model):
    """Customer journey: the phase, the next due touchpoint and its SLA."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # Customer journey and response SLAs
    touchpoint_log_ids = fields.One2many(
        "crm.lead.touchpoint", "lead_id", string="Touchpoint Log"
    )
    journey_phase_id = fields.Many2one(
        "sales.journey.phase",
        compute="_compute_journey",
        store=True,
        string="Journey Phase",
    )
    touchpoint_next_id = fields.Many2one(
        "sales.journey.touchpoint",
        compute="_compute_journey",
        store=True,
        string="Next Touchpoint",
    )
    touchpoint_next_name = fields.Char(
        compute="_compute_touchpoint_next_name", string="Next Due"
    )
    touchpoint_deadline = fields.Datetime(
        compute="_compute_journey", store=True, string="Due By"
    )
    touchpoint_due_soon_date = fields.Datetime(
        compute="_compute_journey",
        store=True,
        string="Due Soon From",
        help="From this time on, the next touchpoint is due soon.",
    )
    sla_status = fields.Selection(
        [
            ("none", "No SLA"),
            ("on_time", "On Time"),
            ("due_soon", "Due Soon"),
            ("breached", "Breached"),
        ],
        compute="_compute_sla_status",
        string="SLA Status",
    )

    @api.depends(
        "stage_id",
        "team_id",
        "company_id",
        "active",
        "date_last_stage_update",
        "touchpoint_log_ids.touchpoint_id",
        "first_response_date",
        "first_response_deadline",
    )
    def _compute_journey(self):
        """Phase, next due touchpoint and its deadline. Besides these
        dependencies: the journey, the company's calendar and due-soon hours
        (the scheduled refresh of the cards)."""
        origin = self._origin
        state = origin.browse(
            lead_id for lead_id in origin._ids if lead_id
        )._journey_state()
        if not state:
            # no journey nor running response clock (a pipeline without
            # journey): nothing is due for any of them
            self.journey_phase_id = self.touchpoint_next_id = False
            self.touchpoint_deadline = self.touchpoint_due_soon_date = False
            return
        # one assignment per distinct value, not one per lead; grouped on the
        # ids (a record being edited by its origin's), without a record each
        by_value = defaultdict(list)
        for lead_id in self._ids:
            info = state.get(getattr(lead_id, "origin", lead_id), {})
            by_value[
                (
                    info.get("phase") or False,
                    info.get("touchpoint") or False,
                    info.get("deadline") or False,
                    info.get("due_soon") or False,
                )
            ].append(lead_id)
        for (phase, touchpoint, deadline, due_soon), ids in by_value.items():
            leads = self.browse(ids).with_prefetch(self._prefetch_ids)
            leads.journey_phase_id = phase
            leads.touchpoint_next_id = touchpoint
            leads.touchpoint_deadline = deadline
            leads.touchpoint_due_soon_date = due_soon

    @api.depends("touchpoint_next_id", "touchpoint_deadline")
    @api.depends_context("lang")
    def _compute_touchpoint_next_name(self):
        # only a card with a deadline has something due: the cards grouped
        # by the plain id of their touchpoint, whose names are read at once
        touchpoint_ids = self._plain_values(["touchpoint_next_id"])
        by_touchpoint = defaultdict(list)
        for lead_id, deadline in zip(
            self._ids, self.mapped("touchpoint_deadline"), strict=True
        ):
            by_touchpoint[touchpoint_ids[lead_id][0] if deadline else None].append(
                lead_id
            )
        touchpoints = self.env["sales.journey.touchpoint"].browse(
            t_id for t_id in by_touchpoint if t_id
        )
        names = {touchpoint.id: touchpoint.name for touchpoint in touchpoints}
        first_response = self.env._("First response")
        for t_id, ids in by_touchpoint.items():
            self.browse(ids).touchpoint_next_name = (
                False if t_id is None else names.get(t_id) or first_response
            )

    @api.depends("touchpoint_deadline", "touchpoint_due_soon_date")
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        statuses = defaultdict(list)
        for lead_id, deadline, due_soon in zip(
            self._ids,
            self.mapped("touchpoint_deadline"),
            self.mapped("touchpoint_due_soon_date"),
            strict=True,
        ):
            status = (
                "none"
                if not deadline
                else "breached"
                if now > deadline
                else "due_soon"
                if now > (due_soon or deadline)
                else "on_time"
            )
            statuses[status].append(lead_id)
        for status, ids in statuses.items():
            self.browse(ids).sla_status = status

    def _refresh_journey(self):
        """Recompute the stored journey of these leads (at the next flush)."""
        for name in JOURNEY_FIELDS:
            self.env.add_to_compute(self._fields[name], self)

    def _journey_state(self, now=None):
        """{lead id: phase, next due touchpoint, its deadline and SLA status};
        a lead without phase nor running response clock may be left out.

        Batched: one query for the phases, one for the logged touchpoints and
        one or two per company calendar, whatever the number of leads.
        """
        now = now or fields.Datetime.now()
        phases = self.env["sales.journey.phase"]._phase_by_lead(self)
        # plain values, read once for the batch
        values = self._plain_values(
            (
                "active",
                "first_response_deadline",
                "first_response_date",
                "company_id",
                "date_last_stage_update",
            )
        )

        def clock_running(lead_values):
            return lead_values[1] and not lead_values[2]

        if not any(phases.values()):
            # no journey for these stages: only the response clocks still running
            self = self.browse(
                lead_id
                for lead_id in self._ids
                if values[lead_id][0] and clock_running(values[lead_id])
            )
        # only the leads with touchpoints under an SLA need the logs and calendars
        with_sla = {}  # phase: whether a touchpoint of it has an SLA

        def under_sla(phase):
            if phase not in with_sla:
                with_sla[phase] = any(t.sla_value for t in phase.touchpoint_ids)
            return with_sla[phase]

        timed_ids = {
            lead_id
            for lead_id in self._ids
            if values[lead_id][0]
            and not clock_running(values[lead_id])
            and under_sla(phases[lead_id])
        }
        logged = (
            {
                (lead.id, touchpoint.id)
                for lead, touchpoint in self.env["crm.lead.touchpoint"]
                .sudo()
                ._read_group(
                    [
                        ("lead_id", "in", list(timed_ids)),
                        ("touchpoint_id", "!=", False),
                    ],
                    ["lead_id", "touchpoint_id"],
                )
            }
            if timed_ids
            else set()
        )
        company_records = {}

        def company_of(lead_id):
            company_id = values[lead_id][3] or self.env.company.id
            if company_id not in company_records:
                company_records[company_id] = self.env["res.company"].browse(company_id)
            return company_records[company_id]

        starts = defaultdict(list)  # calendar: the stage dates of its leads
        for lead_id in timed_ids:
            calendar = company_of(lead_id).resource_calendar_id
            starts[calendar].append(values[lead_id][4])
        working_times = {
            calendar: WorkingTime(calendar, dates) for calendar, dates in starts.items()
        }
        first_response = self.env._("First response") if self else ""
        due_soon = {}  # company id: its due-soon window
        result = {}
        for lead_id in self._ids:
            active, clock_deadline, clock_stop, _company, stage_date = values[lead_id]
            info = {"phase": phases[lead_id]}
            result[lead_id] = info
            if not active:
                continue
            company = company_of(lead_id)
            if clock_deadline and not clock_stop:
                info.update(name=first_response, deadline=clock_deadline)
            elif lead_id in timed_ids:
                working_time = working_times[company.resource_calendar_id]
                due = [
                    (touchpoint._deadline(stage_date, working_time), touchpoint)
                    for touchpoint in phases[lead_id].touchpoint_ids
                    if touchpoint.sla_value and (lead_id, touchpoint.id) not in logged
                ]
                due = [item for item in due if item[0]]
                if due:
                    deadline, touchpoint = min(
                        due, key=lambda item: (item[0], item[1].sequence)
                    )
                    info.update(
                        touchpoint=touchpoint, name=touchpoint.name, deadline=deadline
                    )
            if info.get("deadline"):
                # keyed by the plain id: hashing a record costs more than the rest
                if company.id not in due_soon:
                    due_soon[company.id] = timedelta(
                        hours=company._journey_due_soon_hours(company.id)
                    )
                soon = due_soon[company.id]
                info["due_soon"] = info["deadline"] - soon
                info["status"] = (
                    "breached"
                    if now > info["deadline"]
                    else "due_soon"
                    if now > info["deadline"] - soon
                    else "on_time"
                )
        return result

    def _touchpoint_for_channel(self, channel):
        """The first touchpoint of the lead's phase on this channel not logged yet."""
        self.ensure_one()
        if not channel:
            return self.env["sales.journey.touchpoint"]
        logged = self.touchpoint_log_ids.touchpoint_id
        # the phase alone, not the whole journey state (SLAs, working time)
        phase = self.env["sales.journey.phase"]._phase_by_lead(self)[self.id]
        return phase.touchpoint_ids.filtered(
            lambda t: t.channel == channel and t not in logged
        )[:1]

    def _message_post_after_hook(self, message, msg_vals):
        """A message sent to the customer by the salesperson is an e-mail touchpoint."""
        res = super()._message_post_after_hook(message, msg_vals)
        author = message.author_id
        if (
            message.message_type in ("comment", "email")
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and author.user_ids
            and not author.user_ids[0].share
        ):
            self.env["crm.lead.touchpoint"].create(
                [
                    {
                        "lead_id": lead.id,
                        "touchpoint_id": lead._touchpoint_for_channel("email").id,
                        "channel_type": "online",
                        "channel": "email",
                        "user_id": author.user_ids[0].id,
                        "origin": "message",
                        "outcome": message.subject or False,
                    }
                    for lead in self
                ]
            )
        return res

    def action_log_next_touchpoint(self):
        """One click on the card: the next due touchpoint is done, now, by me."""
        self.env["crm.lead.touchpoint"].create(
            [
                {
                    "lead_id": lead.id,
                    "touchpoint_id": lead.touchpoint_next_id.id,
                    "origin": "manual",
                }
                for lead in self
            ]
        )
        return True
