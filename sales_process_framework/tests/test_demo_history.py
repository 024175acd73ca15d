# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDemoLooksLivedIn(TransactionCase):
    """The demo's opportunities carry months of history, in the order their
    chatter shows it, whatever day the demo was installed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.cr.execute(
            """SELECT DISTINCT res_id FROM ir_model_data
                WHERE model = 'crm.lead' AND module = 'sales_process_framework'"""
        )
        cls.leads = (
            cls.env["crm.lead"]
            .with_context(active_test=False)
            .browse([row[0] for row in cls.env.cr.fetchall()])
        )

    def _history(self):
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT l.id, l.create_date, l.date_last_stage_update,
                      l.first_response_date,
                      array_agg(m.date ORDER BY m.id)
                 FROM crm_lead AS l
                 JOIN mail_message AS m ON m.model = 'crm.lead' AND m.res_id = l.id
                WHERE l.id = ANY(%s)
                GROUP BY l.id ORDER BY l.id""",
            [self.leads.ids],
        )
        return self.env.cr.fetchall()

    def test_opportunities_were_created_over_the_past_months(self):
        now = fields.Datetime.now()
        dates = self.leads.mapped("create_date")
        self.assertGreaterEqual(len(self.leads), 150)
        self.assertLess(min(dates), now - timedelta(days=180))
        self.assertLessEqual(max(dates), now)
        months = {(d.year, d.month) for d in dates}
        self.assertGreaterEqual(len(months), 6)
        # most were created more than a week ago
        recent = [d for d in dates if d > now - timedelta(days=7)]
        self.assertLess(len(recent), len(dates) / 5)

    def test_chatter_reads_in_date_order_from_the_creation(self):
        now = fields.Datetime.now()
        for lead_id, created, _last_stage, _response, dates in self._history():
            self.assertEqual(dates[0], created, f"creation message of {lead_id}")
            self.assertEqual(dates, sorted(dates), f"chatter of {lead_id}")
            self.assertLessEqual(dates[-1], now, lead_id)

    def test_last_stage_update_is_the_last_stage_change_of_the_chatter(self):
        stage_field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        changes = self.env["mail.tracking.value"].search(
            [
                ("field_id", "=", stage_field.id),
                ("mail_message_id.model", "=", "crm.lead"),
                ("mail_message_id.res_id", "in", self.leads.ids),
            ]
        )
        self.assertGreaterEqual(len(changes), 100)
        last = {}
        for change in changes:
            message = change.mail_message_id
            date = last.get(message.res_id, message.date)
            last[message.res_id] = max(date, message.date)
        for lead in self.leads:
            self.assertGreaterEqual(lead.date_last_stage_update, lead.create_date)
            if lead.id in last:
                self.assertEqual(lead.date_last_stage_update, last[lead.id], lead.name)

    def test_only_a_few_open_cards_wait_past_their_first_response_sla(self):
        now = fields.Datetime.now()
        open_leads = self.leads.filtered(
            lambda lead: lead.active
            and lead.type == "opportunity"
            and not lead.stage_id.is_won
        )
        self.assertGreaterEqual(len(open_leads), 50)
        breached = open_leads.filtered(
            lambda lead: lead.first_response_deadline
            and not lead.first_response_date
            and lead.first_response_deadline < now
        )
        self.assertLessEqual(len(breached), 3, breached.mapped("name"))
        answered = open_leads.filtered("first_response_date")
        self.assertGreater(len(answered), len(open_leads) * 0.9)
        self.assertTrue(
            all(lead.first_response_date >= lead.create_date for lead in answered)
        )

    def test_spreading_the_history_again_changes_nothing(self):
        before = self._history()
        self.env["crm.lead"].spread_demo_history(["sales_process_framework"])
        self.assertEqual(self._history(), before)

    def test_only_data_files_rewrite_the_history(self):
        manager = new_test_user(
            self.env,
            "history_manager",
            groups="sales_team.group_sale_manager,"
            "sales_process_framework.group_process_manager",
        )
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(manager).spread_demo_history(
                ["sales_process_framework"]
            )
