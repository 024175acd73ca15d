# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dates as people read them in record names: in the reader's language."""

from odoo.tools import format_date


def date_label(env, day):
    """A date in the format of the reader's language ("11/04/2026",
    "2026年11月04日"), empty when there is none."""
    return format_date(env, day) if day else ""


def range_label(env, start, end):
    """A period in the reader's language, e.g. "11/01/2026 – 11/30/2026"."""
    return f"{date_label(env, start)} – {date_label(env, end)}"
