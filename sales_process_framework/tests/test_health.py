# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta
from unittest.mock import patch

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from ..models import sales_measure

OCT = (date(2026, 10, 1), date(2026, 11, 1))


@tagged("post_install", "-at_install")
class HealthCase(TransactionCase):
    """A company of its own, so the figures are computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Health Test Co"})
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids)
        )
        cls.user_a = new_test_user(
            cls.env,
            "health_a",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.user_b = new_test_user(
            cls.env,
            "health_b",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        Team = cls.env["crm.team"]
        cls.team_a = Team.create({"name": "Team A", "company_id": cls.company.id})
        cls.team_b = Team.create({"name": "Team B", "company_id": cls.company.id})
        cls.stage_open, cls.stage_next = cls.env["crm.stage"].create(
            [{"name": "H-open", "sequence": 1}, {"name": "H-next", "sequence": 2}]
        )
        cls.stage_won = cls.env["crm.stage"].create(
            {"name": "H-won", "sequence": 3, "is_won": True}
        )
        cls.p1, cls.p2 = cls.env["res.partner"].create([{"name": "P1"}, {"name": "P2"}])
        cls.Measure = cls.env["sales.measure"]

    def _lead(self, team, created, closed=None, won=None, **vals):
        lead = self.env["crm.lead"].create(
            {
                "name": "Health lead",
                "type": vals.pop("type", "opportunity"),
                "team_id": team.id,
                "user_id": (self.user_a if team == self.team_a else self.user_b).id,
                "company_id": self.company.id,
                "stage_id": self.stage_open.id,
                **vals,
            }
        )
        lead.flush_recordset()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s", (created, lead.id)
        )
        lead.invalidate_recordset()
        if closed:
            if won:
                lead.write({"stage_id": self.stage_won.id, "probability": 100})
            else:
                lead.action_set_lost()
            lead.write({"date_closed": closed})
        return lead


@tagged("post_install", "-at_install")
class TestMeasures(HealthCase):
    """Each measure against a hand count on a small fixed data set."""

    def value(
        self, code, key=None, scope="company", scale=100.0, target=0.0, period=OCT
    ):
        figures = self.Measure.compute(
            code, scope, *period, self.company, target=target
        )
        key = self.company.id if key is None and scope == "company" else key
        figure = figures.get(key)
        return figure.value(scale) if figure else None

    def test_conversion_counts_leads_created_in_the_period(self):
        for lead_type in ("lead", "lead", "lead", "opportunity"):
            self._lead(self.team_a, datetime(2026, 10, 5), type=lead_type)
        self._lead(self.team_a, datetime(2026, 9, 28), type="opportunity")
        self.assertEqual(self.value("conversion"), 25.0)
        self.assertIsNone(
            self.value("conversion", period=(date(2026, 8, 1), date(2026, 9, 1)))
        )

    def test_win_rate_per_team_and_company(self):
        self._lead(self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 3), won=True)
        self._lead(self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 4), won=False)
        self._lead(self.team_b, datetime(2026, 9, 1), datetime(2026, 10, 5), won=True)
        self._lead(self.team_b, datetime(2026, 9, 1), datetime(2026, 11, 5), won=False)
        self.assertAlmostEqual(self.value("win_rate"), 200 / 3)
        self.assertEqual(self.value("win_rate", self.team_a.id, "team"), 50.0)
        self.assertEqual(self.value("win_rate", self.team_b.id, "team"), 100.0)
        self.assertEqual(self.value("win_rate", self.user_b.id, "user"), 100.0)

    def test_average_cycle_of_won_deals(self):
        self._lead(self.team_a, datetime(2026, 9, 20), datetime(2026, 10, 10), won=True)
        self._lead(self.team_a, datetime(2026, 9, 10), datetime(2026, 10, 10), won=True)
        self._lead(self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 10), won=False)
        self.assertEqual(self.value("cycle", scale=1.0), 25.0)

    def test_revenue_achievement_against_the_metric_target(self):
        self._lead(
            self.team_a,
            datetime(2026, 9, 1),
            datetime(2026, 10, 2),
            won=True,
            expected_revenue=600,
        )
        self._lead(
            self.team_a,
            datetime(2026, 9, 1),
            datetime(2026, 10, 3),
            won=True,
            expected_revenue=900,
        )
        self.assertEqual(self.value("revenue_achievement", target=1000), 150.0)
        self.assertIsNone(self.value("revenue_achievement", target=0))

    def test_repurchase_rate_of_customers_who_bought(self):
        for partner in (self.p1, self.p1, self.p2):
            self._lead(
                self.team_a,
                datetime(2026, 9, 1),
                datetime(2026, 10, 2),
                won=True,
                partner_id=partner.id,
            )
        self.assertEqual(self.value("repurchase"), 50.0)

    def test_nps_is_promoters_minus_detractors(self):
        for score in ("10", "9", "7", "3"):
            self._lead(
                self.team_a,
                datetime(2026, 9, 1),
                datetime(2026, 10, 2),
                won=True,
                nps_score=score,
            )
        self.assertEqual(self.value("nps"), 25.0)

    def test_salesperson_records_the_nps_answer_on_the_opportunity(self):
        """Template 4's customer-experience metric is fed from the form."""
        lead = self._lead(
            self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 2), won=True
        )
        form = Form(lead.with_user(self.user_a))
        form.nps_score = "9"
        form.save()
        self.assertEqual(lead.nps_score, "9")
        self.assertEqual(self.value("nps"), 100.0)

    def test_first_response_time_in_hours(self):
        for hours in (1, 3):
            lead = self._lead(self.team_a, datetime(2026, 10, 5, 9))
            lead.first_response_date = datetime(2026, 10, 5, 9 + hours)
        self._lead(self.team_a, datetime(2026, 10, 5, 9))  # not answered: not counted
        self.assertEqual(self.value("first_response", scale=1.0), 2.0)

    def test_needs_match_rate_from_the_spin_diagnosis(self):
        self.company.write(
            {
                "spin_situation_min": 1,
                "spin_problem_min": 0,
                "spin_implication_min": 0,
                "spin_need_payoff_min": 0,
            }
        )
        matched = self._lead(
            self.team_a,
            datetime(2026, 9, 1),
            datetime(2026, 10, 2),
            won=True,
            spin_target="+10% output",
            spin_background="Three lines, two shifts",
            spin_pain_ids=[
                Command.create({"name": "Unplanned stops", "severity_agreed": True}),
                Command.create({"name": "Manual shift planning"}),
            ],
        )
        self.env["crm.lead.spin.question"].create(
            {
                "lead_id": matched.id,
                "question_type": "situation",
                "question": "Q",
                "answer": "A",
            }
        )
        self._lead(self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 2), won=False)
        self.assertEqual(self.value("needs_match"), 50.0)
        # a year of closed opportunities is summarised in chunks: the same
        # rate when every chunk holds one opportunity
        with patch.object(sales_measure, "NEEDS_MATCH_CHUNK", 1):
            self.assertEqual(self.value("needs_match"), 50.0)

    def test_node_completion_counts_exits_without_override(self):
        leads = [self._lead(self.team_a, datetime(2026, 9, 1)) for _ in range(4)]
        # Odoo tracks changes of records created in an earlier transaction only
        self.env.cr.precommit.run()
        for lead in leads:
            lead.write({"stage_id": self.stage_next.id})
        self.env.user.groups_id |= self.env.ref(
            "sales_process_framework.group_gate_override"
        )
        self.env["sales.gate.override"]._record(leads[0], self.stage_next, "x", {})
        self.env.cr.precommit.run()  # Odoo writes stage tracking at commit
        today = date.today()
        period = (
            today.replace(day=1),
            date(today.year + (today.month == 12), today.month % 12 + 1, 1),
        )
        self.assertEqual(self.value("node_completion", period=period), 75.0)

    def test_time_in_stage_and_pass_rate_from_stage_tracking(self):
        leads = [
            self._lead(self.team_a, fields.Datetime.now() - timedelta(days=4))
            for _ in range(3)
        ]
        self.env.cr.precommit.run()  # tracked from the next transaction on
        for lead in leads:
            lead.write({"stage_id": self.stage_next.id})
        self.env.cr.precommit.run()
        leads[0].write({"stage_id": self.stage_open.id})  # one moves back
        self.env.cr.precommit.run()
        today = date.today()
        period = (today - timedelta(days=1), today + timedelta(days=2))

        def value(code, stage=None, scale=100.0):
            figures = self.Measure.compute(
                code, "company", *period, self.company, stage=stage
            )
            return figures[self.company.id].value(scale)

        self.assertAlmostEqual(value("stage_time", self.stage_open, 1.0), 4.0, places=2)
        self.assertAlmostEqual(value("stage_time", self.stage_next, 1.0), 0.0, places=2)
        self.assertEqual(value("stage_pass", self.stage_open), 100.0)
        self.assertEqual(value("stage_pass", self.stage_next), 0.0)
        self.assertEqual(value("stage_pass"), 75.0)

    def test_zero_denominator_is_no_data_never_a_division(self):
        for code in (
            "conversion",
            "win_rate",
            "cycle",
            "repurchase",
            "nps",
            "first_response",
            "needs_match",
            "node_completion",
            "stage_time",
            "stage_pass",
        ):
            self.assertIsNone(self.value(code), code)


@tagged("post_install", "-at_install")
class TestSnapshots(HealthCase):
    def test_trend_chart_draws_each_metric_apart(self):
        """Days, %, hours and NPS are not stacked onto one another."""
        graph = self.env["sales.health.snapshot"].get_views([(False, "graph")])
        arch = etree.fromstring(graph["views"]["graph"]["arch"])
        self.assertEqual(arch.get("stacked"), "0")
        self.assertIn("metric_id", [f.get("name") for f in arch.iter("field")])

    def setUp(self):
        super().setUp()
        self.manager = new_test_user(
            self.env,
            "health_manager",
            groups="sales_team.group_sale_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.metric = self.env["sales.health.metric"].create(
            {
                "name": "Cycle",
                "code": "cycle",
                "direction": "lower",
                "unit": "days",
                "healthy_threshold": 90,
                "alert_threshold": 120,
                "period": "month",
                "company_id": self.company.id,
                "owner_id": self.manager.id,
                "advice": "Shorten solution presentation",
                "scope_ids": [
                    (
                        6,
                        0,
                        [
                            self.env.ref(
                                "sales_process_framework.health_scope_company"
                            ).id,
                            self.env.ref(
                                "sales_process_framework.health_scope_team"
                            ).id,
                        ],
                    )
                ],
            }
        )
        self.Snapshot = self.env["sales.health.snapshot"]

    def _latest(self, scope_key):
        return self.Snapshot.search(
            [
                ("metric_id", "=", self.metric.id),
                ("is_latest", "=", True),
                ("scope_key", "=", scope_key),
            ]
        )

    def test_bands_follow_the_direction_and_the_team_override(self):
        band = self.env["sales.measure"].band
        self.assertEqual(band(90, 90, 120, "lower"), "healthy")
        self.assertEqual(band(120, 90, 120, "lower"), "watch")
        self.assertEqual(band(121, 90, 120, "lower"), "alert")
        self.assertEqual(band(95, 95, 90, "higher"), "healthy")
        self.assertEqual(band(89.9, 95, 90, "higher"), "alert")
        self.assertEqual(band(None, 95, 90, "higher"), "none")
        self.env["sales.health.threshold"].create(
            {
                "metric_id": self.metric.id,
                "team_id": self.team_a.id,
                "healthy_threshold": 150,
                "alert_threshold": 200,
            }
        )
        self.assertEqual(self.metric._thresholds_for(self.team_a), (150, 200))
        self.assertEqual(self.metric._thresholds_for(self.team_b), (90, 120))

    def test_thresholds_in_the_wrong_order_are_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.metric.write({"healthy_threshold": 130})
        self.assertIn("must be at most", str(error.exception))
        with self.assertRaises(ValidationError):
            self.env["sales.health.threshold"].create(
                {
                    "metric_id": self.metric.id,
                    "team_id": self.team_a.id,
                    "healthy_threshold": 200,
                    "alert_threshold": 100,
                }
            )

    def test_snapshots_are_idempotent_keep_history_and_alert_once(self):
        self._lead(self.team_a, datetime(2026, 6, 1), datetime(2026, 10, 9), won=True)
        self._lead(self.team_a, datetime(2026, 9, 25), datetime(2026, 9, 30), won=True)
        day = date(2026, 10, 20)
        self.Snapshot._compute_snapshots(self.metric, day)
        count = self.Snapshot.search_count([("metric_id", "=", self.metric.id)])
        self.Snapshot._compute_snapshots(self.metric, day)
        self.assertEqual(
            self.Snapshot.search_count([("metric_id", "=", self.metric.id)]), count
        )
        company = self._latest(f"company:{self.company.id}")
        self.assertEqual((company.value, company.band), (130.0, "alert"))
        self.assertEqual((company.numerator, company.denominator), (130.0, 1.0))
        self.assertEqual(
            (company.previous_value, company.trend, company.trend_good),
            (5.0, "up", False),
        )
        team_b = self._latest(f"team:{self.team_b.id}")
        self.assertEqual((team_b.has_data, team_b.band), (False, "none"))
        alerts = self.metric.activity_ids
        self.assertEqual(len(alerts), 1, "one activity, not one per run")
        self.assertEqual(alerts.user_id, self.manager)
        self.assertIn("Team A", alerts.note)
        # the owner reads it and closes it; the metric still in alert: no new one
        alerts.action_done()
        self.Snapshot._compute_snapshots(self.metric, day)
        self.assertFalse(self.metric.activity_ids)
        # the next month becomes the latest, October stays as history
        self.Snapshot._compute_snapshots(self.metric, date(2026, 11, 3))
        october = self.Snapshot.search(
            [
                ("metric_id", "=", self.metric.id),
                ("period_start", "=", date(2026, 10, 1)),
                ("scope", "=", "company"),
            ]
        )
        self.assertFalse(october.is_latest)
        self.assertEqual(october.value, 130.0)

    def test_drill_down_opens_the_opportunities_behind_the_number(self):
        won = self._lead(
            self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 9), won=True
        )
        self._lead(self.team_b, datetime(2026, 9, 1), datetime(2026, 10, 9), won=True)
        self.Snapshot._compute_snapshots(self.metric, date(2026, 10, 20))
        action = self._latest(f"team:{self.team_a.id}").action_open_leads()
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search(action["domain"])
        )
        self.assertEqual(leads, won)

    def test_digest_counts_the_tiles_in_alert(self):
        self._lead(self.team_a, datetime(2026, 1, 1), datetime(2026, 10, 9), won=True)
        self.Snapshot._compute_snapshots(self.metric, date(2026, 10, 20))
        digest = self.env["digest.digest"].create(
            {
                "name": "Health digest",
                "kpi_sales_health_alerts": True,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(digest.kpi_sales_health_alerts_value, 2)  # company and Team A

    def test_digest_kpi_follows_the_digest_period(self):
        self._lead(self.team_a, datetime(2026, 1, 1), datetime(2026, 10, 9), won=True)
        self.Snapshot._compute_snapshots(self.metric, date(2026, 10, 20))
        digest = self.env["digest.digest"].create(
            {
                "name": "Health digest",
                "kpi_sales_health_alerts": True,
                "company_id": self.company.id,
            }
        )

        def alerts(start, end):
            return digest.with_context(
                start_datetime=start, end_datetime=end
            ).kpi_sales_health_alerts_value

        self.assertEqual(alerts(datetime(2026, 10, 13), datetime(2026, 10, 20)), 2)
        # a digest of a week of last year: nothing was in alert then
        self.assertEqual(alerts(datetime(2025, 10, 13), datetime(2025, 10, 20)), 0)

    def test_salesperson_sees_only_their_own_snapshots(self):
        self.metric.scope_ids |= self.env.ref(
            "sales_process_framework.health_scope_user"
        )
        self._lead(self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 9), won=True)
        self._lead(self.team_b, datetime(2026, 9, 1), datetime(2026, 10, 9), won=True)
        self.Snapshot._compute_snapshots(self.metric, date(2026, 10, 20))
        seen = self.Snapshot.with_user(self.user_a).search(
            [("metric_id", "=", self.metric.id)]
        )
        self.assertEqual(
            seen.mapped("scope_key"), [f"user:{self.user_a.id}"] * len(seen)
        )
        self.assertTrue(seen)


@tagged("post_install", "-at_install")
class TestPilot(HealthCase):
    def test_pilot_compared_with_other_teams_and_with_before(self):
        metric = self.env["sales.health.metric"].create(
            {
                "name": "Cycle",
                "code": "cycle",
                "direction": "lower",
                "unit": "days",
                "healthy_threshold": 90,
                "alert_threshold": 120,
                "company_id": self.company.id,
            }
        )
        # before the pilot (Jul-Sep): pilot team 30 days
        self._lead(self.team_a, datetime(2026, 7, 1), datetime(2026, 7, 31), won=True)
        # during the pilot (Oct-Dec): pilot team 10 days, other team 40 days
        self._lead(self.team_a, datetime(2026, 10, 1), datetime(2026, 10, 11), won=True)
        self._lead(self.team_b, datetime(2026, 9, 21), datetime(2026, 10, 31), won=True)
        version = self.env["sales.process.version"].create(
            {
                "name": "V1.1",
                "company_id": self.company.id,
                "team_ids": [(6, 0, self.team_a.ids)],
                "date_start": date(2026, 10, 1),
                "date_end": date(2026, 12, 30),
                "line_ids": [(0, 0, {"metric_id": metric.id, "target_change": -20})],
            }
        )
        version.action_compare()
        line = version.line_ids
        self.assertEqual(
            (line.pilot_value, line.others_value, line.before_value), (10.0, 40.0, 30.0)
        )
        self.assertEqual(line.diff_others, -30.0)
        self.assertAlmostEqual(line.change_before, -66.6666667)
        self.assertTrue(line.target_met)

    def test_pilot_ending_before_it_starts_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.env["sales.process.version"].create(
                {
                    "name": "Bad",
                    "team_ids": [(6, 0, self.team_a.ids)],
                    "date_start": date(2026, 10, 1),
                    "date_end": date(2026, 9, 1),
                }
            )
        self.assertIn("end date must be after", str(error.exception))
