# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict, namedtuple

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .sales_gate_criterion import domain_field_names

# One unmet requirement of a move: the criterion (empty for a stage rule such
# as "cannot be skipped"), "block" or "warn", what the user reads, the stage
# it belongs to, and whether a flexible node (override) may pass it.
GateIssue = namedtuple(
    "GateIssue",
    "criterion mode message stage overridable",
    defaults=(None, True),
)

_logger = logging.getLogger(__name__)


class SalesGateEvaluator(models.AbstractModel):
    """The evaluation service: every reader of gates goes through here.

    It runs as superuser: it reads configuration (criteria, their fields and
    activity types) and the leads its caller is already working on, and
    answers only "met / not met" and the criteria's names. One method per
    kind of criterion (``_met_<kind>_sql`` for the kinds the database
    answers, run together as one query; ``_met_<kind>`` for the others),
    never one query per lead.
    """

    _name = "sales.gate.evaluator"
    _description = "Stage Gate Evaluator"

    @api.model
    def _criteria_for(self, leads, checks, owners=None):
        """Active criteria of the given stages and directions, per lead.

        :param checks: {lead id: [(crm.stage, direction)]}
        :param owners: {lead id: (stage id, team id, company id)} when the
            caller has them
        :return: {lead id: [(crm.stage, direction, sales.gate.criterion)]}, in
            the order of the checks; leads with the same checks, team and
            company share one list, which callers read and never change
        """
        self = self.sudo()
        Criterion = self.env["sales.gate.criterion"]
        # the configuration of every active criterion, cached: no query
        wanted = any(checks.get(lead_id) for lead_id in leads._ids)
        by_key = Criterion._configuration() if wanted else {}
        # the leads of a batch share a few teams and companies: each answer once
        answers = {}

        def applying(stage, direction, team_id, company_id):
            key = (stage.id, direction, team_id, company_id)
            if key not in answers:
                answers[key] = Criterion.browse(
                    c_id
                    for c_id, c_team, c_company in by_key.get((stage.id, direction), [])
                    # the company filter keeps another company's criteria out
                    if (not c_team or c_team == team_id)
                    and (not c_company or c_company == company_id)
                )
            return answers[key]

        if owners is None:
            owners = leads._plain_values(("stage_id", "team_id", "company_id"))
        companies = leads._gate_companies(owners)
        # the leads of one move share their list of checks (the same list
        # object): its answer is built once per team and company, and shared
        shared = {}
        result = {}
        for lead_id in leads._ids:
            team_id, company_id = owners[lead_id][1], companies[lead_id]
            lead_checks = checks.get(lead_id) or ()
            key = (id(lead_checks), team_id, company_id)
            if key not in shared:
                shared[key] = [
                    (stage, direction, applying(stage, direction, team_id, company_id))
                    for stage, direction in lead_checks
                ]
            result[lead_id] = shared[key]
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
            lead.id: self.env["sales.gate.criterion"]
            .sudo()
            .union(*(c for _s, _d, c in found.get(lead.id, [])))
            for lead in leads
        }

    @api.model
    def _met_pairs(self, leads, criteria, known=None):
        """{(lead id, criterion id)} of the criteria each lead meets.

        One evaluator per kind of criterion, never one query per lead or per
        stage: ``_met_<kind>_sql(leads, criteria)`` gives the query of the
        (lead id, criterion id) pairs met, and the queries of all the kinds
        of a batch run as one; a kind the database cannot answer alone (the
        values in the cache of a lead being edited, a SPIN summary) is
        answered by ``_met_<kind>(leads, criteria, known)``, one query at most.

        :param known: a dict of what was already read about the leads of the
            batch, which the evaluators fill in turn (e.g. "spin": the leads'
            SPIN summary), so that the caller reads nothing twice
        """
        self = self.sudo()
        Criterion = self.env["sales.gate.criterion"]
        known = {} if known is None else known
        leads = leads.sudo().with_context(active_test=False)
        # the kinds from the cached configuration; an archived criterion
        # (the progress of a card still showing it) is read
        evaluation = Criterion._evaluation()
        by_kind = defaultdict(list)
        unknown = []
        for c_id in criteria._ids:
            if c_id in evaluation:
                by_kind[evaluation[c_id][0]].append(c_id)
            else:
                unknown.append(c_id)
        for criterion in criteria.browse(unknown):
            by_kind[criterion.kind].append(criterion.id)
        met, queries = set(), []
        for kind, ids in by_kind.items():
            kind_criteria = criteria.browse(ids)
            in_sql = getattr(self, f"_met_{kind}_sql", None)
            query = in_sql(leads, kind_criteria) if in_sql else None
            if query is None:
                met |= getattr(self, f"_met_{kind}")(leads, kind_criteria, known)
            else:
                queries.append(SQL("(%s)", query))
        if queries:
            met.update(self.env.execute_query(SQL(" UNION ALL ").join(queries)))
        return met

    @api.model
    def _targets(self, criteria):
        """{criterion id: what it reads}, from the cached configuration, or
        from the criterion for one it does not hold (archived)."""
        evaluation = criteria._evaluation()
        return {
            criterion.id: (
                evaluation[criterion.id][1]
                if criterion.id in evaluation
                else criterion._target()
            )
            for criterion in criteria
        }

    @api.model
    def _met_field(self, leads, criteria, known):
        """A stored field is set: one read of those columns."""
        field_names = self._targets(criteria)
        names = sorted(set(field_names.values()))
        values = leads._plain_values(names)
        wanted = [(c_id, names.index(name)) for c_id, name in field_names.items()]
        return {
            (lead_id, c_id)
            for lead_id, lead_values in values.items()
            for c_id, index in wanted
            if lead_values[index]
        }

    @api.model
    def _met_domain(self, leads, criteria, known):
        """The lead matches the condition: conditions name stored fields only,
        so one read of their columns serves every condition of the batch.

        A condition that cannot be evaluated (saved before the checks of
        today, or made wrong by a field that changed since) is not met and
        is logged: it never breaks the pipeline or the form.
        """
        domains = {}
        for c_id, domain in self._targets(criteria).items():
            if domain is None:
                # a condition that cannot be parsed: parse it to say why
                criterion = criteria.browse(c_id)
                try:
                    domain = criterion._parsed_domain()
                except ValidationError as error:
                    self._log_failed_condition(criterion, error)
                    continue
            domains[c_id] = domain
        names = set().union(*map(domain_field_names, domains.values()))
        leads.fetch(list(names))
        met = set()
        for c_id, domain in domains.items():
            try:
                matching = leads.filtered_domain(domain)
            except Exception as error:  # noqa: BLE001 - counted as not met
                self._log_failed_condition(criteria.browse(c_id), error)
                continue
            met.update((lead_id, c_id) for lead_id in matching._ids)
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
    def _met_activity_sql(self, leads, criteria):
        """An activity of the type was marked done: only the messages that
        marking an activity done writes count, not any message naming a type."""
        types = self._targets(criteria)
        self.env["mail.message"].flush_model(
            ["model", "res_id", "sales_activity_done", "mail_activity_type_id"]
        )
        return SQL(
            """
            SELECT DISTINCT m.res_id, c.criterion_id
              FROM mail_message m
              JOIN unnest(%s::int[], %s::int[]) AS c(criterion_id, type_id)
                ON c.type_id = m.mail_activity_type_id
             WHERE m.model = 'crm.lead' AND m.res_id = ANY(%s)
               AND m.sales_activity_done
            """,
            list(types),
            [t or None for t in types.values()],
            leads.ids,
        )

    @api.model
    def _met_deliverable_sql(self, leads, criteria):
        """A document of the kind is attached."""
        types = self._targets(criteria)
        self.env["crm.lead.deliverable"].flush_model(
            ["lead_id", "type_id", "attached_date"]
        )
        return SQL(
            """
            SELECT DISTINCT d.lead_id, c.criterion_id
              FROM crm_lead_deliverable d
              JOIN unnest(%s::int[], %s::int[]) AS c(criterion_id, type_id)
                ON c.type_id = d.type_id
             WHERE d.lead_id = ANY(%s) AND d.attached_date IS NOT NULL
            """,
            list(types),
            [t or None for t in types.values()],
            leads.ids,
        )

    @api.model
    def _met_checklist_sql(self, leads, criteria):
        """The item is ticked on the lead: the relation's rows, as plain pairs.

        Not when the ticks are in the cache: the write being checked tracked
        them, or a lead is being edited (see _met_checklist)."""
        field = leads._fields["gate_checked_ids"]
        cached = sum(1 for _value in self.env.cache.get_values(leads, field))
        if cached == len(leads._ids) or not all(
            isinstance(lead_id, int) for lead_id in leads._ids
        ):
            return None
        leads.flush_recordset([field.name])
        return SQL(
            "SELECT %s, %s FROM %s WHERE %s = ANY(%s) AND %s = ANY(%s)",
            SQL.identifier(field.column1),
            SQL.identifier(field.column2),
            SQL.identifier(field.relation),
            SQL.identifier(field.column1),
            list(leads._ids),
            SQL.identifier(field.column2),
            list(criteria._ids),
        )

    @api.model
    def _met_checklist(self, leads, criteria, known):
        """The item is ticked on the lead, from the ticks in the cache."""
        ticked = leads._plain_values(["gate_checked_ids"])
        return {
            (lead_id, c_id)
            for lead_id, (checked,) in ticked.items()
            for c_id in criteria._ids
            if c_id in checked
        }

    @api.model
    def _met_spin(self, leads, criteria, known):
        """The SPIN standard and the customer's target: one grouped read,
        kept in ``known`` for the gaps the refusal tells."""
        if "spin" not in known:
            known["spin"] = leads._spin_summary()
        spin = known["spin"]
        return {
            (lead_id, c_id)
            for lead_id in leads._ids
            if spin[lead_id]["met"]
            for c_id in criteria._ids
        }

    @api.model
    def _progress_by_lead(self, leads):
        """{lead id: (exit criteria of its stage, the ones met)} for cards and forms."""
        self = self.sudo()
        Criterion = self.env["sales.gate.criterion"]
        criteria_by_lead = self._criteria_by_lead(
            leads, {lead.id: lead.stage_id for lead in leads}, ["exit"]
        )
        all_criteria = Criterion.union(*criteria_by_lead.values())
        met = self._met_pairs(leads, all_criteria) if all_criteria else set()
        return {
            lead_id: (
                criteria,
                criteria.filtered(lambda c, i=lead_id: (i, c.id) in met),
            )
            for lead_id, criteria in criteria_by_lead.items()
        }

    @api.model
    def _stage_rules(self):
        """(rule, key): a stage's (sequence, no skipping, no moving back,
        optional) and its pipeline order (sequence, id), from the cached
        rules of every stage; a stage the cache does not hold yet (one being
        created) is read."""
        rules = self.env["crm.stage"]._gate_rules()

        def rule(stage):
            found = rules.get(stage.id)
            if found is None:
                found = (
                    stage.sequence,
                    stage.gate_no_skip,
                    stage.gate_no_backward,
                    stage.gate_optional,
                )
            return found

        def key(stage):
            return (rule(stage)[0], stage.id)

        return rule, key

    @api.model
    def _move_checks(self, moves, pipelines, owners=None):
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

        :param owners: {lead id: (stage id, team id, company id)} when the
            caller has them
        :return: ({lead id: [(stage, direction)]}, {lead id: [GateIssue]} of the
            stage rules: another team's stage, no moving back, no skipping)
        """
        checks, rules = {}, defaultdict(list)
        empty = self.env["sales.gate.criterion"]
        stage_rule, stage_key = self._stage_rules()
        # the moves of a batch share a few (team, from, to): each answered once
        answered = {}
        for lead, old, new in moves:
            team_id = owners[lead.id][1] if owners else lead.team_id.id
            key = (team_id, old.id if old else False, new.id)
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
                forward = stage_key(new) > stage_key(old)
                passed = [
                    s
                    for s in pipeline
                    if stage_key(old) < stage_key(s) < stage_key(new)
                ]
                if forward:
                    wanted.append((old, "exit"))
                elif stage_rule(old)[2] and stage_key(new) < stage_key(old):
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
                passed = [s for s in pipeline if stage_key(s) < stage_key(new)]
            for stage in passed:
                if stage_rule(stage)[1]:
                    lead_rules.append(
                        GateIssue(
                            empty,
                            "block",
                            self.env._("“%s” cannot be skipped.", stage.name),
                            stage,
                        )
                    )
                if not stage_rule(stage)[3]:
                    wanted += [(stage, "entry"), (stage, "exit")]
            wanted.append((new, "entry"))
            checks[lead.id] = wanted
            answered[key] = (wanted, lead_rules)
            if lead_rules:
                rules[lead.id] = list(lead_rules)
        return checks, rules

    @api.model
    def _move_issues(self, moves, progress=None, owners=None):
        """What stands in the way of each move.

        :param moves: list of (lead, stage it leaves or empty, stage it enters)
        :param progress: a dict to fill with {lead id: (number of exit criteria
            of the stage entered, number met)}, read in the same queries
        :param owners: {lead id: (stage id, team id, company id)} when the
            caller has them
        :return: {lead id: [GateIssue]} for the leads with unmet requirements,
            in the order of the pipeline
        """
        self = self.sudo()
        Criterion = self.env["sales.gate.criterion"]
        threshold = self.env["crm.stage"]._gate_threshold()
        # a move within its pipeline that stays before the first gated stage
        # meets no gate: nothing to look up

        if owners is None:
            owners = (
                self.env["crm.lead"]
                .browse(dict.fromkeys(lead.id for lead, _old, _new in moves))
                ._plain_values(("stage_id", "team_id", "company_id"))
            )
        # the moves of a batch share a few (team, from, to): each answered once
        answers = {}
        _rule, stage_key = self._stage_rules()

        def gated(lead, old, new):
            key = (owners[lead.id][1], old.id, new.id)
            if key not in answers:
                answers[key] = (
                    threshold is not None
                    and (
                        stage_key(new) >= threshold
                        or (old and stage_key(old) >= threshold)
                    )
                ) or not new._in_pipeline_of(lead.team_id)
            return answers[key]

        flagged = [(move, gated(*move)) for move in moves]
        if progress is not None:
            # the stages before the first gate carry no criterion at all
            progress.update(
                (lead.id, (0, 0)) for (lead, _old, _new), flag in flagged if not flag
            )
        moves = [move for move, flag in flagged if flag]
        if not moves:
            return {}
        # plain ids: a thousand leads make no record each, nor their teams
        leads = self.env["crm.lead"].browse(
            dict.fromkeys(lead.id for lead, _old, _new in moves)
        )
        pipelines = self.env["crm.stage"]._pipelines(
            self.env["crm.team"].browse(
                {owners[lead_id][1] for lead_id in leads._ids} - {False}
            )
        )
        checks, rules = self._move_checks(moves, pipelines, owners)
        if progress is not None:
            # one list per list of checks and stage entered, shared as the
            # checks are
            extended = {}

            def with_exit(lead_id, new):
                key = (id(checks[lead_id]), new.id)
                if key not in extended:
                    extended[key] = [*checks[lead_id], (new, "exit")]
                return extended[key]

            checks = {lead.id: with_exit(lead.id, new) for lead, _old, new in moves}
        applicable = self._criteria_for(leads, checks, owners)
        # the distinct lists only: the leads of one move share theirs
        distinct = {id(found): found for found in applicable.values()}
        all_criteria = Criterion.union(
            *{c for found in distinct.values() for _s, _d, c in found}
        )
        known = {}
        met = self._met_pairs(leads, all_criteria, known) if all_criteria else set()
        spin = known.get("spin", {})
        # the shape of each distinct list, once: the checks, the ids of their
        # criteria and those of the exits of the stage entered
        shapes = {}

        def shape(found):
            if id(found) not in shapes:
                checked, exits = found, ()
                if progress is not None:
                    *checked, (_s, _d, exit_criteria) = found
                    exits = exit_criteria._ids
                needed = {c_id for _s, _d, c in checked for c_id in c._ids}
                shapes[id(found)] = (checked, needed, exits)
            return shapes[id(found)]

        issues = {}
        for lead_id in leads._ids:
            found, needed, exits = shape(applicable[lead_id])
            if progress is not None:
                progress[lead_id] = (
                    len(exits),
                    sum((lead_id, c_id) in met for c_id in exits),
                )
            if lead_id not in rules and all((lead_id, c_id) in met for c_id in needed):
                # the usual move: every criterion on the way met
                continue
            lead_issues = [
                *rules.get(lead_id, []),
                *self._unmet_issues(lead_id, found, met, spin),
            ]
            if lead_issues:
                issues[lead_id] = lead_issues
        return issues

    @api.model
    def _unmet_issues(self, lead_id, found, met, spin):
        """[GateIssue] of the criteria of found that the lead does not meet."""
        lead_issues = []
        for stage, _direction, criteria in found:
            unmet = [c_id for c_id in criteria._ids if (lead_id, c_id) not in met]
            for criterion in criteria.browse(unmet):
                message = criterion.name
                if criterion.kind == "spin":
                    message = f"{message}: {spin[lead_id]['gap']}"
                lead_issues.append(GateIssue(criterion, criterion.mode, message, stage))
        return lead_issues

    @api.model
    def _lost_issues(self, leads):
        """{lead id: [GateIssue]} of the "when lost" criteria each lead misses."""
        self = self.sudo()
        Criterion = self.env["sales.gate.criterion"]
        applicable = self._criteria_by_lead(
            leads, {lead.id: lead.stage_id for lead in leads}, ["lost"]
        )
        all_criteria = Criterion.union(*applicable.values())
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
