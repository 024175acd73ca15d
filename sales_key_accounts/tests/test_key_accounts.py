# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time
from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import AccountCase


@tagged("post_install", "-at_install")
class TestTiering(AccountCase):
    def test_tier_at_every_boundary(self):
        # revenue 1M = 100 points; 800k = 80 (KA), 799,990 = 79.999 (A), 500k = A,
        # 200k = B, 199k = C
        cases = {
            800_000: self.ka,
            799_990: self.a,
            500_000: self.a,
            499_000: self.b,
            200_000: self.b,
            199_000: self.c,
            0: self.c,
        }
        partners = {
            revenue: self._customer(revenue, f"P{revenue}") for revenue in cases
        }
        self.retier(self.env["res.partner"].union(*partners.values()))
        for revenue, tier in cases.items():
            self.assertEqual(partners[revenue].account_tier_id, tier, revenue)
        self.assertEqual(
            partners[800_000].account_tier_reason,
            "score 80 ≥ 80: won revenue 800.0k (80 pts)",
        )

    def test_history_in_words_and_chatter_and_no_duplicate_when_nothing_changes(self):
        partner = self._customer(900_000)
        self.retier(partner)
        self.retier(partner)
        history = partner.account_tier_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(
            (history.from_tier_id, history.to_tier_id, history.direction),
            (self.env["sales.account.tier"], self.ka, "new"),
        )
        self.assertIn("won revenue 900.0k", history.reason)
        self.assertIn("Tier: - → Key", partner.message_ids[0].body)
        # revenue falls out of the window: a downgrade, with its reason
        self.env["crm.lead"].search([("partner_id", "=", partner.id)]).date_closed = (
            datetime.now() - timedelta(days=500)
        )
        self.retier(partner)
        self.assertEqual(partner.account_tier_id, self.c)
        latest = self.env["sales.account.tier.history"].search(
            [("partner_id", "=", partner.id)], limit=1
        )
        self.assertEqual(latest.direction, "down")

    def test_manager_pin_holds_until_it_expires(self):
        partner = self._customer(100_000)
        wizard = Form(
            self.env["sales.account.tier.pin.wizard"]
            .with_user(self.manager)
            .with_context(default_partner_ids=partner.ids)
        )
        wizard.tier_id = self.ka
        wizard.reason = "Strategic reference customer"
        wizard.date_until = date.today() + timedelta(days=30)
        wizard.save().action_pin()
        self.assertEqual(partner.account_tier_id, self.ka)
        self.assertTrue(
            self.env["sales.account.tier.history"]
            .search([("partner_id", "=", partner.id)], limit=1)
            .pinned
        )
        self.retier(partner)
        self.assertEqual(partner.account_tier_id, self.ka, "the next run respects it")
        self.retier(partner, date.today() + timedelta(days=31))
        self.assertEqual(partner.account_tier_id, self.c, "expired: scored again")
        self.assertFalse(partner.account_tier_pinned_id)

    def test_pin_reason_reads_in_the_readers_language(self):
        """Issue 15: a pin's reason is written in one language with an ISO
        date; each reader sees it in theirs, with the date in their format."""
        partner = self._customer(100_000)
        wizard = Form(
            self.env["sales.account.tier.pin.wizard"]
            .with_user(self.manager)
            .with_context(lang="en_US", default_partner_ids=partner.ids)
        )
        wizard.tier_id = self.ka
        wizard.reason = "Strategic reference customer"
        wizard.date_until = date(2099, 11, 4)
        wizard.save().action_pin()
        change = self.env["sales.account.tier.history"].search(
            [("partner_id", "=", partner.id)], limit=1
        )
        self.assertEqual(
            change.with_context(lang="en_US").reason_label,
            "pinned until 11/04/2099: Strategic reference customer",
        )
        chinese = "锁定至 2099年11月04日：Strategic reference customer"
        self.assertEqual(change.with_context(lang="zh_CN").reason_label, chinese)
        self.assertEqual(
            change.with_context(lang="zh_TW").reason_label,
            "鎖定至 2099年11月04日：Strategic reference customer",
        )
        why = partner.with_user(self.manager).with_context(lang="zh_CN")
        self.assertEqual(why.account_tier_why, chinese)
        self.assertNotIn("2099-11-04", change.reason, "no ISO date stored either")

    def test_lists_and_pivots_add_no_scores_days_or_thresholds(self):
        """Issue 15: a list grouped by tier must not show a customer score of
        "1,840" or "312 days since the last win", nor a total of thresholds:
        averages where an average means something, else nothing."""
        expected = {
            ("res.partner", "account_score"): "avg",
            ("res.partner", "account_growth_score"): "avg",
            ("res.partner", "account_last_win_days"): "avg",
            ("res.partner", "account_idle_days"): "avg",
            ("sales.account.review", "satisfaction"): "avg",
            ("sales.account.tier.history", "score"): False,
            ("sales.account.tier", "min_score"): False,
            ("sales.account.tier", "visit_interval_days"): False,
            ("sales.account.score.factor", "weight"): False,
        }
        for (model, fname), aggregator in expected.items():
            self.assertEqual(
                self.env[model]._fields[fname].aggregator, aggregator, fname
            )

    def test_salesperson_cannot_pin(self):
        partner = self._customer(100_000)
        with self.assertRaises(AccessError):
            self.env["sales.account.tier.pin.wizard"].with_user(self.rep).create(
                {"partner_ids": partner.ids, "tier_id": self.ka.id, "reason": "x"}
            )
        with self.assertRaises(UserError):
            partner.with_user(self.rep)._check_pin(self.ka, "x")

    def test_bad_configuration_is_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["sales.account.tier"].create(
                {
                    "name": "Twin",
                    "code": "T",
                    "min_score": 80,
                    "company_id": self.company.id,
                }
            )
        with self.assertRaises(ValidationError) as error:
            self.b.visit_interval_days = 0
        self.assertIn("not a frequency", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.env["sales.account.score.factor"].search(
                [("company_id", "=", self.company.id)]
            ).weight = 0
        self.assertIn("add up to a positive number", str(error.exception))

    # at a time of day when every user's time zone has the same date as UTC
    @freeze_time("2026-06-15 10:00:00")
    def test_churn_risk_lists_key_accounts_without_win_or_contact(self):
        partner = self._customer(900_000, "Quiet key account")
        partner.invalidate_recordset()
        self.env["crm.lead"].search([("partner_id", "=", partner.id)]).date_closed = (
            datetime.now() - timedelta(days=200)
        )
        self.env["sales.account.score.factor"].search(
            [("company_id", "=", self.company.id)]
        ).full_score_at = 100_000  # still a key account on a 12-month window
        self.retier(partner)
        self.assertEqual(partner.account_tier_id, self.ka)
        self.assertEqual(partner.account_idle_days, 200)
        Partner = self.env["res.partner"].with_company(self.company)
        at_risk = Partner.search(Partner._action_churn_risk()["domain"])
        self.assertIn(partner, at_risk)
        partner.message_post(body="Called the buyer", message_type="comment")
        self.retier(partner)
        self.assertEqual(partner.account_idle_days, 0)
        self.assertNotIn(
            partner, Partner.search(Partner._action_churn_risk()["domain"])
        )

    def test_cron_retiers_in_batches(self):
        partners = self._customer(900_000, "Big") | self._customer(300_000, "Mid")
        self.env["sales.account.tiering"]._cron_retier()
        self.assertEqual(partners.mapped("account_tier_id"), self.ka | self.b)

    def test_a_shared_customer_is_tiered_once_by_the_current_company(self):
        shared = self._customer(900_000, "Shared")
        shared.company_id = False
        # the main company has its own tiers (demo data): they do not apply
        self.assertTrue(
            self.env["sales.account.tier"]
            .sudo()
            .search([("company_id", "!=", self.company.id)])
        )
        self.env["sales.account.tiering"]._cron_retier()
        self.assertEqual(shared.account_tier_id, self.ka)
        self.assertEqual(len(shared.account_tier_history_ids), 1)


@tagged("post_install", "-at_install")
class TestAccountWork(AccountCase):
    def test_a_visit_reads_as_its_kind_and_customer_in_every_language(self):
        """The Visit Plan calendar and breadcrumbs show no technical name."""
        customer = self._customer(0, "Hangzhou Xinghe")
        visit = self.env["sales.account.visit"].create(
            {"partner_id": customer.id, "method": "phone"}
        )
        self.assertEqual(visit.display_name, "Phone · Hangzhou Xinghe")
        zh = visit.with_context(lang="zh_CN")
        kinds = dict(zh._fields["method"]._description_selection(zh.env))
        self.assertNotEqual(kinds["phone"], "Phone", "the kind is translated")
        self.assertEqual(zh.display_name, f"{kinds['phone']} · Hangzhou Xinghe")

    def test_visits_are_planned_from_the_tier_policy_once(self):
        key = self._customer(900_000, "Key customer")
        small = self._customer(0, "Small customer")
        self.retier(key | small)
        Visit = self.env["sales.account.visit"]
        Visit._cron_plan_visits()
        Visit._cron_plan_visits()
        planned = Visit.search([("partner_id", "in", (key | small).ids)])
        self.assertEqual(planned.partner_id, key, "C is visited on demand")
        self.assertEqual(len(planned), 1)
        planned.write(
            {
                "result": "Good meeting",
                "next_action": "Quote",
                "next_date": date.today() + timedelta(days=7),
            }
        )
        planned.action_done()
        follow_up = Visit.search(
            [("partner_id", "=", key.id), ("state", "=", "planned")]
        )
        self.assertEqual(follow_up.date, date.today() + timedelta(days=7))
        self.assertEqual(key.account_next_visit_date, follow_up.date)
        # another visit done with the same next date plans nothing more
        call = Visit.create(
            {
                "partner_id": key.id,
                "user_id": self.rep.id,
                "company_id": self.company.id,
                "method": "phone",
                "next_date": follow_up.date,
            }
        )
        call.action_done()
        self.assertEqual(
            Visit.search_count(
                [("partner_id", "=", key.id), ("state", "=", "planned")]
            ),
            1,
        )

    def test_planned_visit_goal_in_the_salespersons_language(self):
        """Issue 15: the planning runs in the scheduled action's language; the
        goal of a planned visit reads in its salesperson's."""
        key = self._customer(900_000, "Key customer")
        key.user_id = self.rep
        self.rep.lang = "zh_CN"
        self.retier(key)
        Visit = self.env["sales.account.visit"].with_context(lang="en_US")
        Visit._cron_plan_visits()
        planned = Visit.search([("partner_id", "=", key.id)])
        self.assertEqual(planned.goal, f"定期拜访（{self.ka.name}）")

    def test_a_visit_recorded_on_the_opportunity_counts_for_the_policy(self):
        key = self._customer(900_000, "Key customer")
        self.retier(key)
        lead = self.env["crm.lead"].search([("partner_id", "=", key.id)], limit=1)
        # a visit logged on the customer's opportunity, not as a planned visit
        self.env["crm.lead.touchpoint"].create(
            {"lead_id": lead.id, "channel": "visit", "channel_type": "offline"}
        )
        Visit = self.env["sales.account.visit"]
        Visit._cron_plan_visits()
        planned = Visit.search([("partner_id", "=", key.id)])
        self.assertEqual(planned.date, date.today() + timedelta(days=14))

    def test_plan_objectives_are_measured_from_crm(self):
        partner = self._customer(600_000, "Planned customer")
        plan = self.env["sales.account.plan"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "year": date.today().year,
                "objective_ids": [
                    (
                        0,
                        0,
                        {"name": "Revenue", "kind": "won_revenue", "target": 1_200_000},
                    )
                ],
            }
        )
        self.assertEqual(plan.objective_ids.current, 600_000)
        self.assertEqual(plan.objective_ids.progress, 50.0)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["sales.account.plan"].create(
                {"partner_id": partner.id, "year": date.today().year}
            )

    def test_review_figures_and_reminder_when_due(self):
        partner = self._customer(900_000, "Reviewed")
        partner.user_id = self.rep
        self.rep.lang = "zh_CN"
        self.retier(partner)
        Review = self.env["sales.account.review"].with_context(lang="en_US")
        self.assertEqual(Review._cron_review_reminders(), 1)
        self.assertEqual(partner.activity_ids.summary, "年度复盘到期")
        self.assertEqual(Review._cron_review_reminders(), 0, "one reminder")
        review = Review.create(
            {"partner_id": partner.id, "company_id": self.company.id}
        )
        self.assertEqual(review.last_year_sales, 900_000)

    def test_ownership_rule_routes_or_warns(self):
        partner = self._customer(0, "Owned")
        self.company.account_ownership_rule = "route"
        lead = self.env["crm.lead"].create(
            {
                "name": "Second rep",
                "partner_id": partner.id,
                "user_id": self.other_rep.id,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(lead.user_id, self.rep)
        self.company.account_ownership_rule = "warn"
        lead = self.env["crm.lead"].create(
            {
                "name": "Second rep again",
                "partner_id": partner.id,
                "user_id": self.other_rep.id,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(lead.user_id, self.other_rep)
        self.assertEqual(lead.activity_ids.user_id, self.rep)

    def test_a_customer_never_won_reads_so(self):
        """Not "1,825 days since the last win"."""
        never = self._customer(0, "Never won")
        won = self._customer(100_000, "Won lately")
        self.retier(never | won)
        self.assertEqual(never.account_last_win_label, "No win in 5 years")
        self.assertRegex(won.account_last_win_label, r"^\d+ days ago$")
        self.assertEqual(
            never.with_context(lang="zh_CN").account_last_win_label, "5 年内无成交"
        )

    def test_key_account_tab_comes_first_on_the_customer(self):
        arch = etree.fromstring(
            self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
                "arch"
            ]
        )
        pages = [page.get("name") for page in arch.iter("page")]
        self.assertEqual(pages[0], "key_account", pages)

    def test_account_plans_grouped_add_up_no_years(self):
        Plan = self.env["sales.account.plan"]
        customer = self._customer(0, "Planned customer")
        Plan.create([{"partner_id": customer.id, "year": y} for y in (2025, 2026)])
        groups = Plan.web_read_group(
            [("partner_id", "=", customer.id)], ["year"], ["partner_id"]
        )["groups"]
        self.assertEqual(len(groups), 1)
        self.assertNotIn("year", groups[0], "no sum of years (4,051)")

    def test_retention_of_a_group_weighs_its_customers(self):
        """Two customers of two kept in one tier, one of eight in another:
        3 of 10 kept is 30%, not the 56.25% mean of the two rows' rates."""
        Retention = self.env["sales.account.retention"]
        start = date(2026, 7, 1)
        Retention.create(
            [
                {
                    "company_id": self.company.id,
                    "period_start": start,
                    "period_end": date(2026, 9, 30),
                    "tier_id": tier.id,
                    "active_count": active,
                    "retained_count": kept,
                    "churned_count": active - kept,
                    "retention_rate": 100.0 * kept / active,
                }
                for tier, active, kept in ((self.ka, 2, 2), (self.b, 8, 1))
            ]
        )
        [(rate,)] = Retention._read_group(
            [("company_id", "=", self.company.id), ("period_start", "=", start)],
            aggregates=["retention_rate:avg"],
        )
        self.assertAlmostEqual(rate, 30.0)

    def test_retention_counts_customers_kept(self):
        kept = self._customer(100_000, "Kept")
        lost = self._customer(0, "Lost")
        self.env["crm.lead"].create(
            {
                "name": "Old deal",
                "type": "opportunity",
                "partner_id": lost.id,
                "company_id": self.company.id,
                "expected_revenue": 5,
                "stage_id": self.won_stage.id,
                "probability": 100,
            }
        ).date_closed = datetime.now() - timedelta(days=200)
        self.env["crm.lead"].create(
            {
                "name": "Older deal",
                "type": "opportunity",
                "partner_id": kept.id,
                "company_id": self.company.id,
                "expected_revenue": 5,
                "stage_id": self.won_stage.id,
                "probability": 100,
            }
        ).date_closed = datetime.now() - timedelta(days=200)
        start = date.today() - timedelta(days=60)
        Retention = self.env["sales.account.retention"]
        Retention._compute_period(self.company, start, date.today() + timedelta(days=1))
        rows = Retention.search([("company_id", "=", self.company.id)])
        self.assertEqual(sum(rows.mapped("active_count")), 2)
        self.assertEqual(sum(rows.mapped("retained_count")), 2)
        Retention._compute_period(self.company, start, date.today() + timedelta(days=1))
        self.assertEqual(
            len(Retention.search([("company_id", "=", self.company.id)])),
            len(rows),
            "idempotent",
        )

    def test_salesperson_sees_visits_of_own_customers_and_account_teams(self):
        mine = self._customer(0, "Mine")
        theirs = self._customer(0, "Theirs", user=self.other_rep)
        Visit = self.env["sales.account.visit"]
        visits = Visit.create(
            [
                {
                    "partner_id": mine.id,
                    "user_id": self.rep.id,
                    "company_id": self.company.id,
                },
                {
                    "partner_id": theirs.id,
                    "user_id": self.other_rep.id,
                    "company_id": self.company.id,
                },
            ]
        )
        seen = Visit.with_user(self.rep).search([("id", "in", visits.ids)])
        self.assertEqual(seen.partner_id, mine)
        self.env["sales.account.team.member"].create(
            {"partner_id": theirs.id, "user_id": self.rep.id, "role": "technical"}
        )
        seen = Visit.with_user(self.rep).search([("id", "in", visits.ids)])
        self.assertEqual(seen.partner_id, mine | theirs)
