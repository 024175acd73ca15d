# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0: the Stage Gate tab shows the stage's own translatable guidance
(sales_guidance) instead of Odoo's untranslated requirements; a stage's
requirements text becomes its guidance, where it has none yet."""

import logging

from odoo.tools import SQL, plaintext2html

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """SELECT id, requirements FROM crm_stage
            WHERE sales_guidance IS NULL
              AND COALESCE(TRIM(requirements), '') != ''"""
    )
    rows = cr.fetchall()
    if not rows:
        return
    # one statement for every stage
    cr.execute(
        SQL(
            """UPDATE crm_stage AS s
                  SET sales_guidance = jsonb_build_object('en_US', v.guidance)
                 FROM (SELECT unnest(%s::int[]) AS id,
                              unnest(%s::text[]) AS guidance) AS v
                WHERE s.id = v.id""",
            [stage_id for stage_id, _text in rows],
            [str(plaintext2html(text)) for _id, text in rows],
        )
    )
    _logger.info("Guidance of %s stages taken from their requirements", len(rows))
