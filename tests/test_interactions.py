# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One customer interaction: a visit counts once, however it was recorded."""

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.sales_process_framework.tools.periods import period_bounds, today_in


class InteractionCase(TransactionCase):
    """A salesperson with a key account and its opportunity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": "Interaction Test Co", "sales_gate_enforcement": False}
        )
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids)
        )
        cls.rep = new_test_user(
            cls.env,
            "interaction_rep",
            groups="sales_team.group_sale_salesman,"
            "sales_key_accounts.group_key_account_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Interaction Team",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.rep.id)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Visited Customer", "is_company": True}
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Visited opportunity",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.rep.id,
                "team_id": cls.team.id,
                "company_id": cls.company.id,
            }
        )
        cls.period = period_bounds(today_in(cls.env, cls.company), "month")

    def _scorecard_visits(self):
        cards = self.env["sales.scorecard"]._refresh(
            *self.period, self.company, self.rep
        )
        return cards.filtered(lambda card: card.user_id == self.rep).visits

    def _target_visits(self):
        figures = self.env["sales.measure"].compute(
            "activity_visit", "user", *self.period, self.company
        )
        return figures[self.rep.id].numerator if self.rep.id in figures else 0

    def _visit(self):
        return self.env["sales.account.visit"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.rep.id,
                "company_id": self.company.id,
                # the salesperson's today, as the visit's own button reads it
                "date": fields.Date.context_today(
                    self.env["sales.account.visit"].with_user(self.rep)
                ),
                "method": "visit",
            }
        )

    def _visit_activity_done(self):
        activity = self.lead.activity_schedule(
            "mail.mail_activity_data_meeting", user_id=self.rep.id
        )
        activity.with_user(self.rep).action_feedback(feedback="Met the buyer")


@tagged("post_install", "-at_install")
class TestOneInteraction(InteractionCase):
    def test_key_account_visit_done_counts_once_in_the_scorecard(self):
        before = self._scorecard_visits()
        visit = self._visit()
        visit.with_user(self.rep).action_done()
        self.assertEqual(self._scorecard_visits(), before + 1)
        self.assertEqual(self._target_visits(), 1)
        self.assertEqual(visit.interaction_id.kind, "visit")
        self.assertEqual(visit.interaction_id.user_id, self.rep)
        # closing the activity the visit carried out adds no second visit
        self._visit_activity_done()
        self.assertEqual(self._scorecard_visits(), before + 1)
        self.assertEqual(self._target_visits(), 1)

    def test_activity_closed_before_the_visit_is_done_counts_once(self):
        self._visit_activity_done()
        self.assertEqual(self._target_visits(), 1)
        visit = self._visit()
        visit.with_user(self.rep).action_done()
        self.assertEqual(self._target_visits(), 1)
        interaction = self.env["sales.interaction"].search(
            [("user_id", "=", self.rep.id)]
        )
        self.assertEqual(visit.interaction_id, interaction)
        self.assertEqual(interaction.lead_id, self.lead)

    def test_a_call_is_no_visit(self):
        self._visit().write({"method": "phone"})
        self.env["sales.account.visit"].search(
            [("user_id", "=", self.rep.id)]
        ).with_user(self.rep).action_done()
        self.assertEqual(self._target_visits(), 0)
        figures = self.env["sales.measure"].compute(
            "activity_call", "user", *self.period, self.company
        )
        self.assertEqual(figures[self.rep.id].numerator, 1)
