# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scorecards, reviews, coaching and assessments."""

from dataclasses import replace
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import FEB, JAN, PerformanceCase


@tagged("post_install", "-at_install")
class TestScorecard(PerformanceCase):
    def visit(self, lead, day, user=None, kind="mail.mail_activity_data_meeting"):
        self.env["mail.message"].create(
            {
                "model": "crm.lead",
                "res_id": lead.id,
                "message_type": "notification",
                "mail_activity_type_id": self.env.ref(kind).id,
                "author_id": (user or self.rep).partner_id.id,
                "date": f"{day} 09:00:00",
            }
        )

    def test_scorecard_churn_keeps_a_customer_who_buys_from_a_colleague(self):
        """Churn counts a customer for the salesperson of its last win before
        the month: bought from rep in December and from rep2 in January, it
        is kept; one who bought in December only churned."""
        moved = self.won(self.rep, 10_000, date(2023, 12, 10)).partner_id
        self.won(self.rep2, 10_000, date(2024, 1, 10), partner=moved)
        self.won(self.rep, 10_000, date(2023, 12, 12))
        cards = self.env["sales.scorecard"]._refresh(JAN, FEB, self.company)
        self.assertEqual(
            {
                card.user_id: card.churn_rate
                for card in cards
                if card.user_id in (self.rep | self.rep2)
            },
            {self.rep: 50.0, self.rep2: 0.0},
        )

    def test_scorecard_fields_come_from_the_registry(self):
        """Each figure of the card is the measure of the registry that names
        the card field: an addon that moves a card field to another measure
        changes the card, with no second list to update."""
        Measure = type(self.env["sales.measure"])
        fields = self.env["sales.scorecard"]._fields
        card_fields = {
            definition.card_field: code
            for code, definition in self.env["sales.measure"].definitions().items()
            if definition.card_field
        }
        for name, code in card_fields.items():
            self.assertTrue(fields[name].readonly, f"{code}: {name}")
        self.assertEqual(card_fields["churn_rate"], "churn")
        deal = self.won(self.rep, 10_000, date(2024, 1, 8))
        self.visit(deal, "2024-01-03")
        self.visit(deal, "2024-01-04")
        self.visit(deal, "2024-01-05", kind="mail.mail_activity_data_call")
        definitions = Measure.definitions

        def swapped(measure):
            found = definitions(measure)
            for code, name in (
                ("activity_visit", "calls"),
                ("activity_call", "visits"),
            ):
                found[code] = replace(found[code], card_field=name)
            return found

        self.patch(Measure, "definitions", swapped)
        card = (
            self.env["sales.scorecard"]
            ._refresh(JAN, FEB, self.company)
            .filtered(lambda c: c.user_id == self.rep)
        )
        self.assertEqual((card.visits, card.calls), (1, 2))

    def test_scorecard_reads_effort_results_and_ratios_together(self):
        Partner = self.env["res.partner"]
        a, b, e = Partner.create(
            [
                {
                    "name": n,
                    "is_company": True,
                    "user_id": self.rep.id,
                    "company_id": self.company.id,
                }
                for n in ("A new", "B known", "E never")
            ]
        )
        self.won(self.rep, 20_000, date(2023, 11, 5), partner=b)
        self.won(self.rep, 75_000, date(2023, 12, 5))  # bought in December only
        self.won(self.rep, 100_000, date(2024, 1, 8), partner=a)
        deal_b = self.won(self.rep, 50_000, date(2024, 1, 9), partner=b)
        cancelled = self.won(self.rep, 10_000, date(2024, 1, 12))
        cancelled.action_set_lost(
            lost_reason_id=self.env["crm.lost.reason"]
            .create({"name": "Withdrew", "is_cancellation": True})
            .id
        )
        cancelled.date_closed = "2024-01-12 10:00:00"
        prospect = self.env["crm.lead"].create(
            {
                "name": "Prospect",
                "type": "opportunity",
                "user_id": self.rep.id,
                "company_id": self.company.id,
                "partner_id": Partner.create({"name": "C prospect"}).id,
            }
        )
        self.visit(deal_b, "2024-01-03")
        self.visit(deal_b, "2024-01-04")
        self.visit(prospect, "2024-01-05")
        self.visit(prospect, "2024-01-06", kind="mail.mail_activity_data_call")
        self.won(self.rep2, 10_000, date(2024, 1, 8))
        cards = self.env["sales.scorecard"]._refresh(JAN, FEB, self.company)
        card = cards.filtered(lambda c: c.user_id == self.rep)
        self.assertRecordValues(
            card,
            [
                {
                    "visits": 3,
                    "calls": 1,
                    "visits_per_customer": 1.5,
                    "new_customer_visits": 1,
                    "revenue": 150_000.0,
                    "won_count": 2,
                    "average_deal": 75_000.0,
                    "revenue_previous": 75_000.0,
                    "growth": 100.0,
                    "new_customers": 1,
                    "churn_rate": 100.0,
                    "quartile": "1",
                    "peer_count": 4,
                }
            ],
        )
        self.assertAlmostEqual(card.visits_per_day, 3 / 23, 2)  # 23 weekdays
        self.assertAlmostEqual(card.penetration, 200 / 3, 2)  # A and B of A, B, E
        self.assertAlmostEqual(card.win_rate, 200 / 3, 2)
        self.assertAlmostEqual(card.cancellation_rate, 100 / 3, 2)
        card.expenses = 15_000
        self.assertEqual(card.cost_ratio, 10.0)
        self.assertEqual(sorted(cards.mapped("quartile")), ["1", "2", "3", "4"])
        # refreshing updates the same scorecards and keeps the expenses
        again = self.env["sales.scorecard"]._refresh(JAN, FEB, self.company)
        self.assertEqual(again, cards)
        self.assertEqual(card.expenses, 15_000)


@tagged("post_install", "-at_install")
class TestReviews(PerformanceCase):
    def test_record_names_give_dates_in_the_readers_language(self):
        """No ISO date ranges in names: a Chinese reader reads Chinese dates."""
        Review = self.env["sales.performance.review"]
        Review._cron_schedule_reviews()
        review = Review.search(
            [("company_id", "=", self.company.id), ("user_id", "=", self.rep.id)]
        )
        card = review.scorecard_id
        start = review.date_start
        for record in (review, card):
            self.assertNotIn(start.isoformat(), record.display_name)
            zh = record.with_context(lang="zh_CN").display_name
            self.assertIn(f"{start.year}年{start.month:02d}月{start.day:02d}日", zh)
        self.assertNotIn("Review of", review.with_context(lang="zh_CN").display_name)

    def test_reviews_are_scheduled_once_prefilled_and_followed_up(self):
        Review = self.env["sales.performance.review"]
        Review._cron_schedule_reviews()
        mine = Review.search([("company_id", "=", self.company.id)])
        self.assertEqual(
            mine.user_id, self.rep | self.rep2 | self.leader | self.outsider
        )
        Review._cron_schedule_reviews()
        self.assertEqual(Review.search([("company_id", "=", self.company.id)]), mine)
        review = mine.filtered(lambda r: r.user_id == self.rep)
        self.assertEqual((review.date_end - review.date_start).days, 13)
        self.assertEqual(review.scorecard_id.user_id, self.rep)
        self.assertEqual(review.manager_id, self.leader)
        self.assertEqual(review.activity_ids.user_id, self.leader)
        with self.assertRaises(UserError):
            review.action_done()
        with Form(review) as form:
            with form.suggestion_ids.new() as line:
                line.name = "Two visits a week to new prospects in the south"
        review.action_done()
        suggestion = review.suggestion_ids
        self.assertEqual(suggestion.state, "open")
        self.assertEqual(suggestion.activity_id.user_id, self.rep)
        suggestion.activity_id.with_user(self.rep).action_feedback("Done: 4 visits")
        self.assertEqual(suggestion.state, "done")
        self.assertEqual(review.suggestion_done_count, 1)

    def test_review_period_follows_the_setting(self):
        Review = self.env["sales.performance.review"]
        start, end = Review._window(date(2024, 1, 17), 2)
        self.assertEqual(start.weekday(), 0)
        self.assertEqual((end - start).days, 14)
        self.assertTrue(start <= date(2024, 1, 17) < end)
        self.assertEqual(Review._window(end, 2)[0], end, "periods follow each other")


@tagged("post_install", "-at_install")
class TestCoachingAndAssessments(PerformanceCase):
    def test_a_coaching_session_reads_as_whom_and_when(self):
        """Breadcrumbs show who was coached and when, in the reader's language."""
        session = self.env["sales.coaching.session"].create(
            {"user_id": self.rep.id, "date": "2026-11-04"}
        )
        self.assertNotIn("sales.coaching.session", session.display_name)
        self.assertEqual(
            session.display_name, f"Coaching of {self.rep.name}, 11/04/2026"
        )
        zh = session.with_context(lang="zh_CN")
        self.assertNotIn("Coaching", zh.display_name)
        self.assertIn("2026年11月04日", zh.display_name)

    def test_coaching_follows_the_five_steps(self):
        session = self.env["sales.coaching.session"].create({"user_id": self.rep.id})
        with self.assertRaises(UserError) as error:
            session.action_next_step()
        self.assertIn("Observe", str(error.exception))
        session.observation = "<p>Talked about price first.</p>"
        session.action_next_step()
        session.feedback_goal = "Second meeting"
        with self.assertRaises(UserError) as error:
            session.action_next_step()
        self.assertIn("How did you plan to reach it?", str(error.exception))
        session.write(
            {
                "feedback_plan": "References",
                "feedback_happened": "Price asked",
                "feedback_why": "No questions first",
            }
        )
        session.action_next_step()
        self.assertEqual(session.step, "demonstrate")
        session.demonstration = "<p>Opened with situation questions.</p>"
        session.action_next_step()
        session.next_goal = "Agree on a site survey"
        with self.assertRaises(UserError) as error:
            session.action_next_step()
        self.assertIn("Plan of the Next Call", str(error.exception))
        session.next_plan = "Two problem questions, then the survey offer"
        session.action_next_step()
        session.write({"went_best": "Listening", "to_improve": "Closing"})
        session.action_next_step()
        self.assertEqual(session.step, "done")

    def test_small_deals_do_and_check(self):
        session = self.env["sales.coaching.session"].create(
            {
                "user_id": self.rep.id,
                "deal_size": "small",
                "observation": "<p>ok</p>",
                "feedback_goal": "a",
                "feedback_plan": "b",
                "feedback_happened": "c",
                "feedback_why": "d",
            }
        )
        session.action_next_step()
        session.action_next_step()
        self.assertEqual(session.step, "review")

    def test_self_assessment_proposes_training_for_gaps(self):
        needs = self.env.ref("sales_team_performance.sales_skill_needs")
        product = self.env.ref("sales_team_performance.sales_skill_product")
        with Form(self.env["sales.skill.assessment"].with_user(self.rep)) as form:
            self.assertGreaterEqual(len(form.line_ids), 6, "every skill proposed")
        assessment = form.record
        lines = {line.skill_id: line for line in assessment.line_ids}
        lines[needs].write({"importance": "3", "ability": "1"})  # 6: gap
        lines[product].write({"importance": "3", "ability": "2"})  # 3: gap
        self.assertEqual(assessment.gap_count, 2)
        self.assertIn("Role-play", assessment.proposed_training)
        assessment.action_plan_training()
        self.assertEqual(len(assessment.activity_ids), 2)
        self.assertEqual(assessment.activity_ids.user_id, self.rep)

    def test_promotion_readiness_says_what_is_needed(self):
        Promotion = self.env["sales.promotion.assessment"]
        with self.assertRaises(ValidationError) as error:
            Promotion.create(
                {
                    "user_id": self.rep.id,
                    "target_role": "Key-account manager",
                    "readiness": "1y",
                }
            )
        self.assertIn("write what is needed", str(error.exception))
        ready = Promotion.create(
            {"user_id": self.rep.id, "target_role": "Team leader", "readiness": "now"}
        )
        self.assertEqual(ready.team_id, self.team)
