# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention targets per tier and their alerts, exit interviews of churned
customers, competitors' retention and the key-account health score."""

from datetime import date, datetime, timedelta
from pathlib import Path

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.sales_process_framework.tests.common import load_script

from .common import AccountCase

TARGETS_MIGRATION = (
    Path(__file__).parent.parent
    / "migrations"
    / "18.0.1.4.0"
    / "post-retention-targets.py"
)
WORD_MIGRATION = TARGETS_MIGRATION.with_name("post-retention-word.py")

# Q3 2026 with a window of three months: "kept" buys in May and August,
# "lost" only in May, so it churns in Q3
Q3 = (date(2026, 7, 1), date(2026, 10, 1))
AFTER_Q3 = date(2026, 10, 15)
# pinned: the health score of a batch of customers is five engine figures,
# the customers' tiers, their latest scores and one insert, however many; the
# company's weights are read with the suite's settings, apart from the columns
# every reader of the company needs
QUERIES_HEALTH = 14


@tagged("post_install", "-at_install")
class RetentionCase(AccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.account_window_months = 3
        cls.env.user.groups_id |= cls.env.ref(
            "sales_key_accounts.group_key_account_manager"
        )

    def _deal(self, partner, closed, revenue=1000, **values):
        lead = self.env["crm.lead"].create(
            {
                "name": "Deal",
                "type": "opportunity",
                "partner_id": partner.id,
                "company_id": self.company.id,
                "user_id": partner.user_id.id or self.rep.id,
                "team_id": self.team.id,
                "expected_revenue": revenue,
                "stage_id": self.won_stage.id,
                "probability": 100,
                **values,
            }
        )
        lead.date_closed = closed
        return lead

    def _kept_and_lost(self, tier, user=None):
        kept = self._customer(0, f"Kept {tier.code}", user=user)
        lost = self._customer(0, f"Lost {tier.code}", user=user)
        (kept | lost).sudo()._write_by_action({"account_tier_id": tier.id})
        self._deal(kept, datetime(2026, 5, 10, 10))
        self._deal(kept, datetime(2026, 8, 10, 10))
        self._deal(lost, datetime(2026, 5, 20, 10))
        return kept, lost

    def _churn(self):
        self.env["sales.account.retention"]._compute_period(self.company, *Q3)
        return self.env["sales.account.exit.interview"].search(
            [("company_id", "=", self.company.id)]
        )


@tagged("post_install", "-at_install")
class TestRetentionTargets(RetentionCase):
    def test_targets_are_percentages(self):
        for field in ("retention_target", "churn_acceptable"):
            for value in (-1, 100.5):
                with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
                    self.a.write({field: value})
        self.a.write({"retention_target": 100, "churn_acceptable": 0})
        self.assertEqual(self.a.retention_target, 100)

    def test_upgrade_gives_the_playbook_tiers_their_targets(self):
        """Upgraded tiers start at the field defaults; the playbook's codes
        get its targets, a target a company already set stays."""
        (self.ka | self.a | self.b | self.c).write(
            {"retention_target": 90, "churn_acceptable": 10}
        )
        self.b.retention_target = 70
        load_script(TARGETS_MIGRATION).migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(
            [(t.retention_target, t.churn_acceptable) for t in self.ka | self.a],
            [(95.0, 5.0), (90.0, 10.0)],
        )
        self.assertEqual(self.b.retention_target, 70)
        self.assertEqual(self.c.churn_acceptable, 20.0)

    def test_upgrade_names_retention_with_the_playbooks_word(self):
        """A database that loaded 留存 / 保留 reads 保持 after the upgrade, in
        the menu and in the report's fields."""
        menu = self.env.ref("sales_key_accounts.sales_key_accounts_menu_retention")
        field = self.env.ref(
            "sales_key_accounts.field_sales_account_retention__retention_rate"
        )
        menu.with_context(lang="zh_CN").name = "客户留存"
        menu.with_context(lang="zh_TW").name = "客戶保留"
        field.with_context(lang="zh_CN").field_description = "客户留存率（%）"
        load_script(WORD_MIGRATION).migrate(self.env.cr, "18.0.1.3.0")
        self.env.invalidate_all()
        self.assertEqual(menu.with_context(lang="zh_CN").name, "客户保持力")
        self.assertEqual(menu.with_context(lang="zh_TW").name, "客戶保持力")
        self.assertEqual(
            field.with_context(lang="zh_CN").field_description, "客户保持率（%）"
        )
        self.assertEqual(menu.with_context(lang="en_US").name, "Retention")

    def test_salesperson_cannot_set_a_target(self):
        with self.assertRaises(AccessError):
            self.a.with_user(self.rep).retention_target = 10

    def test_tier_below_target_alerts_managers_once_per_period(self):
        """A: one kept of two, 50% against 90%: one alert with a note and an
        activity per key-account manager; B keeps its two customers: no
        alert; a second check changes nothing."""
        self.a.write({"retention_target": 90, "churn_acceptable": 10})
        self._kept_and_lost(self.a)
        kept_b = self._customer(0, "Kept B")
        kept_b.sudo()._write_by_action({"account_tier_id": self.b.id})
        self._deal(kept_b, datetime(2026, 5, 10, 10))
        self._deal(kept_b, datetime(2026, 8, 10, 10))
        Alert = self.env["sales.account.retention.alert"]
        alert = Alert._check_targets(self.company, AFTER_Q3)
        self.assertEqual(alert.tier_id, self.a)
        self.assertEqual(alert.period_start, Q3[0])
        self.assertEqual((alert.retention_rate, alert.churn_rate), (50.0, 50.0))
        self.assertIn(self.manager, alert.activity_ids.user_id)
        self.assertNotIn(self.rep, alert.activity_ids.user_id)
        self.assertTrue(
            any("50.0%" in body for body in alert.message_ids.mapped("body"))
        )
        self.assertFalse(Alert._check_targets(self.company, AFTER_Q3))
        self.assertEqual(Alert.search_count([("tier_id", "=", self.a.id)]), 1)

    def test_only_managers_check_targets_by_hand(self):
        self._kept_and_lost(self.a)
        Alert = self.env["sales.account.retention.alert"]
        with self.assertRaises(AccessError):
            Alert.with_user(self.rep).action_check_targets()
        action = (
            Alert.with_user(self.manager)
            .with_company(self.company)
            .action_check_targets()
        )
        self.assertEqual(action["res_model"], "sales.account.retention.alert")

    def test_alert_keeps_the_figures_the_check_found(self):
        self.a.write({"retention_target": 90, "churn_acceptable": 10})
        self._kept_and_lost(self.a)
        alert = self.env["sales.account.retention.alert"]._check_targets(
            self.company, AFTER_Q3
        )
        for values in ({"retention_rate": 95}, {"retention_target": 40}):
            with self.assertRaisesRegex(AccessError, "set by the suite"):
                alert.with_user(self.manager).write(values)
        self.assertEqual(alert.retention_rate, 50.0)

    def test_manager_cannot_make_up_an_alert(self):
        """Only the check raises alerts: a manager who may delete one cannot
        create one with figures of his own, not even through a context
        default."""
        Alert = self.env["sales.account.retention.alert"].with_user(self.manager)
        values = {
            "company_id": self.company.id,
            "tier_id": self.a.id,
            "period_start": date(2026, 7, 1),
            "period_end": date(2026, 9, 30),
        }
        with self.assertRaisesRegex(AccessError, "set by the suite"):
            Alert.create({**values, "retention_rate": 12.0})
        with self.assertRaisesRegex(AccessError, "set by the suite"):
            Alert.with_context(default_retention_rate=12.0).create(values)
        self.assertFalse(Alert.search([("tier_id", "=", self.a.id)]))

    def test_acceptable_churn_alerts_even_when_the_target_is_met(self):
        """Retention 50% meets a target of 40%, but churn 50% is above the
        acceptable 20%."""
        self.a.write({"retention_target": 40, "churn_acceptable": 20})
        self._kept_and_lost(self.a)
        alert = self.env["sales.account.retention.alert"]._check_targets(
            self.company, AFTER_Q3
        )
        self.assertEqual(alert.tier_id, self.a)

    def test_retention_on_target_raises_no_alert(self):
        self.a.write({"retention_target": 50, "churn_acceptable": 50})
        self._kept_and_lost(self.a)
        self.assertFalse(
            self.env["sales.account.retention.alert"]._check_targets(
                self.company, AFTER_Q3
            )
        )


@tagged("post_install", "-at_install")
class TestExitInterviews(RetentionCase):
    def test_one_interview_per_churned_customer_with_an_activity(self):
        kept, lost = self._kept_and_lost(self.a)
        interview = self._churn()
        self.assertEqual(interview.partner_id, lost)
        self.assertEqual(interview.user_id, self.rep)
        self.assertEqual((interview.tier_id, interview.team_id), (self.a, self.team))
        self.assertEqual(interview.churn_date, date(2026, 9, 30))
        self.assertEqual(interview.state, "todo")
        self.assertEqual(interview.activity_ids.user_id, self.rep)
        self.assertEqual(
            interview.activity_ids.activity_type_id,
            self.env.ref("sales_key_accounts.mail_activity_type_exit_interview"),
        )
        # the next run asks nobody again; the next quarter asks only "kept",
        # whose last win was in August
        self.assertEqual(self._churn(), interview)
        self.env["sales.account.retention"]._compute_period(
            self.company, date(2026, 10, 1), date(2027, 1, 1)
        )
        Interview = self.env["sales.account.exit.interview"]
        self.assertEqual(Interview.search([("partner_id", "=", lost.id)]), interview)
        self.assertEqual(
            Interview.search([("partner_id", "=", kept.id)]).period_start,
            date(2026, 10, 1),
        )

    def test_customer_won_back_and_lost_again_is_asked_again(self):
        _kept, lost = self._kept_and_lost(self.a)
        first = self._churn()
        self._deal(lost, datetime(2026, 11, 5, 10))
        # no win in the three months up to the end of Q1 2027
        self.env["sales.account.retention"]._compute_period(
            self.company, date(2027, 1, 1), date(2027, 4, 1)
        )
        interviews = self.env["sales.account.exit.interview"].search(
            [("partner_id", "=", lost.id)]
        )
        self.assertEqual(len(interviews), 2)
        self.assertIn(first, interviews)

    def test_interview_keeps_the_health_score_of_the_churn(self):
        _kept, lost = self._kept_and_lost(self.a)
        Health = self.env["sales.account.health"]
        Health.create(
            {"partner_id": lost.id, "company_id": self.company.id, "score": 42.0}
        )
        interview = self._churn()
        self.assertEqual(interview.health_score, 42.0)
        Health.create(
            {
                "partner_id": lost.id,
                "company_id": self.company.id,
                "score": 12.0,
                "date": date.today() + timedelta(days=7),
            }
        )
        interview.invalidate_recordset()
        self.assertEqual(interview.health_score, 42.0)
        self.assertEqual(lost.account_health_score, 12.0)
        self.assertEqual(lost.account_health_trend, "down")

    def test_salesperson_fills_and_closes_her_interview(self):
        self._kept_and_lost(self.a)
        interview = self._churn().with_user(self.rep)
        with Form(interview) as form:
            form.reason = "A competitor offered a group price."
            form.cause_id = self.env.ref("sales_key_accounts.churn_cause_price")
            form.winback = "Offered a three-year contract."
            form.lesson = "Meet headquarters."
            form.followup_done = True
        interview.action_done()
        self.assertEqual(interview.state, "done")
        self.assertFalse(interview.activity_ids)
        self.assertEqual(interview.cause_id.name, "Price")

    def test_done_needs_the_reason_and_the_cause(self):
        self._kept_and_lost(self.a)
        interview = self._churn().with_user(self.rep)
        with self.assertRaisesRegex(UserError, "Why They Left"):
            interview.action_done()
        interview.reason = "Moved production abroad."
        with self.assertRaisesRegex(UserError, "root cause"):
            interview.action_done()
        self.assertEqual(interview.state, "todo")

    def test_state_and_what_was_known_at_churn_are_not_edited(self):
        self._kept_and_lost(self.a)
        interview = self._churn().with_user(self.rep)
        with self.assertRaisesRegex(ValidationError, "buttons"):
            interview.state = "done"
        # what was known at the churn: not even a manager changes it
        other = self._customer(0, "Other")
        for user in (self.rep, self.manager):
            for values in (
                {"health_score": 99},
                {"tier_id": self.ka.id},
                {"partner_id": other.id},
            ):
                with self.assertRaisesRegex(AccessError, "set by the suite"):
                    interview.with_user(user).write(values)

    def test_salesperson_cannot_hand_her_interview_to_another(self):
        """Who asks the customer is set by the suite and changed by a
        key-account manager only: otherwise the salesperson would open the
        customer's interview to a colleague who does not serve them."""
        self._kept_and_lost(self.a)
        interview = self._churn()
        Interview = self.env["sales.account.exit.interview"]
        with self.assertRaisesRegex(AccessError, "Salesperson"):
            interview.with_user(self.rep).write({"user_id": self.rep2.id})
        self.assertEqual(interview.user_id, self.rep)
        self.assertFalse(Interview.with_user(self.rep2).search([]))
        interview.with_user(self.manager).user_id = self.rep2
        self.assertEqual(Interview.with_user(self.rep2).search([]), interview)

    def test_salesperson_sees_only_her_customers_interviews(self):
        self._kept_and_lost(self.a)
        self._kept_and_lost(self.b, user=self.rep2)
        Interview = self.env["sales.account.exit.interview"]
        self._churn()
        mine = Interview.with_user(self.rep).search([])
        self.assertEqual(mine.partner_id.user_id, self.rep)
        self.assertEqual(len(Interview.with_user(self.manager).search([])), 2)
        with self.assertRaises(AccessError):
            Interview.with_user(self.rep).create(
                {"partner_id": self._customer(0, "New").id}
            )

    def test_manager_records_an_interview_by_hand(self):
        """A customer who said they leave before the report finds them: the
        manager opens the interview, with the health score of the day; the
        period cannot end before it starts."""
        partner = self._customer(0, "Leaving")
        self.env["sales.account.health"].create(
            {"partner_id": partner.id, "company_id": self.company.id, "score": 37.5}
        )
        Interview = self.env["sales.account.exit.interview"].with_user(self.manager)
        interview = Interview.create({"partner_id": partner.id, "user_id": self.rep.id})
        self.assertEqual(interview.health_score, 37.5)
        with self.assertRaisesRegex(AccessError, "Health Score at Churn"):
            Interview.create(
                {"partner_id": self._customer(0, "Made up").id, "health_score": 90}
            )
        self.assertEqual(interview.activity_ids.user_id, self.rep)
        self.assertEqual(interview.display_name, "Leaving")
        with self.assertRaisesRegex(ValidationError, "Churned By"):
            Interview.create(
                {
                    "partner_id": self._customer(0, "Other").id,
                    "period_start": date(2026, 7, 1),
                    "churn_date": date(2026, 6, 30),
                }
            )

    def test_retention_row_and_alert_open_their_interviews(self):
        _kept, lost = self._kept_and_lost(self.a)
        interview = self._churn()
        Interview = self.env["sales.account.exit.interview"]
        row = self.env["sales.account.retention"].search(
            [("company_id", "=", self.company.id), ("tier_id", "=", self.a.id)]
        )
        self.assertEqual(row.churned_count, 1)
        action = row.action_open_exit_interviews()
        self.assertEqual(Interview.search(action["domain"]), interview)
        alert = self.env["sales.account.retention.alert"]._check_targets(
            self.company, AFTER_Q3
        )
        action = alert.action_open_exit_interviews()
        self.assertEqual(Interview.search(action["domain"]), interview)
        self.assertEqual(lost.account_exit_interview_ids, interview)

    def test_churn_reasons_by_cause_tier_and_team(self):
        self._kept_and_lost(self.a)
        self._kept_and_lost(self.b)
        interviews = self._churn()
        price = self.env.ref("sales_key_accounts.churn_cause_price")
        interviews.write({"cause_id": price.id, "reason": "Price"})
        report = self.env["sales.account.exit.interview"]._read_group(
            [("company_id", "=", self.company.id)],
            ["cause_id", "tier_id", "team_id"],
            ["__count"],
        )
        self.assertEqual(
            sorted((c, t.code, team, n) for c, t, team, n in report),
            [(price, "A", self.team, 1), (price, "B", self.team, 1)],
        )

    def test_shipped_causes_are_the_guides(self):
        causes = self.env["sales.account.churn.cause"].search([])
        self.assertGreaterEqual(len(causes), 7)
        for xmlid in ("price", "product", "service", "competitor", "no_need"):
            self.assertIn(
                self.env.ref(f"sales_key_accounts.churn_cause_{xmlid}"), causes
            )


@tagged("post_install", "-at_install")
class TestCompetitorRetention(RetentionCase):
    def test_competitor_rate_beside_ours(self):
        """Ours: A keeps one of two (50%), B two of two: 75% over all; the
        competitor's 80% over all and 40% in A."""
        self._kept_and_lost(self.a)
        kept_b = self._customer(0, "Kept B")
        kept_b.sudo()._write_by_action({"account_tier_id": self.b.id})
        self._deal(kept_b, datetime(2026, 5, 10, 10))
        self._deal(kept_b, datetime(2026, 8, 10, 10))
        self.env["sales.account.retention"]._compute_period(self.company, *Q3)
        competitor = self.env["res.partner"].create({"name": "Rival"})
        Rate = self.env["sales.account.competitor.retention"]
        overall, in_a = Rate.create(
            [
                {
                    "competitor_id": competitor.id,
                    "company_id": self.company.id,
                    "period_start": date(2026, 8, 20),
                    "retention_rate": 80,
                },
                {
                    "competitor_id": competitor.id,
                    "company_id": self.company.id,
                    "period_start": date(2026, 7, 1),
                    "tier_id": self.a.id,
                    "retention_rate": 40,
                },
            ]
        )
        self.assertEqual(overall.period_start, Q3[0])
        self.assertAlmostEqual(overall.our_retention_rate, 200.0 / 3)
        self.assertAlmostEqual(overall.difference, 200.0 / 3 - 80)
        self.assertEqual(in_a.our_retention_rate, 50.0)
        self.assertEqual(in_a.difference, 10.0)

    def test_competitor_rate_is_a_percentage(self):
        competitor = self.env["res.partner"].create({"name": "Rival"})
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.env["sales.account.competitor.retention"].create(
                {
                    "competitor_id": competitor.id,
                    "period_start": date(2026, 7, 1),
                    "retention_rate": 140,
                }
            )

    def test_salesperson_cannot_read_competitor_rates(self):
        with self.assertRaises(AccessError):
            self.env["sales.account.competitor.retention"].with_user(self.rep).search(
                []
            )


@tagged("post_install", "-at_install")
class TestHealthScore(RetentionCase):
    def _account(self, name="Healthy", tier=None):
        partner = self._customer(0, name)
        partner.sudo()._write_by_action(
            {"account_tier_id": (tier or self.a).id, "account_idle_days": 9}
        )
        return partner

    def test_factors_of_a_customer(self):
        """A win 9 days ago and none before (window 3 months, 92 days); no
        visit against one every 30 days; a promoter; 9 of 90 days idle."""
        partner = self._account()
        today = date.today()
        self._deal(
            partner,
            datetime.combine(today - timedelta(days=9), datetime.min.time()),
            nps_score="10",
        )
        Health = self.env["sales.account.health"]
        points = Health._factor_points(partner, self.company, today)[partner.id]
        self.assertGreater(points["recency"], 85)
        self.assertLess(points["recency"], 95)
        self.assertEqual(points["trend"], 100.0)
        self.assertEqual(points["visit"], 0.0)
        self.assertEqual(points["satisfaction"], 100.0)
        self.assertEqual(points["risk"], 90.0)

    def test_company_weights_decide_the_score(self):
        """Only satisfaction weighs: a customer without answers scores 50."""
        partner = self._account()
        self.company.write(
            {
                "account_health_weight_recency": 0,
                "account_health_weight_trend": 0,
                "account_health_weight_visit": 0,
                "account_health_weight_satisfaction": 1,
                "account_health_weight_risk": 0,
            }
        )
        row = self.env["sales.account.health"]._score_accounts(
            partner, self.company, date.today()
        )
        self.assertEqual(row.score, 50.0)
        for values in (
            {"account_health_weight_satisfaction": 0},
            {"account_health_weight_risk": -5},
        ):
            with self.assertRaisesRegex(ValidationError, "weights"):
                self.company.write(values)

    def test_history_row_only_when_the_score_changes(self):
        partner = self._account()
        Health = self.env["sales.account.health"]
        today = date.today()
        first = Health._score_accounts(partner, self.company, today)
        self.assertEqual(len(first), 1)
        self.assertFalse(Health._score_accounts(partner, self.company, today))
        self._deal(partner, datetime.now() - timedelta(days=2))
        second = Health._score_accounts(partner, self.company, today)
        self.assertEqual(len(second), 1)
        self.assertGreater(second.score, first.score)
        self.assertEqual(partner.account_health_ids, first | second)
        self.assertEqual(partner.account_health_trend, "up")

    def test_health_of_4_or_40_customers_for_the_same_queries(self):
        Health = self.env["sales.account.health"]
        partners = self.env["res.partner"]
        for count in (4, 40):
            partners |= self.env["res.partner"].union(
                *(self._account(f"Scored {count}-{i}") for i in range(count))
            )
            for partner in partners[-count:]:
                self._deal(partner, datetime.now() - timedelta(days=count))
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_HEALTH):
                rows = Health._score_accounts(partners, self.company, date.today())
            self.assertEqual(len(rows), count)

    def test_salesperson_reads_her_customers_health_only(self):
        mine = self._account("Mine")
        theirs = self._customer(0, "Theirs", user=self.rep2)
        theirs.sudo()._write_by_action({"account_tier_id": self.a.id})
        Health = self.env["sales.account.health"]
        Health._score_accounts(mine | theirs, self.company, date.today())
        self.assertEqual(
            Health.with_user(self.rep).search([]).partner_id.user_id, self.rep
        )
        self.assertEqual(len(Health.with_user(self.manager).search([])), 2)
        with self.assertRaises(AccessError):
            Health.with_user(self.rep).create(
                {"partner_id": mine.id, "company_id": self.company.id}
            )

    def test_nobody_edits_a_computed_score(self):
        partner = self._account()
        Health = self.env["sales.account.health"]
        row = Health._score_accounts(partner, self.company, date.today())
        with self.assertRaisesRegex(AccessError, "Health Score"):
            row.with_user(self.manager).write({"score": 100})
        self.assertEqual(Health.current_scores(partner)[partner.id], row.score)

    def test_nobody_makes_up_a_score(self):
        """The history is the engine's: a manager cannot add a row that would
        become the customer's current score."""
        partner = self._account()
        Health = self.env["sales.account.health"]
        row = Health._score_accounts(partner, self.company, date.today())
        with self.assertRaisesRegex(AccessError, "set by the suite"):
            Health.with_user(self.manager).create(
                {"partner_id": partner.id, "company_id": self.company.id, "score": 99}
            )
        self.assertEqual(Health.current_scores(partner)[partner.id], row.score)
