# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Process reviews: abnormal nodes from the health snapshots in alert,
improvement actions as activities, their effect at the next review."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestProcessReview(SalesCase):
    LOGIN = "review"
    TEAM = {"name": "Review Team"}
    COMPANY = {"name": "Review Co"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.metric = cls.env["sales.health.metric"].create(
            {
                "name": "Win rate at solution presentation",
                "code": "win_rate",
                "healthy_threshold": 30,
                "alert_threshold": 20,
                "company_id": cls.company.id,
            }
        )
        cls.jan_alert = cls.snapshot(date(2026, 1, 1), 12.0, "alert")
        cls.snapshot(date(2026, 1, 1), 35.0, "healthy", scope="company")
        cls.Review = cls.env["sales.process.review"]

    @classmethod
    def snapshot(cls, start, value, band, scope="team"):
        return cls.env["sales.health.snapshot"].create(
            {
                "metric_id": cls.metric.id,
                "company_id": cls.company.id,
                "scope": scope,
                "scope_key": f"{scope},{cls.team.id}",
                "team_id": cls.team.id if scope == "team" else False,
                "period": "month",
                "period_start": start,
                "period_end": start.replace(month=start.month + 1),
                "value": value,
                "has_data": True,
                "band": band,
            }
        )

    def review(self, start, kind="month"):
        return self.Review.with_user(self.manager).create(
            {"company_id": self.company.id, "kind": kind, "date_start": start}
        )

    def test_monthly_review_lists_the_nodes_in_alert_once(self):
        review = self.review(date(2026, 1, 15))
        self.assertEqual(review.date_start, date(2026, 1, 1))
        self.assertEqual(review.date_end, date(2026, 2, 1))
        review.action_load_alerts()
        review.action_load_alerts()
        self.assertEqual(review.line_ids.snapshot_id, self.jan_alert)
        line = review.line_ids
        self.assertEqual((line.value, line.alert_threshold), (12.0, 20.0))

    def test_a_period_has_one_review_of_each_kind(self):
        self.review(date(2026, 1, 1))
        with self.assertRaises(ValidationError) as error:
            self.review(date(2026, 1, 20))
        self.assertIn("Period", str(error.exception))

    def test_half_year_review_covers_every_metric(self):
        review = self.review(date(2026, 3, 1), kind="half_year")
        self.assertEqual(review.date_start, date(2026, 1, 1))
        review.action_load_alerts()
        self.assertEqual(len(review.line_ids), 2)

    def test_next_review_measures_the_effect_of_the_actions(self):
        january = self.review(date(2026, 1, 1))
        january.action_load_alerts()
        line = january.line_ids
        activity = line.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Coach the solution presentations",
            user_id=self.rep.id,
        )
        january.action_close()
        self.assertFalse(line.has_effect)
        self.snapshot(date(2026, 2, 1), 26.0, "watch")
        february = self.review(date(2026, 2, 1))
        self.assertEqual(february.previous_id, january)
        self.assertEqual(february.previous_line_ids, line)
        line.invalidate_recordset()
        self.assertEqual((line.value, line.value_now), (12.0, 26.0))
        self.assertTrue(line.improved)
        # the salesperson reads the review and does the action
        activity.with_user(self.rep).action_feedback(feedback="Done in February")
        self.assertFalse(line.activity_ids)
        self.assertTrue(february.with_user(self.rep).has_access("read"))

    def test_salesperson_neither_creates_nor_closes_a_review(self):
        review = self.review(date(2026, 1, 1))
        with self.assertRaises(AccessError):
            review.with_user(self.rep).action_load_alerts()
        with self.assertRaises(AccessError):
            review.with_user(self.rep).action_close()
        with self.assertRaises(AccessError):
            self.Review.with_user(self.rep).create(
                {"company_id": self.company.id, "date_start": date(2026, 2, 1)}
            )
        review.action_close()
        with self.assertRaises(UserError):
            review.action_load_alerts()

    def test_a_review_line_comes_from_the_alerts_only(self):
        # a line by hand would put any snapshot (another company's, another
        # period's) under the review and show its figures
        review = self.review(date(2026, 1, 1))
        other = self.env["res.company"].create({"name": "Review Other Co"})
        foreign = self.env["sales.health.snapshot"].create(
            {
                "metric_id": self.metric.id,
                "company_id": other.id,
                "scope": "company",
                "scope_key": "company",
                "period": "month",
                "period_start": date(2026, 1, 1),
                "period_end": date(2026, 2, 1),
                "value": 99.0,
                "has_data": True,
                "band": "alert",
            }
        )
        Line = self.env["sales.process.review.line"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Line.create({"review_id": review.id, "snapshot_id": foreign.id})
        review.with_user(self.manager).action_load_alerts()
        self.assertEqual(review.line_ids.snapshot_id, self.jan_alert)

    def test_a_review_is_of_a_team_of_its_company(self):
        # the review's name shows its team's, and its lines the team's figures
        other = self.env["res.company"].create({"name": "Review Team Other Co"})
        foreign = self.env["crm.team"].create(
            {"name": "Review Foreign Team", "company_id": other.id}
        )
        with self.assertRaises(UserError):
            self.Review.with_user(self.manager).create(
                {
                    "company_id": self.company.id,
                    "team_id": foreign.id,
                    "date_start": date(2026, 3, 1),
                }
            )

    def test_scheduled_action_opens_each_review_once(self):
        self.Review.search([("company_id", "=", self.company.id)]).unlink()
        self.Review._cron_open_reviews()
        self.Review._cron_open_reviews()
        reviews = self.Review.search([("company_id", "=", self.company.id)])
        self.assertEqual(
            sorted(reviews.mapped("kind")), ["half_year", "month", "quarter"]
        )
