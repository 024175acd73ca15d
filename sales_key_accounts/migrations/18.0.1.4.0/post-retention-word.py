# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: customer retention reads 客户保持力 / 客戶保持力 (保持率 for
the rate), the playbooks' word, instead of 留存 / 保留. An upgrade keeps a
record's translations, so the menus, report, fields and scheduled action
that say retention take theirs again from the translation files."""

import re
from pathlib import Path

import polib

from odoo import SUPERUSER_ID, api
from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationImporter

MODULE = "sales_key_accounts"
LANGS = ("zh_CN", "zh_TW")
RETENTION = re.compile(r"\bretention\b", re.I)


def retention_xmlids(po_path):
    """The records whose translated terms speak of retention."""
    return {
        occurrence.split(":")[2]
        for entry in polib.pofile(str(po_path))
        if RETENTION.search(entry.msgid)
        for occurrence, _line in entry.occurrences
        if occurrence.startswith(("model:", "model_terms:"))
    }


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    installed = {code for code, _name in env["res.lang"].get_installed()}
    folder = Path(get_module_path(MODULE)) / "i18n"
    importer = TranslationImporter(cr, verbose=False)
    for lang in LANGS:
        po_path = folder / f"{lang}.po"
        if lang in installed and po_path.exists():
            importer.load_file(str(po_path), lang, xmlids=retention_xmlids(po_path))
    # these records' data is loaded without update: their translations too
    importer.save(overwrite=True, force_overwrite=True)
