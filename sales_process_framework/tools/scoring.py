# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The arithmetic of weighted scorecards, on plain values: points of one
criterion, the weighted total of several, and the rule of a set of weights
a company gives in Settings."""

from odoo.exceptions import ValidationError


def points(value, full_at, decreasing=False):
    """0-100 points of a value, proportional up to full_at (where it earns
    all of them); for a decreasing criterion, all points at 0 and none from
    full_at on. No points when full_at is not positive."""
    if full_at <= 0:
        return 0.0
    share = max(min(value / full_at, 1.0), 0.0)
    return 100.0 * (1.0 - share if decreasing else share)


def weighted_total(scores, weights):
    """The total of 0-100 scores weighted by {criterion: weight}, the weights
    summing to 100."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(scores[name] * weight for name, weight in weights.items()) / total


def check_weights(env, title, weights):
    """Refuse a set of weights (a list of numbers) that has a negative one or
    does not sum to 100; title names the set in the message."""
    if min(weights) < 0:
        raise ValidationError(
            env._(
                "%(weights)s: a weight cannot be negative; enter 0 or more.",
                weights=title,
            )
        )
    if sum(weights) != 100:
        raise ValidationError(
            env._(
                "%(weights)s: enter weights that sum to 100 (they sum to %(total)s).",
                weights=title,
                total=sum(weights),
            )
        )
