# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTrackedStageLanguage(TransactionCase):
    """Issue 15: a stage change tracked in the chatter reads in the reader's
    language, whoever made it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.sales_gate_enforcement = False
        Stage = cls.env["crm.stage"]
        cls.old_stage = Stage.create({"name": "Tracking Nurturing", "sequence": 900})
        cls.new_stage = Stage.create({"name": "Tracking Diagnosis", "sequence": 901})
        cls.old_stage.with_context(lang="zh_CN").name = "跟踪培育"
        cls.new_stage.with_context(lang="zh_CN").name = "跟踪诊断"
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Tracked lead",
                "type": "opportunity",
                "stage_id": cls.old_stage.id,
            }
        )

    def test_stage_change_reads_in_the_readers_language(self):
        # Odoo tracks records created in an earlier transaction only
        self.env.cr.precommit.run()
        # a Chinese-speaking salesperson moves the opportunity
        self.lead.with_context(lang="zh_CN").stage_id = self.new_stage
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracking = self.lead.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "stage_id"
        )
        self.assertEqual(tracking.new_value_char, "跟踪诊断", "stored as written")

        def shown(lang):
            (value,) = tracking.with_context(lang=lang)._tracking_value_format()
            return value["oldValue"]["value"], value["newValue"]["value"]

        self.assertEqual(shown("en_US"), ("Tracking Nurturing", "Tracking Diagnosis"))
        self.assertEqual(shown("zh_CN"), ("跟踪培育", "跟踪诊断"))

    def test_deleted_stage_keeps_the_stored_name(self):
        self.env.cr.precommit.run()
        self.lead.with_context(lang="zh_CN").stage_id = self.new_stage
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracking = self.lead.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "stage_id"
        )
        self.lead.stage_id = self.old_stage
        self.new_stage.unlink()
        (value,) = tracking.with_context(lang="en_US")._tracking_value_format()
        self.assertEqual(value["newValue"]["value"], "跟踪诊断")
        self.assertEqual(value["oldValue"]["value"], "Tracking Nurturing")
