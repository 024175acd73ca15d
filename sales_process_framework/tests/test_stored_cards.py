# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the kanban card reads is stored, and kept right by the writes that
change it; a change of the configuration refreshes the cards in batches."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import Form, tagged

from .common import GateCase
from .test_journey import JourneyCase, local


def _stored(lead, *names):
    """The values in the database, not in the cache."""
    lead.env.flush_all()
    lead.env.cr.execute(
        f"SELECT {', '.join(names)} FROM crm_lead WHERE id = %s",  # noqa: S608
        [lead.id],
    )
    return lead.env.cr.fetchone()


@tagged("post_install", "-at_install")
class TestStoredGateProgress(GateCase):
    def setUp(self):
        super().setUp()
        self.lead = self._lead(self.s2)

    def test_progress_is_stored_when_a_checklist_item_is_ticked(self):
        self.assertEqual(
            _stored(self.lead, "gate_exit_done", "gate_exit_total"), (0, 3)
        )
        self.lead.gate_checked_ids = [(4, self.c_need.id)]
        self.assertEqual(
            _stored(self.lead, "gate_exit_done", "gate_exit_total"), (1, 3)
        )

    def test_ticking_an_item_moves_the_progress_before_save(self):
        """On the Stage Gate tab the checklist is listed once (its checkboxes)
        and ticking one moves the counter at once."""
        form = Form(self.lead.with_user(self.rep))
        self.assertEqual((form.gate_exit_done, form.gate_exit_total), (0, 3))
        self.assertNotIn(self.c_need.name, form.gate_status_html or "")
        form.gate_checked_ids.add(self.c_need)
        self.assertEqual(form.gate_exit_done, 1)
        form.save()
        self.assertEqual(_stored(self.lead, "gate_exit_done"), (1,))

    def test_progress_is_stored_when_a_field_a_criterion_reads_changes(self):
        self.lead.write({"expected_revenue": 900000, "partner_id": self.partner.id})
        self.assertEqual(_stored(self.lead, "gate_exit_done"), (2,))
        self.lead.write({"expected_revenue": 10})
        self.assertEqual(_stored(self.lead, "gate_exit_done"), (1,))

    def test_status_durations_cost_no_criteria_lookup(self):
        """Odoo's "time in stage" assigns a computed field on the cards; that
        is no write a criterion reads, even with the criteria cache cold."""
        leads = self.lead | self._lead(self.s2) | self._lead(self.s1)
        self.env.flush_all()
        self.env.registry.clear_cache()
        # Odoo's own cost: the stage field's id, then the tracking values
        with self.assertQueryCount(2):
            leads._compute_duration_tracking()
        self.assertIn(str(self.s2.id), leads[0].duration_tracking)

    def test_progress_is_stored_when_a_deliverable_is_attached(self):
        lead = self._lead(self.s3, **self._s2_exit_met())
        self.assertEqual(_stored(lead, "gate_exit_done", "gate_exit_total"), (0, 1))
        self._attach(lead, self.proposal_type)
        self.assertEqual(_stored(lead, "gate_exit_done", "gate_exit_total"), (1, 1))

    def test_progress_is_stored_when_an_activity_is_done(self):
        self.env["sales.gate.criterion"].create(
            {
                "name": "Called",
                "stage_id": self.s2.id,
                "kind": "activity",
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            }
        )
        lead = self._lead(self.s2)
        self.assertEqual(_stored(lead, "gate_exit_done", "gate_exit_total"), (0, 4))
        lead.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.rep.id
        ).action_feedback("Called")
        self.assertEqual(_stored(lead, "gate_exit_done", "gate_exit_total"), (1, 4))

    def test_progress_is_stored_when_spin_answers_are_given(self):
        self.env["sales.gate.criterion"].create(
            {"name": "SPIN", "stage_id": self.s2.id, "kind": "spin"}
        )
        self.company.write(
            {
                "spin_situation_min": 1,
                "spin_problem_min": 0,
                "spin_implication_min": 0,
                "spin_need_payoff_min": 0,
            }
        )
        lead = self._lead(
            self.s2,
            spin_target="+10%",
            spin_background="Three lines, two shifts",
            spin_pain_ids=[
                Command.create({"name": "Unplanned stops", "severity_agreed": True}),
                Command.create({"name": "Manual shift planning"}),
            ],
        )
        self.assertEqual(_stored(lead, "gate_exit_done"), (0,))
        self.env["crm.lead.spin.question"].create(
            {
                "lead_id": lead.id,
                "question_type": "situation",
                "question": "How many lines?",
                "answer": "Three",
            }
        )
        self.assertEqual(_stored(lead, "gate_exit_done"), (1,))

    def test_progress_follows_the_stage_of_a_move(self):
        self.lead.write(self._s2_exit_met())
        self.lead.write({"stage_id": self.s3.id})
        self.assertEqual(
            _stored(self.lead, "gate_exit_done", "gate_exit_total"), (0, 1)
        )

    def test_new_criterion_reaches_the_cards_through_the_scheduled_refresh(self):
        self.env["sales.gate.criterion"].create(
            {"name": "Extra", "stage_id": self.s2.id, "kind": "checklist"}
        )
        self.assertEqual(_stored(self.lead, "gate_exit_total"), (3,))
        self.assertTrue(self.lead.card_refresh_pending)
        Lead = self.env["crm.lead"]
        while Lead._cron_refresh_cards(batch=50):
            pass
        self.assertEqual(_stored(self.lead, "gate_exit_total"), (4,))
        self.assertFalse(self.lead.card_refresh_pending)
        self.assertEqual(Lead._cron_refresh_cards(), 0, "a second run finds nothing")


@tagged("post_install", "-at_install")
class TestStoredJourney(JourneyCase):
    def test_next_touchpoint_and_deadline_are_stored_when_a_touchpoint_is_logged(self):
        start = local(2026, 11, 23, 9, 0)
        lead = self._lead_at(start, first_response_date=start)
        self.assertEqual(
            _stored(lead, "touchpoint_next_id", "touchpoint_deadline"),
            (self.tp_call.id, local(2026, 11, 23, 14, 0)),
        )
        self.env["crm.lead.touchpoint"].create(
            {"lead_id": lead.id, "touchpoint_id": self.tp_call.id}
        )
        self.assertEqual(
            _stored(lead, "touchpoint_next_id", "touchpoint_deadline"),
            (self.tp_demo.id, local(2026, 11, 24, 17, 0)),
        )

    def test_first_response_and_stage_change_move_the_stored_deadline(self):
        start = local(2026, 11, 23, 9, 0)
        lead = self._lead_at(start)
        self.assertEqual(
            _stored(lead, "touchpoint_next_id", "touchpoint_deadline"),
            (None, local(2026, 11, 23, 12, 0)),
        )
        lead.first_response_date = local(2026, 11, 23, 9, 30)
        self.assertEqual(_stored(lead, "touchpoint_next_id"), (self.tp_call.id,))
        lead.write({**self._s2_exit_met(), "stage_id": self.s3.id})
        self.assertEqual(
            _stored(lead, "journey_phase_id", "touchpoint_next_id"),
            (self.evaluation.id, None),
        )

    def test_sla_status_comes_from_the_stored_dates_without_a_query(self):
        start = local(2026, 11, 23, 9, 0)
        lead = self._lead_at(start, first_response_date=start)
        lead.invalidate_recordset()
        lead.fetch(["touchpoint_deadline", "touchpoint_due_soon_date"])
        with freeze_time(local(2026, 11, 23, 11, 0)), self.assertQueryCount(0):
            self.assertEqual(lead.sla_status, "due_soon")

    def test_journey_change_reaches_the_cards_through_the_scheduled_refresh(self):
        start = local(2026, 11, 23, 9, 0)
        lead = self._lead_at(start, first_response_date=start)
        self.assertEqual(
            _stored(lead, "touchpoint_deadline"), (local(2026, 11, 23, 14, 0),)
        )
        self.tp_call.sla_value = 2
        self.assertEqual(
            _stored(lead, "touchpoint_deadline"), (local(2026, 11, 23, 14, 0),)
        )
        self.env["crm.lead"]._cron_refresh_cards()
        self.assertEqual(
            _stored(lead, "touchpoint_deadline"), (local(2026, 11, 23, 11, 0),)
        )


@tagged("post_install", "-at_install")
class TestRotting(GateCase):
    def setUp(self):
        super().setUp()
        self.s2.rotting_days = 5
        self.idle = self._lead(self.s2, name="Idle")
        self.fresh = self._lead(self.s2, name="Fresh")
        self.idle.write(
            {"date_last_stage_update": fields.Datetime.now() - timedelta(days=8)}
        )

    def test_rotting_start_date_is_stored_from_the_last_stage_change(self):
        (start,) = _stored(self.idle, "rotting_start_date")
        self.assertEqual(start, self.idle.date_last_stage_update + timedelta(days=5))
        self.s2.rotting_days = 0
        self.assertEqual(_stored(self.idle, "rotting_start_date"), (None,))

    def test_rotting_filter_finds_the_idle_card(self):
        Lead = self.env["crm.lead"]
        mine = [("id", "in", (self.idle | self.fresh).ids)]
        self.assertEqual(Lead.search([*mine, ("is_rotting", "=", True)]), self.idle)
        self.assertEqual(Lead.search([*mine, ("is_rotting", "!=", True)]), self.fresh)
        self.assertEqual(Lead.search([*mine, ("is_rotting", "=", False)]), self.fresh)
        rotting_filter = self.env.ref(
            "sales_process_framework.crm_lead_view_search"
        ).arch
        self.assertIn('name="rotting"', rotting_filter)

    def test_a_message_moves_the_stored_last_touch(self):
        self.idle.message_post(body="Called the buyer", message_type="comment")
        (touch,) = _stored(self.idle, "date_last_touch")
        self.assertTrue(touch)
        self.assertEqual(self.idle.rotting_start_date, touch + timedelta(days=5))
        self.assertFalse(
            self.env["crm.lead"].search(
                [("id", "=", self.idle.id), ("is_rotting", "=", True)]
            )
        )

    def test_team_leader_is_reminded_once_per_opportunity_that_starts_rotting(self):
        rotting_type = self.env.ref(
            "sales_process_framework.mail_activity_type_rotting"
        )
        Lead = self.env["crm.lead"]

        def reminders():
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", (self.idle | self.fresh).ids),
                    ("activity_type_id", "=", rotting_type.id),
                ]
            )

        Lead._cron_rotting_reminders()
        Lead._cron_rotting_reminders()
        self.assertEqual(reminders().res_id, self.idle.id)
        self.assertEqual(reminders().user_id, self.manager, "the team leader")
        self.assertEqual(len(reminders()), 1)
        reminders().unlink()
        Lead._cron_rotting_reminders()
        self.assertFalse(reminders(), "once each, even when the first is gone")
        # touched, then idle again: it starts rotting again
        self.idle.write(
            {"date_last_stage_update": fields.Datetime.now() - timedelta(days=9)}
        )
        Lead._cron_rotting_reminders()
        self.assertEqual(len(reminders()), 1)
