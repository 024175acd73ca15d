# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from odoo.addons.sales_process_framework.tools.dates import date_label
from odoo.addons.sales_process_framework.tools.measure_definition import (
    LEAD_SCOPES as SCOPE_FIELDS,
)
from odoo.addons.sales_process_framework.tools.periods import (
    PERIODS,
    local_day,
    period_bounds,
    period_start,
    today_in,
    tz_name,
)

# dimension field of a target line: the opportunities it counts
DIMENSIONS = {
    "tag_id": lambda rec: [("tag_ids", "in", rec.id)],
    "state_id": lambda rec: [("state_id", "=", rec.id)],
    "source_id": lambda rec: [("source_id", "=", rec.id)],
    "medium_id": lambda rec: [("medium_id", "=", rec.id)],
    "customer_category_id": lambda rec: [("partner_id.category_id", "in", rec.id)],
}


class SalesTargetPlan(models.Model):
    """The targets of one period, broken down into lines."""

    _name = "sales.target.plan"
    _description = "Sales Target Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    period = fields.Selection(PERIODS, default="quarter", tracking=True)
    date_start = fields.Date(
        string="Start", tracking=True, help="Any day of the period; set to its start."
    )
    date_end = fields.Date(
        string="End", compute="_compute_date_end", store=True, help="Last day."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        help="Gets the pace warnings of lines whose team has no leader.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Running"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many("sales.target.line", "plan_id", string="Targets")
    line_count = fields.Integer(compute="_compute_line_count")
    note = fields.Html(string="Milestones and Notes")

    @api.depends("period", "date_start")
    def _compute_date_end(self):
        for plan in self:
            plan.date_end = (
                period_bounds(plan.date_start, plan.period)[1] - timedelta(days=1)
                if plan.date_start and plan.period
                else False
            )

    def _compute_line_count(self):
        counts = dict(
            self.env["sales.target.line"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.line_count = counts.get(plan, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_period_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_period_vals(vals, update=True)
        return super().write(vals)

    def _check_period_vals(self, vals, update=False):
        """A plan without a period is refused before anything is written."""
        for key, label in (("period", "Period"), ("date_start", "Start")):
            if (not update or key in vals) and not vals.get(key):
                raise ValidationError(
                    self.env._(
                        "A target plan needs a period: set %(field)s (e.g. a "
                        "quarter starting on 1 October).",
                        field=label,
                    )
                )
        if vals.get("date_start") and vals.get("period"):
            start = fields.Date.to_date(vals["date_start"])
            vals["date_start"] = period_start(start, vals["period"])

    def action_activate(self):
        for plan in self:
            if not plan.line_ids:
                raise UserError(
                    self.env._(
                        "The plan %s has no targets: add lines or spread a total "
                        "first.",
                        plan.name,
                    )
                )
        self.state = "active"

    def action_close(self):
        self.state = "closed"

    def action_draft(self):
        self.state = "draft"

    def action_open_lines(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_team_performance.sales_target_line_action"
        )
        action["domain"] = [("plan_id", "in", self.ids)]
        action["context"] = {"default_plan_id": self.id, "search_default_group_user": 1}
        return action

    def action_spread(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Spread a Target"),
            "res_model": "sales.target.spread.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }


class SalesTargetLine(models.Model):
    """One target: a measure, a scope, a period and optional breakdowns."""

    _name = "sales.target.line"
    _description = "Sales Target"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _order = "date_start, team_id, user_id, measure, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "sales.target.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    date_start = fields.Date(
        string="From",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    date_end = fields.Date(
        string="To",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    # the engine's measures tagged "target": a measure added to the registry
    # with the tag can be targeted, with its own label
    measure = fields.Selection(
        lambda self: self.env["sales.measure"].selection("target"),
        required=True,
        default="won_revenue",
        tracking=True,
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", index=True, tracking=True
    )
    tag_id = fields.Many2one(
        "crm.tag", string="Product Line", help="Counts opportunities with this tag."
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="Region",
        help="Counts opportunities whose address is in this state or province.",
    )
    source_id = fields.Many2one("utm.source", string="Channel Source")
    medium_id = fields.Many2one("utm.medium", string="Channel Medium")
    customer_category_id = fields.Many2one(
        "res.partner.category",
        string="Customer Type",
        help="Counts opportunities whose customer has this tag.",
    )
    # lines of one list measure unlike things (revenue, visits, deals): a
    # total across them means nothing, so lists and groups add none up
    target = fields.Float(required=True, tracking=True, aggregator=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    achieved = fields.Float(compute="_compute_achievement")
    achievement = fields.Float(string="Achievement (%)", compute="_compute_achievement")
    projected = fields.Float(
        string="Projected at End",
        compute="_compute_achievement",
        help="The achievement at the current run rate by the end of the period.",
    )
    projected_pct = fields.Float(string="Projected (%)", compute="_compute_achievement")
    elapsed_pct = fields.Float(
        string="Period Elapsed (%)", compute="_compute_achievement"
    )
    pace_warning = fields.Boolean(
        readonly=True,
        index=True,
        help="Set by the pace check when the projection falls below the warning "
        "threshold of Settings.",
    )
    # the check runs in the language of the scheduled action: it keeps the
    # figures and each reader sees the note written in their own language
    pace_note = fields.Char(string="Pace Note as Written", readonly=True)
    pace_figures = fields.Json(
        readonly=True,
        copy=False,
        help="What the pace note says, written in the reader's language.",
    )
    pace_label = fields.Char(string="Pace Note", compute="_compute_pace_label")

    _sql_constraints = [
        (
            "target_positive",
            "CHECK(target >= 0)",
            "A target cannot be negative: enter 0 or more.",
        ),
        (
            "dates_ordered",
            "CHECK(date_end >= date_start)",
            "A target's To date must be on or after its From date.",
        ),
    ]

    @api.depends("plan_id.date_start", "plan_id.date_end")
    def _compute_dates(self):
        for line in self:
            if not line.date_start or not line.date_end:
                line.date_start = line.plan_id.date_start
                line.date_end = line.plan_id.date_end

    @api.constrains("date_start", "date_end", "plan_id")
    def _check_within_plan(self):
        for line in self:
            plan = line.plan_id
            if line.date_start < plan.date_start or line.date_end > plan.date_end:
                raise ValidationError(
                    self.env._(
                        "The target %(target)s runs from %(start)s to %(end)s, "
                        "outside its plan (%(pstart)s to %(pend)s): change From "
                        "and To.",
                        target=line.display_name,
                        start=line.date_start,
                        end=line.date_end,
                        pstart=plan.date_start,
                        pend=plan.date_end,
                    )
                )

    @api.onchange("user_id")
    def _onchange_user_id(self):
        if self.user_id and not self.team_id:
            self.team_id = self.user_id.sale_team_id

    @api.depends("measure", "user_id", "team_id", "date_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["measure"]._description_selection(self.env))
        for line in self:
            who = line.user_id.name or line.team_id.name or line.company_id.name
            line.display_name = (
                f"{labels.get(line.measure, '')} · {who} · "
                f"{date_label(self.env, line.date_start)}"
            )

    # Figures ---------------------------------------------------------------
    def _scope(self):
        if self.user_id:
            return "user", self.user_id.id
        if self.team_id:
            return "team", self.team_id.id
        return "company", self.company_id.id

    def _dimension_domain(self):
        domain = []
        for name, make in DIMENSIONS.items():
            if self[name]:
                domain += make(self[name])
        return domain

    def _dimension_key(self):
        return tuple(self[name].id for name in DIMENSIONS)

    def _achieved_amounts(self):
        """{line id: achieved} with one engine call per distinct measure, period,
        scope level and breakdown, never one per line."""
        groups = defaultdict(lambda: self.browse())
        # read these lines together even if they come from an x2many whose
        # cache was dropped
        self = self.with_prefetch()
        for line in self:
            scope, _key = line._scope()
            key = (
                line.measure,
                line.company_id,
                line.date_start,
                line.date_end + timedelta(days=1),
                scope,
                line._dimension_key(),
            )
            groups[key] |= line
        Measure = self.env["sales.measure"]
        result = {}
        for (measure, company, start, end, scope, _dims), lines in groups.items():
            figures = Measure.compute(
                measure,
                scope,
                start,
                end,
                company,
                domain=lines[0]._dimension_domain(),
            )
            for line in lines:
                result[line.id] = Measure.target_value(
                    measure, figures.get(line._scope()[1])
                )
        return result

    def _projection(self, achieved, today):
        """(share of the period elapsed at today, achievement projected to the
        period end at the run rate so far)."""
        total = (self.date_end - self.date_start).days + 1
        share = min(max((today - self.date_start).days + 1, 0), total) / total
        return share, achieved / share if share else 0.0

    @api.depends_context("uid")
    def _compute_achievement(self):
        lines = self.filtered("id")
        achieved = lines._achieved_amounts()
        today = today_in(self.env)
        Measure = self.env["sales.measure"]
        for line in self:
            line.achieved = achieved.get(line.id, 0.0)
            line.achievement = Measure.achievement(
                line.measure, line.achieved, line.target
            )
            share, projected = (
                line._projection(line.achieved, today)
                if line.date_start
                else (0.0, 0.0)
            )
            if line.measure and Measure.is_ratio(line.measure):
                # a ratio (cost per visit, a rate) does not add up over time
                projected = line.achieved
            line.elapsed_pct = 100.0 * share
            line.projected = projected
            line.projected_pct = Measure.achievement(
                line.measure, line.projected, line.target
            )

    @api.model
    def _target_amounts(self, measure, field, bounds, company):
        """{scope key: target} of a measure for the period, prorated by days.

        Only lines without a breakdown count; a team or the company without a
        line of its own gets the sum of its members' lines.
        """
        # the engine's local days of the period, in the company's time zone
        zone = tz_name(self.env, company)
        start, end = local_day(bounds[0], zone), local_day(bounds[1], zone)
        lines = self.sudo().search(
            [
                ("measure", "=", measure),
                ("company_id", "=", company.id),
                ("plan_id.state", "!=", "draft"),
                ("date_start", "<", end),
                ("date_end", ">=", start),
            ]
            + [(name, "=", False) for name in DIMENSIONS]
        )
        own, summed = defaultdict(float), defaultdict(float)
        for line in lines:
            days = (line.date_end - line.date_start).days + 1
            overlap = (
                min(line.date_end, end - timedelta(days=1))
                - max(line.date_start, start)
            ).days + 1
            amount = line.target * overlap / days
            level, key = line._scope()
            if SCOPE_FIELDS[level] == field:
                own[key] += amount
            elif level == "user" and line[field]:
                summed[line[field].id] += amount
        return {**summed, **own}

    @api.model
    def _figures_and_targets(self, measure, scope, start, end, company):
        """({scope key: Figure}, {scope key: target}) of a target measure over
        the local days [start, end): the engine's figures and the plans'
        targets."""
        Measure = self.env["sales.measure"]
        figures = Measure.compute(measure, scope, start, end, company)
        targets = self._target_amounts(
            measure, SCOPE_FIELDS[scope], Measure.bounds(start, end, company), company
        )
        return figures, targets

    @api.model
    def _actuals_and_targets(self, measure, scope, start, end, company):
        """{scope key: (achieved, target)} of a target measure over the local
        days [start, end): the figure as targets count it and the target."""
        Measure = self.env["sales.measure"]
        figures, targets = self._figures_and_targets(
            measure, scope, start, end, company
        )
        return {
            key: (
                Measure.target_value(measure, figures.get(key)),
                targets.get(key, 0.0),
            )
            for key in set(figures) | set(targets)
        }

    # Pace warnings -----------------------------------------------------------
    @api.depends("pace_note", "pace_figures")
    @api.depends_context("lang")
    def _compute_pace_label(self):
        for line in self:
            figures = line.pace_figures
            line.pace_label = (
                line._pace_text(figures) if figures else line.pace_note
            ) or False

    def _pace_text(self, figures):
        """The pace note of figures {projected, target, elapsed}, in the
        language of the environment."""
        projected, target = figures["projected"], figures["target"]
        projected_label = f"{projected:,.0f}"
        target_label = f"{target:,.0f}"
        pct = 100 * projected / target if target else 0.0
        return self.env._(
            "Projected %(projected)s of %(target)s (%(pct).0f%%) at "
            "%(elapsed).0f%% of the period",
            projected=projected_label,
            target=target_label,
            pct=pct,
            elapsed=figures["elapsed"],
        )

    def _pace_manager(self):
        team = self.team_id or self.user_id.sale_team_id
        return team.user_id or self.plan_id.user_id or self.env.ref("base.user_admin")

    def _pace_behind(self, share, projected):
        """Behind pace: far enough in the period and projected below the share
        of target set in Settings."""
        company = self.company_id
        return (
            self.target
            and share * 100 >= company.performance_pace_min_elapsed
            and projected < self.target * company.performance_pace_threshold / 100
        )

    @api.model
    def _cron_pace_warnings(self, batch_size=500, today=None):
        """Project every running target to its period end; warn its manager once.

        Idempotent: a line keeps at most one open pace-warning activity, and a
        line back on pace loses its flag and its open warning.
        """
        today = today or today_in(self.env)
        lines = self.search(
            [
                ("plan_id.state", "=", "active"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
                ("target", ">", 0),
            ]
        )
        activity_type = self.env.ref("sales_team_performance.mail_activity_type_pace")
        done = 0
        for start in range(0, len(lines), batch_size):
            batch = lines[start : start + batch_size]
            self._pace_check(batch, today, activity_type)
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(lines) - done)
        return lines

    @api.model
    def _pace_check(self, lines, today, activity_type):
        achieved = lines._achieved_amounts()
        open_activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", lines.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        warned = {activity.res_id: activity for activity in open_activities}
        behind_lines = self.browse()
        to_warn = {}
        for line in lines:
            share, projected = line._projection(achieved[line.id], today)
            if not line._pace_behind(share, projected):
                if line.pace_warning:
                    line.write(
                        {
                            "pace_warning": False,
                            "pace_note": False,
                            "pace_figures": False,
                        }
                    )
                    warned.get(line.id, self.env["mail.activity"]).unlink()
                continue
            behind_lines |= line
            figures = {
                "projected": projected,
                "target": line.target,
                "elapsed": 100 * share,
            }
            line.write(
                {
                    "pace_warning": True,
                    "pace_note": line._pace_text(figures),
                    "pace_figures": figures,
                }
            )
            if line.id not in warned:
                to_warn[line] = achieved[line.id]
        if to_warn:
            self.browse([line.id for line in to_warn])._warn_pace_managers(
                to_warn, activity_type
            )
        return behind_lines

    def _warn_pace_managers(self, figures, activity_type):
        """One pace-warning activity per line, all created at once.

        :param figures: {line: achieved}

        Each activity is written in the language of the manager it goes to.
        """
        cards = self.env["sales.scorecard"]
        for company, lines in self.grouped("company_id").items():
            cards |= cards._current_for(lines.user_id, company)
        card_of = {(card.user_id, card.company_id): card for card in cards}
        model_id = self.env["ir.model"]._get_id(self._name)
        deadline = activity_type._get_date_deadline()
        vals_list = []
        for line in self:
            achieved = figures[line]
            manager = line._pace_manager()
            line = line.with_context(lang=manager.lang or self.env.lang)
            card = card_of.get((line.user_id, line.company_id))
            link = (
                Markup('<p><a href="/odoo/sales.scorecard/%s">%s</a></p>')
                % (card.id, line.env._("Open the scorecard"))
                if card
                else ""
            )
            achieved_label = f"{achieved:,.0f}"
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": line.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "date_deadline": deadline,
                    "summary": line.env._("Behind pace: %s", line.display_name),
                    "note": Markup("<p>%s</p><p>%s</p>%s")
                    % (
                        line.pace_label,
                        line.env._(
                            "Achieved so far: %(achieved)s. Agree on a strategy "
                            "adjustment with the salesperson.",
                            achieved=achieved_label,
                        ),
                        link,
                    ),
                    "user_id": manager.id,
                }
            )
        # no assignment e-mail per line: a leader with many reps behind would
        # get one each; the warnings wait in their activities
        return (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    @api.model
    def _round_amounts(self, total, weights, digits=2):
        """Split total by weights into rounded amounts that add up to total."""
        if not sum(weights):
            weights = [1.0] * len(weights)
        weight_sum = sum(weights)
        amounts = [
            float_round(total * weight / weight_sum, precision_digits=digits)
            for weight in weights
        ]
        if amounts:
            amounts[-1] = float_round(
                total - sum(amounts[:-1]), precision_digits=digits
            )
        return amounts
