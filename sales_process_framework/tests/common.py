# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user


class GateCase(TransactionCase):
    """A small pipeline of its own, so the tests do not lean on demo data.

    Stages P1..P5 are the pipeline of a test team that uses its own stages
    only, so the stages shared by other teams never come in the way.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.sales_gate_enforcement = True
        cls.rep = new_test_user(
            cls.env,
            "gate_rep",
            groups="sales_team.group_sale_salesman",
            name="Gate Rep",
        )
        cls.manager = new_test_user(
            cls.env,
            "gate_manager",
            groups="sales_team.group_sale_manager,"
            "sales_process_framework.group_gate_override",
            name="Gate Manager",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Gate Test Team",
                "user_id": cls.manager.id,
                "pipeline_own_stages": True,
            }
        )
        Stage = cls.env["crm.stage"]
        cls.s1, cls.s2, cls.s3, cls.s4, cls.s5 = Stage.create(
            [
                {"name": f"P{i}", "sequence": i, "team_id": cls.team.id}
                for i in range(1, 6)
            ]
        )
        cls.s5.is_won = True
        Criterion = cls.env["sales.gate.criterion"]
        cls.proposal_type = cls.env["sales.deliverable.type"].create(
            {"name": "Test Proposal"}
        )
        cls.c_need = Criterion.create(
            {"name": "Need stated", "stage_id": cls.s2.id, "kind": "checklist"}
        )
        cls.c_budget = Criterion.create(
            {
                "name": "Budget at least 500,000",
                "stage_id": cls.s2.id,
                "kind": "domain",
                "domain": "[('expected_revenue', '>=', 500000)]",
            }
        )
        cls.c_partner = Criterion.create(
            {
                "name": "Customer set",
                "stage_id": cls.s2.id,
                "kind": "field",
                "mode": "warn",
                "field_id": cls.env.ref("crm.field_crm_lead__partner_id").id,
            }
        )
        cls.c_proposal = Criterion.create(
            {
                "name": "Proposal attached",
                "stage_id": cls.s3.id,
                "kind": "deliverable",
                "deliverable_type_id": cls.proposal_type.id,
            }
        )
        cls.partner = cls.env["res.partner"].create({"name": "Gate Customer Ltd"})

    @classmethod
    def _lead(cls, stage, **vals):
        return cls.env["crm.lead"].create(
            {
                "name": vals.pop("name", "Gate opportunity"),
                "type": "opportunity",
                "team_id": cls.team.id,
                "user_id": cls.rep.id,
                "stage_id": stage.id,
                **vals,
            }
        )

    @classmethod
    def _s2_exit_met(cls):
        """Values that meet the exit criteria of P2, for a lead created past it."""
        return {
            "gate_checked_ids": [(4, cls.c_need.id)],
            "expected_revenue": 600000,
            "partner_id": cls.partner.id,
        }

    def _meet_s2_exit(self, lead):
        lead.write(self._s2_exit_met())

    def _attach(self, lead, deliverable_type):
        return self.env["crm.lead.deliverable"].create(
            {
                "lead_id": lead.id,
                "type_id": deliverable_type.id,
                "file": "UHJvcG9zYWw=",
                "file_name": "proposal.pdf",
            }
        )
