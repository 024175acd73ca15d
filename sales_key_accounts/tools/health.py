# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The arithmetic of the key-account health score, on plain values.

Each factor scores 0-100 (100 is healthy); the score is their weighted mean.
"""

# factor -> default weight of the health score (each company sets its own)
WEIGHTS = {
    "recency": 25,
    "trend": 25,
    "visit": 20,
    "satisfaction": 15,
    "risk": 15,
}
# visits done are counted over this many days against the tier's policy
VISIT_DAYS = 90


def _clamp(value):
    return round(max(0.0, min(100.0, value)), 1)


def recency_points(days_since_win, window_days):
    """100 for a win today, 0 for none in the tiering window."""
    if days_since_win is None:
        return 0.0
    return _clamp(100.0 * (1.0 - days_since_win / window_days))


def trend_points(recent, previous):
    """50 when the recent half of the window sells as much as the half
    before, 100 at double or more, 0 with no sale in the recent half."""
    if not previous:
        return 100.0 if recent else 0.0
    return _clamp(50.0 * recent / previous)


def visit_points(done, interval_days, on_demand):
    """Visits done against the tier's policy (one every interval days)."""
    if on_demand or not interval_days:
        return 100.0
    expected = max(VISIT_DAYS / interval_days, 1.0)
    return _clamp(100.0 * done / expected)


def satisfaction_points(nps):
    """The net promoter score (-100 to 100) on 0-100; 50 without answers."""
    return 50.0 if nps is None else _clamp((nps + 100.0) / 2.0)


def risk_points(idle_days, risk_days):
    """100 for a contact today, 0 at the churn-risk days without contact."""
    return _clamp(100.0 * (1.0 - (idle_days or 0) / risk_days))


def health_score(points, weights=None):
    """The weighted mean of the factors' points ({factor: weight})."""
    weights = weights or WEIGHTS
    return round(
        sum(weights[factor] * points[factor] for factor in WEIGHTS)
        / sum(weights.values()),
        1,
    )
