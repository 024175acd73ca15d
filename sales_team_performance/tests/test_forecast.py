# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta
from pathlib import Path

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged, users

from odoo.addons.sales_process_framework.tests.common import load_script
from odoo.addons.sales_process_framework.tools.periods import (
    period_bounds,
    period_start,
    today_in,
)

from ..models.sales_forecast import accuracy_and_bias
from .common import FEB, JAN, PerformanceCase

MIGRATION = Path(__file__).parents[1] / "migrations/18.0.1.4.0/pre-forecast-category.py"
# a day after January 2024: the period has ended
MARCH = date(2024, 3, 1)


@tagged("post_install", "-at_install")
class TestForecast(PerformanceCase):
    LOGIN = "fc"
    CONTEXT = {"tracking_disable": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_stage = cls.env["crm.stage"].create({"name": "FC open"})
        # a salesperson fills in and submits the forecast of a period not
        # ended yet: the current month; the next one is the day it ends
        cls.this_month = period_start(today_in(cls.env, cls.company), "month")
        cls.next_month = period_bounds(cls.this_month, "month")[1]

    def opportunity(self, user, revenue, probability, deadline, **extra):
        return self.env["crm.lead"].create(
            {
                "name": f"Opportunity {revenue}",
                "type": "opportunity",
                "company_id": self.company.id,
                "user_id": user.id,
                "team_id": self.team.id,
                "stage_id": self.open_stage.id,
                "expected_revenue": revenue,
                "probability": probability,
                "date_deadline": deadline,
                **extra,
            }
        )

    def forecast(self, user, start=JAN, **values):
        return self.env["sales.forecast"].create(
            {
                "user_id": user.id,
                "team_id": self.team.id,
                "company_id": self.company.id,
                "date_start": start,
                **values,
            }
        )

    # Forecast categories -------------------------------------------------------
    def test_category_is_pipeline_by_default_and_closed_when_won(self):
        lead = self.opportunity(self.rep, 1000, 30, date(2024, 1, 10))
        self.assertEqual(lead.forecast_category, "pipeline")
        self.assertEqual(lead.forecast_status, "pipeline")
        with Form(lead.with_user(self.rep)) as form:
            form.forecast_category = "commit"
        self.assertEqual(lead.forecast_status, "commit")
        won = self.won(self.rep, 500, date(2024, 1, 5))
        self.assertEqual(won.forecast_status, "closed")
        lead.action_set_lost()
        self.assertFalse(lead.forecast_status, "a lost deal has no category")

    def test_category_cannot_be_set_on_a_won_or_lost_deal(self):
        won = self.won(self.rep, 500, date(2024, 1, 5))
        with self.assertRaises(ValidationError) as error:
            won.forecast_category = "commit"
        self.assertIn("Forecast Category", str(error.exception))
        lost = self.opportunity(self.rep, 1000, 30, date(2024, 1, 10))
        lost.action_set_lost()
        with self.assertRaises(ValidationError):
            lost.forecast_category = "best_case"

    # Engine figures ------------------------------------------------------------
    def test_engine_figures_equal_the_pipeline_computed_by_hand(self):
        in_period = [
            self.opportunity(self.rep, 1000, 30, date(2024, 1, 1)),
            self.opportunity(
                self.rep, 2000, 55, date(2024, 1, 31), forecast_category="commit"
            ),
            self.opportunity(
                self.rep, 4000, 10, date(2024, 1, 15), forecast_category="best_case"
            ),
        ]
        # outside: next month, lost, another salesperson
        self.opportunity(self.rep, 8000, 50, FEB, forecast_category="commit")
        self.opportunity(self.rep, 9000, 50, date(2024, 1, 20)).action_set_lost()
        self.opportunity(self.rep2, 700, 40, date(2024, 1, 20))
        self.won(self.rep, 2500, date(2024, 1, 12))
        Measure = self.env["sales.measure"]

        def figure(code, user=self.rep):
            return Measure.compute(code, "user", JAN, FEB, self.company)[user.id][0]

        weighted = sum(
            lead.expected_revenue * lead.probability / 100 for lead in in_period
        )
        self.assertAlmostEqual(figure("weighted_pipeline"), weighted)
        self.assertAlmostEqual(figure("weighted_pipeline"), 300 + 1100 + 400)
        self.assertEqual(figure("forecast_pipeline"), 1000)
        self.assertEqual(figure("forecast_commit"), 2000)
        self.assertEqual(figure("forecast_best_case"), 4000)
        self.assertAlmostEqual(figure("weighted_pipeline", self.rep2), 280)
        action = Measure.drill_down(
            "forecast_commit", "user", self.rep.id, JAN, FEB, self.company
        )
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), in_period[1])

    def test_forecast_against_target_won_and_accuracy_once_ended(self):
        self.target_plan(
            [{"user_id": self.rep.id, "target": 4000}],
            period="month",
            start=self.this_month,
        )
        self.won(self.rep, 2500, self.this_month)
        self.won(self.rep, 500, self.this_month)
        forecast = self.forecast(self.rep, start=self.this_month, submitted_amount=2000)
        forecast.with_user(self.rep).action_submit()
        forecast._refresh_figures(today=self.this_month)
        self.assertEqual(forecast.won_amount, 3000)
        self.assertEqual(forecast.target_amount, 4000)
        self.assertEqual(forecast.target_ratio, 50)
        self.assertEqual(forecast.won_ratio, 150)
        self.assertFalse(forecast.is_closed)
        self.assertEqual(forecast.accuracy, 0, "no accuracy before the end")
        forecast._refresh_figures(today=self.next_month)
        self.assertTrue(forecast.is_closed)
        # |3000 - 2000| / 2000 = 50% off
        self.assertEqual(forecast.accuracy, 50)
        self.assertEqual(forecast.bias, -1000)
        # once ended, the salesperson can no longer rewrite the forecast
        with self.assertRaises(AccessError):
            forecast.with_user(self.rep).action_reopen()
        forecast.action_reopen()
        with self.assertRaises(UserError):
            forecast.with_user(self.rep).submitted_amount = 3000
        with self.assertRaises(UserError):
            forecast.with_user(self.rep).action_submit()
        self.assertEqual(forecast.accuracy, 0, "a forecast not given is not judged")
        # the manager's adjustment is the forecast judged
        forecast.action_adjust(3000, "Two deals confirmed")
        self.assertEqual(forecast.accuracy, 100)
        self.assertEqual(forecast.bias, 0)

    def test_ended_period_is_closed_to_the_salesperson_before_any_refresh(self):
        last_month = period_start(self.this_month - timedelta(days=1), "month")
        forecast = self.forecast(self.rep, start=last_month)
        self.assertFalse(forecast.is_closed, "not refreshed since it ended")
        mine = forecast.with_user(self.rep)
        with self.assertRaises(UserError):
            mine.write({"submitted_amount": 5000})
        with self.assertRaises(UserError):
            mine.action_submit()
        self.assertEqual((forecast.state, forecast.submitted_amount), ("draft", 0))
        # the manager's adjustment still changes it
        forecast.with_user(self.manager).action_adjust(3000, "Late call")
        self.assertEqual(forecast.final_amount, 3000)

    def test_accuracy_rule(self):
        self.assertEqual(accuracy_and_bias(1000, 1000), (100, 0))
        self.assertEqual(accuracy_and_bias(1000, 1250), (75, -250))
        self.assertEqual(accuracy_and_bias(1000, 3000), (0, -2000))
        self.assertEqual(accuracy_and_bias(0, 0), (100, 0))
        self.assertEqual(accuracy_and_bias(0, 10), (0, -10))

    # Submit and adjust -----------------------------------------------------------
    def test_salesperson_submits_own_and_manager_adjusts_with_history(self):
        forecast = self.forecast(self.rep, start=self.this_month)
        mine = forecast.with_user(self.rep)
        with Form(mine) as form:
            form.submitted_amount = 5000
        with self.assertRaises(UserError):
            forecast.with_user(self.rep2).action_submit()
        mine.action_submit()
        self.assertEqual(forecast.state, "submitted")
        with self.assertRaises(UserError):
            mine.submitted_amount = 6000
        # the salesperson cannot adjust, nor write the adjustment
        with self.assertRaises(AccessError):
            mine.action_adjust(100, "Too optimistic")
        with self.assertRaises(ValidationError):
            mine.write({"adjusted_amount": 100, "is_adjusted": True})
        with self.assertRaises(UserError):
            mine.write({"user_id": self.rep2.id})
        managed = forecast.with_user(self.manager)
        managed.action_adjust(4000, "The big deal slips to next month")
        managed.action_adjust(4500, "Half of it comes back")
        self.assertEqual(forecast.final_amount, 4500)
        self.assertEqual(forecast.submitted_amount, 5000)
        history = forecast.adjustment_ids.sorted("id")
        self.assertEqual(history.mapped("amount_from"), [5000, 4000])
        self.assertEqual(history.mapped("amount_to"), [4000, 4500])
        self.assertEqual(history.user_id, self.manager)
        self.assertIn("Half of it comes back", forecast.message_ids[0].body)
        with self.assertRaises(UserError):
            managed.action_adjust(1, " ")
        # the history is read-only, even for the manager
        with self.assertRaises(AccessError):
            history[0].with_user(self.manager).reason = "Rewritten"
        # the manager reopens; the salesperson changes and submits again
        with self.assertRaises(AccessError):
            mine.action_reopen()
        managed.action_reopen()
        mine.submitted_amount = 4200
        mine.action_submit()
        self.assertEqual(forecast.state, "submitted")

    def test_salesperson_cannot_submit_state_by_write(self):
        forecast = self.forecast(self.rep)
        with self.assertRaises(ValidationError):
            forecast.with_user(self.rep).write({"state": "submitted"})

    # Figures are the suite's ------------------------------------------------------
    def test_salesperson_writes_only_the_forecast_amount(self):
        self.won(self.rep, 900, self.this_month)
        forecast = self.forecast(self.rep, start=self.this_month, submitted_amount=2000)
        forecast.with_user(self.rep).action_submit()
        forecast.with_user(self.manager).action_adjust(1800, "Two deals slip")
        forecast._refresh_figures(today=self.this_month)
        before = forecast.read()[0]
        mine = forecast.with_user(self.rep)
        # every figure, date and flag a user sees on the forecast, as an RPC
        # write would send it
        attempts = {
            "final_amount": 1,
            "won_amount": 99999,
            "is_closed": True,
            "target_amount": 1,
            "target_ratio": 100,
            "won_ratio": 100,
            "weighted_pipeline": 1,
            "pipeline_amount": 1,
            "best_case_amount": 1,
            "commit_amount": 1,
            "accuracy": 100,
            "bias": 0,
            "date_submitted": "2024-01-02 10:00:00",
            "figures_date": "2024-01-02 10:00:00",
            "date_end": "2099-01-01",
        }
        for name, value in attempts.items():
            with self.subTest(field=name), self.assertRaises(UserError):
                mine.write({name: value})
        forecast.invalidate_recordset()
        self.assertEqual(forecast.read()[0], before)
        self.assertEqual(forecast.final_amount, 1800)
        # once ended, neither the accuracy nor the bias is the salesperson's
        forecast._refresh_figures(today=self.next_month)
        with self.assertRaises(UserError):
            mine.write({"accuracy": 100, "bias": 0})
        self.assertEqual(forecast.accuracy, 50)
        # the refresh and the cron leave no trace of the attempts
        self.assertEqual(forecast.won_amount, 900)
        # the amount of a draft is the salesperson's to write
        draft = self.forecast(self.rep, start=self.next_month).with_user(self.rep)
        draft.write({"submitted_amount": 700})
        self.assertEqual(draft.final_amount, 700)
        with self.assertRaises(UserError):
            draft.write({"submitted_amount": 800, "final_amount": 1})
        self.assertEqual(draft.final_amount, 700)

    def test_manager_adjusts_but_never_writes_the_figures(self):
        forecast = self.forecast(self.rep, submitted_amount=2000)
        managed = forecast.with_user(self.manager)
        for vals in (
            {"final_amount": 1},
            {"won_amount": 5},
            {"accuracy": 100, "bias": 0},
            {"date_end": "2099-01-01"},
            {"is_closed": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                managed.write(vals)
        self.assertEqual(forecast.final_amount, 2000)
        self.assertEqual(forecast.date_end, date(2024, 1, 31))
        Forecast = self.env["sales.forecast"].with_user(self.manager)
        values = {
            "user_id": self.rep2.id,
            "team_id": self.team.id,
            "company_id": self.company.id,
            "date_start": FEB,
        }
        with self.assertRaises(UserError):
            Forecast.create({**values, "won_amount": 5})
        # a context default is no way around it
        created = Forecast.with_context(
            default_won_amount=5, default_final_amount=9
        ).create(values)
        self.assertEqual((created.won_amount, created.final_amount), (0, 0))
        # the adjustment is the manager's way to change the forecast
        managed.action_adjust(1500, "Too optimistic")
        self.assertEqual(forecast.final_amount, 1500)

    def test_period_moved_by_the_manager_gets_its_own_figures(self):
        self.won(self.rep, 900, date(2024, 1, 3))
        forecast = self.forecast(self.rep)
        forecast._refresh_figures(today=MARCH)
        self.assertTrue(forecast.is_closed)
        start = period_start(today_in(self.env, self.company), "month")
        forecast.with_user(self.manager).date_start = start
        self.assertFalse(forecast.is_closed, "the current period is not ended")
        self.assertEqual(forecast.won_amount, 0)

    def test_refresh_is_refused_on_a_forecast_one_may_not_read(self):
        other_company = self.env["res.company"].create({"name": "FC Other Co"})
        theirs = self.forecast(self.rep2)
        other_team = self.forecast(self.outsider, team_id=self.other_team.id)
        abroad = self.env["sales.forecast"].create(
            {
                "user_id": self.rep2.id,
                "company_id": other_company.id,
                "date_start": JAN,
            }
        )
        self.won(self.rep2, 900, date(2024, 1, 3))
        for forecast in (theirs, other_team, abroad):
            with self.subTest(forecast=forecast.id), self.assertRaises(AccessError):
                forecast.with_user(self.rep).action_refresh_figures()
        self.assertFalse(
            any((theirs | other_team | abroad).mapped("figures_date")),
            "nothing was refreshed",
        )
        mine = self.forecast(self.rep)
        with self.assertRaises(AccessError):
            (mine | theirs).with_user(self.rep).action_refresh_figures()
        self.assertFalse(mine.figures_date)
        mine.with_user(self.rep).action_refresh_figures()
        self.assertTrue(mine.figures_date)
        # the team leader refreshes what he reads of his team
        theirs.with_user(self.leader).action_refresh_figures()
        self.assertEqual(theirs.won_amount, 900)

    # Access ------------------------------------------------------------------------
    def test_salesperson_reads_only_own_forecasts(self):
        mine = self.forecast(self.rep, start=self.this_month)
        theirs = self.forecast(self.rep2, start=self.this_month)
        Forecast = self.env["sales.forecast"]
        self.assertEqual(
            Forecast.with_user(self.rep).search([("id", "in", (mine | theirs).ids)]),
            mine,
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep).read(["submitted_amount"])
        self.assertEqual(
            Forecast.with_user(self.leader).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
            "the team leader sees the team's forecasts",
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.leader).submitted_amount = 10

    # Who has not submitted -----------------------------------------------------------
    @users("fc_manager")
    def test_prepare_period_lists_who_has_not_submitted(self):
        Forecast = self.env["sales.forecast"].with_company(self.company)
        members = self.rep | self.rep2 | self.leader | self.outsider
        during = self.this_month
        first = Forecast._prepare(self.company, "month", self.this_month, today=during)
        self.assertEqual(first.user_id, members)
        self.assertEqual(
            first.filtered(lambda f: f.user_id == self.outsider).team_id,
            self.other_team,
        )
        again = Forecast._prepare(self.company, "month", self.this_month, today=during)
        self.assertEqual(again, first, "preparing twice creates nothing more")
        first.filtered(lambda f: f.user_id == self.rep).with_user(
            self.rep
        ).action_submit()
        not_submitted = Forecast.search(
            [
                ("company_id", "=", self.company.id),
                ("date_start", "=", self.this_month),
                ("state", "=", "draft"),
            ]
        )
        self.assertEqual(not_submitted.user_id, members - self.rep)

    def test_only_managers_prepare_the_period(self):
        Forecast = self.env["sales.forecast"]
        with self.assertRaises(AccessError):
            Forecast.with_user(self.rep).action_prepare_period()
        action = Forecast.with_user(self.manager).action_prepare_period()
        self.assertEqual(action["context"], {"search_default_this_period": 1})
        start = period_start(today_in(self.env, self.company), "month")
        prepared = Forecast.search(
            [("company_id", "=", self.company.id), ("date_start", "=", start)]
        )
        self.assertEqual(
            prepared.user_id, self.rep | self.rep2 | self.leader | self.outsider
        )
        mine = Forecast.with_user(self.rep).action_my_forecast()
        self.assertEqual(
            mine["res_id"], prepared.filtered(lambda f: f.user_id == self.rep).id
        )

    def test_cron_prepares_reminds_once_and_refreshes(self):
        self.company.forecast_reminder_days = 3
        Forecast = self.env["sales.forecast"]
        activity_type = self.env.ref(
            "sales_team_performance.mail_activity_type_forecast"
        )
        # three days before next month: this month's drafts and next month's
        before_next = self.next_month - timedelta(days=3)
        Forecast._cron_forecasts(today=before_next)
        Forecast._cron_forecasts(today=before_next)
        forecasts = Forecast.search([("company_id", "=", self.company.id)])
        self.assertEqual(
            len(forecasts.filtered(lambda f: f.date_start == self.this_month)), 4
        )
        self.assertEqual(
            len(forecasts.filtered(lambda f: f.date_start == self.next_month)), 4
        )
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "sales.forecast"),
                ("res_id", "in", forecasts.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        self.assertEqual(
            len(activities), 8, "one reminder per draft, however often it runs"
        )
        rep_now = forecasts.filtered(
            lambda f: f.date_start == self.this_month and f.user_id == self.rep
        )
        self.assertEqual(
            activities.filtered(lambda a: a.res_id == rep_now.id).user_id, self.rep
        )
        rep_now.with_user(self.rep).action_submit()
        self.assertFalse(rep_now.activity_ids, "submitting clears the reminder")
        # once the month has ended, its forecasts are closed and judged
        self.won(self.rep, 900, self.this_month)
        Forecast._cron_forecasts(today=self.next_month + timedelta(days=1))
        self.assertTrue(rep_now.is_closed)
        self.assertEqual(rep_now.won_amount, 900)

    # Bad input -----------------------------------------------------------------------
    def test_bad_amounts_are_refused_naming_the_field(self):
        forecast = self.forecast(self.rep, start=self.this_month)
        for value in (-1.0, float("nan"), float("inf")):
            with self.assertRaises(ValidationError) as error:
                forecast.with_user(self.rep).submitted_amount = value
                forecast.flush_recordset()
            self.assertIn("Forecast", str(error.exception))
        for value in (-1.0, float("nan"), float("-inf")):
            with self.assertRaises(ValidationError) as error:
                forecast.action_adjust(value, "Check")
            self.assertIn("Adjusted Forecast", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.forecast(self.rep2, start=date(2024, 1, 15))
        self.assertIn("Period Start", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.company.forecast_reminder_days = -2
        self.assertIn("Forecast Reminder", str(error.exception))


@tagged("post_install", "-at_install")
class TestForecastMigration(PerformanceCase):
    LOGIN = "fcmig"

    def test_existing_opportunities_start_in_pipeline(self):
        lead = self.won(self.rep, 100, date(2024, 1, 5))
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("ALTER TABLE crm_lead DROP COLUMN forecast_category")
        load_script(MIGRATION).migrate(cr, "18.0.1.3.0")
        cr.execute("SELECT forecast_category FROM crm_lead WHERE id = %s", [lead.id])
        self.assertEqual(cr.fetchone()[0], "pipeline")
        cr.execute(
            "SELECT column_default FROM information_schema.columns "
            "WHERE table_name = 'crm_lead' AND column_name = 'forecast_category'"
        )
        self.assertIsNone(cr.fetchone()[0], "no default left in the database")
