# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CRM data completeness: the data a stage requires, filled within the grace
days of Settings after an opportunity entered the stage."""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestCrmCompleteness(SalesCase):
    COMPANY = {"name": "Completeness Test Company"}
    LOGIN = "completeness"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        field = cls.env["ir.model.fields"]._get
        cls.required = field("crm.lead", "partner_id") | field(
            "crm.lead", "expected_revenue"
        )
        cls.stage = cls.env["crm.stage"].create(
            {
                "name": "Completeness Qualified",
                "sequence": 3,
                "team_id": cls.team.id,
                "completeness_field_ids": [Command.set(cls.required.ids)],
            }
        )
        cls.free_stage = cls.env["crm.stage"].create(
            {"name": "Completeness Free", "sequence": 2, "team_id": cls.team.id}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Completeness Client"})
        cls.company.completeness_grace_days = 3
        now = fields.Datetime.now()
        cls.complete = cls._lead(now - timedelta(days=10), partner=True, revenue=5000)
        cls.half = cls._lead(now - timedelta(days=10), partner=True)
        cls.fresh = cls._lead(now - timedelta(days=1))
        cls.elsewhere = cls._lead(now - timedelta(days=10), stage=cls.free_stage)
        cls.today = fields.Date.context_today(cls.env["res.users"])

    @classmethod
    def _lead(cls, entered, partner=False, revenue=0.0, stage=None):
        lead = cls.env["crm.lead"].create(
            {
                "name": "Completeness deal",
                "type": "opportunity",
                "user_id": cls.rep.id,
                "team_id": cls.team.id,
                "company_id": cls.company.id,
                "stage_id": (stage or cls.stage).id,
                "partner_id": cls.customer.id if partner else False,
                "expected_revenue": revenue,
            }
        )
        lead.date_last_stage_update = entered
        return lead

    def _figure(self):
        return (
            self.env["sales.measure"]
            .compute(
                "crm_completeness",
                "user",
                self.today - timedelta(days=30),
                self.today + timedelta(days=1),
                self.company,
            )
            .get(self.rep.id)
        )

    def test_required_fields_filled_once_due(self):
        # two due opportunities of a stage requiring two fields: three of the
        # four fields are filled; the fresh one is not due yet and the stage
        # without required data counts nothing
        figure = self._figure()
        self.assertEqual(tuple(figure), (3.0, 4.0))
        self.assertEqual(figure.value(100.0), 75.0)
        self.assertEqual(
            self.env["sales.measure"].definition("crm_completeness").unit, "percent"
        )

    def test_grace_days_of_settings(self):
        # with no grace the fresh opportunity's empty fields are missing
        settings = Form(self.env["res.config.settings"].with_company(self.company))
        settings.completeness_grace_days = 0
        settings.save().execute()
        self.assertEqual(self.company.completeness_grace_days, 0)
        self.assertEqual(tuple(self._figure()), (3.0, 6.0))

    def test_filling_late_data_counts(self):
        self.half.expected_revenue = 1200
        self.assertEqual(tuple(self._figure()), (4.0, 4.0))

    def test_drill_down_opens_the_due_opportunities(self):
        domain = self.env["sales.measure"].drill_down_domain(
            "crm_completeness",
            "user",
            self.rep.id,
            self.today - timedelta(days=30),
            self.today + timedelta(days=1),
            self.company,
        )
        self.assertEqual(self.env["crm.lead"].search(domain), self.complete | self.half)

    def test_no_stage_requires_data_no_figure(self):
        self.stage.completeness_field_ids = False
        self.assertIsNone(self._figure())

    def test_grace_days_out_of_range(self):
        with self.assertRaisesRegex(ValidationError, "Days to Fill"):
            self.company.completeness_grace_days = -1

    def test_required_data_is_a_field_of_the_opportunity(self):
        # a sales manager may edit stages, not point them at any field: a
        # field of another model or a non-stored one broke every company's
        # figure
        field = self.env["ir.model.fields"]._get
        for other in (field("res.users", "password"), field("crm.lead", "spin_met")):
            with self.assertRaises(ValidationError) as error:
                self.stage.with_user(self.manager).completeness_field_ids = other
            self.assertIn("Required Data", str(error.exception))
            pstage = self.env["sales.playbook.stage"].search([], limit=1)
            with self.assertRaises(ValidationError):
                pstage.completeness_field_ids = other
        self.assertEqual(self.stage.completeness_field_ids, self.required)

    def test_one_read_per_required_field(self):
        Measure = self.env["sales.measure"]
        start = self.today - timedelta(days=30)
        end = self.today + timedelta(days=1)
        Measure.compute("crm_completeness", "user", start, end, self.company)
        self.env.flush_all()
        self.env.invalidate_all()
        # as many queries for 22 opportunities as for 2
        with self.assertQueryCount(9):
            Measure.compute("crm_completeness", "user", start, end, self.company)
        for _index in range(20):
            self._lead(datetime.now() - timedelta(days=8), partner=True)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(9):
            Measure.compute("crm_completeness", "user", start, end, self.company)

    def test_playbook_stage_gives_its_data_to_the_team_stage(self):
        pstage = self.env.ref("sales_process_framework.b2b_stage_negotiation")
        self.assertEqual(
            set(pstage.completeness_field_ids.mapped("name")),
            {"partner_id", "email_from", "expected_revenue", "date_deadline"},
        )
        values = pstage._stage_values()
        stage = self.env["crm.stage"].create(dict(values, name="From playbook"))
        self.assertEqual(stage.completeness_field_ids, pstage.completeness_field_ids)
