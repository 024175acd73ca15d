# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import AccountCase


@tagged("post_install", "-at_install")
class TestGroups(TransactionCase):
    """Key Accounts rights follow the sales groups."""

    def test_salesperson_is_a_user_not_a_manager(self):
        rep = new_test_user(self.env, "rep", groups="sales_team.group_sale_salesman")
        self.assertTrue(rep.has_group("sales_key_accounts.group_key_account_user"))
        self.assertFalse(rep.has_group("sales_key_accounts.group_key_account_manager"))

    def test_sales_administrator_is_a_manager(self):
        boss = new_test_user(self.env, "boss", groups="sales_team.group_sale_manager")
        self.assertTrue(boss.has_group("sales_key_accounts.group_key_account_manager"))

    def test_menu_visible_to_its_group_only(self):
        menu = self.env.ref("sales_key_accounts.sales_key_accounts_menu_accounts")
        clerk = new_test_user(self.env, "clerk", groups="base.group_user")
        rep = new_test_user(self.env, "rep2", groups="sales_team.group_sale_salesman")
        boss = new_test_user(self.env, "boss2", groups="sales_team.group_sale_manager")
        visible = {
            user.login: menu.id
            in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for user in clerk | rep | boss
        }
        self.assertEqual(visible, {"clerk": False, "rep2": True, "boss2": True})


@tagged("post_install", "-at_install")
class TestAccountIntegrity(AccountCase):
    """Issue 11: tiers, pins, revenue and account records hold for every role
    and every way in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._customer(cls, 0, "Rep's customer")
        cls.others = cls._customer(cls, 0, "Other rep's customer", user=cls.other_rep)
        cls.other_company = cls.env["res.company"].create({"name": "Accounts Other Co"})
        cls.foreign = new_test_user(
            cls.env,
            "ka_foreign",
            groups="sales_team.group_sale_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )

    @contextlib.contextmanager
    def refused(self, exception, message):
        """assertRaises (which rolls back) and the message says why."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(message, str(caught.exception))

    def as_user(self, records, user):
        return records.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids
        )

    # item 1 -----------------------------------------------------------------
    def test_salesperson_cannot_set_a_tier_or_a_pin_by_rpc(self):
        pin = {
            "account_tier_pinned_id": self.ka.id,
            "account_pin_until": "2030-01-01",
            "account_pin_reason": "x",
        }
        for partner in self.own | self.others:
            for vals in (pin, {"account_tier_id": self.ka.id}):
                with self.refused(ValidationError, "changes only through"):
                    self.as_user(partner, self.rep).write(vals)
        self.assertFalse((self.own | self.others).account_tier_pinned_id)
        self.assertFalse((self.own | self.others).account_tier_id)
        self.assertFalse(
            self.env["sales.account.tier.history"].search_count(
                [("partner_id", "in", (self.own | self.others).ids)]
            )
        )
        # nor by creating a customer already pinned, nor by import
        with self.assertRaises(ValidationError):
            self.as_user(self.env["res.partner"], self.rep).create(
                {"name": "Pinned at birth", **pin}
            )
        result = self.as_user(self.env["res.partner"], self.rep).load(
            [".id", "account_tier_id/.id"], [[str(self.own.id), str(self.ka.id)]]
        )
        self.assertIn("changes only through", result["messages"][0]["message"])
        self.assertFalse(result["ids"])

    def test_even_a_manager_pins_only_through_the_wizard_which_leaves_a_trace(self):
        with self.assertRaises(ValidationError):
            self.as_user(self.own, self.manager).write(
                {"account_tier_pinned_id": self.ka.id, "account_pin_reason": "x"}
            )
        self.retier(self.own)  # no revenue: tier C
        self.assertEqual(self.own.account_tier_id, self.c)
        wizard = Form(
            self.as_user(
                self.env["sales.account.tier.pin.wizard"], self.manager
            ).with_context(default_partner_ids=self.own.ids)
        )
        wizard.tier_id = self.ka
        wizard.reason = "Strategic account"
        wizard.save().action_pin()
        self.assertEqual(self.own.account_tier_id, self.ka)
        history = self.own.account_tier_history_ids.filtered("pinned")
        self.assertEqual(len(history), 1)
        self.assertIn("Strategic account", history.reason)
        self.assertIn("Strategic account", self.own.message_ids[:1].body)
        # pinning again to the same tier still leaves its trace
        wizard = Form(
            self.as_user(
                self.env["sales.account.tier.pin.wizard"], self.manager
            ).with_context(default_partner_ids=self.own.ids)
        )
        wizard.tier_id = self.ka
        wizard.reason = "Renewed for the tender"
        wizard.save().action_pin()
        self.assertEqual(len(self.own.account_tier_history_ids.filtered("pinned")), 2)

    # item 3 -----------------------------------------------------------------
    def test_salesperson_and_other_company_read_no_customer_revenue(self):
        rich = self._customer(3_650_000, "Rich customer", user=self.other_rep)
        # a customer shared by all companies, tiered by this one
        rich.company_id = False
        self.retier(rich)
        self.assertEqual(rich.account_revenue, 3_650_000)
        # nor does the chatter every user reads quote it
        self.assertIn("3.6M", rich.account_tier_reason)
        self.assertNotIn("3.6M", rich.message_ids[:1].body)
        foreign_rep = new_test_user(
            self.env,
            "ka_foreign_rep",
            groups="sales_team.group_sale_salesman",
            company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
        )
        for user in (self.rep, foreign_rep):
            partner = self.as_user(rich, user)
            self.assertTrue(partner.read(["name"]))
            for fields in (["account_revenue"], ["account_tier_reason"]):
                with self.assertRaises(AccessError):
                    partner.read(fields)
                with self.assertRaises(AccessError):
                    partner.search_read([("id", "=", rich.id)], fields)
                with self.assertRaises(AccessError):
                    partner.web_read({fields[0]: {}})
            with self.assertRaises(AccessError):
                partner.read_group([], ["account_revenue:sum"], [])
            with self.assertRaises(AccessError):
                partner.search([("account_revenue", ">", 0)])
        self.assertEqual(
            self.as_user(rich, self.manager).read(["account_revenue"])[0][
                "account_revenue"
            ],
            3_650_000,
        )
        # the reason of the tier is shown to the people of the account only
        self.retier(self.own)
        self.assertIn("score", self.as_user(self.own, self.rep).account_tier_why)
        self.assertFalse(self.as_user(rich, self.rep).account_tier_why)
        self.assertIn("3.6M", self.as_user(rich, self.other_rep).account_tier_why)

    def test_salesperson_cannot_prefill_a_review_or_plan_of_others_customers(self):
        rich = self._customer(3_650_000, "Rich customer", user=self.other_rep)
        Review = self.as_user(self.env["sales.account.review"], self.rep)
        with self.refused(AccessError, "neither your customer"):
            Review.create({"partner_id": rich.id, "company_id": self.company.id})
        self.assertFalse(
            self.env["sales.account.review"].search([("partner_id", "=", rich.id)])
        )
        Plan = self.as_user(self.env["sales.account.plan"], self.rep)
        with self.refused(AccessError, "neither your customer"):
            Plan.create(
                {
                    "partner_id": rich.id,
                    "company_id": self.company.id,
                    "objective_ids": [
                        Command.create(
                            {"name": "Revenue", "kind": "won_revenue", "target": 1}
                        )
                    ],
                }
            )
        # moving her own review to another rep's customer is refused as well
        review = Review.create({"partner_id": self.own.id})
        with self.assertRaises(AccessError):
            review.write({"partner_id": rich.id})
        # her own customers and her account teams are hers to plan
        self.env["sales.account.team.member"].create(
            {"partner_id": rich.id, "user_id": self.rep.id, "role": "technical"}
        )
        review = Review.create({"partner_id": rich.id})
        self.assertEqual(review.last_year_sales, 3_650_000)

    # item 4 -----------------------------------------------------------------
    def test_objectives_follow_their_plan_rules(self):
        plan = self.env["sales.account.plan"].create(
            {
                "partner_id": self.others.id,
                "company_id": self.company.id,
                "user_id": self.other_rep.id,
                "objective_ids": [Command.create({"name": "Grow", "target": 10})],
            }
        )
        objective = plan.objective_ids
        self.assertFalse(
            self.as_user(objective, self.rep).search([("id", "=", objective.id)])
        )
        with self.assertRaises(AccessError):
            self.as_user(objective, self.rep).read(["target"])
        with self.assertRaises(AccessError):
            self.as_user(objective, self.foreign).write({"target": 1})
        with self.assertRaises(AccessError):
            self.as_user(objective, self.foreign).unlink()
        self.assertTrue(objective.exists())

    # item 9 -----------------------------------------------------------------
    def test_other_company_sees_no_account_team_or_tier(self):
        self.env["sales.account.team.member"].create(
            [
                {"partner_id": self.own.id, "user_id": self.rep.id},
                {"partner_id": self.others.id, "user_id": self.other_rep.id},
            ]
        )
        Member = self.as_user(self.env["sales.account.team.member"], self.foreign)
        self.assertFalse(Member.search([("partner_id", "in", self.own.ids)]))
        Tier = self.as_user(self.env["sales.account.tier"], self.foreign)
        self.assertFalse(Tier.search([("company_id", "=", self.company.id)]))

    # state fields -----------------------------------------------------------
    def test_visit_and_review_states_change_only_through_their_buttons(self):
        visit = self.as_user(self.env["sales.account.visit"], self.rep).create(
            {"partner_id": self.own.id, "company_id": self.company.id}
        )
        review = self.as_user(self.env["sales.account.review"], self.rep).create(
            {"partner_id": self.own.id, "company_id": self.company.id}
        )
        with self.assertRaises(ValidationError):
            visit.write({"state": "done"})
        with self.assertRaises(ValidationError):
            review.write({"state": "held"})
        with self.assertRaises(ValidationError):
            visit.create({"partner_id": self.own.id, "state": "done"})
        visit.action_done()
        review.action_held()
        self.assertEqual((visit.state, review.state), ("done", "held"))
