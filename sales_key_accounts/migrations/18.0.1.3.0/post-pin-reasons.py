# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keep the date and the words of the pins already in the tier history, so
that their reason reads in each reader's language with a localised date.

A reason written in another form stays shown as written.
"""

import re

# "pinned until 2026-12-31: words" as the re-tiering wrote it in English,
# Simplified or Traditional Chinese, "-" for a pin without end date
PIN = re.compile(
    r"^(?:pinned until |锁定至 |鎖定至 )(\d{4}-\d{2}-\d{2}|-)(?::|：)\s?(.*)$"
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT id, reason FROM sales_account_tier_history
         WHERE pinned AND reason IS NOT NULL AND pin_reason IS NULL
        """
    )
    rows = []
    for change_id, reason in cr.fetchall():
        match = PIN.match(reason)
        if match and match.group(2).strip():
            day, words = match.groups()
            rows.append((change_id, None if day == "-" else day, words))
    if rows:
        ids, days, words = zip(*rows, strict=True)
        cr.execute(
            """
            UPDATE sales_account_tier_history h
               SET pin_until = v.day::date, pin_reason = v.words
              FROM unnest(%s::int[], %s::text[], %s::text[]) AS v(id, day, words)
             WHERE h.id = v.id
            """,
            (list(ids), list(days), list(words)),
        )
