# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The team plan's targets on key accounts: customers upgraded to a higher
tier, and the cost per visit."""

from datetime import date
from pathlib import Path

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.sales_process_framework.tests.common import load_script

from .common import AccountCase

JAN, FEB = date(2024, 1, 1), date(2024, 2, 1)
MIGRATION = (
    Path(__file__).resolve().parent.parent / "migrations/18.0.1.4.0/post-tier-owner.py"
)


@tagged("post_install", "-at_install")
class TestAccountTargets(AccountCase):
    def change(self, partner, old, new, day):
        return self.env["sales.account.tier.history"].create(
            {
                "partner_id": partner.id,
                "from_tier_id": old.id,
                "to_tier_id": new.id,
                "date": day,
            }
        )

    def test_tier_upgrades_count_customers_for_their_owner_then(self):
        up, down, twice, later = (
            self._customer(0, name) for name in ("Up", "Down", "Twice", "Later")
        )
        self.change(up, self.c, self.b, date(2024, 1, 5))
        self.change(down, self.a, self.b, date(2024, 1, 6))
        self.change(twice, self.c, self.b, date(2024, 1, 7))
        self.change(twice, self.b, self.a, date(2024, 1, 31))
        self.change(later, self.c, self.b, FEB)
        # the customer moves to another salesperson after its upgrade
        up.user_id = self.other_rep
        Measure = self.env["sales.measure"]
        figures = Measure.compute("tier_upgrades", "user", JAN, FEB, self.company)
        self.assertEqual(figures[self.rep.id].numerator, 2.0)
        self.assertNotIn(self.other_rep.id, figures)
        self.assertEqual(
            Measure.compute("tier_upgrades", "team", JAN, FEB, self.company)[
                self.team.id
            ].numerator,
            2.0,
        )
        action = Measure.drill_down(
            "tier_upgrades", "user", self.rep.id, JAN, FEB, self.company
        )
        self.assertEqual(
            self.env["sales.account.tier.history"].search(action["domain"]).partner_id,
            up | twice,
        )
        self.assertIn("tier_upgrades", dict(Measure.selection("target")))

    def test_cost_per_visit_is_the_cost_of_done_visits_over_their_number(self):
        customer = self._customer(0)
        Visit = self.env["sales.account.visit"]
        visits = Visit.with_user(self.rep).create(
            [
                {"partner_id": customer.id, "date": date(2024, 1, day), "cost": cost}
                for day, cost in ((3, 120.0), (10, 80.0), (20, 100.0))
            ]
            + [
                # planned, a phone call, next month: not counted
                {"partner_id": customer.id, "date": date(2024, 1, 25), "cost": 999},
                {
                    "partner_id": customer.id,
                    "date": date(2024, 1, 26),
                    "cost": 999,
                    "method": "phone",
                },
                {"partner_id": customer.id, "date": FEB, "cost": 999},
            ]
        )
        (visits[:3] | visits[4:]).with_user(self.rep).action_done()
        self.assertEqual(visits[0].currency_id, self.company.currency_id)
        self.assertEqual(visits[0].team_id, self.team)
        Measure = self.env["sales.measure"]
        figure = Measure.compute("cost_per_visit", "user", JAN, FEB, self.company)[
            self.rep.id
        ]
        self.assertEqual(figure, (300.0, 3.0))
        self.assertEqual(figure.value(), 100.0)
        definition = Measure.definition("cost_per_visit")
        self.assertEqual((definition.direction, definition.unit), ("lower", "amount"))

    @mute_logger("odoo.sql_db")
    def test_a_visit_cost_must_be_a_finite_amount_of_zero_or_more(self):
        visit = self.env["sales.account.visit"].create(
            {"partner_id": self._customer(0).id}
        )
        for cost in (-1.0, float("nan"), float("inf"), float("-inf")):
            with self.subTest(cost=cost), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    visit.with_user(self.rep).cost = cost
        visit.with_user(self.rep).cost = 45.5
        self.assertEqual(visit.cost, 45.5)

    def test_upgrade_keeps_the_tier_changes_and_gives_them_an_owner(self):
        customer = self._customer(0)
        change = self.change(customer, self.c, self.b, date(2024, 1, 5))
        self.env.cr.execute(
            "UPDATE sales_account_tier_history SET user_id = NULL, team_id = NULL"
            " WHERE id = %s",
            [change.id],
        )
        change.invalidate_recordset()
        load_script(MIGRATION).migrate(self.env.cr, "18.0.1.3.0")
        change.invalidate_recordset()
        self.assertEqual(change.user_id, self.rep)
        self.assertTrue(change.exists())
