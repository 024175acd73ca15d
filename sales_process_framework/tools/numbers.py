# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one rule for numbers users may store: finite and of a sane size.

A NaN, an infinity or an absurd magnitude breaks every computation that
reads it later (targets, commissions, health figures), so Float and Monetary
fields refuse them on every way in, with the field named.
"""

import math

from odoo.exceptions import ValidationError

# Larger than any amount or percentage the suite stores, far below the point
# where floats lose whole units.
NUMBER_LIMIT = 1e15


def _usable(value):
    return not value or (math.isfinite(value) and abs(value) < NUMBER_LIMIT)


def _refuse(model, field, value):
    limit = f"{NUMBER_LIMIT:,.0f}"
    raise ValidationError(
        model.env._(
            "%(field)s: %(value)s is not a usable number. Enter a "
            "finite value between -%(limit)s and %(limit)s.",
            field=field._description_string(model.env),
            value=value,
            limit=limit,
        )
    )


def _number_fields(model, field_names):
    # create() names each stored field once per new record: check each once
    for name in dict.fromkeys(field_names):
        field = model._fields.get(name)
        if field is not None and field.type in ("float", "monetary"):
            yield name, field


def check_numbers(records, field_names):
    """Raise a ValidationError naming the first Float or Monetary field of
    field_names that holds an unusable number on one of records."""
    for name, field in _number_fields(records, field_names):
        for record in records:
            if not _usable(record[name]):
                _refuse(records, field, record[name])


def check_number_values(model, vals_list):
    """The same rule on values about to be written, before Odoo converts
    them (a NaN fails there with a bare error on a monetary field)."""
    for vals in vals_list:
        for name, field in _number_fields(model, vals):
            value = vals[name]
            if isinstance(value, int | float) and not _usable(value):
                _refuse(model, field, value)
