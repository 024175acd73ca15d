# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
import math
from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression

# The operators a condition may use on each type of field.
ORDER_OPERATORS = ("=", "!=", "<", "<=", ">", ">=")
SET_OPERATORS = ("in", "not in")
TEXT_OPERATORS = (
    "=",
    "!=",
    "ilike",
    "not ilike",
    "like",
    "not like",
    "=like",
    "=ilike",
) + SET_OPERATORS

# Kinds that need the opportunity to exist before they can be met, so an entry
# criterion of this kind on a pipeline's first stage would refuse every new lead.
KINDS_MET_AFTER_CREATION = ("activity", "deliverable", "checklist", "spin")

# Stored on the opportunity, but computed from the gates themselves: a condition
# cannot read them.
GATE_OWN_FIELDS = ("gate_exit_total", "gate_exit_done", "card_refresh_pending")


def _number(value):
    """A finite number; a number written as a text is read as one."""
    if isinstance(value, str):
        value = float(value.strip())
        value = int(value) if value.is_integer() else value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError
    if not math.isfinite(value):
        raise ValueError
    return value


def _of_type(kind):
    def convert(value):
        if not isinstance(value, kind):
            raise ValueError
        return value

    return convert


def _stage_key(stage):
    return (stage.sequence, stage.id)


def domain_field_names(domain):
    """The opportunity fields a condition reads: the first of each leaf's path."""
    return {leaf[0].split(".")[0] for leaf in domain if isinstance(leaf, list | tuple)}


class SalesGateCriterion(models.Model):
    _name = "sales.gate.criterion"
    _description = "Stage Gate Criterion"
    _order = "stage_id, direction, sequence, id"
    # the chatter keeps what happened to a criterion, e.g. why an upgrade
    # archived its condition
    _inherit = ["mail.thread"]
    _check_company_auto = True

    name = fields.Char(
        required=True,
        translate=True,
        help="What the salesperson reads when the criterion is not met, "
        "e.g. 'Decision chain is clear'.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    stage_id = fields.Many2one(
        "crm.stage", required=True, ondelete="cascade", index=True
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        help="Only for this team's opportunities; empty for every team.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    direction = fields.Selection(
        [("entry", "Entry"), ("exit", "Exit"), ("lost", "When lost")],
        required=True,
        default="exit",
        help="Entry: checked when an opportunity enters the stage. Exit: checked "
        "when it moves forward out of the stage (and shown as the card's "
        "progress). When lost: checked when it is marked lost in this stage.",
    )
    mode = fields.Selection(
        [("block", "Block"), ("warn", "Warn")],
        required=True,
        default="block",
        help="Block refuses the move; Warn lets it happen and notes what was "
        "missing in the chatter.",
    )
    kind = fields.Selection(
        [
            ("field", "Field is set"),
            ("domain", "Condition"),
            ("activity", "Activity done"),
            ("deliverable", "Deliverable attached"),
            ("checklist", "Checklist item ticked"),
            ("spin", "SPIN standard met"),
        ],
        required=True,
        default="checklist",
    )
    field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="cascade",
        domain="[('model', '=', 'crm.lead'), ('store', '=', True), "
        "('name', 'not in', ['id', 'create_uid', 'create_date', 'write_uid', "
        "'write_date'])]",
    )
    domain = fields.Char(
        string="Condition",
        default="[]",
        help="The opportunity must match this condition: a filter on stored "
        "fields of the opportunity with plain values, built with the domain "
        "editor.",
    )
    activity_type_id = fields.Many2one("mail.activity.type")
    deliverable_type_id = fields.Many2one(
        "sales.deliverable.type", string="Deliverable", check_company=True
    )
    description = fields.Text(
        translate=True, help="How to meet the criterion, shown to the salesperson."
    )
    playbook_criterion_id = fields.Many2one(
        "sales.playbook.criterion",
        string="Playbook Criterion",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The playbook criterion this one was made from.",
    )

    @api.constrains(
        "kind", "field_id", "domain", "activity_type_id", "deliverable_type_id"
    )
    def _check_kind_settings(self):
        for criterion in self:
            kind = criterion.kind
            if kind == "field" and (
                not criterion.field_id
                or criterion.field_id.model != "crm.lead"
                or not criterion.field_id.store
            ):
                raise ValidationError(
                    self.env._(
                        "Criterion “%s”: choose the opportunity field that must be "
                        "set.",
                        criterion.name,
                    )
                )
            if kind == "domain":
                criterion._parsed_domain()
            if kind == "activity" and not criterion.activity_type_id:
                raise ValidationError(
                    self.env._(
                        "Criterion “%s”: choose the activity type that must be done.",
                        criterion.name,
                    )
                )
            if kind == "deliverable" and not criterion.deliverable_type_id:
                raise ValidationError(
                    self.env._(
                        "Criterion “%s”: choose the deliverable that must be attached.",
                        criterion.name,
                    )
                )

    @api.constrains("direction", "kind", "stage_id", "team_id")
    def _check_entry_of_first_stage(self):
        for criterion in self.filtered(
            lambda c: c.direction == "entry" and c.kind in KINDS_MET_AFTER_CREATION
        ):
            stage = criterion.stage_id
            teams = criterion.team_id or stage.team_id | stage.pipeline_team_ids
            pipelines = self.env["crm.stage"]._pipelines(teams)
            if any(
                pipeline[:1] == stage
                for team, pipeline in pipelines.items()
                if team in teams or not teams
            ):
                raise ValidationError(
                    self.env._(
                        "Criterion “%(name)s”: “%(stage)s” is the first stage of its "
                        "pipeline, where new opportunities are created; nothing could "
                        "meet this entry criterion there. Make it an exit criterion, "
                        "or use a field or condition.",
                        name=criterion.name,
                        stage=stage.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # crm.stage._gate_threshold
        for vals in vals_list:
            if not vals.get("stage_id") and not self.env.context.get(
                "default_stage_id"
            ):
                raise ValidationError(
                    self.env._(
                        "Gate criterion “%s” has no stage: choose the stage it guards.",
                        vals.get("name", ""),
                    )
                )
        criteria = super().create(vals_list)
        criteria._configuration_changed()
        return criteria

    def write(self, vals):
        self.env.registry.clear_cache()  # crm.stage._gate_threshold
        if "stage_id" in vals and not vals["stage_id"]:
            raise ValidationError(
                self.env._(
                    "A gate criterion needs a stage: choose the stage it guards."
                )
            )
        res = super().write(vals)
        if vals.keys() - {"name", "description", "sequence"}:
            self._configuration_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self._configuration_changed()
        return res

    def _configuration_changed(self):
        """The cards' gate progress follows the criteria, in batches."""
        self.env.registry.clear_cache()
        self.env["crm.lead"]._mark_cards_stale()

    @api.model
    @tools.ormcache()
    def _configuration(self):
        """{(stage id, direction): ((criterion id, team id, company id), …)}
        of the active criteria, in their order: what the evaluator needs to
        know which criteria apply to a move, without a query. Cleared by
        every change of the criteria (create, write, unlink) and of the
        stages."""
        by_key = defaultdict(list)
        for criterion in self.sudo().with_context(active_test=True).search([]):
            by_key[(criterion.stage_id.id, criterion.direction)].append(
                (criterion.id, criterion.team_id.id, criterion.company_id.id)
            )
        return {key: tuple(values) for key, values in by_key.items()}

    @api.model
    @tools.ormcache()
    def _evaluation(self):
        """{criterion id: (kind, what it reads)} of the active criteria: the
        opportunity field's name, the activity type's id, the deliverable
        type's id, the parsed condition (None when it cannot be parsed: the
        evaluator reads the criterion and logs why), else None. Cached as
        _configuration: a move whose gates are met reads no criterion."""
        return {
            criterion.id: (criterion.kind, criterion._target())
            for criterion in self.sudo().with_context(active_test=True).search([])
        }

    def _target(self):
        """What the criterion reads: the opportunity field's name, the
        activity type's id, the deliverable type's id, the parsed condition
        (None when it cannot be parsed), else None."""
        self.ensure_one()
        if self.kind == "field":
            return self.field_id.name
        if self.kind == "activity":
            return self.activity_type_id.id
        if self.kind == "deliverable":
            return self.deliverable_type_id.id
        if self.kind == "domain":
            try:
                return self._parsed_domain()
            except ValidationError:
                return None
        return None

    @api.model
    @tools.ormcache()
    def _lead_fields_read(self):
        """The opportunity fields that field and condition criteria read: a
        write to one of them changes the gate progress."""
        names = set()
        for kind, target in self._evaluation().values():
            if kind == "field":
                names.add(target)
            elif kind == "domain" and target is not None:
                # a condition that cannot be parsed is refused where it is
                # evaluated; nothing to follow here
                names |= domain_field_names(target)
        return frozenset(names)

    def _parsed_domain(self):
        """The criterion's condition as a domain; a clear error when it is wrong.

        The text is read as a literal (lists, tuples, strings, numbers), never
        evaluated: a condition is data, not code. Every field it names must be
        a stored field, so the condition costs a read of columns and nothing
        else.
        """
        self.ensure_one()
        try:
            domain = ast.literal_eval((self.domain or "[]").strip())
            if not isinstance(domain, list | tuple):
                raise ValueError(self.env._("a condition is a list of conditions"))
            domain = self._check_stored_paths(list(domain))
            expression.expression(domain, self.env["crm.lead"].sudo())
        except Exception as error:
            raise ValidationError(
                self.env._(
                    "Criterion “%(name)s”: the condition %(domain)s is not a valid "
                    "filter on opportunities (%(error)s). Build it with the domain "
                    "editor, with plain values and stored fields only.",
                    name=self.name,
                    domain=self.domain,
                    error=error,
                )
            ) from error
        return domain

    def _check_stored_paths(self, domain, model=None, hop=True):
        """The domain's leaves on the fields a condition may read.

        Conditions are evaluated as superuser, so they read only what the
        opportunity holds: its own stored fields, and the stored fields of a
        record one of its many-to-one fields points to (one step, e.g. the
        customer's country); never a field reserved to some groups, never
        through a list of records (messages, followers).
        """
        model = self.env["crm.lead"] if model is None else model
        checked = []
        for leaf in domain:
            if leaf in ("&", "|", "!") or leaf in (
                expression.TRUE_LEAF,
                expression.FALSE_LEAF,
            ):
                checked.append(leaf)
                continue
            if not (
                isinstance(leaf, list | tuple)
                and len(leaf) == 3
                and isinstance(leaf[0], str)
            ):
                raise ValueError(self.env._("“%s” is not a condition", leaf))
            path, operator, value = leaf
            names = path.split(".")
            field = self._condition_field(model, names[0])
            steps = len(names) - 1 + (operator in ("any", "not any"))
            if steps and (not hop or steps > 1 or field.type != "many2one"):
                raise ValueError(
                    self.env._(
                        "“%s” goes too far: use a field of the opportunity, or a "
                        "field of a record one of its many-to-one fields points "
                        "to (e.g. the customer's country)",
                        path,
                    )
                )
            last = field
            if len(names) == 2:
                last = self._condition_field(self.env[field.comodel_name], names[1])
            if last.relational and operator not in ("any", "not any"):
                self._check_ids(last, operator, value)
            if operator in ("any", "not any"):
                if not isinstance(value, list | tuple):
                    raise ValueError(
                        self.env._("“%s”: “any” needs a list of conditions", path)
                    )
                value = self._check_stored_paths(
                    list(value), self.env[field.comodel_name], hop=False
                )
            elif not last.relational:
                value = self._checked_value(last, operator, value)
            checked.append((path, operator, value))
        return checked

    def _checked_value(self, field, operator, value):
        """The value of a leaf as the field's type wants it, or a clear error.

        The operator must suit the field (no "greater than" on a text), and
        the value its type: a number for a number (a number written as a
        text is read as one), a key of a selection, a date, True or False.
        """
        if operator in ("=", "!=") and value is False:
            return value  # is set / is not set
        operators, convert, what = self._value_rules(field)
        if operator not in operators:
            raise ValueError(
                self.env._(
                    "“%(field)s” cannot be compared with “%(operator)s”: use one "
                    "of %(operators)s",
                    field=field.string,
                    operator=operator,
                    operators=", ".join(operators),
                )
            )
        try:
            if operator in SET_OPERATORS:
                if not isinstance(value, list | tuple):
                    raise ValueError
                return [convert(v) for v in value]
            return convert(value)
        except (AttributeError, TypeError, ValueError):
            raise ValueError(
                self.env._(
                    "“%(field)s” needs %(what)s, not %(value)r",
                    field=field.string,
                    what=what,
                    value=value,
                )
            ) from None

    def _value_rules(self, field):
        """(operators, conversion, what the value must be) for a field."""
        kind = field.type
        if kind in ("integer", "float", "monetary"):
            return (
                ORDER_OPERATORS + SET_OPERATORS,
                _number,
                self.env._("a number, e.g. 500000"),
            )
        if kind in ("date", "datetime"):
            return (
                ORDER_OPERATORS,
                fields.Date.to_date if kind == "date" else fields.Datetime.to_datetime,
                self.env._("a date, e.g. 2026-01-31"),
            )
        if kind == "boolean":
            return ("=", "!="), _of_type(bool), self.env._("True or False")
        if kind in ("char", "text", "html"):
            return TEXT_OPERATORS, _of_type(str), self.env._("a text")
        if kind == "selection":
            keys = [key for key, _label in field._description_selection(self.env)]

            def convert(value):
                if value not in keys:
                    raise ValueError
                return value

            return (
                ("=", "!=") + SET_OPERATORS,
                convert,
                self.env._("one of %s", ", ".join(map(str, keys))),
            )
        raise ValueError(
            self.env._(
                "“%s” cannot be compared in a condition: choose another field",
                field.string,
            )
        )

    def _check_ids(self, field, operator, value):
        """Records are compared by their ids, never searched by name."""
        values = value if operator in ("in", "not in") else [value]
        if (
            operator not in ("=", "!=", "in", "not in")
            or not isinstance(values, list | tuple)
            or not all(
                v is False or (isinstance(v, int) and not isinstance(v, bool))
                for v in values
            )
        ):
            raise ValueError(
                self.env._(
                    "“%s” is compared by records: choose them with the editor "
                    "(is in, is not in, is set, is not set)",
                    field.string,
                )
            )

    def _condition_field(self, model, name):
        field = model._fields.get(name)
        if not field:
            raise ValueError(self.env._("“%s” is not a field", name))
        if not field.store or (model._name == "crm.lead" and name in GATE_OWN_FIELDS):
            raise ValueError(self.env._("“%s” is not a stored field", field.string))
        if field.groups:
            raise ValueError(
                self.env._(
                    "“%s” is reserved to some groups of users: a condition "
                    "cannot read it",
                    field.string,
                )
            )
        return field
