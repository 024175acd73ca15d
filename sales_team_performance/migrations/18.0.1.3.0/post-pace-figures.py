# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keep the figures of the pace notes already written, so that a line flagged
before the upgrade shows its note in the reader's language too.

The notes were written by the nightly check in English by default; a note in
another language stays shown as written until the next check.
"""

import json
import re

NOTE = re.compile(r"^Projected ([\d,]+) of ([\d,]+) \(\d+%\) at (\d+)% of the period$")


def _number(text):
    return float(text.replace(",", ""))


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT id, pace_note FROM sales_target_line
         WHERE pace_warning AND pace_note IS NOT NULL AND pace_figures IS NULL
        """
    )
    rows = []
    for line_id, note in cr.fetchall():
        match = NOTE.match(note)
        if match:
            projected, target, elapsed = match.groups()
            figures = {
                "projected": _number(projected),
                "target": _number(target),
                "elapsed": _number(elapsed),
            }
            rows.append((json.dumps(figures), line_id))
    if rows:
        figures, ids = zip(*rows, strict=True)
        cr.execute(
            """
            UPDATE sales_target_line l
               SET pace_figures = v.figures::jsonb
              FROM unnest(%s::int[], %s::text[]) AS v(id, figures)
             WHERE l.id = v.id
            """,
            (list(ids), list(figures)),
        )
