# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The arithmetic of the tiering scorecard, on plain values.

The re-tiering scores a whole batch of customers at once; these functions
take numbers, not records, so that scoring a customer reads no field.
"""

from odoo.addons.sales_process_framework.tools.scoring import points

# How far back "days since the last win" looks: a customer with no win in
# that time counts as this many days.
RECENCY_HORIZON_DAYS = 5 * 365

FACTORS = [
    ("revenue", "Won revenue (rolling window)"),
    ("deals", "Won deals (rolling window)"),
    ("recency", "Days since the last win"),
    ("potential", "Potential amount"),
    ("growth", "Growth score"),
    ("pipeline", "Open pipeline"),
]
# Factors where less is better: full points at 0, none at "full score at".
DECREASING = {"recency"}


def factor_points(factor, full_score_at, value):
    """0-100 points of a factor's value, proportional up to "full score at"."""
    return points(value, full_score_at, decreasing=factor in DECREASING)


def tier_for(thresholds, score):
    """The first (minimum, tier) of thresholds, sorted by minimum, highest
    first, whose minimum the score reaches; None below them all."""
    for minimum, tier in thresholds:
        if score >= minimum:
            return tier
    return None


def short_amount(value):
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}"
    return f"{value:.0f}"
