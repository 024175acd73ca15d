# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Target lines and contests store the engine's measure code.

Before, they stored keys of their own ("revenue", "visits", ...) that a
second list mapped to the engine's measures; now the measure is the
engine's code itself. Each stored key becomes the code it meant, so that
no target or contest changes what it counts.
"""

# stored key before -> engine code (the keys equal to their code stay)
CODES = {
    "revenue": "won_revenue",
    "conversions": "converted",
    "visits": "activity_visit",
    "calls": "activity_call",
    "proposals": "activity_proposal",
}
# (table, column) storing a target measure
COLUMNS = (
    ("sales_target_line", "measure"),
    ("gamification_challenge", "contest_measure"),
    ("sales_target_spread_wizard", "measure"),
)
# (model, field) whose user-set defaults store a target measure
FIELDS = (
    ("sales.target.line", "measure"),
    ("gamification.challenge", "contest_measure"),
    ("sales.target.spread.wizard", "measure"),
)


def _exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns"
        " WHERE table_name = %s AND column_name = %s",
        [table, column],
    )
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    for table, column in COLUMNS:
        if not _exists(cr, table, column):
            continue
        for key, code in CODES.items():
            cr.execute(
                f'UPDATE "{table}" SET "{column}" = %s WHERE "{column}" = %s',
                [code, key],
            )
    for model, field in FIELDS:
        for key, code in CODES.items():
            cr.execute(
                """
                UPDATE ir_default d
                   SET json_value = %s
                  FROM ir_model_fields f
                 WHERE f.id = d.field_id AND f.model = %s AND f.name = %s
                   AND d.json_value = %s
                """,
                [f'"{code}"', model, field, f'"{key}"'],
            )
