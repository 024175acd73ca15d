# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import inspect
from datetime import date, datetime, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import tagged, users

from odoo.addons.sales_process_framework.tests.common import load_script

from .common import AccountCase

REVIEW_NPS = (
    Path(__file__).parent.parent / "migrations" / "18.0.1.3.0" / "post-review-nps.py"
)

# Pinned: a review's three figures (sales, pipeline, satisfaction) are three
# grouped reads of the engine for all the reviews, after the access check of
# the customers; the retention of a period is the engine's measure for the
# customers, their tiers then, and one measure per tier, whatever the number
# of customers.
QUERIES_REVIEW_REP = 11
QUERIES_REVIEW_MANAGER = 9
QUERIES_RETENTION = 13


def _migration():
    return load_script(REVIEW_NPS)


@tagged("post_install", "-at_install")
class TestAccountFigures(AccountCase):
    """Plans, reviews and retention read the measurement engine: its wins,
    its net promoter score, its numerators and denominators."""

    def _deal(self, partner, closed, revenue=1000, team=None, **values):
        lead = self.env["crm.lead"].create(
            {
                "name": "Deal",
                "type": "opportunity",
                "partner_id": partner.id,
                "company_id": self.company.id,
                "user_id": self.rep.id,
                "team_id": (team or self.team).id,
                "expected_revenue": revenue,
                "stage_id": self.won_stage.id,
                "probability": 100,
                **values,
            }
        )
        if closed:
            lead.date_closed = closed
        return lead

    def test_review_satisfaction_is_the_net_promoter_score(self):
        """Answers 10, 10 and 5: two promoters and a detractor of three make
        a score of 33, not the mean 8.3 of the answers."""
        partner = self._customer(0, "Surveyed")
        for score in ("10", "10", "5"):
            self._deal(partner, datetime.now() - timedelta(days=20), nps_score=score)
        review = self.env["sales.account.review"].create(
            {"partner_id": partner.id, "company_id": self.company.id}
        )
        self.assertAlmostEqual(review.satisfaction, 100.0 / 3, places=2)
        self.assertEqual(review.last_year_sales, 3000)

    def test_upgrade_turns_stored_satisfaction_means_into_scores(self):
        """A review prepared by 18.0.1.2.0 kept the mean of the answers; the
        upgrade measures its score again and keeps its other figures."""
        partner = self._customer(0, "Reviewed before")
        for score in ("10", "10", "5"):
            self._deal(partner, datetime.now() - timedelta(days=20), nps_score=score)
        review = self.env["sales.account.review"].create(
            {"partner_id": partner.id, "company_id": self.company.id}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sales_account_review SET satisfaction = 8.33,"
            " last_year_sales = 1234 WHERE id = %s",
            [review.id],
        )
        self.env.invalidate_all()
        _migration().migrate(self.env.cr, "18.0.1.2.0")
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertAlmostEqual(review.satisfaction, 100.0 / 3, places=2)
        self.assertEqual(review.last_year_sales, 1234)

    def test_retention_counts_a_customer_in_the_tier_and_team_it_had(self):
        """Tier A and sold by another team last quarter, tier B and the
        salesperson's team now: last quarter's retention counts it in A,
        for the team that had it then."""
        old_team = self.env["crm.team"].create(
            {"name": "Former Team", "company_id": self.company.id}
        )
        partner = self._customer(0, "Moved down")
        self._deal(partner, datetime(2026, 5, 10, 10), team=old_team)
        self._deal(partner, datetime(2026, 8, 10, 10), team=old_team)
        History = self.env["sales.account.tier.history"]
        History.create(
            [
                {
                    "partner_id": partner.id,
                    "to_tier_id": self.a.id,
                    "date": date(2026, 1, 15),
                },
                {
                    "partner_id": partner.id,
                    "from_tier_id": self.a.id,
                    "to_tier_id": self.b.id,
                    "date": date(2026, 11, 2),
                },
            ]
        )
        partner.account_tier_id = self.b
        Retention = self.env["sales.account.retention"]
        Retention._compute_period(self.company, date(2026, 7, 1), date(2026, 10, 1))
        [row] = Retention.search([("company_id", "=", self.company.id)])
        self.assertEqual(row.tier_id, self.a)
        self.assertEqual(row.team_id, old_team)
        self.assertEqual((row.active_count, row.retained_count), (1, 1))
        self.assertEqual(row.retention_rate, 100.0)
        # the team's figure opens the customer it counts
        action = self.env["sales.measure"].drill_down(
            "account_retention",
            "team",
            old_team.id,
            date(2026, 7, 1),
            date(2026, 10, 1),
            self.company,
        )
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(self.env["res.partner"].search(action["domain"]), partner)

    def test_retention_and_churn_are_one_engine_rule(self):
        """Over the company's window, a customer the retention report counts
        as lost is the one the engine's churn names, for the same team."""
        self.company.account_window_months = 3
        kept, lost = self._customer(0, "Kept"), self._customer(0, "Lost")
        self._deal(kept, datetime(2026, 5, 10, 10))
        self._deal(kept, datetime(2026, 8, 10, 10))
        self._deal(lost, datetime(2026, 5, 20, 10))
        Measure = self.env["sales.measure"]
        period = (date(2026, 7, 1), date(2026, 10, 1), self.company)
        retention = Measure.compute("account_retention", "team", *period)
        self.assertEqual(
            (retention[self.team.id].numerator, retention[self.team.id].denominator),
            (1, 2),
        )
        churned = Measure.churned("team", *period, window=relativedelta(months=3))
        self.assertEqual(churned, {self.team.id: {lost.id}})
        # the account figures ask the engine rather than reading won deals
        source = inspect.getsource(type(Measure)._retention_customers)
        self.assertIn("self.retention_customers(", source)
        for reading in ("grouped(", "won_domain(", "won_customers("):
            self.assertNotIn(reading, source)

    def test_retention_trend_plots_the_rate_weighted_by_customers(self):
        """The trend's line is the retention rate of each quarter: 3 of 10
        customers kept over two tiers is 30%, not the mean of 100% and
        12.5%."""
        arch = etree.fromstring(
            self.env["sales.account.retention"].get_views([(False, "graph")])["views"][
                "graph"
            ]["arch"]
        )
        [measure] = arch.xpath("//field[@type='measure']")
        self.assertEqual(measure.get("name"), "retention_rate")
        Retention = self.env["sales.account.retention"]
        Retention.create(
            [
                {
                    "company_id": self.company.id,
                    "period_start": start,
                    "period_end": start + timedelta(days=91),
                    "tier_id": tier.id,
                    "active_count": active,
                    "retained_count": kept,
                    "churned_count": active - kept,
                    "retention_rate": 100.0 * kept / active,
                }
                for start in (date(2026, 4, 1), date(2026, 7, 1))
                for tier, active, kept in ((self.ka, 2, 2), (self.b, 8, 1))
            ]
        )
        groups = Retention.web_read_group(
            [("company_id", "=", self.company.id)],
            ["retention_rate:avg"],
            ["period_start:quarter"],
        )["groups"]
        self.assertEqual(len(groups), 2)
        for group in groups:
            self.assertAlmostEqual(group["retention_rate"], 30.0)

    def test_plan_objectives_of_a_tag_a_stage_and_new_contacts(self):
        partner = self._customer(0, "Planned")
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": partner.id}
        )
        tag = self.env["crm.tag"].create({"name": "Line X"})
        stage = self.env["crm.stage"].create({"name": "Plan stage", "sequence": 50})
        now = datetime.now()
        self._deal(contact, now, revenue=400, tag_ids=[(6, 0, tag.ids)])
        self._deal(partner, now, revenue=100)
        self._deal(partner, None, stage_id=stage.id, probability=50)
        plan = self.env["sales.account.plan"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "year": date.today().year,
                "objective_ids": [
                    (0, 0, {"name": name, "target": 1000, **values})
                    for name, values in (
                        ("Revenue", {"kind": "won_revenue"}),
                        ("Line X", {"kind": "won_revenue_tag", "tag_id": tag.id}),
                        (
                            "Pipeline",
                            {"kind": "opportunities_stage", "stage_id": stage.id},
                        ),
                        ("Contacts", {"kind": "new_contacts"}),
                    )
                ],
            }
        )
        self.assertEqual(plan.objective_ids.mapped("current"), [500, 400, 1, 1])


@tagged("post_install", "-at_install")
class TestAccountFigureQueries(AccountCase):
    """The figures are computed for a batch at once: their cost does not grow
    with the reviews, plans or customers."""

    def _customers(self, count, user=None):
        customers = self.env["res.partner"].union(
            *(
                self._customer(100_000, f"Measured {index}", user=user)
                for index in range(count)
            )
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return customers

    @users("ka_rep", "ka_manager")
    def test_review_figures_of_2_or_8_customers_for_the_same_queries(self):
        Review = self.env["sales.account.review"].sudo()
        # a server at work: the engine's time zone and access rules cached
        Review.create({"partner_id": self._customers(1).id}).with_env(
            self.env
        ).action_prepare_figures()
        for count in (2, 8):
            reviews = Review.create(
                [{"partner_id": customer.id} for customer in self._customers(count)]
            ).with_env(self.env)
            self.env.invalidate_all()
            with self.assertQueryCount(
                ka_rep=QUERIES_REVIEW_REP, ka_manager=QUERIES_REVIEW_MANAGER
            ):
                reviews.action_prepare_figures()
            self.assertEqual(set(reviews.mapped("last_year_sales")), {100_000})

    def test_retention_of_4_or_40_customers_for_the_same_queries(self):
        Retention = self.env["sales.account.retention"]
        # the customers' deals were won 10 days ago: active at the start
        start, end = date.today() - timedelta(days=5), date.today() + timedelta(days=1)
        customers = self.env["res.partner"]
        for count in (4, 40):
            customers |= self._customers(count)
            # the period computed before: the run recomputes it in place
            Retention._compute_period(self.company, start, end)
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=QUERIES_RETENTION):
                Retention._compute_period(self.company, start, end)
            [row] = Retention.search([("company_id", "=", self.company.id)])
            self.assertEqual(row.active_count, len(customers))
