# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity guards shared by the models of the suite.

* Numbers: Float and Monetary fields refuse NaN, infinities and magnitudes
  beyond ``tools.numbers.NUMBER_LIMIT``, on every way in (form, RPC, import),
  because one such value breaks every computation that reads it later.
* Workflow fields: the fields a model lists in ``_action_fields`` (a state, a
  step, a pin) change only through the model's actions, which write them with
  ``_write_by_action``. The permission travels in a Python context variable
  set by that method, which no RPC call, context key or import can set.
  Superuser code (data files, scheduled actions) is trusted; no user request
  runs as superuser.
* Writable fields: a model that sets ``_writable_fields`` lists, per group,
  the fields its members may give a value, on create and on write; every
  other field (figures the suite computes, whose record it is, what was known
  when a record was made) is set by the suite only: its refresh and scheduled
  actions, which run as superuser, and its actions (``_by_action``). A model
  that also sets ``_create_fields`` has its creation checked the same way:
  a user gives only the writable fields and, per group, those of
  ``_create_fields`` (given once when a record is made by hand and kept as
  they were then); ``{}`` when nobody makes one by hand. Without it, the
  model's own ``create`` decides what a new record gets. Neither a value nor
  a context default (``default_<field>``) gets round it. An allow-list: a
  field added later is closed until a group is given it.
"""

import contextlib
import contextvars

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.numbers import check_number_values, check_numbers

_ACTION_WRITES = contextvars.ContextVar("sales_action_writes", default=frozenset())


class SalesGuardMixin(models.AbstractModel):
    _name = "sales.guard.mixin"
    _description = "Number and Workflow Guards"

    # names of the fields only the model's actions change
    _action_fields = ()
    # {group xml id: names of the fields its members may set}; None: no check
    _writable_fields = None
    # {group xml id: names of the fields its members may also give on create};
    # None: creation is left to the model's create
    _create_fields = None

    # Numbers ------------------------------------------------------------------
    def _check_numbers(self, field_names):
        check_numbers(self, field_names)

    def _validate_fields(self, field_names, excluded_names=()):
        # create() passes a generator: read it once for both checks
        field_names = list(field_names)
        # numbers first: the model's own constraints may not survive a NaN
        self._check_numbers(field_names)
        return super()._validate_fields(field_names, excluded_names)

    # Workflow fields ----------------------------------------------------------
    def _action_writes_allowed(self):
        return self.env.su or self._name in _ACTION_WRITES.get()

    def _check_action_fields(self, names):
        if self._action_writes_allowed():
            return
        for name in self._action_fields:
            if name in names:
                raise ValidationError(
                    self.env._(
                        "%(field)s of a %(model)s changes only through its "
                        "buttons, which check who may use them: use the "
                        "buttons instead of editing the field.",
                        field=self._fields[name]._description_string(self.env),
                        model=self.env["ir.model"]._get(self._name).name,
                    )
                )

    def _without_defaults(self, names):
        """self without the context defaults (default_<name>=...) of names."""
        keys = {f"default_{name}" for name in names}
        if not keys & set(self.env.context):
            return self
        context = {k: v for k, v in self.env.context.items() if k not in keys}
        return self.with_env(self.env(context=context))

    @api.model_create_multi
    def create(self, vals_list):
        check_number_values(self, vals_list)
        if self._create_fields is not None and not self._action_writes_allowed():
            # a context default (default_<field>=...) is no way around it
            allowed = self._allowed_fields(creating=True)
            self = self._without_defaults(set(self._fields) - allowed)
            # a field left empty is no value given
            self._check_writable_fields(
                {name for vals in vals_list for name, value in vals.items() if value},
                creating=True,
            )
        if self._action_fields and not self._action_writes_allowed():
            # a context default (default_state=...) is no way around the actions
            self = self._without_defaults(self._action_fields)
            # the field's own default (a new record's first state) is no change
            self._check_action_fields(
                {
                    name
                    for vals in vals_list
                    for name in self._action_fields
                    if vals.get(name) and vals[name] != self._static_default(name)
                }
            )
        return super().create(vals_list)

    def _static_default(self, name):
        field = self._fields[name]
        return (
            field.default(self.with_env(self.env(context={})))
            if field.default
            else False
        )

    def write(self, vals):
        check_number_values(self, [vals])
        self._check_writable_fields(vals)
        if self._action_fields:
            self._check_action_fields(vals)
        return super().write(vals)

    def _write_by_action(self, vals):
        """Write workflow fields on behalf of one of the model's actions.

        Access rights and record rules still apply: the action runs with the
        rights of its user.
        """
        with self._by_action():
            return self.write(vals)

    @contextlib.contextmanager
    def _by_action(self, *model_names):
        """Within the block, the model's action (and the models named, which
        the action fills in) writes and creates their workflow records.

        Only code calls it: like ``_write_by_action``, no RPC call, context
        key or import reaches it. Access rights and record rules still apply.
        """
        names = {self._name, *model_names}
        token = _ACTION_WRITES.set(_ACTION_WRITES.get() | names)
        try:
            yield
        finally:
            _ACTION_WRITES.reset(token)

    # Writable fields ------------------------------------------------------------
    def _allowed_fields(self, creating=False):
        """The fields the current user may set by hand."""
        # the chatter's own fields, and workflow fields, which have their guard
        allowed = set(self._action_fields)
        for mixin in ("mail.thread", "mail.activity.mixin"):
            if mixin in self.env and isinstance(self, self.env.registry[mixin]):
                allowed |= set(self.env[mixin]._fields)
        for group, fields in self._group_fields(creating).items():
            if self.env.user.has_group(group):
                allowed |= set(fields)
        return allowed

    def _group_fields(self, creating):
        """{group xml id: the fields its members may set}."""
        if not creating:
            return self._writable_fields
        groups = {group: set(names) for group, names in self._writable_fields.items()}
        for group, names in (self._create_fields or {}).items():
            groups.setdefault(group, set()).update(names)
        return groups

    def _check_writable_fields(self, names, creating=False):
        if self._writable_fields is None or self._action_writes_allowed():
            return
        allowed = self._allowed_fields(creating)
        refused = sorted(set(names) - allowed)
        if not refused:
            return
        labels = ", ".join(
            self._fields[name]._description_string(self.env)
            if name in self._fields
            else name
            for name in refused
        )
        model = self.env["ir.model"]._get(self._name).name
        groups = [
            self.env.ref(group).full_name
            for group, fields in self._group_fields(creating).items()
            if set(refused) & set(fields)
        ]
        if not groups:
            raise AccessError(
                self.env._(
                    "%(fields)s of a %(model)s are set by the suite and cannot "
                    "be changed by hand.",
                    fields=labels,
                    model=model,
                )
            )
        raise AccessError(
            self.env._(
                "%(fields)s of a %(model)s can only be changed by the group "
                "%(groups)s.",
                fields=labels,
                model=model,
                groups=", ".join(groups),
            )
        )

    def _check_action_group(self, group, action):
        """Each action checks its group, whatever the access rules allow."""
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "%(action)s is reserved to the group %(group)s.",
                    action=action,
                    group=self.env.ref(group).full_name,
                )
            )
