# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import GateCase


@tagged("post_install", "-at_install")
class TestGateEnforcement(GateCase):
    """A blocking gate holds on every way a stage changes."""

    def setUp(self):
        super().setUp()
        self.lead = self._lead(self.s2, name="Blocked deal")

    def assertRefused(self, call, *missing):
        with self.assertRaises(UserError) as refusal:
            call()
        for item in missing:
            self.assertIn(item, str(refusal.exception))
        return refusal.exception

    def test_rpc_write_by_salesperson_is_refused_with_what_is_missing(self):
        error = self.assertRefused(
            lambda: self.lead.with_user(self.rep).write({"stage_id": self.s3.id}),
            "Cannot move to “P3”",
            "Need stated",
            "Budget at least 500,000",
        )
        # the warn criterion is not listed as a reason to refuse
        self.assertNotIn("Customer set", str(error))
        self.assertEqual(self.lead.stage_id, self.s2)

    def test_kanban_drop_and_form_statusbar_are_refused(self):
        # the kanban saves a dropped card with web_save, like the form does
        self.assertRefused(
            lambda: self.lead.with_user(self.rep).web_save(
                {"stage_id": self.s3.id}, {"stage_id": {}}
            ),
            "Need stated",
        )
        form = Form(self.lead.with_user(self.rep))
        form.stage_id = self.s3
        self.assertRefused(form.save, "Need stated")
        self.assertEqual(self.lead.stage_id, self.s2)

    def test_mass_edit_is_refused_for_every_blocked_opportunity(self):
        other = self._lead(self.s2, name="Second blocked deal")
        self.assertRefused(
            lambda: (
                (self.lead | other).with_user(self.rep).write({"stage_id": self.s3.id})
            ),
            "Blocked deal",
            "Second blocked deal",
        )
        self.assertEqual((self.lead | other).stage_id, self.s2)

    def test_import_reports_the_gate_and_changes_nothing(self):
        self.env["ir.model.data"].create(
            [
                {
                    "module": "__import__",
                    "name": "gate_lead",
                    "model": "crm.lead",
                    "res_id": self.lead.id,
                },
                {
                    "module": "__import__",
                    "name": "gate_p3",
                    "model": "crm.stage",
                    "res_id": self.s3.id,
                },
            ]
        )
        result = (
            self.env["crm.lead"]
            .with_user(self.rep)
            .load(
                ["id", "stage_id/id"], [["__import__.gate_lead", "__import__.gate_p3"]]
            )
        )
        self.assertFalse(result["ids"])
        self.assertIn("Need stated", " ".join(m["message"] for m in result["messages"]))
        self.assertEqual(self.lead.stage_id, self.s2)

    def test_server_action_and_scheduled_code_are_refused(self):
        action = self.env["ir.actions.server"].create(
            {
                "name": "Push to P3",
                "model_id": self.env.ref("crm.model_crm_lead").id,
                "state": "code",
                "code": f"records.write({{'stage_id': {self.s3.id}}})",
            }
        )
        self.assertRefused(
            lambda: action.with_context(
                active_model="crm.lead", active_ids=self.lead.ids
            ).run(),
            "Need stated",
        )
        # superuser code (scheduled actions, automations) has no way around it
        self.assertRefused(
            lambda: self.lead.sudo().write({"stage_id": self.s3.id}), "Need stated"
        )
        self.assertEqual(self.lead.stage_id, self.s2)

    def test_create_directly_into_a_stage_checks_its_entry_criteria(self):
        self.env["sales.gate.criterion"].create(
            {
                "name": "Contract review attached",
                "stage_id": self.s4.id,
                "direction": "entry",
                "kind": "deliverable",
                "deliverable_type_id": self.proposal_type.id,
            }
        )
        self.assertRefused(
            lambda: self._lead(self.s4, name="Straight to contract"),
            "Contract review attached",
        )
        self.assertFalse(
            self.env["crm.lead"].search([("name", "=", "Straight to contract")])
        )

    def test_move_succeeds_once_criteria_are_met_and_warn_items_are_noted(self):
        self.lead.write(
            {"gate_checked_ids": [(4, self.c_need.id)], "expected_revenue": 600000}
        )
        self.lead.with_user(self.rep).write({"stage_id": self.s3.id})
        self.assertEqual(self.lead.stage_id, self.s3)
        note = self.lead.message_ids[0]
        self.assertIn("Stage gate warning", note.body)
        self.assertIn("Customer set", note.body)

    def test_field_and_values_written_with_the_move_count(self):
        self.lead.with_user(self.rep).write(
            {
                "stage_id": self.s3.id,
                "gate_checked_ids": [(4, self.c_need.id)],
                "expected_revenue": 750000,
                "partner_id": self.partner.id,
            }
        )
        self.assertEqual(self.lead.stage_id, self.s3)

    def test_deliverable_attached_and_activity_done_meet_their_criteria(self):
        self._meet_s2_exit(self.lead)
        self.lead.write({"stage_id": self.s3.id})
        self.assertRefused(
            lambda: self.lead.write({"stage_id": self.s4.id}), "Proposal attached"
        )
        empty = self.env["crm.lead.deliverable"].create(
            {"lead_id": self.lead.id, "type_id": self.proposal_type.id}
        )
        self.assertEqual(empty.state, "missing")
        self.assertRefused(
            lambda: self.lead.write({"stage_id": self.s4.id}), "Proposal attached"
        )
        empty.write({"file": "UHJvcG9zYWw=", "file_name": "proposal.pdf"})
        self.assertEqual(empty.state, "attached")
        self.env["sales.gate.criterion"].create(
            {
                "name": "Discovery call logged",
                "stage_id": self.s3.id,
                "kind": "activity",
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            }
        )
        self.assertRefused(
            lambda: self.lead.write({"stage_id": self.s4.id}), "Discovery call logged"
        )
        activity = self.lead.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.rep.id
        )
        activity.action_feedback("Discussed their line")
        self.lead.write({"stage_id": self.s4.id})
        self.assertEqual(self.lead.stage_id, self.s4)

    def test_won_follows_the_gates(self):
        self._meet_s2_exit(self.lead)
        self.lead.write({"stage_id": self.s3.id})
        self.assertRefused(self.lead.action_set_won, "Proposal attached")
        self._attach(self.lead, self.proposal_type)
        self.lead.action_set_won()
        self.assertEqual(self.lead.stage_id, self.s5)

    def test_lost_follows_its_gate(self):
        self.env["sales.gate.criterion"].create(
            {
                "name": "Lost reason given",
                "stage_id": self.s2.id,
                "direction": "lost",
                "kind": "field",
                "field_id": self.env.ref("crm.field_crm_lead__lost_reason_id").id,
            }
        )
        self.assertRefused(self.lead.action_set_lost, "Lost reason given")
        self.assertTrue(self.lead.active)
        self.lead.action_set_lost(lost_reason_id=self.env.ref("crm.lost_reason_1").id)
        self.assertFalse(self.lead.active)

    def test_stage_can_forbid_moving_back_and_being_skipped(self):
        self._meet_s2_exit(self.lead)
        self.lead.write({"stage_id": self.s3.id})
        self.s3.gate_no_backward = True
        self.assertRefused(
            lambda: self.lead.write({"stage_id": self.s2.id}),
            "cannot move back from “P3”",
        )
        self.s3.gate_no_backward = False
        self.lead.write({"stage_id": self.s2.id})
        self.s3.gate_no_skip = True
        self.assertRefused(
            lambda: self.lead.write({"stage_id": self.s4.id}), "“P3” cannot be skipped"
        )

    def test_refusal_speaks_the_salespersons_language(self):
        self.env["res.lang"]._activate_lang("zh_TW")
        self.env["ir.module.module"].search(
            [("name", "=", "sales_process_framework")]
        )._load_module_terms(["sales_process_framework"], ["zh_TW"])
        self.c_need.with_context(lang="zh_TW").name = "客戶已陳述需求"
        self.rep.lang = "zh_TW"
        # the web client sends the user's language in the context
        as_rep = self.lead.with_user(self.rep).with_context(lang=self.rep.lang)
        self.assertRefused(
            lambda: as_rep.write({"stage_id": self.s3.id}),
            "尚無法移至“P3”。缺少：",
            "客戶已陳述需求",
        )

    def test_switch_in_settings_turns_enforcement_off_and_keeps_criteria(self):
        settings = self.env["res.config.settings"].create({})
        settings.sales_gate_enforcement = False
        settings.execute()
        self.assertFalse(self.company.sales_gate_enforcement)
        self.lead.with_user(self.rep).write({"stage_id": self.s3.id})
        self.assertEqual(self.lead.stage_id, self.s3)
        self.assertTrue(self.c_need.exists() and self.c_need.active)

    def test_company_switch_holds_for_the_very_next_move(self):
        """Every move asks the company's switch (cached): turned off on the
        company, the next move passes; turned on again, the next is checked."""
        waiting = self._lead(self.s2, name="Waiting deal")
        self.company.sales_gate_enforcement = False
        self.lead.with_user(self.rep).write({"stage_id": self.s3.id})
        self.assertEqual(self.lead.stage_id, self.s3)
        self.company.sales_gate_enforcement = True
        with self.assertRaises(UserError):
            waiting.with_user(self.rep).write({"stage_id": self.s3.id})
        self.assertEqual(waiting.stage_id, self.s2)


@tagged("post_install", "-at_install")
class TestFlexibleNode(GateCase):
    """Only the override group moves past a block, and never without a trace."""

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

    def test_manager_overrides_with_a_reason_and_it_is_recorded(self):
        wizard = self._override(self.manager)
        self.assertIn("Need stated", wizard.issues_html)
        wizard.action_confirm()
        self.assertEqual(self.lead.stage_id, self.s3)
        override = self.lead.gate_override_ids
        self.assertEqual(len(override), 1)
        self.assertEqual(override.user_id, self.manager)
        self.assertEqual(override.from_stage_id, self.s2)
        self.assertEqual(override.to_stage_id, self.s3)
        self.assertEqual(
            override.criterion_ids, self.c_need | self.c_budget | self.c_partner
        )
        self.assertEqual(override.reason, "Customer needs a custom-solution approval")
        self.assertIn("Stage gate overridden", self.lead.message_ids[0].body)
        # breadcrumbs and links name the move, not the model
        self.assertEqual(
            override.display_name, "Override into P3: Custom solution deal"
        )

    def test_override_button_proposes_the_next_stage(self):
        """The dialog opened from the form says where the opportunity goes."""
        action = self.lead.with_user(self.manager).action_open_gate_override()
        wizard = Form(
            self.env["sales.gate.override.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.stage_id, self.s3)
        self.assertIn("Need stated", wizard.issues_html)

    def test_manager_dragging_a_blocked_card_is_offered_the_override(self):
        with self.assertRaises(RedirectWarning) as offer:
            self.lead.with_user(self.manager).write({"stage_id": self.s3.id})
        action_id, _button, context = offer.exception.args[1:4]
        self.assertEqual(
            action_id,
            self.env.ref(
                "sales_process_framework.sales_gate_override_wizard_action"
            ).id,
        )
        self.assertEqual(context["default_stage_id"], self.s3.id)

    def test_salesperson_cannot_override_by_any_means(self):
        with self.assertRaises(AccessError):
            self._override(self.rep).action_confirm()
        with self.assertRaises(UserError):
            self.env["sales.gate.override"].with_user(self.rep).create(
                {"lead_id": self.lead.id, "to_stage_id": self.s3.id, "reason": "x"}
            )
        # an override recorded by somebody else is no key for the salesperson
        self._override(self.manager).action_confirm()
        self.lead.write({"stage_id": self.s2.id})
        with self.assertRaises(UserError):
            self.lead.with_user(self.rep).with_context(
                sales_gate_override_ids=self.lead.gate_override_ids.ids
            ).write({"stage_id": self.s3.id})
        self.assertEqual(self.lead.stage_id, self.s2)

    def test_override_counts_only_for_its_lead_and_stage(self):
        self._override(self.manager).action_confirm()
        override = self.lead.gate_override_ids
        other = self._lead(self.s2, name="Other deal")
        with self.assertRaises(RedirectWarning):
            other.with_user(self.manager).with_context(
                sales_gate_override_ids=override.ids
            ).write({"stage_id": self.s3.id})

    def test_override_needs_a_reason(self):
        with self.assertRaises(AssertionError):
            self._override(self.manager, reason=False)


@tagged("post_install", "-at_install")
class TestGateConfiguration(GateCase):
    """Bad configuration is refused at save time and changes nothing."""

    def test_condition_that_does_not_parse_or_names_an_unknown_field(self):
        Criterion = self.env["sales.gate.criterion"]
        for domain in ("[('expected_revenue', '>=',", "[('no_such_field', '=', 1)]"):
            with self.assertRaises(ValidationError) as error:
                Criterion.create(
                    {
                        "name": "Broken",
                        "stage_id": self.s2.id,
                        "kind": "domain",
                        "domain": domain,
                    }
                )
            self.assertIn("not a valid filter", str(error.exception))
        self.assertFalse(Criterion.search([("name", "=", "Broken")]))

    def test_negative_rotting_days(self):
        with self.assertRaises(ValidationError) as error:
            self.s2.rotting_days = -1
        self.assertIn("rotting days cannot be negative", str(error.exception))

    def test_criterion_without_stage(self):
        with self.assertRaises(ValidationError) as error:
            self.env["sales.gate.criterion"].create(
                {"name": "Orphan", "kind": "checklist"}
            )
        self.assertIn("has no stage", str(error.exception))

    def test_entry_criterion_nothing_could_meet_on_the_first_stage(self):
        with self.assertRaises(ValidationError) as error:
            self.env["sales.gate.criterion"].create(
                {
                    "name": "Proposal before anything",
                    "stage_id": self.s1.id,
                    "direction": "entry",
                    "kind": "deliverable",
                    "deliverable_type_id": self.proposal_type.id,
                }
            )
        self.assertIn("first stage of its pipeline", str(error.exception))
        # a field that can be filled at creation is fine there
        self.env["sales.gate.criterion"].create(
            {
                "name": "Customer known",
                "stage_id": self.s1.id,
                "direction": "entry",
                "kind": "field",
                "field_id": self.env.ref("crm.field_crm_lead__partner_id").id,
            }
        )

    def test_kind_settings_are_required(self):
        for kind in ("field", "activity", "deliverable"):
            with self.assertRaises(ValidationError):
                self.env["sales.gate.criterion"].create(
                    {"name": f"Empty {kind}", "stage_id": self.s2.id, "kind": kind}
                )
