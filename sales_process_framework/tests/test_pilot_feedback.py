# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A pilot's feedback, customer survey (NPS) and summary report."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestPilotFeedback(SalesCase):
    LOGIN = "pilot_fb"
    TEAM = {"name": "Pilot Feedback Team"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = cls.new_user("pilot_fb_outsider")
        cls.other_team = cls.env["crm.team"].create(
            {"name": "Pilot Feedback Others", "member_ids": [(6, 0, cls.outsider.ids)]}
        )
        cls.stage = cls.env["crm.stage"].create({"name": "Pilot Proposal"})
        cls.version = cls.env["sales.process.version"].create(
            {
                "name": "Pilot V1.1",
                "company_id": cls.company.id,
                "team_ids": [(6, 0, cls.team.ids)],
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 4, 1),
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Pilot Customer"})

    def feedback(self, user, **values):
        return (
            self.env["sales.pilot.feedback"]
            .with_user(user)
            .create(
                {
                    "version_id": self.version.id,
                    "kind": "too_strict",
                    "description": "Entry criteria too strict",
                    **values,
                }
            )
        )

    # Feedback -------------------------------------------------------------
    def test_pilot_salesperson_gives_feedback_on_a_stage_in_the_form(self):
        form = Form(self.env["sales.pilot.feedback"].with_user(self.rep))
        form.version_id = self.version
        form.stage_id = self.stage
        form.kind = "too_complex"
        form.description = "The tool takes longer than the call"
        feedback = form.save()
        self.assertEqual(feedback.user_id, self.rep)
        self.assertEqual(feedback.state, "new")
        self.assertEqual(self.version.feedback_count, 1)

    def test_the_author_is_who_gives_the_feedback(self):
        feedback = self.feedback(self.rep, user_id=self.rep2.id)
        self.assertEqual(feedback.user_id, self.rep)
        with self.assertRaises(UserError):
            feedback.with_user(self.rep).write({"user_id": self.rep2.id})
        # nor does a context default make another salesperson the author
        Feedback = self.env["sales.pilot.feedback"].with_user(self.rep)
        other = Feedback.with_context(default_user_id=self.rep2.id).create(
            {"version_id": self.version.id, "description": "Too many fields"}
        )
        self.assertEqual(other.user_id, self.rep)

    def test_only_the_pilot_teams_give_feedback(self):
        with self.assertRaises(ValidationError) as error:
            self.feedback(self.outsider)
        self.assertIn("Pilot Feedback Team", str(error.exception))

    def test_salesperson_sees_only_own_feedback(self):
        mine = self.feedback(self.rep)
        self.feedback(self.rep2)
        Feedback = self.env["sales.pilot.feedback"].with_user(self.rep)
        self.assertEqual(Feedback.search([("version_id", "=", self.version.id)]), mine)
        # and reads the pilot of the team, not the others
        self.assertTrue(self.version.with_user(self.rep).has_access("read"))
        self.assertFalse(self.version.with_user(self.outsider).has_access("read"))

    def test_salesperson_neither_triages_nor_replies(self):
        feedback = self.feedback(self.rep)
        with self.assertRaises(AccessError):
            feedback.with_user(self.rep).action_accept()
        with self.assertRaises(AccessError):
            feedback.with_user(self.rep).write({"reply": "Fine by me"})
        with self.assertRaises(ValidationError):
            feedback.with_user(self.rep).write({"state": "accepted"})
        self.assertEqual(feedback.state, "new")

    def test_manager_accepts_or_rejects_with_a_reply(self):
        accepted, rejected = self.feedback(self.rep), self.feedback(self.rep2)
        accepted.with_user(self.manager).action_accept()
        self.assertEqual(accepted.state, "accepted")
        with self.assertRaises(UserError) as error:
            rejected.with_user(self.manager).action_reject()
        self.assertIn("Reply", str(error.exception))
        rejected.with_user(self.manager).reply = "The criterion protects margins."
        rejected.with_user(self.manager).action_reject()
        self.assertEqual(rejected.state, "rejected")
        # an answered feedback is the record of its answer
        with self.assertRaises(UserError):
            rejected.with_user(self.rep2).description = "Never mind"

    def test_criterion_of_another_stage_is_refused(self):
        criterion = self.env["sales.gate.criterion"].create(
            {"name": "Signed requirements", "stage_id": self.stage.id}
        )
        other = self.env["crm.stage"].create({"name": "Pilot Other Stage"})
        with self.assertRaises(ValidationError) as error:
            self.feedback(self.rep, stage_id=other.id, criterion_id=criterion.id)
        self.assertIn("Gate Criterion", str(error.exception))

    def test_criterion_of_another_company_is_refused(self):
        # the feedback shows its criterion's name to its author
        other = self.env["res.company"].create({"name": "Pilot Other Co"})
        criterion = self.env["sales.gate.criterion"].create(
            {
                "name": "Other Co secret criterion",
                "stage_id": self.stage.id,
                "company_id": other.id,
            }
        )
        with self.assertRaises(UserError):
            self.feedback(self.rep, criterion_id=criterion.id)

    # Customer survey (NPS) ----------------------------------------------------
    def answer(self, user, score, **values):
        return (
            self.env["sales.pilot.nps"]
            .with_user(user)
            .create(
                {
                    "version_id": self.version.id,
                    "partner_id": self.customer.id,
                    "score": score,
                    "date": date(2026, 2, 1),
                    **values,
                }
            )
        )

    def test_pilot_nps_is_promoters_minus_detractors(self):
        for score in ("10", "9", "8", "5"):
            self.answer(self.rep, score)
        self.assertEqual(self.version.nps_answers, 4)
        self.assertEqual(self.version.nps_value, 25.0)
        figures = self.env["sales.measure"].compute(
            "pilot_nps", "user", date(2026, 1, 1), date(2026, 4, 1), self.company
        )
        self.assertEqual(figures[self.rep.id].value(100), 25.0)

    def test_salesperson_records_answers_of_own_customers_only(self):
        answer = self.answer(self.rep, "9", user_id=self.rep2.id)
        self.assertEqual(answer.user_id, self.rep)
        self.assertEqual(answer.team_id, self.team)
        with self.assertRaises(UserError):
            answer.with_user(self.rep).user_id = self.rep2
        with self.assertRaises(ValidationError):
            self.answer(self.outsider, "9")

    def test_outsider_cannot_answer_for_a_pilot_team(self):
        # naming the pilot's team does not make an outsider one of its members
        with self.assertRaises(ValidationError) as error:
            self.answer(self.outsider, "10", team_id=self.team.id)
        self.assertIn("Sales Team", str(error.exception))
        self.assertEqual(self.version.nps_answers, 0)

    def test_answer_names_customers_of_the_pilot_company_only(self):
        # reading an answer shows its customer's name: one of another
        # company would reveal what the company rule hides
        other = self.env["res.company"].create({"name": "Pilot Other Co"})
        secret = self.env["res.partner"].create(
            {"name": "Other Co Customer", "company_id": other.id}
        )
        with self.assertRaises(UserError):
            self.answer(self.rep, "9", partner_id=secret.id)
        answer = self.answer(self.rep, "9")
        with self.assertRaises(UserError):
            answer.with_user(self.rep).partner_id = secret

    def test_answer_links_an_opportunity_its_salesperson_may_read(self):
        # the rule hides a colleague's opportunities; the answer showed its name
        theirs = self.env["crm.lead"].create(
            {"name": "Colleague's deal", "user_id": self.rep2.id}
        )
        mine = self.env["crm.lead"].create(
            {"name": "My deal", "user_id": self.rep.id, "team_id": self.team.id}
        )
        with self.assertRaises(AccessError):
            self.answer(self.rep, "9", lead_id=theirs.id, team_id=self.team.id)
        answer = self.answer(self.rep, "9", lead_id=mine.id)
        with self.assertRaises(AccessError):
            answer.with_user(self.rep).lead_id = theirs
        self.assertEqual(answer.lead_id, mine)

    def test_answer_dated_in_the_future_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.answer(self.rep, "10", date=date(9999, 1, 1))
        self.assertIn("Date", str(error.exception))
        answer = self.answer(self.rep, "10")
        with self.assertRaises(ValidationError):
            answer.with_user(self.rep).date = date.today() + timedelta(days=400)

    # Summary report -------------------------------------------------------------
    def test_summary_report_lists_feedback_and_nps(self):
        self.feedback(self.rep, stage_id=self.stage.id)
        self.answer(self.rep, "10")
        self.version.conclusion = "<p>Roll out with looser entry criteria</p>"
        html = (
            self.env["ir.actions.report"]._render_qweb_html(
                "sales_process_framework.report_pilot_summary", self.version.ids
            )[0]
        ).decode()
        for text in (
            "Pilot Summary",
            "Criteria too strict",
            "Pilot Proposal",
            '<td class="text-end">100</td>',
            "Roll out with looser entry criteria",
        ):
            self.assertIn(text, html)

    def test_summary_report_reads_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["sales_process_framework"], ["zh_CN"], overwrite=True
        )
        self.manager.lang = "zh_CN"
        self.feedback(self.rep)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(lang="zh_CN")
            ._render_qweb_html(
                "sales_process_framework.report_pilot_summary", self.version.ids
            )[0]
        ).decode()
        for text in ("试点总结", "试点销售人员的反馈", "标准过严"):
            self.assertIn(text, html)
