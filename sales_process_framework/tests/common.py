# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import date, timedelta
from pathlib import Path

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# The stages of the B2B playbook, in pipeline order.
B2B_STAGES = [
    "Lead Acquisition",
    "Lead Nurturing",
    "Needs Diagnosis",
    "Solution Presentation",
    "Negotiation",
    "Contract Signing",
    "Delivery",
    "After-sales Follow-up",
]


def load_script(path):
    """A migration script as a module, to call its ``migrate``: its file name
    has dashes, so it cannot be imported."""
    path = Path(path)
    name = f"migration_{path.parent.name}_{path.stem}".replace(".", "_")
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def process_state(env, opportunities):
    """What applying a playbook may change: every stage, gate criterion,
    journey phase and touchpoint with its last write, and the stage of each
    opportunity given. Equal before and after means nothing changed."""
    models = (
        "crm.stage",
        "sales.gate.criterion",
        "sales.journey.phase",
        "sales.journey.touchpoint",
    )
    env.flush_all()
    return [
        sorted(
            env[model]
            .with_context(active_test=False)
            .search([])
            .mapped(lambda r: (r.id, r.write_date))
        )
        for model in models
    ] + [sorted(opportunities.mapped(lambda r: (r.id, r.stage_id.id)))]


class SalesCase(TransactionCase):
    """The set-up every test of the suite starts from: a company, its people
    per role, a sales team and, when asked, a won stage.

    A subclass chooses with class attributes:

    * ``COMPANY``: the values of a company of its own, or None for the
      current company;
    * ``LOGIN``: the prefix of its users' logins, ``<LOGIN>_rep`` and so on;
    * ``TZ``: the users' time zone, when the figures are cut in days;
    * ``CONTEXT``: keys added to the context of the tests' environment;
    * ``TEAM``: the values of the team, ``TEAM_LEADER`` and ``TEAM_MEMBERS``
      the roles that lead it and belong to it;
    * ``WON_STAGE``: the name of a won stage shared by every team, or None.

    The roles: ``rep`` and ``rep2`` (salespeople), ``leader`` (a salesperson
    who leads the team) and ``manager`` (a sales manager); ``GROUPS`` adds
    groups to a role.
    """

    COMPANY = None
    LOGIN = "sales"
    TZ = None
    CONTEXT = {}
    TEAM = {"name": "Sales Test Team"}
    TEAM_LEADER = "leader"
    TEAM_MEMBERS = ("rep", "rep2", "leader")
    WON_STAGE = None
    ROLES = {
        "rep": "sales_team.group_sale_salesman",
        "rep2": "sales_team.group_sale_salesman",
        "leader": "sales_team.group_sale_salesman",
        "manager": "sales_team.group_sale_manager",
    }
    GROUPS = {}
    NAMES = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        context = dict(cls.env.context, **cls.CONTEXT)
        if cls.COMPANY is not None:
            cls.company = cls.env["res.company"].create(dict(cls.COMPANY))
            cls.env.user.company_ids |= cls.company
            context["allowed_company_ids"] = cls.company.ids
        if cls.TZ:
            context["tz"] = cls.TZ
            cls.env.user.tz = cls.TZ
        cls.env = cls.env(context=context)
        if cls.COMPANY is None:
            cls.company = cls.env.company
        for role, groups in cls.ROLES.items():
            extra = cls.GROUPS.get(role)
            setattr(
                cls,
                role,
                cls.new_user(
                    f"{cls.LOGIN}_{role}",
                    f"{groups},{extra}" if extra else groups,
                    name=cls.NAMES.get(role),
                ),
            )
        cls.team = cls.env["crm.team"].create(
            {
                **cls.TEAM,
                "company_id": cls.company.id,
                "user_id": getattr(cls, cls.TEAM_LEADER).id,
                "member_ids": [
                    Command.set([getattr(cls, role).id for role in cls.TEAM_MEMBERS])
                ],
            }
        )
        if cls.WON_STAGE:
            cls.won_stage = cls.env["crm.stage"].create(
                {"name": cls.WON_STAGE, "sequence": 99, "is_won": True}
            )

    @classmethod
    def new_user(cls, login, groups="sales_team.group_sale_salesman", **values):
        """A user of the test company (and only of it when it is the
        test's own), in the tests' time zone."""
        if cls.COMPANY is not None:
            values.update(
                company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)]
            )
        if cls.TZ:
            values["tz"] = cls.TZ
        return new_test_user(
            cls.env,
            login,
            groups=groups,
            **{key: value for key, value in values.items() if value is not None},
        )


class GateCase(SalesCase):
    """A small pipeline of its own, so the tests do not lean on demo data.

    Stages P1..P5 are the pipeline of a test team that uses its own stages
    only, so the stages shared by other teams never come in the way.
    """

    LOGIN = "gate"
    CONTEXT = {"tracking_disable": True}
    TEAM = {"name": "Gate Test Team", "pipeline_own_stages": True}
    TEAM_LEADER = "manager"
    TEAM_MEMBERS = ()
    GROUPS = {"manager": "sales_process_framework.group_gate_override"}
    NAMES = {"rep": "Gate Rep", "manager": "Gate Manager"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sales_gate_enforcement = True
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


# The access matrix ------------------------------------------------------------
ROLES = (
    "salesperson",
    "team_leader",
    "sales_manager",
    "commission_admin",
    "other_company",
)
OPERATIONS = ("read_own", "read_others", "write", "create", "unlink")


def matrix_rows(
    salesperson, team_leader, sales_manager, commission_admin, other_company
):
    """The expected cells of one model, one string of five 0/1 per role."""
    return {
        "salesperson": salesperson,
        "team_leader": team_leader,
        "sales_manager": sales_manager,
        "commission_admin": commission_admin,
        "other_company": other_company,
    }


class AccessMatrixCase(TransactionCase):
    """Two companies and the five roles of the access matrix.

    Each addon's matrix test lists, per model, a factory making a record
    owned by a user in a company, and the expected cells per role as a string
    of five 0/1 flags in the order of ``OPERATIONS``:

    * read own: a record of the role's user in the role's company;
    * read others': a record of another salesperson of company A, in another
      team (so a team leader's "led team" does not cover it);
    * write, create, unlink: on the role's own record.

    The user of the other company (B) is a sales manager and commission
    administrator there: only company rules keep company A's records away.
    Access is asked of the ORM (access rights and record rules) with
    ``has_access``, the check every way in goes through.
    """

    MATRIX = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Company = cls.env["res.company"]
        cls.company_a = Company.create({"name": "Matrix Co A"})
        cls.company_b = Company.create({"name": "Matrix Co B"})
        cls.env.user.company_ids |= cls.company_a | cls.company_b
        # the commission administrators' group, when its addon is installed
        extra = "sales_team_performance.group_commission_manager"
        if not cls.env.ref(extra, raise_if_not_found=False):
            extra = ""

        def user(login, groups, company):
            groups = ",".join(g for g in groups if g)
            return new_test_user(
                cls.env,
                login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        salesman = "sales_team.group_sale_salesman"
        manager = "sales_team.group_sale_manager"
        A, B = cls.company_a, cls.company_b
        cls.users = {
            "salesperson": user("matrix_rep", [salesman], A),
            "team_leader": user(
                "matrix_leader", ["sales_team.group_sale_salesman_all_leads"], A
            ),
            "sales_manager": user("matrix_manager", [manager], A),
            "commission_admin": user("matrix_commission", [salesman, extra], A),
            "other_company": user("matrix_foreign", [manager, extra], B),
        }
        cls.stranger = user("matrix_stranger", [salesman], A)
        Team = cls.env["crm.team"]
        cls.team = Team.create(
            {
                "name": "Matrix Team",
                "company_id": A.id,
                "user_id": cls.users["team_leader"].id,
                "member_ids": [
                    Command.set(
                        (cls.users["salesperson"] | cls.users["team_leader"]).ids
                    )
                ],
            }
        )
        cls.other_team = Team.create(
            {
                "name": "Matrix Other Team",
                "company_id": A.id,
                "member_ids": [Command.set(cls.stranger.ids)],
            }
        )
        cls.team_b = Team.create(
            {
                "name": "Matrix Team B",
                "company_id": B.id,
                "member_ids": [Command.set(cls.users["other_company"].ids)],
            }
        )
        cls.stage = cls.env["crm.stage"].create({"name": "Matrix Stage"})
        cls.records = {}
        for model, (factory, _rows) in cls.MATRIX.items():
            cls.records[model] = {
                "others": factory(cls, cls.stranger, A),
                **{
                    role: factory(
                        cls,
                        cls.users[role],
                        B if role == "other_company" else A,
                    )
                    for role in ROLES
                },
            }

    # factories' helpers
    _serial = 0

    @classmethod
    def unique(cls, prefix):
        """A name no other record of the matrix has."""
        AccessMatrixCase._serial += 1
        return f"{prefix} {AccessMatrixCase._serial}"

    @classmethod
    def unique_day(cls):
        """A day no other record of the matrix starts on."""
        AccessMatrixCase._serial += 1
        return date(2020, 1, 1) + timedelta(days=AccessMatrixCase._serial)

    @classmethod
    def company_env(cls, company):
        return cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))

    @classmethod
    def lead_of(cls, owner, company):
        return cls.company_env(company)["crm.lead"].create(
            {
                "name": f"Matrix deal of {owner.login}",
                "type": "opportunity",
                "user_id": owner.id,
                "team_id": owner.sale_team_id.id,
                "company_id": company.id,
                "stage_id": cls.stage.id,
            }
        )

    @classmethod
    def customer_of(cls, owner, company):
        return cls.env["res.partner"].create(
            {
                "name": f"Matrix customer of {owner.login}",
                "is_company": True,
                "user_id": owner.id,
                "company_id": company.id,
            }
        )

    def _cell(self, model, role, operation):
        records = self.records[model]
        user = self.users[role]
        if operation == "read_others":
            record = records["others"]
            operation = "read"
        else:
            record = records[role]
            operation = "read" if operation == "read_own" else operation
        # as the user works: in the companies of the user
        return (
            record.with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
            .has_access(operation)
        )

    @staticmethod
    def generate_cells(cls):
        """Class decorator: one test per model, role and operation, named
        after them, from the class's MATRIX."""

        def make(model, role, index, expected):
            def test(self):
                self.assertEqual(
                    self._cell(model, role, OPERATIONS[index]),
                    expected == "1",
                    f"{model}: {role} may {'' if expected == '1' else 'not '}"
                    f"{OPERATIONS[index].replace('_', ' ')}",
                )

            return test

        addon = cls.__module__.split(".")[2]

        def test_every_model_is_in_the_matrix(self):
            accesses = self.env["ir.model.data"].search(
                [("module", "=", addon), ("model", "=", "ir.model.access")]
            )
            models = set(
                self.env["ir.model.access"]
                .browse(accesses.mapped("res_id"))
                .model_id.mapped("model")
            )
            self.assertFalse(models - set(self.MATRIX), "models missing a matrix row")

        def test_every_record_rule_is_on_a_matrix_model(self):
            rules = self.env["ir.model.data"].search(
                [("module", "=", addon), ("model", "=", "ir.rule")]
            )
            models = set(
                self.env["ir.rule"]
                .browse(rules.mapped("res_id"))
                .model_id.mapped("model")
            )
            self.assertTrue(models)
            self.assertFalse(models - set(self.MATRIX), "rules of untested models")

        cls.test_every_model_is_in_the_matrix = test_every_model_is_in_the_matrix
        cls.test_every_record_rule_is_on_a_matrix_model = (
            test_every_record_rule_is_on_a_matrix_model
        )
        for model, (_factory, rows) in cls.MATRIX.items():
            assert set(rows) == set(ROLES), model
            for role, cells in rows.items():
                assert len(cells) == len(OPERATIONS), (model, role)
                for index, expected in enumerate(cells):
                    name = "test_{}_{}_{}".format(
                        model.replace(".", "_"), role, OPERATIONS[index]
                    )
                    setattr(cls, name, make(model, role, index, expected))
        return cls
