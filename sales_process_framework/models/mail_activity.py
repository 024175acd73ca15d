# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .sales_interaction import INTERACTION_KINDS as CHANNELS


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    sales_touchpoint_channel = fields.Selection(
        CHANNELS,
        string="Touchpoint Channel",
        help="Marking an activity of this type done on an opportunity logs a "
        "touchpoint of this channel.",
    )

    def _sales_interaction_kind(self):
        """The interaction kind a done activity of this type is, if any."""
        return self.sales_touchpoint_channel


class MailMessage(models.Model):
    _inherit = "mail.message"

    sales_activity_done = fields.Boolean(
        string="Activity Marked Done",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="Written when an activity is marked done, so that a message naming "
        "an activity type is not taken for a done activity.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("sales_activity_done") for vals in vals_list):
            self._refuse_activity_done_mark()
        messages = super().create(vals_list)
        # A message sent or received, or an activity done, touches the
        # opportunity: its stored last touch moves, and rotting starts later.
        touches = {}
        for message in messages:
            if message.model == "crm.lead" and (
                message.message_type in ("comment", "email")
                or message.mail_activity_type_id
            ):
                touches[message.res_id] = max(
                    touches.get(message.res_id, message.date), message.date
                )
        if touches:
            leads = self.env["crm.lead"].browse(list(touches)).exists()
            leads._touched(touches)
        messages._record_interactions()
        return messages

    def _activity_interaction_kinds(self):
        """{message: interaction kind} of the done-activity messages on
        opportunities whose activity type is a customer interaction."""
        return {
            message: kind
            for message in self
            if message.model == "crm.lead"
            and message.mail_activity_type_id
            and (kind := message.mail_activity_type_id._sales_interaction_kind())
        }

    def _record_interactions(self, extra_kinds=None):
        """Each done activity that is a customer interaction is one: its
        salesperson is whoever marked it done (the message's author).
        extra_kinds: {message: kind} for activities whose type is no
        interaction but which logged a touchpoint of that channel."""
        kinds = {**(extra_kinds or {}), **self._activity_interaction_kinds()}
        if not kinds:
            return {}
        messages = self.browse([message.id for message in kinds])
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", messages.author_id.ids)])
        )
        user_of = {user.partner_id.id: user.id for user in users}
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .browse(messages.mapped("res_id"))
            .exists()
        )
        lead_of = {lead.id: lead for lead in leads}
        recordable = [
            message
            for message in messages
            if message.res_id in lead_of and user_of.get(message.author_id.id)
        ]
        interactions = self.env["sales.interaction"].record(
            [
                {
                    "kind": kinds[message],
                    "date": message.date,
                    "user_id": user_of[message.author_id.id],
                    "partner_id": lead_of[message.res_id].partner_id.id,
                    "lead_id": message.res_id,
                    "company_id": (
                        lead_of[message.res_id].company_id or self.env.company
                    ).id,
                    "origin": "activity",
                    "message_id": message.id,
                    "name": message.mail_activity_type_id.name,
                }
                for message in recordable
            ]
        )
        return dict(zip(recordable, interactions, strict=True))

    def _link_touchpoint_logs(self, logs):
        """Point the touchpoints that done activities logged to the
        activities' interactions (logs: {(lead id, activity type id): log});
        an activity whose type is no interaction is one of its touchpoint's
        channel."""
        messages = self.filtered(
            lambda m: (m.res_id, m.mail_activity_type_id.id) in logs
        )

        def log_of(message):
            return logs[(message.res_id, message.mail_activity_type_id.id)]

        recorded = {
            interaction.message_id: interaction
            for interaction in self.env["sales.interaction"]
            .sudo()
            .search([("message_id", "in", messages.ids)])
        }
        missing = messages.filtered(lambda m: m not in recorded)
        recorded.update(
            missing._record_interactions({m: log_of(m).channel for m in missing})
        )
        for message, interaction in recorded.items():
            # sudo: the link is the server's, written when the activity is done
            log_of(message).sudo().interaction_id = interaction

    def write(self, vals):
        if "sales_activity_done" in vals:
            self._refuse_activity_done_mark()
        return super().write(vals)

    def _refuse_activity_done_mark(self):
        # Field groups are not checked on create, and superuser code posts
        # messages for anyone: the mark is refused on every way in but one.
        raise UserError(
            self.env._(
                "“Activity Marked Done” is set only by marking an activity done: "
                "mark the activity done on the opportunity instead."
            )
        )

    def _mark_activity_done(self):
        """The only way the mark is written: by the activity-done path, on the
        messages it has just posted for the activities marked done."""
        return super().write({"sales_activity_done": True})


class MailActivity(models.Model):
    _inherit = "mail.activity"

    sales_touchpoint_id = fields.Many2one(
        "sales.journey.touchpoint",
        string="Touchpoint",
        help="The journey touchpoint this activity stands for.",
    )

    def _action_done(self, feedback=False, attachment_ids=None):
        on_leads = self.filtered(lambda a: a.res_model == "crm.lead")
        logs = {}
        if on_leads and not self.env.context.get("sales_touchpoint_logged"):
            logs = on_leads._log_touchpoints(feedback)
        keys = {
            activity.id: (activity.res_id, activity.activity_type_id.id)
            for activity in self
            if activity.id in logs
        }
        messages, next_activities = super()._action_done(
            feedback=feedback, attachment_ids=attachment_ids
        )
        if logs:
            messages._link_touchpoint_logs(
                {keys[activity_id]: log for activity_id, log in logs.items()}
            )
        # sudo: the mark is set by the server on the messages it has just written
        # for the done activities; nobody else can set it.
        on_leads = messages.filtered(lambda m: m.model == "crm.lead")
        on_leads.sudo()._mark_activity_done()
        # an "activity done" criterion may be met now
        self.env["crm.lead"].browse(
            on_leads.mapped("res_id")
        ).exists()._refresh_gate_progress()
        return messages, next_activities

    def _log_touchpoints(self, feedback):
        """One click: a done activity is a touchpoint, and stops the response
        clock. Returns {activity id: touchpoint log}."""
        leads = self.env["crm.lead"].browse(self.mapped("res_id")).exists()
        vals_list, logged = [], []
        for activity in self:
            lead = leads.filtered(lambda lead, a=activity: lead.id == a.res_id)
            if not lead:
                continue
            channel = activity.activity_type_id.sales_touchpoint_channel
            touchpoint = activity.sales_touchpoint_id or lead._touchpoint_for_channel(
                channel
            )
            if not (channel or touchpoint):
                # not a customer interaction, but the salesperson is at work on it
                if lead._responds_first(self.env.user):
                    lead.first_response_date = fields.Datetime.now()
                continue
            logged.append(activity.id)
            vals_list.append(
                {
                    "lead_id": lead.id,
                    "touchpoint_id": touchpoint.id if touchpoint else False,
                    "channel": touchpoint.channel if touchpoint else channel,
                    "channel_type": touchpoint.channel_type
                    if touchpoint
                    else "offline",
                    "origin": "activity",
                    "outcome": feedback or activity.summary or False,
                }
            )
        if not vals_list:
            return {}
        logs = (
            self.env["crm.lead.touchpoint"]
            .with_context(sales_activity_done_ids=self.ids)
            .create(vals_list)
        )
        return dict(zip(logged, logs, strict=True))
