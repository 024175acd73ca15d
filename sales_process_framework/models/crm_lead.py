# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import RedirectWarning, UserError
from odoo.osv import expression
from odoo.tools import format_datetime

from ..tools.numbers import check_number_values
from ..tools.working_time import WorkingTime
from .res_company import SPIN_TYPES
from .sales_gate_criterion import _stage_key

# How many blocked opportunities one refusal lists before summing up the rest.
MAX_LISTED = 10
# Opportunities per batch of the journey alerts.
ALERT_BATCH = 500
# Key of the transaction lock that keeps two workers of the journey alerts apart.
ALERT_LOCK = 7_202_611
# Opportunities per batch of the scheduled refresh of the stored card fields.
REFRESH_BATCH = 1000
# The stored fields of the card that a configuration change may make stale.
GATE_PROGRESS_FIELDS = ("gate_exit_total", "gate_exit_done")
JOURNEY_FIELDS = (
    "journey_phase_id",
    "touchpoint_next_id",
    "touchpoint_deadline",
    "touchpoint_due_soon_date",
)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # Stage gates
    gate_checked_ids = fields.Many2many(
        "sales.gate.criterion",
        "crm_lead_gate_checked_rel",
        "lead_id",
        "criterion_id",
        string="Ticked Checklist Items",
        domain=[("kind", "=", "checklist")],
        tracking=True,
    )
    # Stored: the card reads them. Kept right by the writes that change them
    # (see _compute_gate_progress, write and mail.activity) and, after a change
    # of the criteria, by the scheduled refresh of the cards.
    gate_exit_total = fields.Integer(
        compute="_compute_gate_progress", store=True, string="Exit Criteria"
    )
    gate_exit_done = fields.Integer(
        compute="_compute_gate_progress", store=True, string="Exit Criteria Met"
    )
    gate_status_html = fields.Html(
        compute="_compute_gate_status_html", string="Gate Status", sanitize=False
    )
    card_refresh_pending = fields.Boolean(
        copy=False,
        index=True,
        readonly=True,
        help="The gate progress or the journey of the card waits for the scheduled "
        "refresh after a change of the criteria or of the journey.",
    )
    pipeline_stage_ids = fields.Many2many(
        "crm.stage",
        compute="_compute_pipeline_stage_ids",
        string="Pipeline Stages",
        help="The stages of the pipeline of the opportunity's team.",
    )
    stage_guidance = fields.Html(related="stage_id.sales_guidance", string="Guidance")
    deliverable_ids = fields.One2many(
        "crm.lead.deliverable", "lead_id", string="Deliverables"
    )
    gate_override_ids = fields.One2many(
        "sales.gate.override", "lead_id", string="Gate Overrides"
    )
    # Customer journey and response SLAs
    touchpoint_log_ids = fields.One2many(
        "crm.lead.touchpoint", "lead_id", string="Touchpoint Log"
    )
    journey_phase_id = fields.Many2one(
        "sales.journey.phase",
        compute="_compute_journey",
        store=True,
        string="Journey Phase",
    )
    touchpoint_next_id = fields.Many2one(
        "sales.journey.touchpoint",
        compute="_compute_journey",
        store=True,
        string="Next Touchpoint",
    )
    touchpoint_next_name = fields.Char(
        compute="_compute_touchpoint_next_name", string="Next Due"
    )
    touchpoint_deadline = fields.Datetime(
        compute="_compute_journey", store=True, string="Due By"
    )
    touchpoint_due_soon_date = fields.Datetime(
        compute="_compute_journey",
        store=True,
        string="Due Soon From",
        help="From this time on, the next touchpoint is due soon.",
    )
    sla_status = fields.Selection(
        [
            ("none", "No SLA"),
            ("on_time", "On Time"),
            ("due_soon", "Due Soon"),
            ("breached", "Breached"),
        ],
        compute="_compute_sla_status",
        string="SLA Status",
    )
    first_response_deadline = fields.Datetime(
        readonly=True,
        copy=False,
        help="The new-lead response SLA of the company, counted from creation in "
        "working time.",
    )
    first_response_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="First touchpoint or activity logged by the lead's salesperson.",
    )
    first_response_hours = fields.Float(
        compute="_compute_first_response",
        store=True,
        aggregator="avg",
        string="Response Time (Hours)",
        help="Elapsed hours from creation to the first response.",
    )
    first_response_on_time = fields.Boolean(
        compute="_compute_first_response", store=True, string="Responded Within SLA"
    )
    first_response_bucket = fields.Selection(
        [
            ("a_5min", "Within 5 minutes"),
            ("b_1h", "Within 1 hour"),
            ("c_4h", "Within 4 hours"),
            ("d_1d", "Within 1 day"),
            ("e_more", "More than 1 day"),
        ],
        compute="_compute_first_response",
        store=True,
        string="Response Time",
    )
    # Customer satisfaction, for the NPS health metric
    nps_score = fields.Selection(
        [(str(score), str(score)) for score in range(11)],
        string="NPS Score",
        tracking=True,
        help="How likely the customer is to recommend us (0-10), asked when the "
        "opportunity is won or lost.",
    )
    # Rotting, as Odoo 19 does it: a stored start date, the flag computed from
    # it with no query, and searchable.
    date_last_touch = fields.Datetime(
        string="Last Touch",
        readonly=True,
        copy=False,
        help="Date of the last message sent or received, or activity done.",
    )
    rotting_start_date = fields.Datetime(
        compute="_compute_rotting_start_date",
        store=True,
        copy=False,
        help="When the opportunity starts rotting if nothing happens on it.",
    )
    rotting_reminded_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="The rotting start date its team leader was reminded of.",
    )
    idle_days = fields.Integer(
        compute="_compute_idle_days",
        help="Days since the last stage change, logged activity or message.",
    )
    is_rotting = fields.Boolean(
        compute="_compute_is_rotting",
        search="_search_is_rotting",
        string="Rotting",
        help="Idle in its stage for longer than the stage's rotting days.",
    )
    # SPIN needs diagnosis
    spin_question_ids = fields.One2many(
        "crm.lead.spin.question", "lead_id", string="SPIN Questions"
    )
    spin_target = fields.Char(
        string="Customer's Target",
        tracking=True,
        help="The result the customer states in the need-payoff answers, "
        "e.g. '+15% line efficiency'.",
    )
    spin_status = fields.Char(compute="_compute_spin", string="SPIN Status")
    spin_met = fields.Boolean(compute="_compute_spin", string="SPIN Standard Met")

    @api.depends(
        "stage_id",
        "team_id",
        "company_id",
        "gate_checked_ids",
        "deliverable_ids.attached_date",
        "deliverable_ids.type_id",
        "spin_question_ids.answer",
        "spin_question_ids.question_type",
        "spin_target",
    )
    def _compute_gate_progress(self):
        """Exit criteria of the stage, and the ones met. Besides these
        dependencies: done activities (mail.activity), the fields the field and
        condition criteria read (write), and the criteria themselves (the
        scheduled refresh of the cards)."""
        for lead, (criteria, met) in self._gate_progress_shown().items():
            lead.gate_exit_total = len(criteria)
            lead.gate_exit_done = len(met)

    @api.depends("gate_exit_total", "gate_exit_done")
    @api.depends_context("lang")
    def _compute_gate_status_html(self):
        for lead, (criteria, met) in self._gate_progress_shown().items():
            lead.gate_status_html = lead._gate_status_markup(criteria, met)

    def _gate_progress_shown(self):
        """{lead: (exit criteria, the ones met)}. A record being edited shows
        where its saved version stands, with the checklist as ticked on screen:
        ticking an item moves the progress before Save."""
        saved = self._origin.filtered("id")
        progress = self.env["sales.gate.criterion"]._progress_by_lead(saved)
        empty = self.env["sales.gate.criterion"]
        shown = {}
        for lead in self:
            criteria, met = progress.get(lead._origin.id, (empty, empty))
            if not isinstance(lead.id, int):
                checklist = criteria.filtered(lambda c: c.kind == "checklist")
                met = (met - checklist) | (checklist & lead.gate_checked_ids._origin)
            shown[lead] = (criteria, met)
        return shown

    def _set_gate_progress(self, progress):
        """Store the gate progress the move's evaluation has just read, instead
        of reading it again when the stage change recomputes it.

        :param progress: {lead id: (number of exit criteria, number met)}
        """
        names = GATE_PROGRESS_FIELDS
        with self.env.protecting([self._fields[name] for name in names], self):
            # one assignment per distinct value, not one per lead
            for (total, done), leads in self.grouped(
                lambda lead: progress[lead.id]
            ).items():
                leads.gate_exit_total = total
                leads.gate_exit_done = done

    def _refresh_gate_progress(self):
        """Recompute the stored gate progress of these leads (at the next flush)."""
        for name in GATE_PROGRESS_FIELDS:
            self.env.add_to_compute(self._fields[name], self)

    @api.depends("team_id")
    def _compute_pipeline_stage_ids(self):
        teams = self.team_id._origin
        pipelines = self.env["crm.stage"]._pipelines(teams)
        for lead in self:
            lead.pipeline_stage_ids = pipelines.get(lead.team_id._origin, False)

    def _gate_status_markup(self, criteria, met):
        # checklist items are ticked in the Checklist beside: listed once
        criteria = criteria.filtered(lambda c: c.kind != "checklist")
        if not criteria:
            return False
        rows = Markup().join(
            Markup(
                '<li class="{cls}"><i class="fa {icon} me-1" title="{title}"></i>'
                "{name}{mode}</li>"
            ).format(
                cls="text-success" if c in met else "",
                icon="fa-check-square-o" if c in met else "fa-square-o",
                title=self.env._("Met") if c in met else self.env._("Missing"),
                name=c.name,
                mode=Markup(' <span class="badge text-bg-warning">{}</span>').format(
                    self.env._("warn")
                )
                if c.mode == "warn"
                else "",
            )
            for c in criteria
        )
        return Markup('<ul class="list-unstyled mb-0 o_gate_status">{}</ul>').format(
            rows
        )

    def _idle_since(self):
        self.ensure_one()
        return max(
            filter(None, [self.date_last_stage_update, self.date_last_touch]),
            default=None,
        )

    @api.depends(
        "date_last_stage_update",
        "date_last_touch",
        "active",
        "stage_id.rotting_days",
        "stage_id.is_won",
    )
    def _compute_rotting_start_date(self):
        def start(lead):
            stage = lead.stage_id
            if not stage.rotting_days or stage.is_won or not lead.active:
                return False
            since = lead._idle_since()
            return since + timedelta(days=stage.rotting_days) if since else False

        # one assignment per distinct value, not one per lead
        for date, leads in self.grouped(start).items():
            leads.rotting_start_date = date

    # The flags below are read by every card: the values are read for the whole
    # page at once and assigned once per distinct value, not once per card.
    @api.depends("date_last_stage_update", "date_last_touch")
    def _compute_idle_days(self):
        now = fields.Datetime.now()
        days = defaultdict(list)
        for lead_id, stage_date, touch in zip(
            self._ids,
            self.mapped("date_last_stage_update"),
            self.mapped("date_last_touch"),
            strict=True,
        ):
            since = max(filter(None, (stage_date, touch)), default=None)
            days[(now - since).days if since else 0].append(lead_id)
        for value, ids in days.items():
            self.browse(ids).idle_days = value

    @api.depends("rotting_start_date")
    def _compute_is_rotting(self):
        now = fields.Datetime.now()
        starts = self.mapped("rotting_start_date")
        rotting = self.browse(
            lead_id
            for lead_id, start in zip(self._ids, starts, strict=True)
            if start and start < now
        )
        rotting.is_rotting = True
        (self - rotting).is_rotting = False

    def _search_is_rotting(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Search rotting opportunities with = or !=."))
        rotting = [("rotting_start_date", "<", fields.Datetime.now())]
        if (operator == "=") == bool(value):
            return rotting
        return ["!", *rotting]

    def _touched(self, dates):
        """A message or a done activity on these leads: {lead id: its date}."""
        # sudo: the date is set by the server from the message just written,
        # whoever wrote it (a customer's e-mail, a colleague's note)
        for lead in self.sudo():
            date = dates[lead.id]
            if not lead.date_last_touch or lead.date_last_touch < date:
                lead.date_last_touch = date

    @api.depends("create_date", "first_response_date", "first_response_deadline")
    def _compute_first_response(self):
        for lead in self:
            if not (lead.first_response_date and lead.create_date):
                lead.first_response_hours = 0.0
                lead.first_response_on_time = False
                lead.first_response_bucket = False
                continue
            hours = (lead.first_response_date - lead.create_date).total_seconds() / 3600
            lead.first_response_hours = max(hours, 0.0)
            lead.first_response_on_time = (
                not lead.first_response_deadline
                or lead.first_response_date <= lead.first_response_deadline
            )
            lead.first_response_bucket = next(
                bucket
                for limit, bucket in (
                    (5 / 60, "a_5min"),
                    (1, "b_1h"),
                    (4, "c_4h"),
                    (24, "d_1d"),
                    (float("inf"), "e_more"),
                )
                if hours <= limit
            )

    @api.depends(
        "stage_id",
        "team_id",
        "company_id",
        "active",
        "date_last_stage_update",
        "touchpoint_log_ids.touchpoint_id",
        "first_response_date",
        "first_response_deadline",
    )
    def _compute_journey(self):
        """Phase, next due touchpoint and its deadline. Besides these
        dependencies: the journey, the company's calendar and due-soon hours
        (the scheduled refresh of the cards)."""
        state = self._origin.filtered("id")._journey_state()

        def values(lead):
            info = state.get(lead._origin.id, {})
            return (
                info.get("phase") or False,
                info.get("touchpoint") or False,
                info.get("deadline") or False,
                info.get("due_soon") or False,
            )

        # one assignment per distinct value, not one per lead
        for (phase, touchpoint, deadline, due_soon), leads in self.grouped(
            values
        ).items():
            leads.journey_phase_id = phase
            leads.touchpoint_next_id = touchpoint
            leads.touchpoint_deadline = deadline
            leads.touchpoint_due_soon_date = due_soon

    @api.depends("touchpoint_next_id", "touchpoint_deadline")
    @api.depends_context("lang")
    def _compute_touchpoint_next_name(self):
        # only a card with a deadline has something due
        deadlines = self.mapped("touchpoint_deadline")
        due = self.browse(
            lead_id
            for lead_id, deadline in zip(self._ids, deadlines, strict=True)
            if deadline
        )
        (self - due).touchpoint_next_name = False
        first_response = self.env._("First response") if due else False
        names = defaultdict(list)
        for lead in due:
            names[lead.touchpoint_next_id.name or first_response].append(lead.id)
        for name, ids in names.items():
            self.browse(ids).touchpoint_next_name = name

    @api.depends("touchpoint_deadline", "touchpoint_due_soon_date")
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        statuses = defaultdict(list)
        for lead_id, deadline, due_soon in zip(
            self._ids,
            self.mapped("touchpoint_deadline"),
            self.mapped("touchpoint_due_soon_date"),
            strict=True,
        ):
            status = (
                "none"
                if not deadline
                else "breached"
                if now > deadline
                else "due_soon"
                if now > (due_soon or deadline)
                else "on_time"
            )
            statuses[status].append(lead_id)
        for status, ids in statuses.items():
            self.browse(ids).sla_status = status

    def _refresh_journey(self):
        """Recompute the stored journey of these leads (at the next flush)."""
        for name in JOURNEY_FIELDS:
            self.env.add_to_compute(self._fields[name], self)

    def _journey_state(self, now=None):
        """{lead id: phase, next due touchpoint, its deadline and SLA status};
        a lead without phase nor running response clock may be left out.

        Batched: one query for the phases, one for the logged touchpoints and
        one or two per company calendar, whatever the number of leads.
        """
        now = now or fields.Datetime.now()
        phases = self.env["sales.journey.phase"]._phase_by_lead(self)
        if not any(phases.values()):
            # no journey for these stages: only the response clocks still running
            self = self.filtered(
                lambda lead: (
                    lead.active
                    and lead.first_response_deadline
                    and not lead.first_response_date
                )
            )
        # only the leads with touchpoints under an SLA need the logs and calendars
        timed = self.filtered(
            lambda lead: (
                lead.active
                and not (lead.first_response_deadline and not lead.first_response_date)
                and any(t.sla_value for t in phases[lead.id].touchpoint_ids)
            )
        )
        logged = (
            {
                (lead.id, touchpoint.id)
                for lead, touchpoint in self.env["crm.lead.touchpoint"]
                .sudo()
                ._read_group(
                    [("lead_id", "in", timed.ids), ("touchpoint_id", "!=", False)],
                    ["lead_id", "touchpoint_id"],
                )
            }
            if timed
            else set()
        )
        working_times = {
            calendar: WorkingTime(calendar, leads.mapped("date_last_stage_update"))
            for calendar, leads in timed.grouped(
                lambda lead: (lead.company_id or self.env.company).resource_calendar_id
            ).items()
        }
        timed_ids = set(timed.ids)
        first_response = self.env._("First response") if self else ""
        due_soon = {}  # company: its due-soon window
        result = {}
        for lead in self:
            company = lead.company_id or self.env.company
            info = {"phase": phases[lead.id]}
            result[lead.id] = info
            if not lead.active:
                continue
            if lead.first_response_deadline and not lead.first_response_date:
                info.update(name=first_response, deadline=lead.first_response_deadline)
            elif lead.id in timed_ids:
                working_time = working_times[company.resource_calendar_id]
                due = [
                    (
                        touchpoint._deadline(lead.date_last_stage_update, working_time),
                        touchpoint,
                    )
                    for touchpoint in phases[lead.id].touchpoint_ids
                    if touchpoint.sla_value and (lead.id, touchpoint.id) not in logged
                ]
                due = [item for item in due if item[0]]
                if due:
                    deadline, touchpoint = min(
                        due, key=lambda item: (item[0], item[1].sequence)
                    )
                    info.update(
                        touchpoint=touchpoint, name=touchpoint.name, deadline=deadline
                    )
            if info.get("deadline"):
                if company not in due_soon:
                    due_soon[company] = timedelta(hours=company.journey_due_soon_hours)
                soon = due_soon[company]
                info["due_soon"] = info["deadline"] - soon
                info["status"] = (
                    "breached"
                    if now > info["deadline"]
                    else "due_soon"
                    if now > info["deadline"] - soon
                    else "on_time"
                )
        return result

    @api.depends(
        "spin_question_ids.answer", "spin_question_ids.question_type", "spin_target"
    )
    @api.depends_context("lang")
    def _compute_spin(self):
        summary = self._origin.filtered("id")._spin_summary()
        for lead in self:
            info = summary.get(lead._origin.id) or lead._spin_info({})
            lead.spin_status = info["status"]
            lead.spin_met = info["met"]

    def _spin_summary(self):
        """{lead id: {"met", "gap", "status", "counts"}}: one grouped query."""
        counts = {}
        for lead, question_type, count in (
            self.env["crm.lead.spin.question"]
            .sudo()
            ._read_group(
                [("lead_id", "in", self.ids), ("answer", "!=", False)],
                ["lead_id", "question_type"],
                ["__count"],
            )
        ):
            counts.setdefault(lead.id, {})[question_type] = count
        return {lead.id: lead._spin_info(counts.get(lead.id, {})) for lead in self}

    def _spin_info(self, counts):
        self.ensure_one()
        standard = (self.company_id or self.env.company)._spin_standard()
        labels = dict(
            self.env["crm.lead.spin.question"]
            ._fields["question_type"]
            ._description_selection(self.env)
        )
        gaps, status = [], []
        for spin_type in SPIN_TYPES:
            low, _high = standard[spin_type]
            have = counts.get(spin_type, 0)
            status.append(f"{labels[spin_type]} {have}/{low}")
            if have < low:
                gaps.append(
                    self.env._(
                        "%(count)s more %(type)s question(s)",
                        count=low - have,
                        type=labels[spin_type],
                    )
                )
        if not self.spin_target:
            gaps.append(self.env._("the customer's target is not stated"))
        return {
            "met": not gaps,
            "gap": ", ".join(gaps),
            "status": " · ".join(status),
            "counts": counts,
        }

    # ------------------------------------------------------------------
    # Enforcement: every stage change goes through write or create.
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # revenue and probability feed every figure of the suite
        check_number_values(self, vals_list)
        leads = super().create(vals_list)
        leads._start_first_response_clock()
        leads._enforce_gates(
            {lead.id: self.env["crm.stage"] for lead in leads}, created=True
        )
        return leads

    def write(self, vals):
        check_number_values(self, [vals])
        moving = "stage_id" in vals
        # a change of team or company is a move into the new pipeline
        regrouping = any(
            name in vals and lead[name].id != (vals[name] or False)
            for name in ("team_id", "company_id")
            for lead in self
        )
        losing = "active" in vals and not vals["active"]
        # only a stored value can change what a criterion reads: assigning a
        # computed field (Odoo's status durations) costs no criteria lookup
        stored = [
            name for name in vals if name in self._fields and self._fields[name].store
        ]
        criteria = self.env["sales.gate.criterion"]
        if (
            self
            and stored
            and not moving
            and not criteria._lead_fields_read().isdisjoint(stored)
        ):
            # a field or condition criterion reads a field being written
            self._refresh_gate_progress()
        if not self or not (moving or regrouping or losing):
            return super().write(vals)
        before = {lead.id: lead.stage_id for lead in self}
        owners = {lead.id: (lead.team_id, lead.company_id) for lead in self}
        active_before = self.filtered("active")
        if regrouping:
            res = self._write_into_pipelines(vals)
        else:
            res = super().write(vals)
        regrouped = self.filtered(
            lambda lead: (lead.team_id, lead.company_id) != owners[lead.id]
        )
        if moving or regrouped:
            self._enforce_gates(before, regrouped=regrouped)
        if losing:
            active_before._enforce_lost_gates()
        return res

    def _write_into_pipelines(self, vals):
        """Write a change of team or company; an opportunity whose stage is
        not in its new team's pipeline, and that is not given another stage,
        goes to the pipeline's first stage, or its first won stage when it is
        won. The gates on the way are checked after the write, as for any
        move from outside the pipeline."""
        if "team_id" not in vals:
            return super().write(vals)
        new_team = self.env["crm.team"].browse(vals["team_id"])

        def stranded_by_the_change(lead):
            stage = lead.stage_id
            return (
                stage
                and lead.team_id != new_team
                and vals.get("stage_id", stage.id) == stage.id
                and not stage._in_pipeline_of(new_team)
            )

        stranded = self._gate_enforced().filtered(stranded_by_the_change)
        by_stage = defaultdict(lambda: self.browse())
        by_stage[None] = self - stranded
        if stranded:
            pipeline = self.env["crm.stage"]._pipelines(new_team)[new_team]
            for lead in stranded:
                by_stage[lead._pipeline_entry_stage(pipeline, new_team)] |= lead
        res = True
        for stage, leads in by_stage.items():
            if leads:
                values = dict(vals, stage_id=stage.id) if stage else dict(vals)
                res = super(CrmLead, leads).write(values)
        return res

    def _pipeline_entry_stage(self, pipeline, team):
        """Where this opportunity enters the pipeline of team."""
        self.ensure_one()
        if self.stage_id.is_won:
            stage = next((s for s in pipeline if s.is_won), None)
        else:
            stage = next(
                (s for s in pipeline if not s.fold and not s.is_won), None
            ) or next(iter(pipeline), None)
        if not stage:
            raise UserError(
                self.env._(
                    "“%(lead)s” cannot go to the pipeline of “%(team)s”: it has "
                    "no won stage for a won opportunity. Mark one of its stages "
                    "as won, or choose another sales team.",
                    lead=self.display_name,
                    team=team.name,
                )
                if self.stage_id.is_won
                else self.env._(
                    "“%(lead)s” cannot go to the pipeline of “%(team)s”: it has "
                    "no stage. Give the team its stages, or choose another "
                    "sales team.",
                    lead=self.display_name,
                    team=team.name,
                )
            )
        return stage

    def action_set_lost(self, **additional_values):
        # Odoo archives first and writes the lost reason after; write the values
        # first so that "when lost" criteria see them.
        if additional_values:
            self.write(dict(additional_values))
        return super().action_set_lost(**additional_values)

    # ------------------------------------------------------------------
    # Pipelines: each opportunity follows the stages of its own team.
    # ------------------------------------------------------------------
    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """Odoo's stage lookup, on the pipelines of the leads' teams: a stage
        belongs to its team and to its pipeline teams; the stages without any
        team are shared by the teams that do not use their own stages only."""
        teams = self.team_id
        if team_id:
            teams |= self.env["crm.team"].browse(team_id)
        search_domain = self.env["crm.stage"]._pipeline_domain(teams)
        if domain:
            search_domain = expression.AND([search_domain, list(domain)])
        return self.env["crm.stage"].search(search_domain, order=order, limit=limit)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The kanban columns of the pipeline of the team in the context, or
        else of the user's own team when it uses its own stages only (the
        other teams see the shared stages, as in Odoo)."""
        team = self.env["crm.team"].browse(self.env.context.get("default_team_id"))
        if not team and self.env.user.sale_team_id.pipeline_own_stages:
            team = self.env.user.sale_team_id
        search_domain = expression.OR(
            [
                [("id", "in", stages.ids)],
                self.env["crm.stage"]._pipeline_domain(team.exists()),
            ]
        )
        stage_ids = stages.sudo()._search(search_domain, order=stages._order)
        return stages.browse(stage_ids)

    def action_set_won(self):
        """Won lands in a won stage of each opportunity's own pipeline.

        Odoo looks the won stages up for the teams of all the opportunities
        at once; here each team's opportunities use their own team's, so a
        batch never sends one team's deal into another team's won stage.
        """
        won_stages = {}
        by_stage = defaultdict(lambda: self.browse())
        for lead in self:
            if lead.team_id not in won_stages:
                won_stages[lead.team_id] = lead._stage_find(
                    domain=[("is_won", "=", True)], limit=None
                )
            stages = won_stages[lead.team_id]
            if not stages:
                raise UserError(
                    self.env._(
                        "“%(lead)s” cannot be marked as won: the pipeline of "
                        "“%(team)s” has no won stage. Mark one of its stages as "
                        "won, or choose another sales team.",
                        lead=lead.display_name,
                        team=lead.team_id.name,
                    )
                    if lead.team_id
                    else self.env._(
                        "“%s” cannot be marked as won: no stage shared by the "
                        "opportunities without a sales team is marked as won. "
                        "Choose the opportunity's sales team first.",
                        lead.display_name,
                    )
                )
            stage = next(
                (s for s in stages if s.sequence > lead.stage_id.sequence), None
            ) or next(
                (s for s in reversed(stages) if s.sequence <= lead.stage_id.sequence),
                stages,
            )
            by_stage[stage] |= lead
        self.action_unarchive()
        for stage, leads in by_stage.items():
            leads.write({"stage_id": stage.id, "probability": 100})
        return True

    def _gate_enforced(self):
        if not self.pool.ready:
            # data files of modules being installed or updated: no user acts
            # while the registry loads, and no request can reach it
            return self.browse()

        def enforced(lead):
            company = lead._gate_company()
            return not company or company.sales_gate_enforcement

        return self.filtered(enforced)

    def _gate_company(self):
        """The company whose gates apply: the opportunity's, else its team's
        (Odoo keeps the two the same when both are set); never the company
        the user works in. Without either, only the criteria of no company
        apply, and they are enforced."""
        self.ensure_one()
        return self.company_id or self.team_id.company_id

    def _enforce_gates(self, stage_before, created=False, regrouped=None):
        """Refuse or annotate the stage changes of these leads.

        :param stage_before: {lead id: stage before the change (empty on create)}
        :param created: the leads are being created (nothing to override yet)
        :param regrouped: the leads whose team or company changed: they enter
            their stage from the start of the new pipeline, with no override
        """
        regrouped = regrouped or self.browse()
        leads = self._gate_enforced().filtered(
            lambda lead: (
                lead.stage_id
                and (lead.stage_id != stage_before.get(lead.id) or lead in regrouped)
            )
        )
        if not leads:
            return
        Criterion = self.env["sales.gate.criterion"]
        empty = self.env["crm.stage"]
        moves = [
            (
                lead,
                empty if lead in regrouped else stage_before.get(lead.id),
                lead.stage_id,
            )
            for lead in leads
        ]
        progress = {}
        issues = Criterion._move_issues(moves, progress)
        leads._set_gate_progress(progress)

        def blocking(lead):
            return [i for i in issues.get(lead.id, []) if i.mode == "block"]

        blocked = leads.filtered(blocking)
        # An override recorded by the override path, for this lead and this
        # target stage, by this user, lets the move through once.
        overridable = blocked.filtered(
            lambda lead: (
                lead not in regrouped and all(i.overridable for i in blocking(lead))
            )
        )
        passed = (
            self.env["sales.gate.override"]._use_for(overridable)
            if overridable and not created
            else self.browse()
        )
        refused = blocked - passed
        for lead in refused & regrouped:
            raise UserError(
                self._gate_refusal_text(
                    lead,
                    issues,
                    self.env._(
                        "Cannot put “%(lead)s” in “%(stage)s” of the pipeline of "
                        "“%(team)s” yet: a change of sales team or company is a "
                        "move into the new pipeline. Missing:",
                        lead=lead.display_name,
                        stage=lead.stage_id.name,
                        team=lead.team_id.name or "",
                    ),
                )
            )
        for stage in refused.stage_id:
            in_stage = refused.filtered(lambda lead, s=stage: lead.stage_id == s)
            self._raise_gate_refusal(
                in_stage,
                stage,
                issues,
                offer_override=not created and in_stage <= overridable,
            )
        warned = {
            lead.id: [i for i in issues[lead.id] if i.mode == "warn"]
            for lead in leads - blocked
            if lead.id in issues
        }
        leads._log_gate_warnings({k: v for k, v in warned.items() if v})

    def _enforce_lost_gates(self):
        leads = self._gate_enforced()
        issues = self.env["sales.gate.criterion"]._lost_issues(leads)
        refused = leads.filtered(
            lambda lead: any(i.mode == "block" for i in issues.get(lead.id, []))
        )
        if refused:
            raise UserError(
                self._gate_refusal_text(
                    refused, issues, self.env._("Cannot mark as lost yet")
                )
            )
        leads._log_gate_warnings(
            {
                lead_id: [i for i in lead_issues if i.mode == "warn"]
                for lead_id, lead_issues in issues.items()
            }
        )

    def _gate_issue_heading(self, issue):
        """The stage (and direction) an issue is listed under, or None."""
        if not issue.stage:
            return None
        direction = issue.criterion.direction if issue.criterion else None
        if direction == "entry":
            return self.env._("“%s”, entry criteria:", issue.stage.name)
        if direction == "exit":
            return self.env._("“%s”, exit criteria:", issue.stage.name)
        if direction == "lost":
            return self.env._("“%s”, when lost:", issue.stage.name)
        return None

    def _gate_refusal_text(self, leads, issues, title):
        """What is missing, per opportunity and per stage on the way."""
        parts = [title]
        for lead in leads[:MAX_LISTED]:
            lines = [f"“{lead.display_name}”:"]
            headings = {}
            for issue in issues[lead.id]:
                if issue.mode != "block":
                    continue
                heading = self._gate_issue_heading(issue)
                headings.setdefault(heading, []).append(issue.message)
            for heading, messages in headings.items():
                indent = "  "
                if heading:
                    lines.append(f"  {heading}")
                    indent = "    "
                lines += [f"{indent}• {message}" for message in messages]
            parts.append("\n".join(lines))
        if len(leads) > MAX_LISTED:
            parts.append(
                self.env._("…and %s more opportunities.", len(leads) - MAX_LISTED)
            )
        return "\n\n".join(parts)

    def _raise_gate_refusal(self, leads, stage, issues, offer_override=True):
        message = self._gate_refusal_text(
            leads,
            issues,
            self.env._("Cannot move to “%s” yet. Missing:", stage.name),
        )
        if offer_override and self.env.user.has_group(
            "sales_process_framework.group_gate_override"
        ):
            action = self.env.ref(
                "sales_process_framework.sales_gate_override_wizard_action"
            )
            raise RedirectWarning(
                message,
                action.id,
                self.env._("Override with a Reason"),
                {
                    "default_lead_ids": leads.ids,
                    "default_stage_id": stage.id,
                    # a hint for the web client: reload the view once moved
                    "sales_gate_refused_move": True,
                },
            )
        raise UserError(message)

    def _log_gate_warnings(self, warnings):
        if not warnings:
            return
        bodies = {
            lead_id: Markup("<p>{}</p>{}").format(
                self.env._("Stage gate warning: moved with missing items"),
                self._gate_issue_markup(lead_issues),
            )
            for lead_id, lead_issues in warnings.items()
        }
        self.browse(list(bodies)).sudo()._message_log_batch(bodies=bodies)

    # ------------------------------------------------------------------
    # First response
    # ------------------------------------------------------------------
    def _start_first_response_clock(self):
        """A new lead, from any source, starts the company's response SLA."""
        leads = self.filtered(lambda lead: not lead.first_response_deadline)
        for company, company_leads in leads.grouped(
            lambda lead: lead.company_id or self.env.company
        ).items():
            if not company.first_response_sla_value:
                continue
            starts = company_leads.mapped("create_date")
            working_time = WorkingTime(company.resource_calendar_id, starts)
            for lead in company_leads:
                lead.first_response_deadline = working_time.deadline(
                    lead.create_date,
                    company.first_response_sla_value,
                    company.first_response_sla_unit,
                )

    def _responds_first(self, user):
        """Whether user's work on the lead now stops its response clock: the
        clock still runs and user is its salesperson (anyone when it has none)."""
        self.ensure_one()
        return not self.first_response_date and (
            not self.user_id or user == self.user_id
        )

    def _register_first_response(self, logs):
        """Stop the clock at the first touchpoint logged by the salesperson."""
        for lead in self:
            mine = logs.filtered(
                lambda log, lead=lead: (
                    log.lead_id == lead and lead._responds_first(log.user_id)
                )
            )
            if mine:
                lead.first_response_date = min(mine.mapped("date"))

    def _touchpoint_for_channel(self, channel):
        """The first touchpoint of the lead's phase on this channel not logged yet."""
        self.ensure_one()
        if not channel:
            return self.env["sales.journey.touchpoint"]
        logged = self.touchpoint_log_ids.touchpoint_id
        # the phase alone, not the whole journey state (SLAs, working time)
        phase = self.env["sales.journey.phase"]._phase_by_lead(self)[self.id]
        return phase.touchpoint_ids.filtered(
            lambda t: t.channel == channel and t not in logged
        )[:1]

    def _message_post_after_hook(self, message, msg_vals):
        """A message sent to the customer by the salesperson is an e-mail touchpoint."""
        res = super()._message_post_after_hook(message, msg_vals)
        author = message.author_id
        if (
            message.message_type in ("comment", "email")
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and author.user_ids
            and not author.user_ids[0].share
        ):
            self.env["crm.lead.touchpoint"].create(
                [
                    {
                        "lead_id": lead.id,
                        "touchpoint_id": lead._touchpoint_for_channel("email").id,
                        "channel_type": "online",
                        "channel": "email",
                        "user_id": author.user_ids[0].id,
                        "origin": "message",
                        "outcome": message.subject or False,
                    }
                    for lead in self
                ]
            )
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_log_next_touchpoint(self):
        """One click on the card: the next due touchpoint is done, now, by me."""
        self.env["crm.lead.touchpoint"].create(
            [
                {
                    "lead_id": lead.id,
                    "touchpoint_id": lead.touchpoint_next_id.id,
                    "origin": "manual",
                }
                for lead in self
            ]
        )
        return True

    def action_open_gate_override(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_process_framework.sales_gate_override_wizard_action"
        )
        context = {"default_lead_ids": self.ids}
        if len(self.team_id) <= 1 and len(self.stage_id) == 1:
            # the move the button is for: the next stage of their pipeline
            pipeline = self.env["crm.stage"]._pipelines(self.team_id)[self.team_id]
            following = pipeline.filtered(
                lambda stage: _stage_key(stage) > _stage_key(self.stage_id)
            )[:1]
            if following:
                context["default_stage_id"] = following.id
        action["context"] = context
        return action

    def _gate_issue_markup(self, issues):
        return Markup("<ul>{}</ul>").format(
            Markup().join(
                Markup("<li>{}</li>").format(escape(i.message)) for i in issues
            )
        )

    # ------------------------------------------------------------------
    # Scheduled action: touchpoint SLAs and stale deliverables
    # ------------------------------------------------------------------
    @api.model
    def _cron_journey_alerts(self):
        """Remind owners of due touchpoints, escalate breaches and stale deliverables.

        Batched with progress; idempotent (at most one open reminder of a type
        per opportunity and person); a transaction lock makes a second worker
        wait for the first and then find its reminders.
        """
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [ALERT_LOCK])
        lead_ids = list(
            self._search(
                [("active", "=", True), ("type", "=", "opportunity")], order="id"
            )
        )
        cron = self.env["ir.cron"]
        for start in range(0, len(lead_ids), ALERT_BATCH):
            batch = self.browse(lead_ids[start : start + ALERT_BATCH])
            batch._journey_alert_batch()
            done = start + len(batch)
            cron._notify_progress(done=done, remaining=len(lead_ids) - done)
            self.env.flush_all()
            self.env.invalidate_all()
        return len(lead_ids)

    def _journey_alert_batch(self, now=None):
        now = now or fields.Datetime.now()
        touchpoint_type = self.env.ref(
            "sales_process_framework.mail_activity_type_touchpoint_due"
        )
        deliverable_type = self.env.ref(
            "sales_process_framework.mail_activity_type_deliverable_stale"
        )
        wanted = {}  # (lead id, activity type, user) -> values
        state = self._journey_state(now)
        for lead in self:
            company = lead.company_id or self.env.company
            info = state.get(lead.id, {})
            if not company.journey_alerts or info.get("status") not in (
                "due_soon",
                "breached",
            ):
                continue
            recipients = lead.user_id
            grace = timedelta(hours=company.journey_grace_hours)
            if info["status"] == "breached" and now > info["deadline"] + grace:
                recipients |= lead.team_id.user_id | company.journey_alert_user_ids
            for user in recipients:
                # the deadline in the reader's time zone and language
                reader = self.with_context(lang=user.lang or self.env.lang).env
                note = reader._(
                    "“%(touchpoint)s” is due by %(deadline)s.",
                    touchpoint=info["name"],
                    deadline=format_datetime(
                        reader,
                        info["deadline"],
                        tz=user.tz or company.partner_id.tz or "UTC",
                        dt_format="short",
                    ),
                )
                wanted[(lead.id, touchpoint_type, user)] = {
                    "summary": self.env._("Touchpoint due: %s", info["name"]),
                    "note": note,
                    "sales_touchpoint_id": info.get("touchpoint", False)
                    and info["touchpoint"].id,
                }
        for lead, message in self._stale_deliverables(now).items():
            company = lead.company_id or self.env.company
            for user in lead.team_id.user_id | company.journey_alert_user_ids:
                wanted[(lead.id, deliverable_type, user)] = {
                    "summary": self.env._("Deliverable not updated"),
                    "note": message,
                }
        if not wanted:
            return
        existing = {
            (activity.res_id, activity.activity_type_id, activity.user_id)
            for activity in self.env["mail.activity"].search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", self.ids),
                    (
                        "activity_type_id",
                        "in",
                        (touchpoint_type | deliverable_type).ids,
                    ),
                ]
            )
        }
        model_id = self.env["ir.model"]._get_id("crm.lead")
        Activity = self.env["mail.activity"].with_context(
            mail_activity_quick_update=True
        )
        # One create per type: a person alerted twice on one opportunity in the
        # same batch would be subscribed twice by mail.activity.
        for activity_type in touchpoint_type | deliverable_type:
            Activity.create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": lead_id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": fields.Date.context_today(self),
                        **values,
                    }
                    for (lead_id, a_type, user), values in wanted.items()
                    if a_type == activity_type
                    and (lead_id, a_type, user) not in existing
                ]
            )

    # ------------------------------------------------------------------
    # Scheduled action: refresh the stored card fields after a change of the
    # criteria or of the journey
    # ------------------------------------------------------------------
    @api.model
    def _mark_cards_stale(self):
        """The open opportunities' gate progress and journey wait for a refresh.

        One statement whatever the number of opportunities; the scheduled
        refresh is triggered to run as soon as a worker is free.
        """
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE crm_lead SET card_refresh_pending = TRUE
                WHERE active AND type = 'opportunity'
                  AND card_refresh_pending IS NOT TRUE"""
        )
        self.invalidate_model(["card_refresh_pending"])
        cron = self.env.ref(
            "sales_process_framework.ir_cron_sales_card_refresh",
            raise_if_not_found=False,
        )
        if cron:
            cron._trigger()

    @api.model
    def _cron_refresh_cards(self, batch=REFRESH_BATCH):
        """Recompute the stored gate progress and journey of a batch of the
        opportunities marked stale; the scheduler calls again while some
        remain. Idempotent: a refreshed opportunity is no longer marked."""
        leads = self.with_context(active_test=False).search(
            [("card_refresh_pending", "=", True)], order="id", limit=batch
        )
        leads._refresh_gate_progress()
        leads._refresh_journey()
        leads.flush_recordset()
        if leads:
            self.env.cr.execute(
                "UPDATE crm_lead SET card_refresh_pending = FALSE WHERE id IN %s",
                [tuple(leads.ids)],
            )
            leads.invalidate_recordset(["card_refresh_pending"])
        remaining = self.with_context(active_test=False).search_count(
            [("card_refresh_pending", "=", True)]
        )
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=remaining)
        return remaining

    @api.model
    def _refresh_stale_cards(self):
        """Refresh every card marked stale now, batch after batch."""
        while self._cron_refresh_cards():
            self.env.invalidate_all()

    # ------------------------------------------------------------------
    # Scheduled action: tell the team leader of the opportunities that
    # start rotting
    # ------------------------------------------------------------------
    @api.model
    def _cron_rotting_reminders(self, batch=ALERT_BATCH):
        """One activity for the team leader per opportunity that starts rotting.

        Once each: the rotting start date the leader was reminded of is kept on
        the opportunity, so a second run, or a second worker after the lock,
        finds nothing to do; an opportunity that is touched and rots again is
        reminded again.
        """
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [ALERT_LOCK + 1])
        domain = [
            ("type", "=", "opportunity"),
            ("is_rotting", "=", True),
            ("team_id.user_id", "!=", False),
        ]
        candidates = self.search(domain, order="id")
        leads = candidates.filtered(
            lambda lead: lead.rotting_reminded_date != lead.rotting_start_date
        )
        activity_type = self.env.ref(
            "sales_process_framework.mail_activity_type_rotting"
        )
        model_id = self.env["ir.model"]._get_id("crm.lead")
        Activity = self.env["mail.activity"].with_context(
            mail_activity_quick_update=True
        )
        cron = self.env["ir.cron"]
        for start in range(0, len(leads), batch):
            chunk = leads[start : start + batch]
            Activity.create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": lead.id,
                        "activity_type_id": activity_type.id,
                        "user_id": lead.team_id.user_id.id,
                        "date_deadline": fields.Date.context_today(self),
                        "summary": self.env._("Opportunity rotting"),
                        "note": self.env._(
                            "No stage change, activity or message for %s days.",
                            lead.idle_days,
                        ),
                    }
                    for lead in chunk
                ]
            )
            for lead in chunk:
                lead.rotting_reminded_date = lead.rotting_start_date
            done = start + len(chunk)
            cron._notify_progress(done=done, remaining=len(leads) - done)
            self.env.flush_all()
        return len(leads)

    def _stale_deliverables(self, now):
        """{lead: text} of leads whose stage's required deliverable went stale.

        Required: a deliverable criterion of the lead's current stage. Stale: not
        attached, or last attached, longer ago than the company's days, while the
        lead has been in the stage at least that long.
        """
        leads = self.filtered(
            lambda lead: (lead.company_id or self.env.company).deliverable_alerts
        )
        if not leads:
            return {}
        Criterion = self.env["sales.gate.criterion"]
        criteria = Criterion._criteria_by_lead(
            leads, {lead.id: lead.stage_id for lead in leads}, ["entry", "exit"]
        )
        last_update = {
            (lead.id, deliverable_type.id): date
            for lead, deliverable_type, date in self.env["crm.lead.deliverable"]
            .sudo()
            ._read_group(
                [("lead_id", "in", leads.ids)],
                ["lead_id", "type_id"],
                ["attached_date:max"],
            )
        }
        stale = {}
        for lead in leads:
            company = lead.company_id or self.env.company
            limit = now - timedelta(days=company.deliverable_stale_days)
            if not company.deliverable_stale_days or (
                lead.date_last_stage_update and lead.date_last_stage_update > limit
            ):
                continue
            late = [
                c.deliverable_type_id.name
                for c in criteria[lead.id]
                if c.kind == "deliverable"
                and (last_update.get((lead.id, c.deliverable_type_id.id)) or limit)
                <= limit
            ]
            if late:
                stale[lead] = self.env._(
                    "Not updated for more than %(days)s days: %(deliverables)s.",
                    days=company.deliverable_stale_days,
                    deliverables=", ".join(late),
                )
        return stale
