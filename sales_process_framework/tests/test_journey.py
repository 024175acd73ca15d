# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time
from pytz import timezone, utc

import odoo
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from ..models.crm_lead_journey_alert import ALERT_LOCK
from ..tools.working_time import WorkingTime
from .common import GateCase

SHANGHAI = timezone("Asia/Shanghai")
# Pinned query counts of the cards of 8 or 50 opportunities, with and without
# the journey's fields: the next touchpoint and its deadline are stored.
QUERIES_KANBAN = 2
QUERIES_KANBAN_JOURNEY = 2


def local(*args):
    """A wall-clock time in Shanghai as the naive UTC datetime Odoo stores."""
    return SHANGHAI.localize(datetime(*args)).astimezone(utc).replace(tzinfo=None)


class JourneyCase(GateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Shanghai 9-to-5",
                "tz": "Asia/Shanghai",
                "attendance_ids": [(5, 0, 0)]
                + [
                    (
                        0,
                        0,
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        },
                    )
                    for day in range(5)
                    for start, end, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )
        cls.company.write(
            {
                "resource_calendar_id": cls.calendar.id,
                "first_response_sla_value": 3,
                "first_response_sla_unit": "hours",
                "journey_due_soon_hours": 4,
                "journey_grace_hours": 8,
                "journey_alerts": True,
                "deliverable_alerts": True,
                "deliverable_stale_days": 3,
            }
        )
        Phase = cls.env["sales.journey.phase"]
        cls.interest = Phase.create(
            {
                "name": "Interest",
                "stage_ids": [(6, 0, cls.s2.ids)],
                "team_id": cls.team.id,
            }
        )
        cls.evaluation = Phase.create(
            {
                "name": "Evaluation",
                "stage_ids": [(6, 0, cls.s3.ids)],
                "team_id": cls.team.id,
            }
        )
        Touchpoint = cls.env["sales.journey.touchpoint"]
        cls.tp_call = Touchpoint.create(
            {
                "name": "Intro call",
                "phase_id": cls.interest.id,
                "channel": "call",
                "channel_type": "offline",
                "sla_value": 4,
                "sla_unit": "hours",
            }
        )
        cls.tp_demo = Touchpoint.create(
            {
                "name": "Demo",
                "phase_id": cls.interest.id,
                "channel": "video_call",
                "channel_type": "online",
                "sla_value": 2,
                "sla_unit": "days",
            }
        )
        cls.tp_never = Touchpoint.create(
            {
                "name": "Trade show",
                "phase_id": cls.evaluation.id,
                "channel": "trade_show",
            }
        )

    def _lead_at(self, when, stage=None, first_response_date=None, **vals):
        """A lead created, and entered in its stage, at a given time.

        Only the registry loader may set create_date through the ORM, so the
        test moves it in SQL and restarts the response clock from there.
        """
        lead = self._lead(stage or self.s2, **vals)
        lead.flush_recordset()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s, date_last_stage_update = %s,"
            " first_response_deadline = NULL WHERE id = %s",
            (when, when, lead.id),
        )
        lead.invalidate_recordset()
        lead._start_first_response_clock()
        if first_response_date:
            lead.first_response_date = first_response_date
        return lead


@tagged("post_install", "-at_install")
class TestWorkingTimeSla(JourneyCase):
    """Deadlines run on the company's working calendar, boundaries included."""

    def deadline(self, start, value, unit):
        return WorkingTime(self.calendar, [start]).deadline(start, value, unit)

    def test_friday_evening_lead_with_3_hour_sla_is_due_monday(self):
        friday_1755 = local(2026, 11, 20, 17, 55)
        self.assertEqual(
            self.deadline(friday_1755, 3, "hours"), local(2026, 11, 23, 11, 0)
        )

    def test_hours_skip_lunch_and_the_weekend(self):
        self.assertEqual(
            self.deadline(local(2026, 11, 23, 10, 0), 3, "hours"),
            local(2026, 11, 23, 14, 0),
        )
        self.assertEqual(
            self.deadline(local(2026, 11, 20, 16, 0), 3, "hours"),
            local(2026, 11, 23, 10, 0),
        )
        self.assertEqual(
            self.deadline(local(2026, 11, 20, 17, 0), 4, "hours"),
            local(2026, 11, 23, 12, 0),
        )

    def test_minutes_and_working_days(self):
        self.assertEqual(
            self.deadline(local(2026, 11, 20, 16, 58), 3, "minutes"),
            local(2026, 11, 23, 8, 1),
        )
        self.assertEqual(
            self.deadline(local(2026, 11, 23, 10, 0), 2, "days"),
            local(2026, 11, 24, 17, 0),
        )
        self.assertEqual(
            self.deadline(local(2026, 11, 21, 10, 0), 1, "days"),
            local(2026, 11, 23, 17, 0),
        )

    def test_public_holiday_is_not_working_time(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": local(2026, 11, 23, 0, 0),
                "date_to": local(2026, 11, 23, 23, 59),
            }
        )
        self.assertEqual(
            self.deadline(local(2026, 11, 20, 17, 55), 3, "hours"),
            local(2026, 11, 24, 11, 0),
        )

    def test_working_days_of_a_month_skip_weekends_and_public_holidays(self):
        november = (date(2026, 11, 1), date(2026, 12, 1))
        self.assertEqual(WorkingTime.working_days(self.calendar, *november), 21)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": False,
                "date_from": local(2026, 11, 23, 0, 0),
                "date_to": local(2026, 11, 23, 23, 59),
            }
        )
        self.assertEqual(WorkingTime.working_days(self.calendar, *november), 20)
        self.assertEqual(WorkingTime.working_days(False, *november), 21)
        monday = date(2026, 11, 2)
        self.assertEqual(WorkingTime.working_days(self.calendar, monday, monday), 0)

    def test_new_lead_starts_the_response_clock_on_the_calendar(self):
        lead = self._lead_at(local(2026, 11, 20, 17, 55))
        self.assertEqual(lead.first_response_deadline, local(2026, 11, 23, 11, 0))


@tagged("post_install", "-at_install")
class TestTouchpointsOnTheOpportunity(JourneyCase):
    def test_first_response_by_the_salesperson_stops_the_clock(self):
        lead = self._lead_at(local(2026, 11, 23, 9, 0))
        self.assertEqual(lead.touchpoint_next_name, "First response")
        self.env["crm.lead.touchpoint"].with_user(self.manager).create(
            {"lead_id": lead.id, "date": local(2026, 11, 23, 9, 30)}
        )
        self.assertFalse(lead.first_response_date, "only its salesperson answers it")
        self.env["crm.lead.touchpoint"].with_user(self.rep).create(
            {"lead_id": lead.id, "date": local(2026, 11, 23, 10, 30)}
        )
        self.assertEqual(lead.first_response_date, local(2026, 11, 23, 10, 30))
        self.assertAlmostEqual(lead.first_response_hours, 1.5)
        self.assertTrue(lead.first_response_on_time)
        self.assertEqual(lead.first_response_bucket, "c_4h")

    def test_done_activity_and_sent_message_are_logged_touchpoints(self):
        lead = self._lead_at(local(2026, 11, 23, 9, 0))
        lead.with_user(self.rep).activity_schedule(
            "mail.mail_activity_data_call", user_id=self.rep.id
        ).action_feedback("Talked to the buyer")
        log = lead.touchpoint_log_ids
        self.assertEqual(
            (log.channel, log.origin, log.touchpoint_id),
            ("call", "activity", self.tp_call),
        )
        self.assertTrue(lead.first_response_date)
        lead.with_user(self.rep).message_post(
            body="Here is the brochure",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        sent = lead.touchpoint_log_ids.filtered(lambda log: log.origin == "message")
        self.assertEqual(sent.channel, "email")
        lead.with_user(self.rep).message_post(
            body="internal", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(len(lead.touchpoint_log_ids), 2, "a note is not a touchpoint")

    def test_phase_next_touchpoint_and_sla_status(self):
        start = local(2026, 11, 23, 9, 0)  # Monday
        lead = self._lead_at(start, first_response_date=start)
        self.assertEqual(lead.journey_phase_id, self.interest)
        with freeze_time(local(2026, 11, 23, 9, 30)):
            lead.invalidate_recordset()
            self.assertEqual(lead.touchpoint_next_id, self.tp_call)
            self.assertEqual(lead.touchpoint_deadline, local(2026, 11, 23, 14, 0))
            self.assertEqual(lead.sla_status, "on_time")
        with freeze_time(local(2026, 11, 23, 11, 0)):
            lead.invalidate_recordset()
            self.assertEqual(lead.sla_status, "due_soon")
        with freeze_time(local(2026, 11, 23, 15, 0)):
            lead.invalidate_recordset()
            self.assertEqual(lead.sla_status, "breached")
            lead.with_user(self.rep).action_log_next_touchpoint()
            self.assertFalse(lead.touchpoint_log_ids.on_time)
            lead.invalidate_recordset()
            self.assertEqual(lead.touchpoint_next_id, self.tp_demo)
            self.assertEqual(lead.sla_status, "on_time")

    def test_due_soon_window_follows_the_setting(self):
        """The window is cached for the cards: the company's form and
        Settings change it for the next refresh of the cards."""
        start = local(2026, 11, 23, 9, 0)  # Monday
        lead = self._lead_at(start, first_response_date=start)
        self.assertEqual(lead.touchpoint_deadline, local(2026, 11, 23, 14, 0))
        self.assertEqual(lead.touchpoint_due_soon_date, local(2026, 11, 23, 10, 0))
        self.company.journey_due_soon_hours = 1
        self.env["crm.lead"]._cron_refresh_cards()
        lead.invalidate_recordset()
        self.assertEqual(lead.touchpoint_due_soon_date, local(2026, 11, 23, 13, 0))
        settings = self.env["res.config.settings"].create({})
        settings.journey_due_soon_hours = 2
        settings.execute()
        self.env["crm.lead"]._cron_refresh_cards()
        lead.invalidate_recordset()
        self.assertEqual(lead.touchpoint_due_soon_date, local(2026, 11, 23, 12, 0))

    def test_moves_follow_every_change_of_the_phases(self):
        """A move looks up phases only for the stages a phase covers (a
        cached list): a phase created, given other stages, archived or
        deleted applies to the very next move."""
        self.company.sales_gate_enforcement = False  # the phases alone
        lead = self._lead(self.s2)
        lead.write({"stage_id": self.s4.id})
        self.assertFalse(lead.journey_phase_id)
        closing = self.env["sales.journey.phase"].create(
            {"name": "Closing", "stage_ids": [(6, 0, self.s1.ids)]}
        )
        lead.write({"stage_id": self.s1.id})
        self.assertEqual(lead.journey_phase_id, closing)
        closing.stage_ids = [(6, 0, self.s4.ids)]
        lead.write({"stage_id": self.s4.id})
        self.assertEqual(lead.journey_phase_id, closing)
        closing.active = False
        lead.write({"stage_id": self.s1.id})
        lead.write({"stage_id": self.s4.id})
        self.assertFalse(lead.journey_phase_id)
        closing.active = True
        lead.write({"stage_id": self.s1.id})
        lead.write({"stage_id": self.s4.id})
        self.assertEqual(lead.journey_phase_id, closing)
        closing.unlink()
        lead.write({"stage_id": self.s1.id})
        self.assertFalse(lead.journey_phase_id)

    def test_a_row_logged_on_the_form_is_the_touchpoint_due(self):
        """The manager adds a row to the journey log: it is the touchpoint due
        next, so the log, the SLA status and the next touchpoint agree."""
        start = local(2026, 11, 23, 9, 0)  # Monday
        lead = self._lead_at(start, first_response_date=start)
        with freeze_time(local(2026, 11, 23, 15, 0)):
            lead.invalidate_recordset()
            self.assertEqual(lead.sla_status, "breached")
            form = Form(lead.with_user(self.manager))
            with form.touchpoint_log_ids.new() as row:
                self.assertEqual(row.touchpoint_id, self.tp_call)
                row.outcome = "Called back about the line layout"
            form.save()
            log = lead.touchpoint_log_ids
            self.assertEqual(log.touchpoint_id, self.tp_call)
            self.assertEqual(log.user_id, self.manager)
            # logged after its deadline: late, not "Within SLA"
            self.assertTrue(log.deadline)
            self.assertFalse(log.on_time)
            lead.invalidate_recordset()
            self.assertEqual(lead.touchpoint_next_id, self.tp_demo)
            self.assertEqual(lead.sla_status, "on_time")

    def test_team_journey_comes_before_the_company_journey(self):
        company_phase = self.env["sales.journey.phase"].create(
            {"name": "Company interest", "stage_ids": [(6, 0, self.s2.ids)]}
        )
        lead = self._lead(self.s2)
        self.assertEqual(lead.journey_phase_id, self.interest)
        other_team = self.env["crm.team"].create({"name": "Elsewhere"})
        # a stage of both pipelines, so that the lead stays in it
        self.s2.pipeline_team_ids |= other_team
        lead.team_id = other_team
        self.assertEqual(lead.journey_phase_id, company_phase)


@tagged("post_install", "-at_install")
class TestJourneyAlerts(JourneyCase):
    def setUp(self):
        super().setUp()
        self.due_type = self.env.ref(
            "sales_process_framework.mail_activity_type_touchpoint_due"
        )
        self.stale_type = self.env.ref(
            "sales_process_framework.mail_activity_type_deliverable_stale"
        )

    def _alerts(self, lead, activity_type=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "=", lead.id),
                ("activity_type_id", "=", (activity_type or self.due_type).id),
            ]
        )

    def test_breach_reminds_the_owner_then_escalates_without_duplicates(self):
        self.rep.tz = "Asia/Shanghai"
        self.manager.lang = "zh_CN"
        start = local(2026, 11, 23, 9, 0)
        lead = self._lead_at(start, first_response_date=start)
        with freeze_time(local(2026, 11, 23, 15, 0)):  # breached 1 hour ago
            self.env["crm.lead"].browse(lead.ids)._journey_alert_batch()
            self.assertEqual(self._alerts(lead).user_id, self.rep)
            self.assertIn("Intro call", self._alerts(lead).summary)
            # the deadline as the salesperson reads it: her time zone, no "(UTC)"
            note = str(self._alerts(lead).note)
            self.assertNotIn("UTC", note)
            self.assertIn("2:00", note)  # 14:00 in Shanghai, the SLA deadline
        with freeze_time(local(2026, 11, 24, 16, 0)):  # past the 8-hour grace
            for _run in range(2):
                self.env["crm.lead"].browse(lead.ids)._journey_alert_batch()
            self.assertEqual(self._alerts(lead).user_id, self.rep | self.manager)
            # each reminder in its reader's language, the summary as the note
            summaries = {a.user_id: a.summary for a in self._alerts(lead)}
            self.assertIn("Touchpoint due", summaries[self.rep])
            self.assertIn("触点到期", summaries[self.manager])
        # logging the touchpoint answers the reminders
        self.env["crm.lead.touchpoint"].with_user(self.rep).create(
            {"lead_id": lead.id, "touchpoint_id": self.tp_call.id}
        )
        self.assertFalse(self._alerts(lead))

    def test_switched_off_alerts_create_nothing(self):
        self.company.journey_alerts = False
        start = local(2026, 11, 23, 9, 0)
        lead = self._lead_at(start, first_response_date=start)
        with freeze_time(local(2026, 11, 25, 9, 0)):
            self.env["crm.lead"].browse(lead.ids)._journey_alert_batch()
        self.assertFalse(self._alerts(lead))

    def test_stale_required_deliverable_alerts_the_manager(self):
        start = local(2026, 11, 16, 9, 0)
        lead = self._lead_at(
            start, stage=self.s3, first_response_date=start, **self._s2_exit_met()
        )
        with freeze_time(local(2026, 11, 23, 9, 0)):
            self.env["crm.lead"].browse(lead.ids)._journey_alert_batch()
            alert = self._alerts(lead, self.stale_type)
            self.assertEqual(alert.user_id, self.manager)
            self.assertIn("Test Proposal", str(alert.note))
            alert.unlink()
            self._attach(lead, self.proposal_type)
            self.env["crm.lead"].browse(lead.ids)._journey_alert_batch()
            self.assertFalse(self._alerts(lead, self.stale_type))

    def test_scheduled_action_runs_in_batches_and_twice_changes_nothing(self):
        start = local(2026, 11, 23, 9, 0)
        leads = self.env["crm.lead"].browse(
            [self._lead_at(start, first_response_date=start).id for _ in range(3)]
        )
        with freeze_time(local(2026, 11, 23, 15, 0)):
            self.env["crm.lead"]._cron_journey_alerts()
            first = self.env["mail.activity"].search_count(
                [("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)]
            )
            self.env["crm.lead"]._cron_journey_alerts()
            second = self.env["mail.activity"].search_count(
                [("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)]
            )
        self.assertEqual(first, 3)
        self.assertEqual(second, first)

    def test_a_second_worker_waits_for_the_first(self):
        self.env["crm.lead"]._cron_journey_alerts()  # holds the lock until commit
        other = odoo.sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute("SELECT pg_try_advisory_xact_lock(%s)", [ALERT_LOCK])
            self.assertFalse(other.fetchone()[0], "a second worker cannot start")
        finally:
            other.rollback()
            other.close()


@tagged("post_install", "-at_install")
class TestJourneyConfiguration(JourneyCase):
    def test_phase_without_stage(self):
        with self.assertRaises(ValidationError) as error:
            self.env["sales.journey.phase"].create({"name": "Nowhere"})
        self.assertIn("covers no CRM stage", str(error.exception))

    def test_overlapping_phases_for_the_same_stage_and_team(self):
        with self.assertRaises(ValidationError) as error:
            self.env["sales.journey.phase"].create(
                {
                    "name": "Twin",
                    "stage_ids": [(6, 0, self.s2.ids)],
                    "team_id": self.team.id,
                }
            )
        self.assertIn("both cover", str(error.exception))

    def test_negative_sla(self):
        with self.assertRaises(ValidationError) as error:
            self.tp_call.sla_value = -1
        self.assertIn("cannot be negative", str(error.exception))

    def test_salesperson_logs_on_own_opportunities_and_cannot_configure(self):
        mine = self._lead(self.s2)
        other_rep = new_test_user(
            self.env, "journey_other", groups="sales_team.group_sale_salesman"
        )
        theirs = self._lead(self.s2, user_id=other_rep.id)
        Log = self.env["crm.lead.touchpoint"].with_user(self.rep)
        Log.create({"lead_id": mine.id, "touchpoint_id": self.tp_call.id})
        self.env["crm.lead.touchpoint"].create({"lead_id": theirs.id})
        self.assertEqual(
            Log.search([("lead_id", "in", (mine | theirs).ids)]).lead_id, mine
        )
        with self.assertRaises(AccessError):
            Log.create({"lead_id": theirs.id})
        with self.assertRaises(AccessError):
            self.env["sales.journey.phase"].with_user(self.rep).create(
                {"name": "Mine", "stage_ids": [(6, 0, self.s4.ids)]}
            )


@tagged("post_install", "-at_install")
class TestJourneyReports(JourneyCase):
    def test_coverage_shows_touchpoints_never_used(self):
        lead = self._lead(self.s2)
        self.env["crm.lead.touchpoint"].create(
            [{"lead_id": lead.id, "touchpoint_id": self.tp_call.id}] * 2
        )
        self.assertEqual(self.tp_call.log_count, 2)
        self.assertEqual(self.tp_never.log_count, 0)

    def test_sla_compliance_per_team_is_the_share_of_logs_on_time(self):
        start = local(2026, 11, 23, 9, 0)
        leads = [self._lead_at(start, first_response_date=start) for _ in range(4)]
        Log = self.env["crm.lead.touchpoint"]
        for lead, hour in zip(leads, (10, 11, 16, 17), strict=True):
            Log.create(
                {
                    "lead_id": lead.id,
                    "touchpoint_id": self.tp_call.id,
                    "date": local(2026, 11, 23, hour, 0),
                }
            )
        [(team, compliance)] = Log._read_group(
            [("lead_id", "in", [lead.id for lead in leads])],
            ["team_id"],
            ["sla_compliance:avg"],
        )
        self.assertEqual(team, self.team)
        self.assertEqual(compliance, 50.0)

    def test_response_time_report_gives_median_and_90th_percentile(self):
        start = local(2026, 11, 23, 9, 0)
        for hours in (1, 2, 10):
            self._lead_at(start, first_response_date=start + timedelta(hours=hours))
        self._lead_at(start)  # no response yet
        self.env.flush_all()
        [row] = self.env["sales.response.time.report"].search(
            [("team_id", "=", self.team.id)]
        )
        self.assertEqual(row.lead_count, 4)
        self.assertEqual(row.responded_count, 3)
        self.assertAlmostEqual(row.median_hours, 2.0)
        self.assertAlmostEqual(row.p90_hours, 8.4)
        self.assertEqual(row.on_time_count, 2)  # 3 working hours: 1 h and 2 h

    def test_response_time_report_months_in_the_company_time_zone(self):
        # 1 December 00:30 in Shanghai, the company's calendar: still November
        # in UTC
        self._lead_at(local(2026, 12, 1, 0, 30))
        self.env.flush_all()
        [row] = self.env["sales.response.time.report"].search(
            [("team_id", "=", self.team.id)]
        )
        self.assertEqual(row.month, date(2026, 12, 1))


@tagged("post_install", "-at_install")
class TestJourneyQueries(JourneyCase):
    def _kanban_pinned(self, count, spec, queries):
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"J{i}",
                    "type": "opportunity",
                    "team_id": self.team.id,
                    "user_id": self.rep.id,
                    "stage_id": self.s2.id,
                }
                for i in range(count)
            ]
        )
        # a server at work: access rules and views already cached
        self.env["crm.lead"].web_search_read([("id", "in", leads.ids)], spec)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=queries):
            self.env["crm.lead"].web_search_read([("id", "in", leads.ids)], spec)

    def test_next_touchpoint_and_breach_marker_cost_no_query_per_card(self):
        base = {"name": {}, "stage_id": {"fields": {"display_name": {}}}}
        journey = {
            **base,
            "touchpoint_next_name": {},
            "sla_status": {},
            "touchpoint_deadline": {},
        }
        for count in (8, 50):
            self._kanban_pinned(count, base, QUERIES_KANBAN)
            self._kanban_pinned(count, journey, QUERIES_KANBAN_JOURNEY)
        self.assertLessEqual(QUERIES_KANBAN_JOURNEY - QUERIES_KANBAN, 12)
