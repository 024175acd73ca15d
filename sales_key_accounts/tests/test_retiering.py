# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import tagged

from .common import AccountCase

# Re-tiering a batch whose customers all change tier: the score inputs (five
# grouped reads), the tiers and scorecard, one read and one UPDATE of the
# customers, the owners the history rows keep, one INSERT of the history rows
# and one of their chatter notes; the company's settings, read apart from the
# columns every reader of the company needs.
QUERIES_RETIER = 16


@tagged("post_install", "-at_install")
class TestRetiering(AccountCase):
    """The re-tiering is set-based: its cost does not grow with the customers,
    and only the customers whose tier changes get a history row and a note."""

    def _customers(self, count):
        # 0, 300k, 600k, 900k of won revenue: tiers C, B, A and key account
        partners = self.env["res.partner"].union(
            *(self._customer(300_000 * (i % 4), f"Batch {i}") for i in range(count))
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return partners

    def _notes(self, partners):
        return self.env["mail.message"].search_count(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("body", "ilike", "Tier:"),
            ]
        )

    def test_five_or_fifty_customers_for_the_same_queries(self):
        # a server at work: the scorecard, tiers and note subtype already cached
        self.retier(self._customers(1))
        for count in (5, 50):
            partners = self._customers(count)
            with self.assertQueryCount(__system__=QUERIES_RETIER):
                self.retier(partners)
                self.env.flush_all()
            self.assertEqual(len(partners.account_tier_history_ids), count)
            self.assertEqual(self._notes(partners), count)
            self.assertEqual(
                partners.account_tier_id, self.c | self.b | self.a | self.ka
            )

    def test_history_and_note_only_for_the_customers_whose_tier_changes(self):
        partners = self._customers(8)
        self.retier(partners)
        mover = partners[1]  # B at 300k
        self.env["crm.lead"].search([("partner_id", "=", mover.id)]).write(
            {"expected_revenue": 900_000}
        )
        self.retier(partners)
        self.assertEqual(mover.account_tier_id, self.ka)
        self.assertEqual(
            mover.account_tier_history_ids[0].direction, "up", "B to key account"
        )
        self.assertEqual(len(partners.account_tier_history_ids), 8 + 1)
        self.assertEqual(self._notes(partners), 8 + 1)
        self.assertEqual(self._notes(mover), 2)
        self.assertEqual(mover.account_revenue, 900_000)

    def test_a_second_run_writes_nothing(self):
        partners = self._customers(8)
        self.retier(partners)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = '2020-01-01' WHERE id = ANY(%s)",
            [partners.ids],
        )
        self.env.invalidate_all()
        tiers = [partner.account_tier_id for partner in partners]
        self.retier(partners)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual([partner.account_tier_id for partner in partners], tiers)
        self.assertEqual(
            set(partners.mapped("write_date")),
            {datetime(2020, 1, 1)},
            "no customer was written",
        )
        self.assertEqual(len(partners.account_tier_history_ids), 8)
        self.assertEqual(self._notes(partners), 8)

    def test_a_change_keeps_what_a_created_one_keeps(self):
        """The re-tiering writes its history rows in one statement: each row
        holds what the ORM gives a change created by hand."""
        [customer] = self._customers(1)
        customer.user_id = self.rep
        self.retier(customer)
        by_statement = customer.account_tier_history_ids
        by_create = self.env["sales.account.tier.history"].create(
            {
                "partner_id": customer.id,
                "from_tier_id": self.c.id,
                "to_tier_id": self.b.id,
                "date": by_statement.date,
                "score": 31.5,
                "reason": "by hand",
            }
        )
        fields_ = ["company_id", "user_id", "team_id", "create_uid", "date"]
        self.assertEqual(
            [by_statement[name] for name in fields_],
            [by_create[name] for name in fields_],
        )
        self.assertEqual(by_statement.company_id, self.company)
        self.assertEqual(by_statement.user_id, self.rep)
        self.assertTrue(by_statement.team_id, "the salesperson's team is kept")
        self.assertEqual((by_statement.direction, by_create.direction), ("new", "up"))
        self.assertEqual(by_statement.reason_label, customer.account_tier_reason)
        note = customer.message_ids.filtered(lambda m: "Tier:" in m.body)
        self.assertIn("Tier: - → C", note.body)
        self.assertIn("Score 0", note.body)
