# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The figure type of the measurement engine."""


class Figure(tuple):
    """(numerator, denominator) of one scope; value() is None when there is no
    data, so "no data" differs from zero, and figures add up honestly."""

    __slots__ = ()

    def __new__(cls, numerator=0.0, denominator=0.0):
        return super().__new__(cls, (float(numerator), float(denominator)))

    @property
    def numerator(self):
        return self[0]

    @property
    def denominator(self):
        return self[1]

    def __add__(self, other):
        return Figure(self[0] + other[0], self[1] + other[1])

    def value(self, scale=1.0):
        return None if not self[1] else scale * self[0] / self[1]


def scope_key(record):
    """The key of a scope record in figures: its id, False for none."""
    return record.id if record else False
