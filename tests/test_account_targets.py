# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Targets and contests of Team Performance count the key-account measures
where both addons are installed: tier upgrades, and the cost per visit (lower
is better)."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.sales_key_accounts.tests.common import AccountCase

JAN = date(2024, 1, 1)


@tagged("post_install", "-at_install")
class TestAccountTargetLines(AccountCase):
    def target(self, measure, target):
        plan = self.env["sales.target.plan"].create(
            {
                "name": measure,
                "period": "month",
                "date_start": JAN,
                "company_id": self.company.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {"user_id": self.rep.id, "measure": measure, "target": target},
                    )
                ],
            }
        )
        plan.state = "active"
        return plan.line_ids

    def test_tier_upgrades_and_cost_per_visit_are_targets(self):
        customers = [self._customer(0, f"Customer {n}") for n in range(3)]
        for customer in customers[:2]:
            self.env["sales.account.tier.history"].create(
                {
                    "partner_id": customer.id,
                    "from_tier_id": self.c.id,
                    "to_tier_id": self.b.id,
                    "date": date(2024, 1, 15),
                }
            )
        upgrades = self.target("tier_upgrades", 4)
        self.assertEqual((upgrades.achieved, upgrades.achievement), (2.0, 50.0))
        visits = (
            self.env["sales.account.visit"]
            .with_user(self.rep)
            .create(
                [
                    {"partner_id": customers[2].id, "date": date(2024, 1, d), "cost": c}
                    for d, c in ((5, 150.0), (6, 50.0))
                ]
            )
        )
        visits.action_done()
        cost = self.target("cost_per_visit", 80)
        # 200 over 2 visits: 100 a visit against 80, lower is better
        self.assertEqual(cost.achieved, 100.0)
        self.assertEqual(cost.achievement, 80.0)
        self.assertEqual(cost.projected, 100.0, "a ratio does not add up over time")
        for model, fname in (
            ("gamification.challenge", "contest_measure"),
            ("sales.target.spread.wizard", "measure"),
        ):
            selection = self.env[model]._fields[fname]._description_selection(self.env)
            self.assertIn("tier_upgrades", dict(selection))


@tagged("post_install", "-at_install")
class TestAccountContests(AccountCase):
    def test_cost_per_visit_contest_ranks_the_cheaper_salesperson_first(self):
        plan = self.env["sales.target.plan"].create(
            {
                "name": "Visit cost",
                "period": "month",
                "date_start": JAN,
                "company_id": self.company.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {"user_id": user.id, "measure": "cost_per_visit", "target": 80},
                    )
                    for user in (self.rep, self.rep2)
                ],
            }
        )
        plan.state = "active"
        customer = self._customer(0, "Visited")
        # rep: 100 a visit; rep2: 50 a visit; the leader made no visit
        for user, costs in ((self.rep, (150.0, 50.0)), (self.rep2, (40.0, 60.0))):
            self.env["sales.account.visit"].with_user(user).create(
                [
                    {"partner_id": customer.id, "date": date(2024, 1, 5 + n), "cost": c}
                    for n, c in enumerate(costs)
                ]
            ).action_done()
        boards = {}
        for scoring in ("target", "absolute"):
            contest = self.env["gamification.challenge"].create(
                {
                    "name": f"Cheaper visits ({scoring})",
                    "is_sales_contest": True,
                    "period": "once",
                    "visibility_mode": "ranking",
                    "start_date": JAN,
                    "end_date": date(2024, 1, 31),
                    "contest_measure": "cost_per_visit",
                    "contest_scoring": scoring,
                    "user_ids": [(6, 0, (self.rep | self.rep2 | self.leader).ids)],
                    "contest_support_user_ids": [(6, 0, self.manager.ids)],
                    "state": "inprogress",
                }
            )
            contest.action_contest_refresh()
            boards[scoring] = [
                (score.user_id, score.rank, score.score_display)
                for score in contest.contest_score_ids.sorted(
                    lambda s: (s.role, not s.has_score, s.rank)
                )
            ]
        self.assertEqual(
            boards["target"],
            [
                (self.rep2, 1, "160.0%"),  # target 80 over 50 a visit
                (self.rep, 2, "80.0%"),
                (self.leader, 0, "no target"),
                # the participants together: 300 over 4 visits against 80
                (self.manager, 1, "106.7%"),
            ],
        )
        self.assertEqual(
            boards["absolute"],
            [
                (self.rep2, 1, "50"),
                (self.rep, 2, "100"),
                (self.leader, 0, "no data"),
                (self.manager, 1, "75"),
            ],
        )
