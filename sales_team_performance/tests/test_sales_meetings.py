# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales meetings: agenda by type, minutes, action items as activities."""

from datetime import date, datetime, time, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import PerformanceCase

# meetings of this week: action items are done today, on time or late
TODAY = date.today()
MEETING_DAY = datetime.combine(TODAY, time(9))
DUE = TODAY + timedelta(days=4)


@tagged("post_install", "-at_install")
class TestSalesMeetings(PerformanceCase):
    LOGIN = "meet"

    def meeting(self, user=None, **values):
        Meeting = self.env["sales.meeting"].with_user(user or self.leader)
        return Meeting.create(
            {
                "name": "Weekly sales meeting",
                "team_id": self.team.id,
                "date": MEETING_DAY,
                **values,
            }
        )

    def test_agenda_is_prefilled_by_type(self):
        form = Form(self.env["sales.meeting"].with_user(self.leader))
        form.name = "Morning meeting"
        form.team_id = self.team
        form.date = MEETING_DAY
        form.meeting_type = "daily"
        self.assertIn("Problem solving", form.agenda)
        self.assertNotIn("New products", form.agenda)
        self.assertEqual(form.duration, 0.25)
        form.meeting_type = "monthly"
        for item in (
            "Training",
            "Experience sharing",
            "Problem solving",
            "New products",
        ):
            self.assertIn(item, form.agenda)
        meeting = form.save()
        self.assertEqual(
            meeting.attendee_ids, self.rep | self.rep2 | self.leader, "the team"
        )

    def test_agenda_is_written_in_the_organisers_language(self):
        self.env["res.lang"]._activate_lang("zh_TW")
        meeting = (
            self.env["sales.meeting"]
            .with_context(lang="zh_TW")
            .create(
                {
                    "name": "早會",
                    "team_id": self.team.id,
                    "date": MEETING_DAY,
                    "meeting_type": "daily",
                }
            )
        )
        self.assertIn("解決問題", meeting.agenda)
        self.assertIn("經驗交流", meeting.agenda)

    def test_calendar_event_invites_the_attendees(self):
        meeting = self.meeting()
        event = meeting.calendar_event_id
        self.assertEqual(event.start, MEETING_DAY)
        self.assertEqual(
            event.partner_ids, (self.rep | self.rep2 | self.leader).partner_id
        )
        meeting.date = MEETING_DAY + timedelta(days=1)
        self.assertEqual(event.start, MEETING_DAY + timedelta(days=1))
        meeting.action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        self.assertFalse(event.active)

    def other_team_meeting(self, **values):
        """A meeting of the other team, which the test's salespeople do not
        attend and cannot open."""
        return self.meeting(
            user=self.manager,
            team_id=self.other_team.id,
            name="Other team's meeting",
            organiser_id=self.manager.id,
            **values,
        )

    def test_calendar_event_is_private_to_its_attendees(self):
        other = self.other_team_meeting()
        event = other.calendar_event_id
        # the salesperson sees the slot as busy, nothing of the meeting (as
        # over RPC, nothing is in the cache yet)
        self.env.invalidate_all()
        hidden = event.with_user(self.rep).read(
            ["name", "description", "partner_ids", "attendee_ids", "res_id"]
        )[0]
        self.assertEqual(hidden["name"], "Busy")
        self.assertFalse(hidden["description"])
        self.assertFalse(hidden["partner_ids"])
        self.assertFalse(hidden["attendee_ids"])
        self.assertFalse(hidden["res_id"], "no link back to the meeting")
        self.assertEqual(event.with_user(self.rep).display_name, "Busy")
        self.assertEqual(event.with_user(self.rep).start, MEETING_DAY)
        # its attendee and its organiser see it in full
        for user in (self.outsider, self.manager):
            self.env.invalidate_all()
            shown = event.with_user(user).read(["name", "partner_ids", "res_id"])[0]
            self.assertEqual(shown["name"], "Other team's meeting")
            self.assertIn(self.outsider.partner_id.id, shown["partner_ids"])
            self.assertEqual(shown["res_id"], other.id)

    def test_search_on_a_private_meeting_finds_nothing_for_others(self):
        """The subject of a meeting one does not attend is not found by a
        search on it, nor by its link or attendees; the attendee and
        the organiser find it, and the slot itself still shows as busy."""
        other = self.other_team_meeting()
        event = other.calendar_event_id
        Event = self.env["calendar.event"]
        for domain in (
            [("name", "ilike", "Other team's")],
            [("res_model", "=", "sales.meeting"), ("res_id", "=", other.id)],
            [
                ("partner_ids", "in", self.outsider.partner_id.ids),
                ("id", "=", event.id),
            ],
        ):
            self.assertFalse(Event.with_user(self.rep).search(domain), domain)
            self.assertEqual(Event.with_user(self.outsider).search(domain), event)
        self.assertEqual(
            Event.with_user(self.manager).search([("name", "ilike", "Other team's")]),
            event,
        )
        self.assertEqual(
            Event.with_user(self.rep).search([("id", "=", event.id)]), event
        )

    def test_attendance_of_a_meeting_event_is_its_participants(self):
        other = self.other_team_meeting()
        event = other.calendar_event_id
        Attendee = self.env["calendar.attendee"]
        domain = [("event_id", "=", event.id)]
        self.assertFalse(Attendee.with_user(self.rep).search(domain))
        with self.assertRaises(AccessError):
            event.attendee_ids.with_user(self.rep).read(["partner_id"])
        self.assertEqual(
            Attendee.with_user(self.outsider).search(domain).partner_id,
            (self.outsider | self.manager).partner_id,
        )
        # the salesperson's calendar still shows the slot as busy
        self.env.invalidate_all()
        slots = (
            self.env["calendar.event"]
            .with_user(self.rep)
            .search_read([("id", "=", event.id)], ["name", "start", "attendee_ids"])
        )
        self.assertEqual(slots[0]["name"], "Busy")
        details = (
            self.env["res.partner"]
            .with_user(self.rep)
            .browse(self.outsider.partner_id.ids)
            .get_attendee_detail(event.ids)
        )
        self.assertFalse(details)
        # other events' attendance is the calendar's as before
        own = self.env["calendar.event"].create(
            {
                "name": "Trade fair",
                "start": MEETING_DAY,
                "stop": MEETING_DAY,
                "partner_ids": [Command.set(self.outsider.partner_id.ids)],
            }
        )
        self.assertTrue(
            Attendee.with_user(self.rep).search([("event_id", "=", own.id)])
        )

    def test_calendar_event_changes_only_with_its_meeting(self):
        meeting = self.meeting()
        event = meeting.calendar_event_id
        # an attendee does not make the event public nor remove it
        for user in (self.rep, self.leader):
            with self.assertRaises(UserError):
                event.with_user(user).write({"privacy": "public"})
            with self.assertRaises(UserError):
                event.with_user(user).write({"start": MEETING_DAY + timedelta(1)})
            with self.assertRaises(UserError):
                event.with_user(user).unlink()
        self.assertEqual(event.privacy, "private")
        # the organiser changes the meeting, the event follows
        meeting.write({"name": "Renamed meeting"})
        self.assertEqual(event.name, "Renamed meeting")
        # the manager removes the meeting, its event goes with it
        meeting.with_user(self.manager).unlink()
        self.assertFalse(event.exists())
        # other events are the calendar's as before
        own = (
            self.env["calendar.event"]
            .with_user(self.rep)
            .create({"name": "Dentist", "start": MEETING_DAY, "stop": MEETING_DAY})
        )
        own.write({"privacy": "public"})
        own.unlink()

    def test_manager_who_does_not_attend_moves_and_cancels_the_meeting(self):
        meeting = self.meeting()
        event = meeting.calendar_event_id
        self.assertNotIn(self.manager.partner_id, event.partner_ids)
        meeting.with_user(self.manager).date = MEETING_DAY + timedelta(hours=2)
        self.assertEqual(event.start, MEETING_DAY + timedelta(hours=2))
        meeting.with_user(self.manager).action_cancel()
        self.assertFalse(event.active)

    def test_action_item_activities_stay_with_those_who_read_the_meeting(self):
        other = self.other_team_meeting(minutes="<p>Notes</p>")
        other.write(
            {
                "action_ids": [
                    Command.create(
                        {
                            "name": "Prepare the pilot's figures",
                            "user_id": self.outsider.id,
                            "date_deadline": DUE,
                        }
                    )
                ]
            }
        )
        other.action_held()
        activity = other.action_ids.activity_id
        Activity = self.env["mail.activity"].with_user(self.rep)
        self.assertFalse(
            Activity.search([("res_model", "=", "sales.meeting")]) & activity
        )
        with self.assertRaises(AccessError):
            activity.with_user(self.rep).read(["summary", "res_id"])
        self.assertEqual(
            activity.with_user(self.outsider).summary, "Prepare the pilot's figures"
        )

    def test_action_items_become_activities_and_are_done_with_them(self):
        lead = self.won(self.rep2, 1000, date(2024, 1, 2))
        meeting = self.meeting()
        meeting.write(
            {
                "minutes": "<p>Discussed the pipeline.</p>",
                "action_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Share the welding case",
                            "agenda_item": "experience",
                            "user_id": self.rep.id,
                            "date_deadline": DUE,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Call back about the order",
                            "user_id": self.rep2.id,
                            "date_deadline": DUE - timedelta(days=2),
                            "lead_id": lead.id,
                        },
                    ),
                ],
            }
        )
        self.assertEqual(meeting.action_draft_count, 2)
        meeting.action_held()
        self.assertEqual(meeting.action_draft_count, 0, "all sent")
        share, call = meeting.action_ids.sorted("name", reverse=True)
        self.assertEqual(share.activity_id.user_id, self.rep)
        self.assertEqual(share.activity_id.res_model, "sales.meeting")
        self.assertEqual(share.activity_id.date_deadline, DUE)
        self.assertEqual(call.activity_id.user_id, self.rep2)
        self.assertEqual(call.activity_id.res_id, lead.id)
        self.assertEqual(meeting.action_open_count, 2)
        # the attendee, who only reads the meeting, marks their item done
        share.activity_id.with_user(self.rep).action_feedback(feedback="Shared")
        self.assertEqual(share.state, "done")
        self.assertTrue(share.done_on_time)
        self.assertEqual(meeting.action_done_count, 1)
        self.assertEqual(call.state, "open")

    def test_held_needs_minutes(self):
        meeting = self.meeting()
        with self.assertRaises(UserError):
            meeting.action_held()
        self.assertEqual(meeting.state, "planned")

    def test_state_changes_only_through_the_buttons(self):
        meeting = self.meeting()
        with self.assertRaises(ValidationError):
            meeting.write({"state": "held"})

    def test_buttons_follow_the_meetings_life(self):
        meeting = self.meeting(minutes="<p>Notes</p>")
        meeting.write(
            {
                "action_ids": [
                    Command.create(
                        {"name": "One", "user_id": self.rep.id, "date_deadline": DUE}
                    )
                ]
            }
        )
        # no action item goes out before the meeting is held
        with self.assertRaises(UserError):
            meeting.action_plan_actions()
        self.assertEqual(meeting.action_ids.state, "draft")
        self.assertFalse(meeting.activity_ids)
        # a planned or held meeting is not planned again, only a cancelled one
        with self.assertRaises(UserError):
            meeting.action_replan()
        meeting.action_held()
        with self.assertRaises(UserError):
            meeting.action_replan()
        self.assertEqual(meeting.state, "held", "stays held, counted as held")
        cancelled = self.meeting(name="Cancelled meeting")
        cancelled.action_cancel()
        cancelled.action_replan()
        self.assertEqual(cancelled.state, "planned")
        self.assertTrue(cancelled.calendar_event_id.active)

    def test_bad_action_items_are_refused(self):
        meeting = self.meeting()
        Action = self.env["sales.meeting.action"]
        with self.assertRaises(ValidationError) as error:
            Action.create(
                {
                    "meeting_id": meeting.id,
                    "name": "Not an attendee",
                    "user_id": self.outsider.id,
                    "date_deadline": DUE,
                }
            )
        self.assertIn("Assigned To", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            Action.create(
                {
                    "meeting_id": meeting.id,
                    "name": "Too early",
                    "user_id": self.rep.id,
                    "date_deadline": TODAY - timedelta(days=7),
                }
            )
        self.assertIn("Deadline", str(error.exception))

    def test_team_reads_its_meetings_only(self):
        meeting = self.meeting()
        other = self.meeting(
            user=self.manager,
            team_id=self.other_team.id,
            name="Other team's meeting",
            organiser_id=self.manager.id,
        )
        Meeting = self.env["sales.meeting"].with_user(self.rep)
        found = Meeting.search([("id", "in", (meeting | other).ids)])
        self.assertEqual(found, meeting)
        with self.assertRaises(AccessError):
            other.with_user(self.rep).read(["name"])
        self.assertEqual(
            self.env["sales.meeting"]
            .with_user(self.outsider)
            .search([("id", "in", (meeting | other).ids)]),
            other,
        )

    def test_minutes_are_written_by_organiser_or_manager_only(self):
        meeting = self.meeting()
        self.assertFalse(meeting.with_user(self.rep).can_edit, "read-only form")
        self.assertTrue(meeting.with_user(self.manager).can_edit)
        with self.assertRaises(AccessError):
            meeting.with_user(self.rep).write({"minutes": "<p>Mine</p>"})
        meeting.with_user(self.leader).write({"minutes": "<p>By the organiser</p>"})
        meeting.with_user(self.manager).write({"minutes": "<p>By the manager</p>"})
        self.assertIn("manager", meeting.minutes)
        with self.assertRaises(AccessError):
            self.meeting(user=self.rep, organiser_id=self.rep.id)

    def test_only_a_manager_changes_the_team_or_organiser(self):
        meeting = self.meeting()
        as_leader = meeting.with_user(self.leader)
        # the leader may not hand his meeting to another team or organiser
        for values in (
            {"team_id": self.other_team.id},
            {"organiser_id": self.rep.id},
            {"team_id": self.other_team.id, "organiser_id": self.outsider.id},
        ):
            with self.assertRaises(AccessError):
                as_leader.write(values)
        self.assertEqual(meeting.team_id, self.team)
        self.assertEqual(meeting.organiser_id, self.leader)
        # the same team and organiser, or other fields, are his to write
        as_leader.write({"team_id": self.team.id, "name": "Renamed"})
        self.assertEqual(meeting.name, "Renamed")
        # a salesperson the manager made organiser keeps the meeting's team
        given = self.meeting(user=self.manager, organiser_id=self.rep.id)
        given.with_user(self.rep).write({"minutes": "<p>Mine</p>"})
        with self.assertRaises(AccessError):
            given.with_user(self.rep).write({"team_id": self.other_team.id})
        # the manager does both
        moved = meeting.with_user(self.manager)
        moved.write({"team_id": self.other_team.id, "organiser_id": self.manager.id})
        self.assertEqual(moved.attendee_ids, self.outsider)
        self.assertEqual(moved.calendar_event_id.user_id, self.manager)

    def test_action_items_are_changed_by_the_organiser_and_keep_what_is_sent(self):
        meeting = self.meeting(minutes="<p>Notes</p>")
        meeting.write(
            {
                "action_ids": [
                    Command.create(
                        {"name": "Mine", "user_id": self.rep.id, "date_deadline": DUE}
                    )
                ]
            }
        )
        action = meeting.action_ids
        # the assignee, an attendee, neither changes nor adds action items
        with self.assertRaises(AccessError):
            action.with_user(self.rep).write({"date_deadline": DUE + timedelta(1)})
        with self.assertRaises(AccessError):
            self.env["sales.meeting.action"].with_user(self.rep).create(
                {
                    "meeting_id": meeting.id,
                    "name": "Self-given",
                    "user_id": self.rep.id,
                    "date_deadline": DUE,
                }
            )
        # an item stays with its meeting: not moved into a colleague's
        given = self.meeting(user=self.manager, organiser_id=self.rep2.id)
        with self.assertRaises(UserError):
            action.write({"meeting_id": given.id})
        self.assertEqual(action.meeting_id, meeting)
        # sent, its assignee and record are its activity's
        meeting.action_held()
        with self.assertRaises(UserError) as error:
            action.write({"user_id": self.rep2.id})
        self.assertIn("Assigned To", str(error.exception))
        action.write({"date_deadline": DUE + timedelta(days=1), "name": "Mine too"})
        # done, its deadline is what the on-time figure measured
        action.activity_id.with_user(self.rep).action_feedback()
        with self.assertRaises(UserError):
            action.write({"date_deadline": DUE + timedelta(days=10)})
        self.assertEqual(action.user_id, self.rep)
        self.assertTrue(action.done_on_time)

    def test_an_opportunity_the_assignee_cannot_open_is_not_named(self):
        lead = self.won(self.rep2, 1000, date(2024, 1, 2), name="Secret deal")
        meeting = self.meeting(minutes="<p>Notes</p>")
        meeting.write(
            {
                "action_ids": [
                    Command.create(
                        {
                            "name": "Call back",
                            "user_id": self.rep.id,
                            "date_deadline": DUE,
                            "lead_id": lead.id,
                        }
                    )
                ]
            }
        )
        with self.assertRaises(UserError) as error:
            meeting.action_held()
        self.assertIn("Call back", str(error.exception))
        self.assertNotIn("Secret deal", str(error.exception))
        self.assertFalse(lead.activity_ids)

    def test_meetings_held_and_action_items_on_time_are_engine_measures(self):
        meeting = self.meeting(minutes="<p>Notes</p>")
        meeting.write(
            {
                "action_ids": [
                    (
                        0,
                        0,
                        {
                            "name": name,
                            "user_id": self.rep.id,
                            "date_deadline": DUE,
                        },
                    )
                    for name in ("One", "Two")
                ]
            }
        )
        meeting.action_held()
        meeting.action_ids[0].activity_id.with_user(self.rep).action_feedback()
        Measure = self.env["sales.measure"]
        start, end = TODAY - timedelta(days=1), TODAY + timedelta(days=1)
        held = Measure.compute("meetings_held", "team", start, end, self.company)
        self.assertEqual(held[self.team.id].value(), 1)
        on_time = Measure.compute(
            "meeting_actions_on_time", "user", start, end, self.company
        )
        self.assertEqual(on_time[self.rep.id].value(100), 50)
