# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Chinese translations speak the playbooks' words (docs/glossary.md)."""

import re
from collections import namedtuple

import polib
import pytest

from .common import ADDONS, LANGS, ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"

Term = namedtuple("Term", "english match required forbidden")


def _table(section):
    """Rows (lists of cells) of the Markdown table under `## section`."""
    text = GLOSSARY.read_text(encoding="utf-8")
    body = re.search(rf"^## {section}\n(.*?)(?=^## |\Z)", text, re.M | re.S).group(1)
    lines = [line.strip() for line in body.splitlines() if line.startswith("|")]
    # the header and the |---| line
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def load_terms():
    terms = []
    for english, match, zh_cn, zh_tw, bad_cn, bad_tw, _note in _table("Terms"):
        terms.append(
            Term(
                english,
                match,
                {"zh_CN": zh_cn, "zh_TW": zh_tw},
                {
                    "zh_CN": [w for w in bad_cn.split("、") if w],
                    "zh_TW": [w for w in bad_tw.split("、") if w],
                },
            )
        )
    return terms


def load_exceptions():
    return {(english, msgid) for english, msgid, _why in _table("Exceptions")}


def _pattern(term):
    words = r"\s+".join(re.escape(w) for w in term.english.split())
    if term.match == "exact":
        return re.compile(rf"\A{words}\Z", re.I)
    return re.compile(rf"\b{words}s?\b", re.I)


# Placeholders name variables, not things the user reads: "%(touchpoint)s".
PLACEHOLDER = re.compile(r"%\([^)]*\)[a-z]")


def glossary_errors(po, lang, terms, exceptions, label):
    """One message per translated entry of `po` that misses a glossary term."""
    errors = []
    patterns = [(term, _pattern(term)) for term in terms]
    for entry in po:
        if not entry.msgid or not entry.msgstr:
            continue
        for term, pattern in patterns:
            if (term.english, entry.msgid) in exceptions:
                continue
            if not pattern.search(PLACEHOLDER.sub("", entry.msgid)):
                continue
            required = term.required[lang]
            bad = [w for w in term.forbidden[lang] if w in entry.msgstr]
            if required not in entry.msgstr or bad:
                errors.append(
                    f"{label}: msgid {entry.msgid!r} has msgstr {entry.msgstr!r}; "
                    f"'{term.english}' is {required!r} in {lang}"
                    + (f", not {'/'.join(bad)}" if bad else "")
                )
    return errors


def test_glossary_rows_are_complete_and_consistent():
    terms = load_terms()
    assert len(terms) > 10
    for term in terms:
        assert term.match in ("word", "exact"), term
        for lang in LANGS:
            assert term.required[lang], f"{term.english}: no {lang} term"
            assert not any(
                w in term.required[lang] for w in term.forbidden[lang]
            ), f"{term.english}: the {lang} term contains a forbidden variant"


def test_every_exception_names_an_existing_msgid_and_term():
    """An exception outliving its string would hide the next string's mistake."""
    english_terms = {term.english for term in load_terms()}
    msgids = {
        entry.msgid
        for addon in ADDONS
        for entry in polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
    }
    for english, msgid in load_exceptions():
        assert english in english_terms, f"exception for unknown term {english!r}"
        assert msgid in msgids, f"exception for a msgid no addon has: {msgid!r}"


def test_check_names_file_msgid_and_expected_term_of_a_wrong_translation():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Commission Plans", msgstr="佣金方案"))
    po.append(polib.POEntry(msgid="Next Touchpoint", msgstr="下一個接觸點"))
    po.append(polib.POEntry(msgid="Plan your visits", msgstr="規劃您的拜訪"))
    po.append(polib.POEntry(msgid="Situation", msgstr="背景問題"))
    errors = glossary_errors(po, "zh_TW", load_terms(), set(), "x/i18n/zh_TW.po")
    assert len(errors) == 2, errors
    assert "x/i18n/zh_TW.po" in errors[0]
    assert "'Commission Plans'" in errors[0] and "'提成'" in errors[0]
    assert "'觸點'" in errors[1] and "not 接觸點" in errors[1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("addon", ADDONS)
def test_translations_use_the_playbooks_words(addon, lang):
    path = ROOT / addon / "i18n" / f"{lang}.po"
    errors = glossary_errors(
        polib.pofile(str(path)),
        lang,
        load_terms(),
        load_exceptions(),
        f"{addon}/i18n/{lang}.po",
    )
    assert not errors, "\n".join(errors)
