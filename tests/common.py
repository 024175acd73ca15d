# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the suite-level tests know about the repository."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "sales_process_framework"
ADDONS = (BASE, "sales_team_performance", "sales_key_accounts")
LANGS = ("zh_TW", "zh_CN")


def manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


def addon_files(addon, suffix):
    return sorted(
        p for p in (ROOT / addon).rglob(f"*{suffix}") if "__pycache__" not in p.parts
    )
