# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: the priority matrix names its quadrants by importance and
urgency (緊迫, as the playbook says). An upgrade keeps existing translations,
so the old labels' translations are dropped here and the shipped ones load."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """UPDATE ir_model_fields_selection AS s
                  SET name = jsonb_build_object('en_US', s.name->>'en_US')
                 FROM ir_model_fields AS f
                WHERE s.field_id = f.id
                  AND (
                        (f.model = 'sales.journey.touchpoint'
                         AND f.name IN ('quadrant', 'urgency'))
                     OR (f.model = 'sales.playbook.touchpoint' AND f.name = 'urgency')
                  )"""
        )
    )
