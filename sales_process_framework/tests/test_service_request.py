# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, datetime
from pathlib import Path

from freezegun import freeze_time
from pytz import timezone, utc

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalesCase, load_script

SHANGHAI = timezone("Asia/Shanghai")
# Pinned: escalating past-due requests is set-based, whatever their number.
QUERIES_ESCALATION = 9
DOCUMENT = base64.b64encode(b"A welding cell case")


def local(*args):
    """A wall-clock time in Shanghai as the naive UTC datetime Odoo stores."""
    return SHANGHAI.localize(datetime(*args)).astimezone(utc).replace(tzinfo=None)


PLAYBOOK_SCRIPT = (
    Path(__file__).parent.parent
    / "migrations"
    / "18.0.1.6.0"
    / "post-playbook-service-requests.py"
)


@tagged("post_install", "-at_install")
class ServiceRequestCase(SalesCase):
    COMPANY = {"name": "Service Requests Co"}
    LOGIN = "service"
    TZ = "Asia/Shanghai"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Shanghai 8-to-5",
                "tz": "Asia/Shanghai",
                "company_id": cls.company.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, end, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )
        cls.company.resource_calendar_id = cls.calendar
        cls.marketer = cls.new_user("service_marketer", "base.group_user")
        cls.marketing_head = cls.new_user("service_marketing_head", "base.group_user")
        cls.marketing = cls.env["sales.service.department"].create(
            {
                "name": "Marketing",
                "company_id": cls.company.id,
                "manager_id": cls.marketing_head.id,
                "member_ids": [Command.set(cls.marketer.ids)],
            }
        )
        cls.tailored_case = cls.env["sales.service.request.type"].create(
            {
                "name": "Tailored Case",
                "department_id": cls.marketing.id,
                "sla_value": 2,
                "sla_unit": "days",
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Hangzhou Xinghe — Welding cell",
                "type": "opportunity",
                "user_id": cls.rep.id,
                "team_id": cls.team.id,
                "company_id": cls.company.id,
            }
        )

    def _request(self, user=None, **values):
        env = self.env(user=user or self.rep)
        return env["sales.service.request"].create(
            {
                "name": "Case of a welding cell",
                "lead_id": self.lead.id,
                "department_id": self.marketing.id,
                "request_type_id": self.tailored_case.id,
                **values,
            }
        )

    def _submitted(self, when=(2026, 11, 27, 16, 0)):
        """Submitted by the salesperson on Friday at 16:00 in Shanghai."""
        request = self._request()
        with freeze_time(local(*when)):
            request.action_submit()
        return request


@tagged("post_install", "-at_install")
class TestServiceRequest(ServiceRequestCase):
    def test_submission_sets_the_due_time_in_working_days(self):
        request = self._submitted()
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.requester_id, self.rep)
        # the department's manager answers when nobody is named
        self.assertEqual(request.responsible_id, self.marketing_head)
        # Friday's last hour is the first working day, Monday the second
        self.assertEqual(request.date_due, local(2026, 11, 30, 17, 0))
        activity = request.activity_ids
        self.assertEqual(activity.user_id, self.marketing_head)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("sales_process_framework.mail_activity_type_service_request"),
        )
        self.assertEqual(activity.date_deadline, date(2026, 11, 30))

    def test_salesperson_drafts_from_the_form_with_department_defaults(self):
        with Form(
            self.env(user=self.rep)["sales.service.request"].with_context(
                default_lead_id=self.lead.id
            )
        ) as form:
            form.name = "Industry report on welding"
            form.department_id = self.marketing
            self.assertEqual(form.request_type_id, self.tailored_case)
            self.assertEqual(form.responsible_id, self.marketing_head)
        self.assertEqual(form.record.state, "draft")

    def test_nobody_writes_states_due_times_or_escalations(self):
        request = self._submitted()
        rep_request = request.with_user(self.rep)
        for values in (
            {"state": "delivered"},
            {"date_due": datetime(2030, 1, 1)},
            {"breached": False},
            {"escalated_date": datetime(2030, 1, 1)},
            {"response_hours": 1.0},
        ):
            with self.assertRaises(ValidationError):
                rep_request.write(values)
        # what was asked stays once submitted
        with self.assertRaises(UserError):
            rep_request.write({"name": "Something else"})
        # a context default is no way around the actions either
        with self.assertRaises(ValidationError):
            self._request().with_context(default_state="delivered").create(
                {
                    "name": "Sneaky",
                    "lead_id": self.lead.id,
                    "department_id": self.marketing.id,
                    "request_type_id": self.tailored_case.id,
                    "state": "delivered",
                }
            )

    def test_department_member_delivers_with_a_document(self):
        request = self._submitted()
        as_marketer = request.with_user(self.marketer)
        with freeze_time(local(2026, 11, 30, 9, 0)):
            as_marketer.action_start()
        self.assertEqual(request.state, "in_progress")
        with self.assertRaises(UserError):
            as_marketer.action_deliver()
        as_marketer.write({"document": DOCUMENT, "document_name": "case.pdf"})
        with freeze_time(local(2026, 11, 30, 10, 0)):
            as_marketer.action_deliver()
        self.assertEqual(request.state, "delivered")
        # Friday 16-17 and Monday 8-10: three working hours
        self.assertAlmostEqual(request.response_hours, 3.0)
        self.assertFalse(request.breached)
        self.assertFalse(request.activity_ids)
        # the salesperson is told
        told = self.env["mail.message"].search(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("message_type", "=", "comment"),
            ]
        )
        self.assertIn(self.rep.partner_id, told.partner_ids)

    def test_only_the_department_starts_and_delivers(self):
        request = self._submitted()
        with self.assertRaises(AccessError):
            request.with_user(self.rep).action_start()
        request.with_user(self.marketer).document = DOCUMENT
        with self.assertRaises(AccessError):
            request.with_user(self.rep).action_deliver()
        # a department member neither submits nor cancels the salesperson's ask
        with self.assertRaises(AccessError):
            request.with_user(self.marketer).action_cancel()

    def test_salesperson_sees_his_requests_not_a_colleagues(self):
        request = self._submitted()
        self.assertTrue(request.with_user(self.rep).has_access("read"))
        self.assertTrue(request.with_user(self.marketer).has_access("read"))
        self.assertFalse(request.with_user(self.rep2).has_access("read"))
        self.assertTrue(request.with_user(self.manager).has_access("read"))
        outsider = self.new_user("service_outsider", "base.group_user")
        self.assertFalse(request.with_user(outsider).has_access("read"))

    def test_salesperson_asks_only_for_opportunities_he_may_read(self):
        """A request on a colleague's opportunity would show him its name and
        customer (the request's related fields) and put his ask on it."""
        with self.assertRaises(AccessError):
            self._request(user=self.rep2)
        with self.assertRaises(AccessError):
            self.env(user=self.rep2)["sales.service.request"].with_context(
                default_lead_id=self.lead.id
            ).create(
                {
                    "name": "Through a default",
                    "department_id": self.marketing.id,
                    "request_type_id": self.tailored_case.id,
                }
            )
        own = self.env["crm.lead"].create(
            {
                "name": "Rep2's own deal",
                "type": "opportunity",
                "user_id": self.rep2.id,
                "team_id": self.team.id,
                "company_id": self.company.id,
            }
        )
        request = self._request(user=self.rep2, lead_id=own.id)
        with self.assertRaises(AccessError):
            request.write({"lead_id": self.lead.id})
        self.assertEqual(request.lead_id, own)

    def test_only_the_department_fills_the_delivery_while_open(self):
        """The delivered document and note are what the department answered:
        the salesperson neither fills them in for it nor replaces them, and
        nobody changes them once the request is delivered or cancelled."""
        delivery = {"document": DOCUMENT, "document_name": "case.pdf"}
        with self.assertRaises(UserError):
            self._request(**delivery)
        with self.assertRaises(UserError):
            self._request(delivery_note="Done already")
        draft = self._request()
        with self.assertRaises(UserError):
            draft.write(delivery)
        request = self._submitted()
        with self.assertRaises(AccessError):
            request.with_user(self.rep).write(delivery)
        as_marketer = request.with_user(self.marketer)
        as_marketer.write({**delivery, "delivery_note": "As asked"})
        as_marketer.action_deliver()
        for user in (self.rep, self.marketer):
            with self.assertRaises(UserError):
                request.with_user(user).write(
                    {"document": base64.b64encode(b"Another file")}
                )
            with self.assertRaises(UserError):
                request.with_user(user).write({"delivery_note": "Rewritten"})
        self.assertEqual(request.document, DOCUMENT)
        self.assertEqual(request.delivery_note, "As asked")

    def test_request_type_refuses_an_sla_that_is_no_number(self):
        """A NaN or infinite SLA passed the positive check and then broke
        every submission of the type with a server error."""
        for value in (float("nan"), float("inf"), 1e300):
            with self.assertRaisesRegex(ValidationError, "SLA"):
                self.tailored_case.sla_value = value
            with self.assertRaisesRegex(ValidationError, "SLA"):
                self.env["sales.service.request.type"].create(
                    {
                        "name": "Broken",
                        "department_id": self.marketing.id,
                        "sla_value": value,
                    }
                )
        self.assertEqual(self.tailored_case.sla_value, 2)
        self._submitted()

    def test_requester_does_not_reassign_a_submitted_request(self):
        """Once submitted, who answers is the department's call: the
        salesperson could hand his request to another member by RPC, away
        from the one who holds its activity."""
        colleague = self.new_user("service_marketer2", "base.group_user")
        self.marketing.member_ids |= colleague
        request = self._submitted()
        with self.assertRaises(AccessError):
            request.with_user(self.rep).write({"responsible_id": colleague.id})
        self.assertEqual(request.responsible_id, self.marketing_head)
        # a draft is still his to address; a process manager reassigns
        draft = self._request()
        draft.write({"responsible_id": colleague.id})
        request.with_user(self.manager).write({"responsible_id": colleague.id})
        self.assertEqual(request.responsible_id, colleague)

    def test_late_delivery_counts_as_a_breach(self):
        request = self._submitted()
        request.with_user(self.marketer).document = DOCUMENT
        with freeze_time(local(2026, 12, 1, 9, 0)):
            request.with_user(self.marketer).action_deliver()
        self.assertTrue(request.breached)
        # Friday 16-17, Monday 8 hours, Tuesday 8-9
        self.assertAlmostEqual(request.response_hours, 10.0)

    def test_cancel_closes_the_department_activity(self):
        request = self._submitted()
        request.with_user(self.rep).action_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(request.activity_ids)


@tagged("post_install", "-at_install")
class TestServiceEscalation(ServiceRequestCase):
    def test_breach_escalates_to_the_manager_once(self):
        request = self._submitted()
        on_time = self._submitted(when=(2026, 11, 30, 9, 0))
        breach_type = self.env.ref(
            "sales_process_framework.mail_activity_type_service_breach"
        )
        Request = self.env["sales.service.request"]
        with freeze_time(local(2026, 11, 30, 16, 0)):
            Request._cron_escalate_breaches()
        self.assertFalse(request.escalated_date, "not due yet")
        with freeze_time(local(2026, 12, 1, 9, 0)):
            Request._cron_escalate_breaches()
            Request._cron_escalate_breaches()
        self.assertTrue(request.breached)
        self.assertEqual(request.escalated_date, local(2026, 12, 1, 9, 0))
        escalations = request.activity_ids.filtered(
            lambda a: a.activity_type_id == breach_type
        )
        self.assertEqual(escalations.user_id, self.marketing_head)
        self.assertEqual(len(escalations), 1)
        self.assertFalse(on_time.breached)
        self.assertFalse(on_time.escalated_date)

    def test_escalation_costs_the_same_queries_for_one_or_ten_requests(self):
        Request = self.env["sales.service.request"]
        # warm: the activity types, the company and the calendar read once
        self._submitted()
        with freeze_time(local(2026, 12, 2, 9, 0)):
            Request._cron_escalate_breaches()
        for count in (1, 10):
            requests = Request.browse()
            for _i in range(count):
                requests |= self._submitted()
            self.env.flush_all()
            with freeze_time(local(2026, 12, 2, 9, 0)):
                with self.assertQueryCount(__system__=QUERIES_ESCALATION):
                    Request._cron_escalate_breaches()
            self.assertEqual(len(requests.filtered("escalated_date")), count)


@tagged("post_install", "-at_install")
class TestServiceMeasures(ServiceRequestCase):
    def test_weekly_figures_per_department_come_from_the_engine(self):
        on_time, late, open_late = (self._submitted() for _i in range(3))
        for request, when in (
            (on_time, local(2026, 11, 30, 10, 0)),
            (late, local(2026, 12, 1, 9, 0)),
        ):
            request.with_user(self.marketer).document = DOCUMENT
            with freeze_time(when):
                request.with_user(self.marketer).action_deliver()
        with freeze_time(local(2026, 12, 1, 10, 0)):
            self.env["sales.service.request"]._cron_escalate_breaches()
        Measure = self.env["sales.measure"]
        week = (date(2026, 11, 30), date(2026, 12, 7))
        key = self.marketing.id
        hours = Measure.compute(
            "service_response_hours", "department", *week, company=self.company
        )
        self.assertAlmostEqual(hours[key].value(), (3.0 + 10.0) / 2)
        breaches = Measure.compute(
            "service_breaches", "department", *week, company=self.company
        )
        self.assertEqual(breaches[key].value(), 2)
        overdue = Measure.compute(
            "service_open_overdue", "department", *week, company=self.company
        )
        self.assertEqual(overdue[key].value(), 1)
        requests = Measure.compute(
            "service_requests",
            "request_type",
            date(2026, 11, 23),
            date(2026, 11, 30),
            company=self.company,
        )
        self.assertEqual(requests[self.tailored_case.id].value(), 3)

    def test_weekly_digest_mails_each_manager_his_departments_figures(self):
        late = self._submitted()
        late.with_user(self.marketer).document = DOCUMENT
        with freeze_time(local(2026, 12, 1, 9, 0)):
            late.with_user(self.marketer).action_deliver()
        with freeze_time(local(2026, 12, 8, 7, 0)):
            self.env["sales.service.department"]._cron_weekly_digest()
        digest = self.env["mail.message"].search(
            [("partner_ids", "in", self.marketing_head.partner_id.ids)],
            order="id desc",
            limit=1,
        )
        self.assertIn("Cross-department report: Marketing", digest.subject)
        self.assertIn("1 SLA breaches", str(digest.body))
        self.assertIn("average response time 10.0 working hours", str(digest.body))


@tagged("post_install", "-at_install")
class TestServiceTouchpoints(ServiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage = cls.env["crm.stage"].create({"name": "Needs Diagnosis (svc)"})
        cls.phase = cls.env["sales.journey.phase"].create(
            {
                "name": "Evaluation",
                "company_id": cls.company.id,
                "stage_ids": [Command.set(cls.stage.ids)],
            }
        )
        cls.touchpoint = cls.env["sales.journey.touchpoint"].create(
            {
                "name": "Tailored case for the visit",
                "phase_id": cls.phase.id,
                "responsible_role": "Marketing",
                "responsible_user_id": cls.marketer.id,
                "service_request_type_id": cls.tailored_case.id,
                "sla_value": 1,
                "sla_unit": "hours",
            }
        )

    def test_touchpoint_of_a_department_asks_it_instead_of_reminding(self):
        # answered, and in the phase since 9:00 (a stage write stamps the
        # transaction's time): the touchpoint's 1-hour SLA is breached
        self.lead.stage_id = self.stage
        self.lead.write(
            {
                "first_response_date": local(2026, 11, 30, 8, 30),
                "date_last_stage_update": local(2026, 11, 30, 9, 0),
            }
        )
        with freeze_time(local(2026, 11, 30, 16, 30)):
            self.lead._journey_alert_batch()
            self.lead._journey_alert_batch()
        request = self.lead.service_request_ids
        self.assertEqual(len(request), 1, "one request per opportunity and touchpoint")
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.requester_id, self.rep)
        self.assertEqual(request.responsible_id, self.marketer)
        self.assertEqual(request.touchpoint_id, self.touchpoint)
        self.assertEqual(request.date_due, local(2026, 12, 1, 17, 0))
        reminders = self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "=", self.lead.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref(
                        "sales_process_framework.mail_activity_type_touchpoint_due"
                    ).id,
                ),
            ]
        )
        self.assertFalse(reminders, "the salesperson is not reminded")

    def test_touchpoint_responsible_must_be_in_the_department(self):
        with self.assertRaises(ValidationError):
            self.touchpoint.responsible_user_id = self.rep2

    def test_opportunity_counts_and_opens_its_requests(self):
        self._submitted()
        lead = self.lead.with_user(self.rep)
        self.assertEqual(lead.service_request_count, 1)
        action = lead.action_view_service_requests()
        self.assertEqual(action["domain"], [("lead_id", "=", self.lead.id)])
        self.assertEqual(
            lead.action_request_service()["context"], {"default_lead_id": self.lead.id}
        )

    def test_b2b_playbook_asks_marketing_and_legal(self):
        """A company applying the shipped B2B playbook gets the touchpoints
        marketing and legal answer as service requests, under the SLAs of
        Settings; an upgrade gives them to the teams that applied it before."""
        playbook = self.env.ref("sales_process_framework.playbook_b2b")
        playbook.apply_to_team(self.team.id)
        asked = self.env["sales.journey.touchpoint"].search(
            [("team_id", "=", self.team.id), ("service_request_type_id", "!=", False)]
        )
        self.assertEqual(
            sorted(asked.mapped("service_request_type_id.department_id.name")),
            ["Legal", "Marketing"],
        )
        self.assertEqual(
            asked.filtered(
                lambda t: t.service_request_type_id.department_id.name == "Marketing"
            ).service_request_type_id.sla_value,
            3,
        )
        asked.service_request_type_id = False
        load_script(PLAYBOOK_SCRIPT).migrate(self.env.cr, "18.0.1.5.0")
        self.assertEqual(len(asked.filtered("service_request_type_id")), 2)

    def test_applied_playbook_touchpoint_asks_the_same_department(self):
        playbook = self.env["sales.playbook"].create({"name": "Service playbook"})
        pphase = self.env["sales.playbook.phase"].create(
            {"name": "Evaluation", "playbook_id": playbook.id}
        )
        ptouchpoint = self.env["sales.playbook.touchpoint"].create(
            {
                "name": "Tailored case",
                "phase_id": pphase.id,
                "service_request_type_id": self.tailored_case.id,
            }
        )
        values = ptouchpoint._touchpoint_values(self.phase)
        self.assertEqual(values["service_request_type_id"], self.tailored_case.id)
