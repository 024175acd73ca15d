# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import Form, tagged

from .common import JAN, PerformanceCase


@tagged("post_install", "-at_install")
class TestCommissionLineLanguage(PerformanceCase):
    """Issue 15: the lines the nightly computation writes read in the
    reader's language, not in the scheduled action's."""

    def computed_in(self, lang):
        plan = self.commission_plan(individual_award=500)
        self.target_plan(
            [{"user_id": self.rep.id, "target": 50_000}], period="month", start=JAN
        )
        self.won(self.rep, 60_000, JAN.replace(day=10))
        Statement = self.env["sales.commission.statement"].with_context(lang=lang)
        statement = Statement._ensure_statements(
            plan, JAN, JAN + relativedelta(months=1)
        ).filtered(lambda s: s.user_id == self.rep)
        statement.action_compute()
        return statement

    def labels(self, statement, lang):
        lines = statement.with_context(lang=lang).line_ids
        return {line.kind: line.label for line in lines.sorted("base")}

    def test_lines_computed_in_chinese_read_in_english(self):
        statement = self.computed_in("zh_CN")
        award = statement.line_ids.filtered(
            lambda line: line.kind == "individual_award"
        )
        self.assertNotIn("Individual award", award.name, "stored as computed")
        english = self.labels(statement, "en_US")
        self.assertEqual(
            english["individual_award"], "Individual award: 120.0% of target"
        )
        self.assertTrue(english["commission"].startswith("Commission on $"))
        chinese = self.labels(statement, "zh_CN")
        self.assertNotIn("Individual award", chinese["individual_award"])
        self.assertNotIn("Commission on", chinese["commission"])

    def test_hand_written_line_keeps_its_text(self):
        statement = self.computed_in("en_US")
        with Form(statement) as form, form.line_ids.new() as line:
            line.kind = "special"
            line.label = "Biggest deal of the year"
            line.reason = "Board decision"
            line.amount = 100
        special = statement.line_ids.filtered(lambda line: line.kind == "special")
        self.assertEqual(special.name, "Biggest deal of the year")
        self.assertEqual(
            special.with_context(lang="zh_CN").label, "Biggest deal of the year"
        )

    def test_statement_title_gives_the_period_in_the_readers_format(self):
        statement = self.computed_in("en_US")
        Statement = self.env["sales.commission.statement"]
        arch = etree.fromstring(
            Statement.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertEqual(arch.xpath("//h1/field/@name"), ["display_name"])
        self.assertNotIn(
            "2024-01-01", statement.with_context(lang="zh_CN").display_name
        )
        self.assertIn(
            "2024年01月01日", statement.with_context(lang="zh_CN").display_name
        )
