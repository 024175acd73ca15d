# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales meetings and their action items.

The guide's sales meeting serves training, communication, experience
sharing, motivation, problem solving and new products. A meeting has a type
whose agenda is prefilled from those items, its minutes, and action items
given to attendees with a deadline: each becomes an activity of its
assignee, on the meeting or on the opportunity it concerns, and is done when
that activity is.
"""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MEETING_TYPES = [
    ("daily", "Daily meeting"),
    ("weekly", "Weekly meeting"),
    ("monthly", "Monthly review"),
]
AGENDA_ITEMS = [
    ("training", "Training"),
    ("communication", "Communication"),
    ("experience", "Experience sharing"),
    ("motivation", "Motivation"),
    ("problems", "Problem solving"),
    ("products", "New products"),
]
# the agenda each type of meeting starts from
AGENDA_BY_TYPE = {
    "daily": ("problems", "experience"),
    "weekly": ("communication", "experience", "problems", "training"),
    "monthly": (
        "communication",
        "training",
        "experience",
        "problems",
        "products",
        "motivation",
    ),
}
DURATION_BY_TYPE = {"daily": 0.25, "weekly": 1.0, "monthly": 2.0}


class SalesMeeting(models.Model):
    _name = "sales.meeting"
    _description = "Sales Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # attendees who only read the meeting still post on it and mark their
    # action items done
    _mail_post_access = "read"

    name = fields.Char(string="Subject", required=True, tracking=True)
    meeting_type = fields.Selection(
        MEETING_TYPES, string="Type", required=True, default="weekly", tracking=True
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", required=True, index=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    organiser_id = fields.Many2one(
        "res.users",
        string="Organiser",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    date = fields.Datetime(required=True, tracking=True)
    duration = fields.Float(
        string="Duration (hours)",
        compute="_compute_duration",
        store=True,
        readonly=False,
        precompute=True,
    )
    attendee_ids = fields.Many2many(
        "res.users",
        "sales_meeting_attendee_rel",
        "meeting_id",
        "user_id",
        string="Attendees",
        compute="_compute_attendee_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    agenda = fields.Html(
        compute="_compute_agenda", store=True, readonly=False, precompute=True
    )
    minutes = fields.Html()
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )
    action_ids = fields.One2many(
        "sales.meeting.action", "meeting_id", string="Action Items"
    )
    action_open_count = fields.Integer(compute="_compute_action_counts")
    action_done_count = fields.Integer(compute="_compute_action_counts")
    action_draft_count = fields.Integer(compute="_compute_action_counts")
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar Event", readonly=True, copy=False
    )
    # the form is read-only for attendees: only the organiser or a manager
    # changes a meeting (the record rules enforce it)
    can_edit = fields.Boolean(compute="_compute_can_edit")

    _action_fields = ("state", "calendar_event_id")

    _sql_constraints = [
        (
            "duration_positive",
            "CHECK(duration > 0)",
            "A meeting's duration must be more than zero hours.",
        ),
    ]

    @api.depends("team_id")
    def _compute_company_id(self):
        for meeting in self:
            meeting.company_id = (
                meeting.team_id.company_id or meeting.company_id or self.env.company
            )

    @api.depends("meeting_type")
    def _compute_duration(self):
        for meeting in self:
            meeting.duration = DURATION_BY_TYPE.get(meeting.meeting_type, 1.0)

    @api.depends("team_id")
    def _compute_attendee_ids(self):
        for meeting in self:
            meeting.attendee_ids = meeting.team_id.member_ids | meeting.team_id.user_id

    @api.depends("meeting_type")
    def _compute_agenda(self):
        labels = dict(self._agenda_items())
        for meeting in self:
            items = AGENDA_BY_TYPE.get(meeting.meeting_type, ())
            meeting.agenda = (
                Markup("<ol>%s</ol>")
                % Markup("").join(
                    Markup("<li>%s</li>") % labels[item] for item in items
                )
                if items
                else False
            )

    @api.depends("organiser_id")
    @api.depends_context("uid")
    def _compute_can_edit(self):
        manager = self.env.user.has_group(
            "sales_team_performance.group_performance_manager"
        )
        for meeting in self:
            meeting.can_edit = manager or meeting.organiser_id == self.env.user

    @api.depends("action_ids.state")
    def _compute_action_counts(self):
        for meeting in self:
            states = meeting.action_ids.mapped("state")
            meeting.action_open_count = states.count("open") + states.count("draft")
            meeting.action_done_count = states.count("done")
            meeting.action_draft_count = states.count("draft")

    def _agenda_items(self):
        """[(item, label)] of the guide's agenda items, in the reader's language."""
        field = self.env["sales.meeting.action"]._fields["agenda_item"]
        return field._description_selection(self.env)

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        meetings._sync_calendar_event()
        return meetings

    def write(self, vals):
        if {"team_id", "organiser_id"} & set(vals):
            self._check_team_and_organiser(vals)
        result = super().write(vals)
        if {"name", "date", "duration", "attendee_ids", "organiser_id"} & set(vals):
            self._sync_calendar_event()
        return result

    def unlink(self):
        events = self.calendar_event_id
        result = super().unlink()
        # sudo: the events of meetings whose deletion was allowed just now
        events.sudo().unlink()
        return result

    def _check_team_and_organiser(self, vals):
        """A salesperson stays the organiser of the meetings he changes and
        holds them for a team he leads, as when he creates one (the record
        rules check the meeting before a write, not after); a sales manager
        gives a meeting to another team or organiser."""
        if self.env.su or self.env.user.has_group(
            "sales_team_performance.group_performance_manager"
        ):
            return
        for meeting in self:
            team = (
                self.env["crm.team"].browse(vals["team_id"])
                if "team_id" in vals
                else meeting.team_id
            )
            organiser = (
                self.env["res.users"].browse(vals["organiser_id"])
                if "organiser_id" in vals
                else meeting.organiser_id
            )
            if team == meeting.team_id and organiser == meeting.organiser_id:
                continue
            if organiser != self.env.user or team.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Sales Team, Organiser: a salesperson organises his own "
                        "meetings for a team he leads; ask a sales manager to "
                        "give %s to another team or organiser.",
                        meeting.name,
                    )
                )

    def _sync_calendar_event(self):
        """One calendar event per meeting, with its attendees invited.

        The event is private: the calendar shows its time as busy to anyone
        else and hides its subject, attendees and link to the meeting, which
        its team may read but other salespeople may not.
        """
        model = self.env["ir.model"]._get_id(self._name)
        # sudo: the meeting's own rights were checked by its create or write;
        # a private event refuses a manager who changes a meeting without
        # attending it, and only the event of the meeting changes here
        Event = self.env["calendar.event"].sudo()
        for meeting in self:
            values = {
                "name": meeting.name,
                "privacy": "private",
                "start": meeting.date,
                "stop": meeting.date + timedelta(hours=meeting.duration),
                "duration": meeting.duration,
                "user_id": meeting.organiser_id.id,
                "partner_ids": [
                    fields.Command.set(
                        (meeting.attendee_ids | meeting.organiser_id).partner_id.ids
                    )
                ],
                "res_model_id": model,
                "res_id": meeting.id,
            }
            if meeting.calendar_event_id:
                meeting.calendar_event_id.sudo().write(values)
            else:
                meeting._write_by_action({"calendar_event_id": Event.create(values).id})

    def action_held(self):
        """The meeting took place: its action items go to their assignees."""
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(
                    self.env._("Only a planned meeting can be marked held.")
                )
            if not meeting.minutes or not meeting.minutes.striptags().strip():
                raise UserError(
                    self.env._(
                        "Write the minutes of %s before marking it held.",
                        meeting.name,
                    )
                )
        self._write_by_action({"state": "held"})
        self.action_ids.filtered(lambda a: a.state == "draft")._plan()
        return True

    def action_plan_actions(self):
        """Send the new action items of a held meeting to their assignees."""
        for meeting in self:
            if meeting.state != "held":
                raise UserError(
                    self.env._(
                        "The action items of %s are sent when it is marked held.",
                        meeting.name,
                    )
                )
        self.action_ids.filtered(lambda a: a.state == "draft")._plan()
        return True

    def action_cancel(self):
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(self.env._("Only a planned meeting can be cancelled."))
        self._write_by_action({"state": "cancelled"})
        # sudo: as in _sync_calendar_event, the meeting's event follows it
        self.calendar_event_id.sudo().action_archive()
        return True

    def action_replan(self):
        for meeting in self:
            if meeting.state != "cancelled":
                raise UserError(
                    self.env._("Only a cancelled meeting can be planned again.")
                )
        self._write_by_action({"state": "planned"})
        self.calendar_event_id.sudo().action_unarchive()
        return True


class SalesMeetingAction(models.Model):
    _name = "sales.meeting.action"
    _description = "Sales Meeting Action Item"
    _inherit = ["sales.guard.mixin"]
    _order = "meeting_id, date_deadline, id"
    _check_company_auto = True

    meeting_id = fields.Many2one(
        "sales.meeting", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="meeting_id.company_id", store=True, index=True
    )
    team_id = fields.Many2one(related="meeting_id.team_id", store=True, index=True)
    meeting_date = fields.Datetime(
        related="meeting_id.date", store=True, string="Meeting Date"
    )
    name = fields.Char(string="Action Item", required=True)
    agenda_item = fields.Selection(AGENDA_ITEMS)
    user_id = fields.Many2one("res.users", string="Assigned To", required=True)
    date_deadline = fields.Date(string="Deadline", required=True)
    lead_id = fields.Many2one(
        "crm.lead",
        string="Concerns",
        check_company=True,
        help="The opportunity the action item is about: its activity goes there.",
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    state = fields.Selection(
        [("draft", "To send"), ("open", "In progress"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
    )
    date_done = fields.Date(readonly=True)
    done_on_time = fields.Boolean(compute="_compute_done_on_time", store=True)

    _action_fields = ("state", "date_done", "activity_id")

    def write(self, vals):
        self._check_sent_items_keep(vals)
        return super().write(vals)

    def _check_sent_items_keep(self, vals):
        """An action item stays with its meeting; once sent its activity
        belongs to its assignee on its record, and once done its deadline is
        what the on-time figure was measured against."""
        fixed = {
            "meeting_id": ("draft", "open", "done"),
            "user_id": ("open", "done"),
            "lead_id": ("open", "done"),
            "date_deadline": ("done",),
        }
        states = dict(self._fields["state"]._description_selection(self.env))
        for action in self:
            for name in fixed.keys() & vals.keys():
                field = self._fields[name]
                value = field.convert_to_record(
                    field.convert_to_cache(vals[name], action), action
                )
                if action.state in fixed[name] and value != action[name]:
                    raise UserError(
                        self.env._(
                            "%(field)s: the action item %(action)s is %(state)s "
                            "and keeps its value; create a new action item "
                            "instead.",
                            field=field._description_string(self.env),
                            action=action.name,
                            state=states[action.state],
                        )
                    )

    @api.depends("date_done", "date_deadline")
    def _compute_done_on_time(self):
        for action in self:
            action.done_on_time = bool(
                action.date_done and action.date_done <= action.date_deadline
            )

    @api.constrains("user_id", "meeting_id")
    def _check_user_attends(self):
        for action in self:
            meeting = action.meeting_id
            if action.user_id not in meeting.attendee_ids | meeting.organiser_id:
                raise ValidationError(
                    self.env._(
                        "Assigned To: %(user)s does not attend %(meeting)s; add "
                        "them to the attendees or give the action item to an "
                        "attendee.",
                        user=action.user_id.name,
                        meeting=meeting.name,
                    )
                )

    @api.constrains("date_deadline", "meeting_id")
    def _check_deadline(self):
        for action in self:
            if action.date_deadline < action.meeting_id.date.date():
                raise ValidationError(
                    self.env._(
                        "Deadline: the action item %s is due before its meeting; "
                        "set a deadline on or after the meeting's date.",
                        action.name,
                    )
                )

    def _plan(self):
        """One activity per action item for its assignee, on the opportunity
        it concerns or else on the meeting."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for action in self:
            record = action.meeting_id
            if action.lead_id:
                if not action.lead_id.with_user(action.user_id).has_access("read"):
                    # the opportunity is not named: the organiser may not
                    # open it either
                    raise UserError(
                        self.env._(
                            "Concerns: %(user)s cannot open the opportunity of "
                            "the action item %(action)s; give the action item "
                            "to its salesperson or leave Concerns empty.",
                            user=action.user_id.name,
                            action=action.name,
                        )
                    )
                # sudo: the organiser hands the item out on an opportunity its
                # assignee works on (checked above) but the organiser may not
                # own; only this activity is created
                record = action.lead_id.sudo()
            activity = record.activity_schedule(
                activity_type_id=todo.id,
                summary=action.name,
                note=self.env._(
                    "Action item of the meeting %s", action.meeting_id.name
                ),
                date_deadline=action.date_deadline,
                user_id=action.user_id.id,
            )
            action._write_by_action({"activity_id": activity.id, "state": "open"})


class MailActivity(models.Model):
    _inherit = "mail.activity"  # pylint: disable=consider-merging-classes-inherited

    def _action_done(self, feedback=False, attachment_ids=None):
        """A meeting's action item is done when its activity is."""
        # sudo: the assignee marks their own activity done and may not write
        # the meeting; only the state and date of the linked items change
        self.env["sales.meeting.action"].sudo().search(
            [("activity_id", "in", self.ids), ("state", "=", "open")]
        ).write({"state": "done", "date_done": fields.Date.context_today(self)})
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
