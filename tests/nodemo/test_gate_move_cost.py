# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged, users

from .common import NoDemoCase

# A salesperson's move through a gated stage on a database installed from
# Apps: the same queries whatever the number of opportunities; the pipelines
# and the criteria come from caches, the records just created from memory.
QUERIES_MOVE = 5


@tagged("post_install", "-at_install")
class TestGateMoveCost(NoDemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.company.sales_gate_enforcement = True
        cls.rep = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Move Cost Salesperson",
                    "login": "nodemo_move_rep",
                    "groups_id": [
                        Command.set([cls.env.ref("sales_team.group_sale_salesman").id])
                    ],
                }
            )
        )
        cls.team = cls.env["crm.team"].create(
            {"name": "Move Cost Team", "member_ids": [Command.link(cls.rep.id)]}
        )
        cls.s1, cls.s2, cls.s3 = cls.env["crm.stage"].create(
            [
                {"name": f"Move cost {i}", "sequence": i, "team_id": cls.team.id}
                for i in (1, 2, 3)
            ]
        )
        cls.customer = cls.env["res.partner"].create({"name": "Move Cost Customer"})
        cls.env["sales.gate.criterion"].create(
            {
                "name": "Customer named",
                "stage_id": cls.s1.id,
                "kind": "field",
                "field_id": cls.env.ref("crm.field_crm_lead__partner_id").id,
            }
        )

    def _leads(self, count):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"Move cost {i}",
                    "type": "opportunity",
                    "team_id": self.team.id,
                    "user_id": self.rep.id,
                    "partner_id": self.customer.id,
                    "stage_id": self.s1.id,
                }
                for i in range(count)
            ]
        )

    @users("nodemo_move_rep")
    def test_a_move_costs_the_same_queries_whatever_the_number(self):
        # a server at work: access rules, pipelines and criteria cached
        self._leads(1).write({"stage_id": self.s2.id})
        for count in (10, 100):
            leads = self._leads(count)
            with self.assertQueryCount(nodemo_move_rep=QUERIES_MOVE):
                leads.write({"stage_id": self.s2.id})
                self.env.flush_all()
            self.assertEqual(leads.stage_id, self.s2)
            self.assertEqual(set(leads.mapped("gate_exit_total")), {0})

    @users("nodemo_move_rep")
    def test_the_gates_follow_a_change_of_the_pipeline_at_once(self):
        """Pipelines and criteria are cached for the moves: a criterion
        added and a team keeping to its own stages apply to the next move."""
        leads = self._leads(2)
        leads.write({"stage_id": self.s2.id})
        self.env["sales.gate.criterion"].sudo().create(
            {
                "name": "Email known",
                "stage_id": self.s2.id,
                "kind": "field",
                "field_id": self.env.ref("crm.field_crm_lead__email_from").id,
            }
        )
        with self.assertRaisesRegex(UserError, "Email known"):
            leads[0].write({"stage_id": self.s3.id})
        leads[0].email_from = "buyer@example.com"
        leads[0].write({"stage_id": self.s3.id})
        self.assertEqual(leads[0].stage_id, self.s3)
        # Odoo's shared "New" stage is in the team's pipeline until the team
        # keeps to its own stages
        new = self.env["crm.stage"].search([("team_id", "=", False)], limit=1)
        self.team.sudo().pipeline_own_stages = True
        with self.assertRaisesRegex(UserError, "is not a stage of the pipeline"):
            leads[1].write({"stage_id": new.id})
