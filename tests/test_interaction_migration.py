# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The upgrade that introduces customer interactions loses no visit or call."""

from odoo import fields
from odoo.tests import tagged

from odoo.addons.sales_process_framework.tests.common import load_script

from .common import ROOT
from .test_interactions import InteractionCase

SCRIPTS = (
    ROOT / "sales_process_framework/migrations/18.0.1.4.0/post-interactions.py",
    ROOT / "sales_key_accounts/migrations/18.0.1.3.0/post-interactions.py",
)


def _upgrade(cr):
    for path in SCRIPTS:
        load_script(path).migrate(cr, "18.0.1.3.0")


@tagged("post_install", "-at_install")
class TestInteractionUpgrade(InteractionCase):
    def _rows(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT kind, origin, user_id, partner_id, lead_id"
            " FROM sales_interaction WHERE user_id = %s ORDER BY 1, 2",
            [self.rep.id],
        )
        return self.env.cr.fetchall()

    def test_upgrade_records_past_activities_touchpoints_and_visits_once(self):
        self._visit_activity_done()
        self.env["crm.lead.touchpoint"].with_user(self.rep).create(
            {"lead_id": self.lead.id, "channel": "email", "channel_type": "online"}
        )
        visit = self._visit()
        visit.with_user(self.rep).action_done()
        phone = self._visit()
        phone.write({"method": "phone", "date": fields.Date.add(visit.date, days=-3)})
        phone.with_user(self.rep).action_done()
        recorded = self._rows()
        self.assertEqual(len(recorded), 3)  # a visit, an e-mail, a call
        # the release before: no interaction anywhere
        cr = self.env.cr
        cr.execute("UPDATE crm_lead_touchpoint SET interaction_id = NULL")
        cr.execute("UPDATE sales_account_visit SET interaction_id = NULL")
        cr.execute("DELETE FROM sales_interaction")
        self.env.invalidate_all()
        _upgrade(cr)
        self.assertEqual(self._rows(), recorded)
        self.assertEqual(self._target_visits(), 1)
        self.env.invalidate_all()
        self.assertTrue(visit.interaction_id)
        self.assertEqual(visit.interaction_id.origin, "activity")
        self.assertEqual(phone.interaction_id.kind, "call")
        # running it again changes nothing
        _upgrade(cr)
        self.assertEqual(self._rows(), recorded)
