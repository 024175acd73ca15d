# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
import logging
import math
from collections import defaultdict, namedtuple

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression

# One unmet requirement of a move: the criterion (empty for a stage rule such
# as "cannot be skipped"), "block" or "warn", what the user reads, the stage
# it belongs to, and whether a flexible node (override) may pass it.
GateIssue = namedtuple(
    "GateIssue",
    "criterion mode message stage overridable",
    defaults=(None, True),
)

_logger = logging.getLogger(__name__)

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
    def _lead_fields_read(self):
        """The opportunity fields that field and condition criteria read: a
        write to one of them changes the gate progress."""
        names = set()
        for criterion in (
            self.sudo()
            .with_context(active_test=True)
            .search([("kind", "in", ("field", "domain"))])
        ):
            if criterion.kind == "field":
                names.add(criterion.field_id.name)
                continue
            try:
                domain = criterion._parsed_domain()
            except ValidationError:
                # refused where it is evaluated; nothing to follow here
                continue
            for leaf in domain:
                if isinstance(leaf, list | tuple):
                    names.add(leaf[0].split(".")[0])
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

    # ------------------------------------------------------------------
    # The evaluation service: every reader of gates goes through here.
    # It runs as superuser: it reads configuration (criteria, their fields and
    # activity types) and the leads its caller is already working on, and
    # answers only "met / not met" and the criteria's names.
    # ------------------------------------------------------------------
    @api.model
    def _criteria_for(self, leads, checks):
        """Active criteria of the given stages and directions, per lead.

        :param checks: {lead id: [(crm.stage, direction)]}
        :return: {lead id: [(crm.stage, direction, sales.gate.criterion)]}, in
            the order of the checks
        """
        self = self.sudo()
        stage_ids = {stage.id for wanted in checks.values() for stage, _d in wanted}
        directions = {d for wanted in checks.values() for _s, d in wanted}
        # one query for the whole batch, whatever the number of stages
        criteria = (
            self.search(
                [
                    ("stage_id", "in", list(stage_ids)),
                    ("direction", "in", list(directions)),
                ]
            )
            if stage_ids
            else self.browse()
        )
        by_key = defaultdict(list)
        for criterion in criteria:
            by_key[(criterion.stage_id.id, criterion.direction)].append(criterion)
        # the leads of a batch share a few teams and companies: each answer once
        answers = {}

        def applying(stage, direction, team, company):
            key = (stage.id, direction, team.id, company.id)
            if key not in answers:
                answers[key] = self.browse(
                    c.id
                    for c in by_key.get((stage.id, direction), [])
                    # the company filter keeps another company's criteria out
                    if (not c.team_id or c.team_id == team)
                    and (not c.company_id or c.company_id == company)
                )
            return answers[key]

        result = {}
        for lead in leads:
            company = lead._gate_company()
            team = lead.team_id
            result[lead.id] = [
                (stage, direction, applying(stage, direction, team, company))
                for stage, direction in checks.get(lead.id, [])
            ]
        return result

    @api.model
    def _criteria_by_lead(self, leads, stage_by_lead, directions):
        """Active criteria that apply to each lead in the given stage.

        :param stage_by_lead: {lead id: crm.stage}
        :param directions: the directions to take ("entry", "exit", "lost")
        :return: {lead id: sales.gate.criterion recordset}
        """
        checks = {
            lead.id: [(stage_by_lead[lead.id], direction) for direction in directions]
            for lead in leads
            if stage_by_lead.get(lead.id)
        }
        found = self._criteria_for(leads, checks)
        return {
            lead.id: self.sudo().union(*(c for _s, _d, c in found.get(lead.id, [])))
            for lead in leads
        }

    @api.model
    def _met_pairs(self, leads, criteria, spin=None):
        """{(lead id, criterion id)} of the criteria each lead meets.

        One evaluator per kind of criterion, each one query at most for the
        whole batch, never one per lead or per stage. ``spin``: the leads' SPIN
        summary when the caller has it already.
        """
        self = self.sudo()
        leads = leads.sudo().with_context(active_test=False)
        by_kind = defaultdict(lambda: self.browse())
        for criterion in criteria:
            by_kind[criterion.kind] |= criterion
        met = set()
        for kind, kind_criteria in by_kind.items():
            evaluator = getattr(self, f"_met_{kind}")
            if kind == "spin":
                met |= evaluator(leads, kind_criteria, spin)
            else:
                met |= evaluator(leads, kind_criteria)
        return met

    @api.model
    def _met_field(self, leads, criteria):
        """A stored field is set: one read of those columns."""
        leads.fetch(list(set(criteria.field_id.mapped("name"))))
        return {
            (lead.id, c.id) for lead in leads for c in criteria if lead[c.field_id.name]
        }

    @api.model
    def _met_domain(self, leads, criteria):
        """The lead matches the condition: conditions name stored fields only,
        so one read of their columns serves every condition of the batch.

        A condition that cannot be evaluated (saved before the checks of
        today, or made wrong by a field that changed since) is not met and
        is logged: it never breaks the pipeline or the form.
        """
        domains = {}
        for criterion in criteria:
            try:
                domains[criterion] = criterion._parsed_domain()
            except ValidationError as error:
                self._log_failed_condition(criterion, error)
        names = {
            leaf[0].split(".")[0]
            for domain in domains.values()
            for leaf in domain
            if isinstance(leaf, list | tuple)
        }
        leads.fetch(list(names))
        met = set()
        for criterion, domain in domains.items():
            try:
                matching = leads.filtered_domain(domain)
            except Exception as error:  # noqa: BLE001 - counted as not met
                self._log_failed_condition(criterion, error)
                continue
            met.update((lead.id, criterion.id) for lead in matching)
        return met

    @api.model
    def _log_failed_condition(self, criterion, error):
        _logger.warning(
            "Gate criterion %s (%s): its condition %r cannot be evaluated and "
            "counts as not met: %s",
            criterion.id,
            criterion.name,
            criterion.domain,
            error,
        )

    @api.model
    def _met_activity(self, leads, criteria):
        """An activity of the type was marked done: only the messages that
        marking an activity done writes count, not any message naming a type."""
        done = {
            (res_id, activity_type.id)
            for res_id, activity_type in self.env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", "crm.lead"),
                    ("res_id", "in", leads.ids),
                    ("sales_activity_done", "=", True),
                    ("mail_activity_type_id", "in", criteria.activity_type_id.ids),
                ],
                ["res_id", "mail_activity_type_id"],
            )
        }
        return {
            (lead.id, c.id)
            for lead in leads
            for c in criteria
            if (lead.id, c.activity_type_id.id) in done
        }

    @api.model
    def _met_deliverable(self, leads, criteria):
        """A document of the kind is attached: one grouped read."""
        attached = {
            (lead.id, deliverable_type.id)
            for lead, deliverable_type in self.env["crm.lead.deliverable"]
            .sudo()
            ._read_group(
                [
                    ("lead_id", "in", leads.ids),
                    ("type_id", "in", criteria.deliverable_type_id.ids),
                    ("attached_date", "!=", False),
                ],
                ["lead_id", "type_id"],
            )
        }
        return {
            (lead.id, c.id)
            for lead in leads
            for c in criteria
            if (lead.id, c.deliverable_type_id.id) in attached
        }

    @api.model
    def _met_checklist(self, leads, criteria):
        """The item is ticked on the lead: one read of the ticked items."""
        leads.fetch(["gate_checked_ids"])
        return {
            (lead.id, c.id)
            for lead in leads
            for c in criteria
            if c in lead.gate_checked_ids
        }

    @api.model
    def _met_spin(self, leads, criteria, spin=None):
        """The SPIN standard and the customer's target: one grouped read."""
        spin = spin if spin is not None else leads._spin_summary()
        return {
            (lead.id, c.id) for lead in leads for c in criteria if spin[lead.id]["met"]
        }

    @api.model
    def _progress_by_lead(self, leads):
        """{lead id: (exit criteria of its stage, the ones met)} for cards and forms."""
        self = self.sudo()
        criteria_by_lead = self._criteria_by_lead(
            leads, {lead.id: lead.stage_id for lead in leads}, ["exit"]
        )
        all_criteria = self.union(*criteria_by_lead.values())
        met = self._met_pairs(leads, all_criteria) if all_criteria else set()
        return {
            lead_id: (
                criteria,
                criteria.filtered(lambda c, i=lead_id: (i, c.id) in met),
            )
            for lead_id, criteria in criteria_by_lead.items()
        }

    @api.model
    def _move_checks(self, moves, pipelines):
        """What each move must be checked against.

        A forward move checks the exit criteria of the stage it leaves, the
        entry and exit criteria of every stage it passes over (unless the stage
        is optional) and the entry criteria of the target. "Passed over" is
        read in the opportunity's own pipeline, from the stage it leaves to the
        target, whatever stages it went through before: an opportunity that
        went back checks again every gate between where it is and where it
        goes. A created opportunity, or one coming from a stage outside its
        pipeline, comes from the start of its pipeline. A backward move checks
        the entry criteria of the target.

        :return: ({lead id: [(stage, direction)]}, {lead id: [GateIssue]} of the
            stage rules: another team's stage, no moving back, no skipping)
        """
        checks, rules = {}, defaultdict(list)
        empty = self.browse()
        # the moves of a batch share a few (team, from, to): each answered once
        answered = {}
        for lead, old, new in moves:
            key = (lead.team_id.id, old.id if old else False, new.id)
            if key in answered:
                checks[lead.id], lead_rules = answered[key]
                if lead_rules:
                    rules[lead.id] = list(lead_rules)
                continue
            lead_rules = []
            pipeline = pipelines[lead.team_id]
            if new not in pipeline:
                lead_rules.append(
                    GateIssue(
                        empty,
                        "block",
                        self.env._(
                            "“%(stage)s” is not a stage of the pipeline of "
                            "“%(team)s”: choose one of its stages, or change the "
                            "opportunity's sales team with the move.",
                            stage=new.name,
                            team=lead.team_id.name,
                        )
                        if lead.team_id
                        else self.env._(
                            "“%s” belongs to the pipeline of a sales team: set "
                            "that team on the opportunity with the move.",
                            new.name,
                        ),
                        new,
                        False,
                    )
                )
                checks[lead.id] = []
                answered[key] = ([], lead_rules)
                rules[lead.id] = list(lead_rules)
                continue
            wanted = []
            if old and old in pipeline:
                forward = _stage_key(new) > _stage_key(old)
                passed = [
                    s
                    for s in pipeline
                    if _stage_key(old) < _stage_key(s) < _stage_key(new)
                ]
                if forward:
                    wanted.append((old, "exit"))
                elif old.gate_no_backward and _stage_key(new) < _stage_key(old):
                    lead_rules.append(
                        GateIssue(
                            empty,
                            "block",
                            self.env._(
                                "Opportunities cannot move back from “%s”.", old.name
                            ),
                            old,
                        )
                    )
            else:
                passed = [s for s in pipeline if _stage_key(s) < _stage_key(new)]
            for stage in passed:
                if stage.gate_no_skip:
                    lead_rules.append(
                        GateIssue(
                            empty,
                            "block",
                            self.env._("“%s” cannot be skipped.", stage.name),
                            stage,
                        )
                    )
                if not stage.gate_optional:
                    wanted += [(stage, "entry"), (stage, "exit")]
            wanted.append((new, "entry"))
            checks[lead.id] = wanted
            answered[key] = (wanted, lead_rules)
            if lead_rules:
                rules[lead.id] = list(lead_rules)
        return checks, rules

    @api.model
    def _move_issues(self, moves, progress=None):
        """What stands in the way of each move.

        :param moves: list of (lead, stage it leaves or empty, stage it enters)
        :param progress: a dict to fill with {lead id: (number of exit criteria
            of the stage entered, number met)}, read in the same queries
        :return: {lead id: [GateIssue]} for the leads with unmet requirements,
            in the order of the pipeline
        """
        self = self.sudo()
        threshold = self.env["crm.stage"]._gate_threshold()
        # a move within its pipeline that stays before the first gated stage
        # meets no gate: nothing to look up

        def gated(lead, old, new):
            if threshold is not None and (
                _stage_key(new) >= threshold or (old and _stage_key(old) >= threshold)
            ):
                return True
            return not new._in_pipeline_of(lead.team_id)

        flagged = [(move, gated(*move)) for move in moves]
        if progress is not None:
            # the stages before the first gate carry no criterion at all
            progress.update(
                (lead.id, (0, 0)) for (lead, _old, _new), flag in flagged if not flag
            )
        moves = [move for move, flag in flagged if flag]
        if not moves:
            return {}
        leads = self.env["crm.lead"].union(*(lead for lead, _old, _new in moves))
        pipelines = self.env["crm.stage"]._pipelines(leads.team_id)
        checks, rules = self._move_checks(moves, pipelines)
        if progress is not None:
            checks = {
                lead.id: [*checks[lead.id], (new, "exit")] for lead, _old, new in moves
            }
        applicable = self._criteria_for(leads, checks)
        all_criteria = self.union(
            *{c for found in applicable.values() for _s, _d, c in found}
        )
        spin = leads._spin_summary() if "spin" in all_criteria.mapped("kind") else {}
        met = self._met_pairs(leads, all_criteria, spin) if all_criteria else set()
        issues = defaultdict(list)
        for lead, _old, _new in moves:
            found = applicable[lead.id]
            if progress is not None:
                *found, (_s, _d, exits) = found
                progress[lead.id] = (
                    len(exits),
                    sum((lead.id, c_id) in met for c_id in exits.ids),
                )
            issues[lead.id] += rules.get(lead.id, [])
            for stage, _direction, criteria in found:
                for criterion in criteria:
                    if (lead.id, criterion.id) in met:
                        continue
                    message = criterion.name
                    if criterion.kind == "spin":
                        message = f"{message}: {spin[lead.id]['gap']}"
                    issues[lead.id].append(
                        GateIssue(criterion, criterion.mode, message, stage)
                    )
            if not issues[lead.id]:
                del issues[lead.id]
        return dict(issues)

    @api.model
    def _lost_issues(self, leads):
        """{lead id: [GateIssue]} of the "when lost" criteria each lead misses."""
        self = self.sudo()
        applicable = self._criteria_by_lead(
            leads, {lead.id: lead.stage_id for lead in leads}, ["lost"]
        )
        all_criteria = self.union(*applicable.values())
        if not all_criteria:
            return {}
        met = self._met_pairs(leads, all_criteria)
        issues = {}
        for lead in leads:
            missing = [
                GateIssue(c, c.mode, c.name, lead.stage_id)
                for c in applicable[lead.id]
                if (lead.id, c.id) not in met
            ]
            if missing:
                issues[lead.id] = missing
        return issues
