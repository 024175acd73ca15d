# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.api import call_kw
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged, users

from .common import GateCase

# Pinned: a batch of 30 opportunities moved one or two stages forward, through
# the gates of every stage on the way (one query per kind of criterion).
QUERIES_MOVE_30 = 20


class PathCase(GateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_type = cls.env["sales.deliverable.type"].create(
            {"name": "Test Contract Review"}
        )
        cls.c_contract = cls.env["sales.gate.criterion"].create(
            {
                "name": "Contract review attached",
                "stage_id": cls.s4.id,
                "direction": "entry",
                "kind": "deliverable",
                "deliverable_type_id": cls.contract_type.id,
            }
        )

    def assertRefused(self, call, *missing):
        with self.assertRaises(UserError) as refusal:
            call()
        message = str(refusal.exception)
        for item in missing:
            self.assertIn(item, message)
        return message


@tagged("post_install", "-at_install")
class TestGatesOnTheWay(PathCase):
    """A forward move checks every gate between the stage left and the target."""

    def test_mark_as_won_checks_the_entry_of_the_stage_it_passes_over(self):
        lead = self._lead(self.s3, **self._s2_exit_met())
        self._attach(lead, self.proposal_type)
        self.assertRefused(
            lead.with_user(self.rep).action_set_won,
            "Cannot move to “P5”",
            "“P4”, entry criteria:",
            "Contract review attached",
        )
        self.assertEqual(lead.stage_id, self.s3)
        self._attach(lead, self.contract_type)
        lead.with_user(self.rep).action_set_won()
        self.assertEqual(lead.stage_id, self.s5)

    def test_going_back_then_forward_checks_the_stage_passed_over(self):
        lead = self._lead(self.s2, name="Detour")
        lead.with_user(self.rep).write({"stage_id": self.s1.id})
        self.assertRefused(
            lambda: lead.with_user(self.rep).write({"stage_id": self.s3.id}),
            "“P2”, exit criteria:",
            "Need stated",
            "Budget at least 500,000",
        )
        self.assertEqual(lead.stage_id, self.s1)

    def test_create_straight_past_a_gate_is_refused(self):
        self.assertRefused(
            lambda: self._lead(self.s3, name="Straight to P3"),
            "“P2”, exit criteria:",
            "Need stated",
        )
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "Straight to P3")]))
        # meeting the gates on the way, it is accepted
        self._lead(self.s3, name="Ready for P3", **self._s2_exit_met())

    def test_refusal_lists_what_is_missing_per_stage_in_pipeline_order(self):
        lead = self._lead(self.s2, name="Long jump")
        message = self.assertRefused(
            lambda: lead.write({"stage_id": self.s5.id}),
            "Cannot move to “P5” yet",
        )
        order = [
            "“P2”, exit criteria:",
            "Need stated",
            "“P3”, exit criteria:",
            "Proposal attached",
            "“P4”, entry criteria:",
            "Contract review attached",
        ]
        positions = [message.index(item) for item in order]
        self.assertEqual(positions, sorted(positions), message)

    def test_optional_stage_may_be_passed_over_but_not_left_unmet(self):
        lead = self._lead(self.s2, **self._s2_exit_met())
        self._attach(lead, self.contract_type)
        # not optional yet: passing over it asks for its criteria
        self.assertRefused(
            lambda: lead.write({"stage_id": self.s4.id}), "Proposal attached"
        )
        # the very next move follows the stage's rule
        self.s3.gate_optional = True
        lead.write({"stage_id": self.s4.id})
        self.assertEqual(lead.stage_id, self.s4)
        other = self._lead(self.s3, **self._s2_exit_met())
        self._attach(other, self.contract_type)
        self.assertRefused(
            lambda: other.write({"stage_id": self.s4.id}), "Proposal attached"
        )

    def test_a_batch_costs_the_same_whatever_the_stages_passed(self):
        # same kinds of criteria on P2 and P3, so only the number of stages differs
        (self.c_proposal | self.c_contract).active = False
        Criterion = self.env["sales.gate.criterion"]
        c_p3 = Criterion.create(
            [
                {"name": "P3 ticked", "stage_id": self.s3.id, "kind": "checklist"},
                {
                    "name": "P3 revenue",
                    "stage_id": self.s3.id,
                    "kind": "domain",
                    "domain": "[('expected_revenue', '>', 1000)]",
                },
                {
                    "name": "P3 customer",
                    "stage_id": self.s3.id,
                    "kind": "field",
                    "field_id": self.env.ref("crm.field_crm_lead__partner_id").id,
                },
            ]
        )

        def cost(target):
            leads = self.env["crm.lead"].create(
                [
                    {
                        "name": f"Batch {i}",
                        "type": "opportunity",
                        "team_id": self.team.id,
                        "user_id": self.rep.id,
                        "stage_id": self.s1.id,
                        **self._s2_exit_met(),
                        "gate_checked_ids": [(6, 0, (self.c_need | c_p3[0]).ids)],
                    }
                    for i in range(30)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=QUERIES_MOVE_30):
                leads.write({"stage_id": target.id})
            self.assertEqual(leads.stage_id, target)

        cost(self.s3)
        cost(self.s4)


@tagged("post_install", "-at_install")
class TestPipelinesOfTeams(PathCase):
    """Every opportunity follows the pipeline of its own team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a team on the shared stages, as every team is in a stock database
        cls.other_team = cls.env["crm.team"].create({"name": "Shared Stages Team"})
        cls.proposition = cls.env.ref("crm.stage_lead3")
        cls.odoo_won = cls.env.ref("crm.stage_lead4")
        # a won stage of the gate team sorting before Odoo's "Won"
        cls.s5.sequence = 60

    def test_won_of_another_team_lands_in_its_own_won_stage(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Shared pipeline deal",
                "type": "opportunity",
                "team_id": self.other_team.id,
                "stage_id": self.proposition.id,
            }
        )
        lead.action_set_won()
        self.assertEqual(lead.stage_id, self.odoo_won)

    def test_won_in_a_batch_of_two_teams_stays_in_each_pipeline(self):
        ours = self._lead(self.s3, **self._s2_exit_met())
        self._attach(ours, self.proposal_type)
        self._attach(ours, self.contract_type)
        theirs = self.env["crm.lead"].create(
            {
                "name": "Shared pipeline deal",
                "type": "opportunity",
                "team_id": self.other_team.id,
                "stage_id": self.proposition.id,
            }
        )
        (ours | theirs).action_set_won()
        self.assertEqual(ours.stage_id, self.s5)
        self.assertEqual(theirs.stage_id, self.odoo_won)

    def test_move_into_another_teams_stage_is_refused(self):
        lead = self._lead(self.s2)
        self.assertRefused(
            lambda: lead.with_user(self.rep).write({"stage_id": self.proposition.id}),
            "“Proposition” is not a stage of the pipeline of “Gate Test Team”",
        )
        self.assertEqual(lead.stage_id, self.s2)
        # no flexible node for it: the manager is refused as plainly
        with self.assertRaises(UserError) as refusal:
            lead.with_user(self.manager).write({"stage_id": self.proposition.id})
        self.assertNotIsInstance(refusal.exception, RedirectWarning)
        # changing the team with the move is a move within the new pipeline
        lead.write({"stage_id": self.proposition.id, "team_id": self.other_team.id})
        self.assertEqual(lead.stage_id, self.proposition)

    def test_mark_as_won_without_a_won_stage_is_refused(self):
        team = self.env["crm.team"].create(
            {"name": "No Won Team", "pipeline_own_stages": True}
        )
        start, middle = self.env["crm.stage"].create(
            [
                {"name": "NW1", "sequence": 1, "team_id": team.id},
                {"name": "NW2", "sequence": 2, "team_id": team.id},
            ]
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Nowhere to win",
                "type": "opportunity",
                "team_id": team.id,
                "stage_id": middle.id,
                "probability": 40,
            }
        )
        lead.action_archive()
        probability = lead.probability
        self.assertRefused(
            lead.with_user(self.manager).action_set_won,
            "“No Won Team” has no won stage",
        )
        self.assertEqual(lead.stage_id, middle)
        self.assertFalse(lead.active, "nothing changed, not even the archive")
        self.assertEqual(lead.probability, probability)
        # with a won stage in its pipeline, it wins there
        won = self.env["crm.stage"].create(
            {"name": "NW Won", "sequence": 3, "team_id": team.id, "is_won": True}
        )
        lead.action_set_won()
        self.assertEqual(lead.stage_id, won)
        self.assertTrue(lead.active)
        self.assertNotEqual(start, lead.stage_id)

    def test_gates_follow_the_lead_not_the_company_the_user_works_in(self):
        Company = self.env["res.company"]
        exempt = Company.create(
            {"name": "Gates Off Co", "sales_gate_enforcement": False}
        )
        self.rep.company_ids |= exempt
        team = self.env["crm.team"].create(
            {"name": "Companyless Team", "company_id": False}
        )
        (self.s1 | self.s2 | self.s3).team_id = team
        (self.c_need | self.c_budget | self.c_partner).company_id = False
        lead = self.env["crm.lead"].create(
            {
                "name": "Nobody's company",
                "type": "opportunity",
                "team_id": team.id,
                "company_id": False,
                "user_id": self.rep.id,
                "stage_id": self.s2.id,
            }
        )
        self.assertFalse(lead.company_id)
        for company in (self.company, exempt):
            rep = lead.with_user(self.rep).with_context(
                allowed_company_ids=(company | self.rep.company_ids).ids
            )
            self.assertEqual(rep.env.company, company)
            self.assertRefused(
                lambda rep=rep: rep.write({"stage_id": self.s3.id}), "Need stated"
            )
            self.assertEqual(lead.stage_id, self.s2)
        # a criterion of one company never applies to a lead of none
        self.c_need.company_id = exempt
        self.assertNotIn(
            "Need stated",
            self.assertRefused(lambda: lead.write({"stage_id": self.s3.id})),
        )

    def test_new_stage_defaults_and_kanban_follow_the_team(self):
        Lead = self.env["crm.lead"].with_context(default_team_id=self.team.id)
        columns = Lead._read_group_stage_ids(self.env["crm.stage"], [])
        self.assertEqual(columns, self.s1 | self.s2 | self.s3 | self.s4 | self.s5)
        lead = Lead.create({"name": "Fresh", "type": "opportunity"})
        self.assertEqual(lead.stage_id, self.s1)
        # the form's status bar offers the stages of the team's pipeline
        self.assertEqual(
            lead.pipeline_stage_ids, self.s1 | self.s2 | self.s3 | self.s4 | self.s5
        )
        with Form(lead) as form:
            form.team_id = self.other_team
            self.assertIn(self.proposition, form.pipeline_stage_ids)
            self.assertNotIn(self.s2, form.pipeline_stage_ids)
            form.stage_id = self.proposition
        self.assertEqual(lead.stage_id, self.proposition)

    def test_pipelines_follow_every_change_of_stages_and_teams(self):
        """A move reads the pipelines from a cache: a change of a stage's
        teams, of a stage's order or of a team's "own stages only" applies
        to the very next move."""
        Stage = self.env["crm.stage"]
        qualified = self.env.ref("crm.stage_lead2")
        lead = self.env["crm.lead"].create(
            {
                "name": "Shared pipeline deal",
                "type": "opportunity",
                "team_id": self.other_team.id,
                "stage_id": self.proposition.id,
            }
        )
        lead.write({"stage_id": qualified.id})
        # the team keeps to its own stages: the shared ones leave its pipeline
        self.other_team.pipeline_own_stages = True
        self.assertRefused(
            lambda: lead.write({"stage_id": self.proposition.id}),
            "“Proposition” is not a stage of the pipeline of “Shared Stages Team”",
        )
        # a stage naming the team among its pipelines joins it
        self.proposition.pipeline_team_ids = [Command.link(self.other_team.id)]
        lead.write({"stage_id": self.proposition.id})
        self.assertEqual(lead.stage_id, self.proposition)
        # a stage of its own joins it, and leaves it for another team
        own = Stage.create(
            {"name": "Own", "sequence": 1, "team_id": self.other_team.id}
        )
        pipeline = Stage._pipelines(self.other_team)[self.other_team]
        self.assertEqual(pipeline, own | self.proposition)
        own.sequence = 90
        pipeline = Stage._pipelines(self.other_team)[self.other_team]
        self.assertEqual(pipeline.ids, [self.proposition.id, own.id])
        own.team_id = self.team
        self.assertRefused(
            lambda: lead.write({"stage_id": own.id}),
            "“Own” is not a stage of the pipeline of “Shared Stages Team”",
        )
        # deleting the team gives its stages to every team again
        self.proposition.pipeline_team_ids = False
        self.other_team.pipeline_own_stages = False
        third = self.env["crm.team"].create({"name": "Third Team"})
        Stage.create({"name": "Third own", "sequence": 2, "team_id": third.id})
        self.assertIn(self.proposition, Stage._pipelines(third)[third])
        lonely = Stage.search([("team_id", "=", third.id)])
        self.assertNotIn(lonely, Stage._pipelines(self.other_team)[self.other_team])
        third.unlink()
        self.assertIn(lonely, Stage._pipelines(self.other_team)[self.other_team])


@tagged("post_install", "-at_install")
class TestTeamChangeIsAMove(PathCase):
    """A change of team (or company) is a move into the new team's pipeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_team = cls.env["crm.team"].create({"name": "Shared Stages Team"})
        cls.new_stage = cls.env.ref("crm.stage_lead1")
        cls.proposition = cls.env.ref("crm.stage_lead3")
        cls.odoo_won = cls.env.ref("crm.stage_lead4")
        cls.s1.fold = False

    def test_win_in_another_team_then_switch_back_is_refused(self):
        lead = self._lead(self.s3, **self._s2_exit_met())
        rep = lead.with_user(self.rep)
        # winning in a team whose pipeline has no gate is that team's business
        rep.write({"team_id": self.other_team.id, "stage_id": self.odoo_won.id})
        self.assertEqual(lead.stage_id, self.odoo_won)
        # back in the gated team, a won deal goes to its won stage through
        # every gate of its pipeline
        self.assertRefused(
            lambda: rep.write({"team_id": self.team.id}),
            "pipeline of “Gate Test Team”",
            "“P3”, exit criteria:",
            "Proposal attached",
            "“P4”, entry criteria:",
            "Contract review attached",
        )
        self.assertEqual(lead.team_id, self.other_team)
        self.assertEqual(lead.stage_id, self.odoo_won)
        # no flexible node for a change of team
        with self.assertRaises(UserError) as refusal:
            lead.with_user(self.manager).write({"team_id": self.team.id})
        self.assertNotIsInstance(refusal.exception, RedirectWarning)
        self._attach(lead, self.proposal_type)
        self._attach(lead, self.contract_type)
        rep.write({"team_id": self.team.id})
        self.assertEqual(lead.stage_id, self.s5)

    def test_team_only_write_puts_the_lead_on_the_new_pipeline(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Moving house",
                "type": "opportunity",
                "team_id": self.other_team.id,
                "user_id": self.rep.id,
                "stage_id": self.proposition.id,
            }
        )
        lead.with_user(self.rep).write({"team_id": self.team.id})
        self.assertEqual(lead.team_id, self.team)
        self.assertEqual(lead.stage_id, self.s1, "the start of the new pipeline")
        # a stage of both pipelines stays, once the gates on the way are met
        (self.s1 | self.s2 | self.s3).pipeline_team_ids = self.other_team
        ours = self._lead(self.s3, **self._s2_exit_met())
        ours.with_user(self.rep).write({"team_id": self.other_team.id})
        self.assertEqual(ours.stage_id, self.s3)
        # the gates of the new team's pipeline on the way to it are checked
        self.c_need.team_id = self.team
        ours.gate_checked_ids = False
        self.assertRefused(
            lambda: ours.with_user(self.rep).write({"team_id": self.team.id}),
            "Need stated",
        )
        self.assertEqual(ours.team_id, self.other_team)

    def test_merge_into_a_team_puts_the_head_on_its_pipeline(self):
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Duplicate {i}",
                    "type": "opportunity",
                    "team_id": self.other_team.id,
                    "user_id": self.rep.id,
                    "partner_id": self.partner.id,
                    "stage_id": self.proposition.id,
                }
                for i in range(2)
            ]
        )
        wizard = (
            self.env["crm.merge.opportunity"]
            .with_context(active_model="crm.lead", active_ids=leads.ids)
            .create(
                {
                    "opportunity_ids": [(6, 0, leads.ids)],
                    "user_id": self.manager.id,
                    "team_id": self.team.id,
                }
            )
        )
        wizard.action_merge()
        head = leads.exists()
        self.assertEqual(len(head), 1)
        self.assertEqual(head.team_id, self.team)
        self.assertEqual(head.stage_id, self.s1)

    def test_conversion_wizard_puts_the_lead_on_its_teams_pipeline(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Inbound lead",
                "type": "lead",
                "team_id": False,
                "user_id": False,
                "stage_id": self.new_stage.id,
            }
        )
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
            .create(
                {
                    "lead_id": lead.id,
                    "name": "convert",
                    "action": "nothing",
                    "user_id": self.rep.id,
                    "team_id": self.team.id,
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.team_id, self.team)
        self.assertEqual(lead.stage_id, self.s1)

    def test_company_change_checks_the_gates_again(self):
        other = self.env["res.company"].create({"name": "Gate Sister Co"})
        self.team.company_id = False
        self.rep.company_ids |= other
        # criteria of every company: the new company's gates are the same
        (self.c_need | self.c_budget | self.c_partner).company_id = False
        lead = self._lead(self.s3, company_id=self.company.id, **self._s2_exit_met())
        lead.gate_checked_ids = False
        self.assertRefused(lambda: lead.write({"company_id": other.id}), "Need stated")
        self.assertEqual(lead.company_id, self.company)
        lead.gate_checked_ids = self.c_need
        lead.write({"company_id": other.id})
        self.assertEqual(lead.company_id, other)


@tagged("post_install", "-at_install")
class TestDemoPipelines(TransactionCase):
    """Installing the suite leaves the other teams' pipelines as Odoo ships them."""

    def test_odoo_sales_team_still_wins_from_proposition(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Open space",
                "type": "opportunity",
                "team_id": self.env.ref("sales_team.team_sales_department").id,
                "user_id": self.env.ref("base.user_admin").id,
                "stage_id": self.env.ref("crm.stage_lead3").id,
            }
        )
        lead.with_user(self.env.ref("base.user_admin")).action_set_won()
        self.assertEqual(lead.stage_id, self.env.ref("crm.stage_lead4"))

    def test_odoo_demo_opportunity_modern_open_space_is_won(self):
        lead = self.env.ref("crm.crm_case_25", raise_if_not_found=False)
        if not lead:
            lead = self.env["crm.lead"].search([("name", "=", "Modern Open Space")])
        self.assertTrue(lead, "Odoo's CRM demo data is installed with the suite")
        lead.with_user(self.env.ref("base.user_admin")).action_set_won()
        self.assertEqual(lead.stage_id, self.env.ref("crm.stage_lead4"))

    def test_the_suite_leaves_odoos_stages_shared(self):
        for xmlid in ("stage_lead1", "stage_lead2", "stage_lead3", "stage_lead4"):
            stage = self.env.ref(f"crm.{xmlid}")
            self.assertFalse(stage.team_id, stage.name)
            self.assertFalse(stage.pipeline_team_ids, stage.name)
        # every team that is not a playbook team finds Odoo's won stage
        for team in self.env["crm.team"].search([("pipeline_own_stages", "=", False)]):
            won = (
                self.env["crm.lead"]
                .new({"team_id": team.id})
                ._stage_find(domain=[("is_won", "=", True)])
            )
            self.assertEqual(won, self.env.ref("crm.stage_lead4"), team.name)
        # code that takes "the first won stage" of the database finds Odoo's
        first_won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        self.assertEqual(first_won, self.env.ref("crm.stage_lead4"))

    def test_mark_as_won_from_negotiation_stops_at_contract_review(self):
        lead = self.env.ref("sales_process_framework.crm_lead_gate_overridden")
        manager = self.env.ref("sales_process_framework.user_zhao_lei")
        # the manager is refused too, and offered the flexible node
        with self.assertRaises(RedirectWarning) as refusal:
            lead.with_user(manager).action_set_won()
        self.assertIn("Contract review form attached", str(refusal.exception))
        self.assertEqual(
            lead.stage_id, self.env.ref("sales_process_framework.stage_negotiation")
        )

    def test_demo_win_in_odoos_sales_team_then_back_to_b2b_is_refused(self):
        lead = self.env.ref("sales_process_framework.crm_lead_gate_blocked")
        direct = self.env.ref("sales_process_framework.crm_team_direct")
        sales = self.env.ref("sales_team.team_sales_department")
        rep = self.env.ref("sales_process_framework.user_li_wei")
        self.assertEqual(lead.team_id, direct)
        mine = lead.with_user(rep)
        mine.write(
            {"team_id": sales.id, "stage_id": self.env.ref("crm.stage_lead4").id}
        )
        with self.assertRaises(UserError) as refusal:
            mine.write({"team_id": direct.id})
        self.assertIn("Contract review form attached", str(refusal.exception))
        self.assertEqual(lead.team_id, sales)
        self.assertEqual(lead.stage_id, self.env.ref("crm.stage_lead4"))

    def test_demo_team_only_write_lands_on_the_new_pipeline(self):
        lead = self.env.ref("sales_process_framework.crm_lead_gate_ready")
        sales = self.env.ref("sales_team.team_sales_department")
        rep = self.env.ref("sales_process_framework.user_li_wei")
        lead.with_user(rep).write({"team_id": sales.id})
        self.assertEqual(lead.stage_id, self.env.ref("crm.stage_lead1"))

    def test_demo_detour_through_lead_acquisition_keeps_nurturings_gate(self):
        lead = self.env.ref("sales_process_framework.crm_lead_gate_budget")
        rep = lead.user_id
        nurturing = self.env.ref("sales_process_framework.stage_lead_nurturing")
        self.assertEqual(lead.stage_id, nurturing)
        lead.with_user(rep).write(
            {
                "stage_id": self.env.ref(
                    "sales_process_framework.stage_lead_acquisition"
                ).id
            }
        )
        with self.assertRaises(UserError) as refusal:
            lead.with_user(rep).write(
                {
                    "stage_id": self.env.ref(
                        "sales_process_framework.stage_needs_diagnosis"
                    ).id
                }
            )
        self.assertIn("Budget of at least 500,000", str(refusal.exception))


@tagged("post_install", "-at_install")
class TestOverridePath(PathCase):
    """An override exists only through the override path, and is used once."""

    def setUp(self):
        super().setUp()
        self.lead = self._lead(self.s2, name="Custom solution deal")

    def _override(self, user, reason="Customer needs a custom-solution approval"):
        wizard = Form(
            self.env["sales.gate.override.wizard"]
            .with_user(user)
            .with_context(default_lead_ids=self.lead.ids)
        )
        wizard.stage_id = self.s3
        wizard.reason = reason
        return wizard.save()

    @users("gate_manager")
    def test_forged_override_is_refused(self):
        Override = self.env["sales.gate.override"]
        with self.assertRaises(UserError):
            Override.create(
                {
                    "lead_id": self.lead.id,
                    "user_id": self.rep.id,
                    "date": "2020-01-01 00:00:00",
                    "to_stage_id": self.s3.id,
                    "reason": " ",
                }
            )
        self.assertFalse(Override.search([("lead_id", "=", self.lead.id)]))

    def test_server_sets_who_when_and_what_and_the_override_is_used_once(self):
        self._override(self.manager).action_confirm()
        override = self.lead.gate_override_ids
        self.assertEqual(override.user_id, self.manager)
        self.assertTrue(override.used)
        self.assertEqual(
            override.criterion_ids, self.c_need | self.c_budget | self.c_partner
        )
        with self.assertRaises(UserError):
            override.with_user(self.manager).write(
                {"user_id": self.rep.id, "date": "2020-01-01 00:00:00", "used": False}
            )
        self.lead.write({"stage_id": self.s2.id})
        # used: neither the override nor a context key naming it moves it again
        with self.assertRaises(RedirectWarning):
            self.lead.with_user(self.manager).with_context(
                sales_gate_override_ids=override.ids
            ).write({"stage_id": self.s3.id})
        self.assertEqual(self.lead.stage_id, self.s2)

    def test_blank_reason_is_refused_on_the_server(self):
        wizard = (
            self.env["sales.gate.override.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "lead_ids": [(6, 0, self.lead.ids)],
                    "stage_id": self.s3.id,
                    "reason": "   ",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(self.lead.stage_id, self.s2)
        self.assertFalse(self.lead.gate_override_ids)


@tagged("post_install", "-at_install")
class TestCriteriaAreData(PathCase):
    """Criteria are met by what happened, and conditions are data, not code."""

    def test_message_naming_an_activity_type_is_not_a_done_activity(self):
        call = self.env.ref("mail.mail_activity_data_call")
        self.env["sales.gate.criterion"].create(
            {
                "name": "Discovery call done",
                "stage_id": self.s2.id,
                "kind": "activity",
                "activity_type_id": call.id,
            }
        )
        lead = self._lead(self.s2, **self._s2_exit_met())
        lead.with_user(self.rep).message_post(
            body="note", mail_activity_type_id=call.id
        )
        self.assertRefused(
            lambda: lead.with_user(self.rep).write({"stage_id": self.s3.id}),
            "Discovery call done",
        )
        lead.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.rep.id
        ).with_user(self.rep).action_feedback("Discussed their line")
        lead.with_user(self.rep).write({"stage_id": self.s3.id})
        self.assertEqual(lead.stage_id, self.s3)

    def test_activity_done_mark_cannot_be_forged(self):
        call = self.env.ref("mail.mail_activity_data_call")
        self.env["sales.gate.criterion"].create(
            {
                "name": "Discovery call done",
                "stage_id": self.s2.id,
                "kind": "activity",
                "activity_type_id": call.id,
            }
        )
        lead = self._lead(self.s2, **self._s2_exit_met())
        forged = {
            "model": "crm.lead",
            "res_id": lead.id,
            "mail_activity_type_id": call.id,
            "sales_activity_done": True,
            "message_type": "comment",
            "body": "x",
        }
        for env in (self.env(user=self.rep), self.env(su=True)):
            with self.assertRaises(UserError) as refusal:
                env["mail.message"].create(forged)
            self.assertIn("Activity Marked Done", str(refusal.exception))
            # message_post refuses the value before create would
            with self.assertRaises(ValueError):
                lead.with_env(env).message_post(
                    body="x", mail_activity_type_id=call.id, sales_activity_done=True
                )
        message = lead.with_user(self.rep).message_post(
            body="note", mail_activity_type_id=call.id
        )
        with self.assertRaises(UserError):
            message.sudo().write({"sales_activity_done": True})
        self.assertFalse(
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "crm.lead"),
                    ("res_id", "=", lead.id),
                    ("sales_activity_done", "=", True),
                ]
            )
        )
        self.assertRefused(
            lambda: lead.with_user(self.rep).write({"stage_id": self.s3.id}),
            "Discovery call done",
        )
        # marking the activity done still counts
        lead.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.rep.id
        ).with_user(self.rep).action_feedback("Called")
        lead.with_user(self.rep).write({"stage_id": self.s3.id})
        self.assertEqual(lead.stage_id, self.s3)

    def test_condition_with_code_is_refused_when_saved(self):
        Criterion = self.env["sales.gate.criterion"]
        for domain in (
            "[('expected_revenue', '>=', 0*sum(range(10**7)))]",
            "[('expected_revenue', '>=', __import__('os').getpid())]",
            "[('gate_exit_done', '=', 0)]",  # not stored: computed on every read
        ):
            with self.assertRaises(ValidationError) as error:
                Criterion.create(
                    {
                        "name": "Costly",
                        "stage_id": self.s2.id,
                        "kind": "domain",
                        "domain": domain,
                    }
                )
            self.assertIn("not a valid filter", str(error.exception))
        with self.assertRaises(ValidationError):
            self.c_budget.domain = "[('expected_revenue', '>=', 5 * 10**5)]"
        self.assertEqual(self.c_budget.domain, "[('expected_revenue', '>=', 500000)]")

    def test_condition_reads_only_what_the_opportunity_holds(self):
        Criterion = self.env["sales.gate.criterion"]
        self.assertTrue(self.env["res.partner"]._fields["signup_type"].groups)

        def criterion(domain):
            return Criterion.create(
                {
                    "name": "Oracle",
                    "stage_id": self.s2.id,
                    "kind": "domain",
                    "domain": domain,
                }
            )

        for domain in (
            "[('message_ids.mail_ids.body_html', 'ilike', 'secret')]",
            "[('message_ids.body', 'ilike', 'secret')]",
            "[('message_ids', 'ilike', 'secret')]",
            "[('partner_id', '=', 'Gate Customer')]",
            "[('partner_id.signup_type', '=', 'signup')]",
            "[('partner_id.country_id.code', '=', 'CN')]",
            "[('partner_id', 'any', [('user_ids', 'any', [('login', '=', 'a')])])]",
        ):
            with self.assertRaises(ValidationError, msg=domain):
                criterion(domain)
        # the opportunity's own fields, and one step through a many-to-one
        for domain in (
            "[('partner_id.name', 'ilike', 'gate')]",
            "[('partner_id.country_id', 'in', [1, 2])]",
            "[('partner_id', 'any', [('name', 'ilike', 'gate')])]",
            "[('tag_ids', 'in', [1])]",
            "[('partner_id', '!=', False)]",
        ):
            self.assertTrue(criterion(domain), domain)

    def test_condition_values_must_suit_the_field(self):
        Criterion = self.env["sales.gate.criterion"]
        for domain, hint in (
            ("[('expected_revenue', '>=', 'a lot')]", "needs a number"),
            ("[('expected_revenue', '>=', 1e999)]", "needs a number"),
            ("[('expected_revenue', 'ilike', '5')]", "cannot be compared with"),
            ("[('priority', '=', '9')]", "needs one of"),
            ("[('date_deadline', '>=', 'next week')]", "needs a date"),
            ("[('name', '>', 5)]", "cannot be compared with"),
            ("[('name', '=', 5)]", "needs a text"),
            ("[('active', '=', 'yes')]", "needs True or False"),
        ):
            with self.assertRaises(ValidationError, msg=domain) as error:
                Criterion.create(
                    {
                        "name": "Mistyped",
                        "stage_id": self.s2.id,
                        "kind": "domain",
                        "domain": domain,
                    }
                )
            self.assertIn(hint, str(error.exception), domain)
        # a number written as a text is read as a number
        self.c_budget.domain = '[("expected_revenue", ">=", "500000")]'
        lead = self._lead(self.s2, **self._s2_exit_met())
        self.assertEqual(lead.gate_exit_done, 3)
        lead.write({"stage_id": self.s3.id})
        self.assertEqual(lead.stage_id, self.s3)

    def test_condition_failing_when_evaluated_is_not_met_and_breaks_nothing(self):
        lead = self._lead(self.s2, **self._s2_exit_met())
        # a condition stored before the checks of today
        self.env.cr.execute(
            "UPDATE sales_gate_criterion SET domain = %s WHERE id = %s",
            ["[('expected_revenue', '>=', [1, 2])]", self.c_budget.id],
        )
        self.env.invalidate_all()
        # as a server started on that data: nothing of it cached yet
        self.env.registry.clear_cache()
        with self.assertLogs(
            "odoo.addons.sales_process_framework.models.sales_gate_evaluator",
            "WARNING",
        ):
            # the cards' stored progress follows it at the next refresh
            lead._refresh_gate_progress()
            self.assertEqual(
                (lead.gate_exit_total, lead.gate_exit_done), (3, 2), "not met"
            )
        records = (
            self.env["crm.lead"]
            .with_user(self.rep)
            .web_search_read(
                [("id", "=", lead.id)],
                {"gate_exit_done": {}, "gate_status_html": {}},
            )["records"]
        )
        self.assertEqual(records[0]["gate_exit_done"], 2)
        self.assertRefused(
            lambda: lead.write({"stage_id": self.s3.id}), "Budget at least 500,000"
        )

    def test_condition_on_a_related_stored_field_is_met_in_the_batch(self):
        self.c_budget.domain = "[('partner_id.name', 'ilike', 'gate customer')]"
        lead = self._lead(self.s2, **self._s2_exit_met())
        lead.write({"stage_id": self.s3.id})
        self.assertEqual(lead.stage_id, self.s3)


@tagged("post_install", "-at_install")
class TestBlockedReportRefresh(PathCase):
    def test_refresh_works_from_the_list_pivot_and_graph(self):
        lead = self._lead(self.s2)
        Result = self.env["sales.gate.result"].with_user(self.manager)
        Result.sudo()._cron_refresh()
        shown = Result.search([("lead_id", "=", lead.id)])
        self.assertTrue(shown)
        # the list's header button sends the records shown or selected ...
        action = call_kw(Result, "action_refresh", [shown.ids], {})
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        # ... the pivot and graph button none
        action = call_kw(Result, "action_refresh", [[]], {})
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        self.assertTrue(Result.search([("lead_id", "=", lead.id)]))
        with self.assertRaises(AccessError):
            call_kw(Result.with_user(self.rep), "action_refresh", [[]], {})
