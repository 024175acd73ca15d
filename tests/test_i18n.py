# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Translations: the templates follow the code, and Chinese users read Chinese."""

import io

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import trans_export

from .common import ADDONS, LANGS, ROOT


def _entries(po):
    return {(e.msgctxt, e.msgid): sorted(e.occurrences) for e in po if e.msgid}


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _exported_pot(self, addon):
        buffer = io.BytesIO()
        trans_export(False, [addon], buffer, "po", self.env.cr)
        return polib.pofile(buffer.getvalue().decode())

    def test_pot_files_are_up_to_date_with_the_code(self):
        for addon in ADDONS:
            committed = polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
            self.assertEqual(
                _entries(committed),
                _entries(self._exported_pot(addon)),
                f"{addon}/i18n/{addon}.pot is stale: run `bin/suite i18n`",
            )

    def test_chinese_translations_are_complete_and_current(self):
        for addon in ADDONS:
            pot = polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
            for lang in LANGS:
                po = polib.pofile(str(ROOT / addon / "i18n" / f"{lang}.po"))
                self.assertEqual(
                    set(_entries(po)), set(_entries(pot)), f"{addon} {lang}"
                )
                untranslated = [e.msgid for e in po if not e.msgstr or e.fuzzy]
                self.assertFalse(untranslated, f"{addon} {lang} untranslated")

    def test_salesperson_reads_stage_names_in_traditional_and_simplified_chinese(self):
        for lang in LANGS:
            self.env["res.lang"]._activate_lang(lang)
        self.env["ir.module.module"].search(
            [("name", "in", ADDONS)]
        )._load_module_terms(list(ADDONS), list(LANGS))
        stage = self.env.ref("sales_process_framework.stage_needs_diagnosis")
        self.assertEqual(stage.with_context(lang="zh_TW").name, "需求診斷")
        self.assertEqual(stage.with_context(lang="zh_CN").name, "需求诊断")
        menu = self.env.ref("sales_key_accounts.sales_key_accounts_menu_root")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "大客户")
