# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import inspect
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.service.model import get_public_method
from odoo.tests import tagged

from .test_health import OCT, HealthCase


@tagged("post_install", "-at_install")
class TestMeasureApi(HealthCase):
    """The engine's public API: registry, compute, drill-down, periods."""

    def _stage_moves(self):
        """Three opportunities of Team A (two of P1) leave H-open today; one of
        Team B stays."""
        leads = [
            self._lead(
                self.team_a,
                fields.Datetime.now() - timedelta(days=4),
                partner_id=partner.id,
            )
            for partner in (self.p1, self.p1, self.p2)
        ]
        self._lead(self.team_b, fields.Datetime.now() - timedelta(days=4))
        self.env.cr.precommit.run()  # tracked from the next transaction on
        for lead in leads:
            lead.write({"stage_id": self.stage_next.id})
        self.env.cr.precommit.run()
        today = date.today()
        return leads, (today - timedelta(days=1), today + timedelta(days=2))

    def test_stage_time_drill_down_opens_the_leads_behind_the_figure(self):
        leads, period = self._stage_moves()
        for code in ("stage_time", "stage_pass", "node_completion"):
            action = self.Measure.drill_down(
                code, "team", self.team_a.id, *period, self.company
            )
            self.assertEqual(action["res_model"], "crm.lead")
            shown = (
                self.env["crm.lead"]
                .with_context(active_test=False)
                .search(action["domain"])
            )
            self.assertEqual(shown, self.env["crm.lead"].union(*leads), code)

    def test_breakdown_domain_restricts_the_sql_measures(self):
        _leads, period = self._stage_moves()
        p1 = [("partner_id", "=", self.p1.id)]
        for code in ("stage_pass", "stage_time", "node_completion"):
            every = self.Measure.compute(code, "company", *period, self.company)
            broken = self.Measure.compute(
                code, "company", *period, self.company, domain=p1
            )
            self.assertEqual(every[self.company.id].denominator, 3, code)
            self.assertEqual(broken[self.company.id].denominator, 2, code)

    def test_breakdown_domain_restricts_the_declarative_measures(self):
        for partner in (self.p1, self.p2, self.p2):
            self._lead(
                self.team_a,
                datetime(2026, 9, 1),
                datetime(2026, 10, 9),
                won=True,
                partner_id=partner.id,
            )
        figures = self.Measure.compute(
            "won_count",
            "team",
            *OCT,
            self.company,
            domain=[("partner_id", "=", self.p2.id)],
        )
        self.assertEqual(figures[self.team_a.id].numerator, 2)

    def test_periods_cut_in_the_company_time_zone_not_the_users(self):
        self.company.partner_id.tz = "Asia/Shanghai"
        self.env.user.tz = "America/New_York"
        # 1 October 01:00 in Shanghai, still 30 September in New York
        self._lead(self.team_a, datetime(2026, 9, 30, 17, 0), type="opportunity")
        october = self.Measure.compute("conversion", "company", *OCT, self.company)
        september = self.Measure.compute(
            "conversion", "company", date(2026, 9, 1), OCT[0], self.company
        )
        self.assertEqual(october[self.company.id].denominator, 1)
        self.assertNotIn(self.company.id, september)
        self.assertEqual(
            self.Measure.bounds(*OCT, self.company),
            (datetime(2026, 9, 30, 16, 0), datetime(2026, 10, 31, 16, 0)),
        )

    def test_one_registry_of_measures_for_every_selection(self):
        codes = dict(self.Measure.selection("health"))
        self.assertEqual(
            set(codes), set(dict(self.env["sales.health.metric"]._selection_code()))
        )
        self.assertIn("stage_time", codes)
        self.assertEqual(self.Measure.definition("nps").unit, "score")
        with self.assertRaisesRegex(UserError, "no_such_measure"):
            self.Measure.compute("no_such_measure", "company", *OCT, self.company)

    def test_one_definition_of_won_lost_and_nps(self):
        won = self._lead(
            self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 9), won=True
        )
        lost = self._lead(
            self.team_a, datetime(2026, 9, 1), datetime(2026, 10, 9), won=False
        )
        bounds = self.Measure.bounds(*OCT, self.company)
        Lead = self.env["crm.lead"].with_context(active_test=False)
        self.assertEqual(
            Lead.search(self.Measure.won_domain(self.company, bounds)), won
        )
        self.assertEqual(
            Lead.search(self.Measure.lost_domain(self.company, bounds)), lost
        )
        self.assertEqual(
            [self.Measure.nps_weight(score) for score in ("10", "8", "6")], [1, 0, -1]
        )

    def test_churned_customers_bought_before_and_not_since(self):
        self._lead(
            self.team_a,
            datetime(2026, 8, 1),
            datetime(2026, 9, 9),
            won=True,
            partner_id=self.p1.id,
        )
        for closed in (datetime(2026, 9, 10), datetime(2026, 10, 10)):
            self._lead(
                self.team_a,
                datetime(2026, 8, 1),
                closed,
                won=True,
                partner_id=self.p2.id,
            )
        churned = self.Measure.churned("customer", *OCT, self.company)
        self.assertEqual(churned, {self.p1.id: {self.p1.id}, self.p2.id: set()})

    def test_no_engine_method_is_callable_over_rpc(self):
        """The engine reads across records whatever its server-side callers
        allow; a client calling it would read past its record rules (for
        example grouped() on any model, last_touch() on any chatter)."""
        engine = self.env["sales.measure"]
        own = {
            name
            for cls in type(engine).mro()
            if getattr(cls, "_name", None) == "sales.measure"
            for name, member in vars(cls).items()
            if inspect.isfunction(member) and not name.startswith("_")
        }
        self.assertTrue({"compute", "grouped", "last_touch", "won_customers"} <= own)
        for name in sorted(own):
            with self.subTest(method=name), self.assertRaises(AccessError):
                get_public_method(engine, name)
        # what a client may call on a model stays callable
        self.assertTrue(get_public_method(self.env["crm.lead"], "read"))
