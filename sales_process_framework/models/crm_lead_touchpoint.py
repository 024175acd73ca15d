# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.working_time import WorkingTime
from .sales_journey_phase import CHANNEL_TYPES, CHANNELS


class CrmLeadTouchpoint(models.Model):
    """One interaction with the customer; logging it is what the SLA clock checks."""

    _name = "crm.lead.touchpoint"
    _description = "Touchpoint Log"
    _order = "date desc, id desc"
    _inherit = ["sales.lead.child.mixin", "sales.guard.mixin"]

    team_id = fields.Many2one(
        related="lead_id.team_id", store=True, string="Sales Team"
    )
    medium_id = fields.Many2one(
        related="lead_id.medium_id", store=True, string="Medium"
    )
    touchpoint_id = fields.Many2one(
        "sales.journey.touchpoint",
        string="Touchpoint",
        index=True,
        help="Empty for an interaction outside the journey map.",
    )
    phase_id = fields.Many2one(
        related="touchpoint_id.phase_id", store=True, string="Journey Phase"
    )
    channel_type = fields.Selection(
        CHANNEL_TYPES,
        compute="_compute_channel",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    channel = fields.Selection(
        CHANNELS,
        compute="_compute_channel",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Logged By",
        required=True,
        default=lambda self: self.env.user,
    )
    outcome = fields.Text()
    origin = fields.Selection(
        [
            ("manual", "Logged by Hand"),
            ("activity", "Activity Done"),
            ("message", "Message Sent"),
        ],
        default="manual",
        required=True,
    )
    deadline = fields.Datetime(
        string="SLA Deadline",
        help="The deadline the touchpoint had when it was logged.",
    )
    interaction_id = fields.Many2one(
        "sales.interaction",
        string="Interaction",
        readonly=True,
        index=True,
        help="The customer interaction this touchpoint is: one row however it "
        "was logged.",
    )
    on_time = fields.Boolean(
        compute="_compute_on_time", store=True, string="Within SLA"
    )
    sla_compliance = fields.Float(
        compute="_compute_on_time",
        store=True,
        aggregator="avg",
        string="SLA Compliance (%)",
        help="100 when logged within its SLA, 0 when late; averaged in reports.",
    )

    # the link to its interaction is the server's (see _record_interactions)
    _action_fields = ("interaction_id",)

    @api.depends("touchpoint_id")
    def _compute_channel(self):
        for log in self:
            if log.touchpoint_id:
                log.channel_type = log.touchpoint_id.channel_type
                log.channel = log.touchpoint_id.channel
            elif not log.channel:
                log.channel_type, log.channel = "offline", "call"

    @api.depends("date", "deadline")
    def _compute_on_time(self):
        for log in self:
            log.on_time = not log.deadline or log.date <= log.deadline
            log.sla_compliance = 100.0 if log.on_time else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        logs._record_interactions()
        logs._record_deadlines()
        logs.lead_id._register_first_response(logs)
        logs._close_due_alerts()
        return logs

    def _record_interactions(self):
        """A touchpoint logged by hand or by a message is an interaction of its
        channel; one logged by a done activity points to the activity's."""
        logs = self.filtered(lambda log: log.origin != "activity")
        interactions = self.env["sales.interaction"].record(
            [
                {
                    "kind": log.channel,
                    "date": log.date,
                    "user_id": log.user_id.id,
                    "partner_id": log.lead_id.partner_id.id,
                    "lead_id": log.lead_id.id,
                    "company_id": (log.company_id or self.env.company).id,
                    "origin": "touchpoint",
                    "name": log.touchpoint_id.name or log.outcome,
                }
                for log in logs
            ]
        )
        for log, interaction in zip(logs, interactions, strict=True):
            # sudo: the link is written by the server, never by the user
            log.sudo().interaction_id = interaction

    def _record_deadlines(self):
        """Keep the deadline each touchpoint had, for compliance reports."""
        missing = self.filtered(lambda log: log.touchpoint_id and not log.deadline)
        for calendar, logs in missing.grouped(
            lambda log: (log.company_id or self.env.company).resource_calendar_id
        ).items():
            working_time = WorkingTime(
                calendar, logs.lead_id.mapped("date_last_stage_update")
            )
            for log in logs:
                log.deadline = log.touchpoint_id._deadline(
                    log.lead_id.date_last_stage_update, working_time
                )

    def _close_due_alerts(self):
        """Logging a touchpoint answers the reminders about it."""
        due_type = self.env.ref(
            "sales_process_framework.mail_activity_type_touchpoint_due",
            raise_if_not_found=False,
        )
        if not due_type:
            return
        # sudo: the reminders may belong to the salesperson's manager; logging the
        # touchpoint is what they ask for, whoever logs it.
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", self.lead_id.ids),
                    ("activity_type_id", "=", due_type.id),
                    # an activity being marked done closes itself
                    (
                        "id",
                        "not in",
                        self.env.context.get("sales_activity_done_ids", []),
                    ),
                ]
            )
        )
        if activities:
            activities.with_context(sales_touchpoint_logged=True).action_feedback(
                feedback=self.env._("Touchpoint logged.")
            )
