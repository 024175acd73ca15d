# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import SalesCase


class LibraryCase(SalesCase):
    LOGIN = "library"
    CONTEXT = {"tracking_disable": True}
    TEAM = {"name": "Library Team"}
    WON_STAGE = "Library Won"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage = cls.env["crm.stage"].create({"name": "Library Stage"})
        cls.industry = cls.env["res.partner.industry"].create({"name": "Bearings"})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Library Bearings Ltd", "industry_id": cls.industry.id}
        )
        cls.script = cls.env["sales.script"].create(
            {
                "name": "Price objection",
                "situation": "price",
                "content": "<p>Version one</p>",
                "stage_ids": [(6, 0, cls.stage.ids)],
            }
        )
        cls.script.action_train()
        cls.script.action_use()

    @classmethod
    def _lead(cls, outcome=None, user=None, **vals):
        lead = cls.env["crm.lead"].create(
            {
                "name": "Library deal",
                "type": "opportunity",
                "team_id": cls.team.id,
                "user_id": (user or cls.rep).id,
                "stage_id": cls.stage.id,
                "partner_id": cls.customer.id,
                **vals,
            }
        )
        if outcome == "won":
            lead.action_set_won()
        elif outcome == "lost":
            lead.action_set_lost()
        return lead


class TestScriptLibrary(LibraryCase):
    def test_the_loop_keeps_every_version_readable(self):
        self.script.action_optimise()
        self.assertEqual(self.script.version, 2)
        self.assertEqual(self.script.state, "training")
        old = self.script.version_ids
        self.assertEqual(old.version, 1)
        self.assertIn("Version one", old.content)
        self.script.content = "<p>Version two</p>"
        self.assertIn("Version one", old.content)
        # the salesperson reads the earlier version too
        self.assertIn("Version one", old.with_user(self.rep).content)
        self.script.action_use()
        self.script.action_retire()
        self.assertEqual(self.script.state, "retired")
        with self.assertRaisesRegex(UserError, "Retired"):
            self.script.action_optimise()

    def test_nobody_writes_a_scripts_history_by_hand(self):
        """Earlier versions are what a script said before each optimisation:
        a process manager could add made-up ones by RPC (and so block the
        next optimisation on the version number he took)."""
        with self.assertRaises(AccessError):
            self.env["sales.script.version"].with_user(self.manager).create(
                {"script_id": self.script.id, "version": 2, "name": "Made up"}
            )
        self.script.with_user(self.manager).action_optimise()
        self.assertEqual(self.script.version_ids.version, 1)

    def test_salesperson_proposes_managers_run_the_loop(self):
        Script = self.env["sales.script"].with_user(self.rep)
        proposal = Script.create(
            {"name": "Opening", "situation": "opening", "content": "<p>Hi</p>"}
        )
        self.assertEqual(proposal.state, "collected")
        # the form lets the author edit the proposal, not the library's scripts
        self.assertTrue(proposal.can_edit)
        self.assertFalse(self.script.with_user(self.rep).can_edit)
        self.assertTrue(self.script.with_user(self.manager).can_edit)
        proposal.content = "<p>Hello</p>"
        with self.assertRaises(AccessError):
            proposal.action_train()
        with self.assertRaises(ValidationError):
            proposal.write({"state": "in_use"})
        with self.assertRaises(ValidationError):
            Script.create(
                {
                    "name": "Sneaky",
                    "situation": "opening",
                    "content": "<p>x</p>",
                    "state": "in_use",
                }
            )
        # another salesperson does not see the proposal until it is trained
        self.assertFalse(Script.with_user(self.rep2).search([("id", "=", proposal.id)]))
        proposal.with_user(self.manager).action_train()
        self.assertTrue(Script.with_user(self.rep2).search([("id", "=", proposal.id)]))
        # once trained, the proposal is the library's: read only for its author
        with self.assertRaises(AccessError):
            proposal.content = "<p>Changed</p>"
        with self.assertRaises(AccessError):
            self.script.with_user(self.rep).content = "<p>Mine</p>"

    def test_win_rate_of_the_opportunities_using_the_script(self):
        won = self._lead("won")
        lost = self._lead("lost")
        open_lead = self._lead()
        other = self._lead("lost")
        # the salesperson marks the script as used on their opportunities
        for lead in won | lost | open_lead:
            with Form(lead.with_user(self.rep)) as form:
                form.sales_script_ids.add(self.script)
        self.assertEqual(self.script.usage_count, 3)
        self.assertEqual(self.script.user_ids, self.rep)
        # won among closed: the open one waits, the other lost one did not use it
        self.assertEqual(self.script.closed_count, 2)
        self.assertAlmostEqual(self.script.win_rate, 50.0)
        figure = self.env["sales.measure"].compute(
            "script_win_rate", "script", date.today(), date.today()
        )[self.script.id]
        self.assertAlmostEqual(figure.value(100.0), self.script.win_rate)
        action = self.script.action_view_opportunities()
        shown = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search(action["domain"])
        )
        self.assertEqual(shown, won | lost)
        self.assertNotIn(other, shown)

    def test_the_salesperson_picks_only_scripts_in_training_or_use(self):
        retired = self.env["sales.script"].create(
            {"name": "Old", "situation": "closing", "content": "<p>x</p>"}
        )
        retired.action_retire()
        lead = self._lead()
        picked = self.env["sales.script"].search(
            lead._fields["sales_script_ids"].get_domain_list(lead)
        )
        self.assertIn(self.script, picked)
        self.assertNotIn(retired, picked)

    def test_the_salesperson_links_only_scripts_in_training_or_use(self):
        """The picker's domain was the only guard: by RPC a salesperson
        linked a colleague's unpublished proposal (one he may not read) or a
        retired script to his opportunity, into its usage and win rate."""
        proposal = (
            self.env["sales.script"]
            .with_user(self.rep2)
            .create(
                {"name": "Unpublished", "situation": "price", "content": "<p>x</p>"}
            )
        )
        retired = self.env["sales.script"].create(
            {"name": "Old", "situation": "closing", "content": "<p>x</p>"}
        )
        retired.action_retire()
        lead = self._lead().with_user(self.rep)
        with self.assertRaises(AccessError) as caught:
            lead.write({"sales_script_ids": [(4, proposal.id)]})
        self.assertNotIn("Unpublished", str(caught.exception))
        with self.assertRaisesRegex(ValidationError, "Scripts Used"):
            lead.write({"sales_script_ids": [(4, retired.id)]})
        with self.assertRaisesRegex(ValidationError, "Scripts Used"):
            self.env["crm.lead"].with_user(self.rep).create(
                {
                    "name": "New deal",
                    "type": "opportunity",
                    "user_id": self.rep.id,
                    "sales_script_ids": [(6, 0, retired.ids)],
                }
            )
        lead.write({"sales_script_ids": [(4, self.script.id)]})
        lead.invalidate_recordset(["sales_script_ids"])
        self.assertEqual(lead.sudo().sales_script_ids, self.script)
        # a script retired later stays on the opportunity that used it
        self.script.action_retire()
        lead.write({"name": "Renamed", "sales_script_ids": [(4, self.script.id)]})

    def test_the_library_reads_its_figures_in_one_batch(self):
        """Usage and win rate cost the same queries for 2 scripts or 8."""
        leads = self._lead("won") | self._lead("lost") | self._lead()

        def scripts(count):
            return self.env["sales.script"].create(
                [
                    {
                        "name": f"Batch {count}.{i}",
                        "situation": "closing",
                        "content": "<p>x</p>",
                        "lead_ids": [(6, 0, leads.ids)],
                    }
                    for i in range(count)
                ]
            )

        warm_up, few, many = scripts(1), scripts(2), scripts(8)
        counts = []
        for batch in (warm_up, few, many):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.assertEqual(set(batch.mapped("usage_count")), {3})
            self.assertEqual(set(batch.mapped("win_rate")), {50.0})
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2])


class TestCaseLibrary(LibraryCase):
    def test_cases_link_won_opportunities_only(self):
        won = self._lead("won")
        open_lead = self._lead()
        Case = self.env["sales.case"].with_user(self.rep)
        case = Case.create(
            {
                "name": "Bearings case",
                "partner_id": self.customer.id,
                "lead_ids": [(6, 0, won.ids)],
            }
        )
        self.assertEqual(case.industry_id, self.industry)
        self.assertEqual(case.user_id, self.rep)
        with self.assertRaisesRegex(ValidationError, "Won Opportunities"):
            case.lead_ids = [(4, open_lead.id)]

    def test_salesperson_proposes_manager_publishes(self):
        case = (
            self.env["sales.case"]
            .with_user(self.rep)
            .create({"name": "Proposal", "partner_id": self.customer.id})
        )
        with self.assertRaises(AccessError):
            case.action_publish()
        with self.assertRaises(ValidationError):
            case.write({"is_published": True})
        lead = self._lead(user=self.rep2)
        # another salesperson sees no unpublished case of the industry
        self.assertEqual(lead.with_user(self.rep2).reference_case_count, 0)
        self.assertTrue(case.can_edit)
        case.with_user(self.manager).action_publish()
        self.assertTrue(case.is_published)
        case.invalidate_recordset(["can_edit"])
        self.assertFalse(case.can_edit)
        lead.invalidate_recordset(["reference_case_count"])
        self.assertEqual(lead.with_user(self.rep2).reference_case_count, 1)
        action = lead.with_user(self.rep2).action_view_reference_cases()
        self.assertEqual(
            self.env["sales.case"].with_user(self.rep2).search(action["domain"]),
            case,
        )
        # published, the case is no longer its author's to change
        with self.assertRaises(AccessError):
            case.name = "Changed"


class TestShippedScripts(SalesCase):
    def test_shipped_scripts_read_in_the_salespersons_language(self):
        script = self.env.ref("sales_process_framework.sales_script_first_response")
        for lang, name, step in (
            ("zh_CN", "3 分钟内首次响应", "就客户现状提一个开放式问题。"),
            ("zh_TW", "3 分鐘內首次響應", "就客戶現狀提一個開放式問題。"),
        ):
            translated = script.with_context(lang=lang)
            self.assertEqual(translated.name, name)
            self.assertIn(step, translated.content)
        self.assertEqual(
            script.with_context(lang="en_US").name, "First response within 3 minutes"
        )
