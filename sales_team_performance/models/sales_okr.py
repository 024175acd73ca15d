# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Objectives and key results (OKRs), read beside the KPIs of the period.

A key result is either measured by the engine (a measure of its registry, on
the objective's scope and period) or entered by hand through dated check-ins,
for what the CRM cannot measure (a market share, say).
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sales_process_framework.tools.dates import range_label
from odoo.addons.sales_process_framework.tools.periods import (
    period_bounds,
    today_in,
)

OWNERS = [("company", "Company"), ("team", "Sales Team"), ("user", "Salesperson")]
# the engine's figure value of each unit, in the unit users read
SCALE = {"percent": 100.0, "score": 100.0}
# a check-in further below the start or beyond the target than this many
# times the way between them is a typing error, not a measurement
VALUE_SPAN_LIMIT = 10


def progress(start, target, current):
    """0-100: the share of the way from start to target covered by current
    (targets below the start value count a decrease as progress)."""
    if target == start:
        return 0.0
    return max(0.0, min(100.0, 100.0 * (current - start) / (target - start)))


class SalesOkrObjective(models.Model):
    _name = "sales.okr.objective"
    _description = "Objective (OKR)"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _order = "date_start desc, sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Objective", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    owner_type = fields.Selection(
        OWNERS,
        string="Owner",
        required=True,
        default="team",
        tracking=True,
        help="Whose objective it is: the key results measured by the engine "
        "count the company's, the team's or the salesperson's records.",
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", index=True, tracking=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", index=True, tracking=True
    )
    date_start = fields.Date(
        string="From",
        required=True,
        default=lambda self: period_bounds(today_in(self.env), "quarter")[0],
        tracking=True,
    )
    date_end = fields.Date(
        string="To",
        required=True,
        default=lambda self: period_bounds(today_in(self.env), "quarter")[1]
        - timedelta(days=1),
        tracking=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    key_result_ids = fields.One2many(
        "sales.okr.key.result", "objective_id", string="Key Results", copy=True
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        help="The average progress of the objective's key results.",
    )
    kpi_line_ids = fields.Many2many(
        "sales.target.line",
        string="KPIs of This Period",
        compute="_compute_kpi_line_ids",
        help="The targets of the same owner whose dates overlap the objective's: "
        "read the KPIs and the OKRs together.",
    )

    _action_fields = ("state",)

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end >= date_start)",
            "An objective's To date must be on or after its From date.",
        ),
    ]

    @api.constrains("owner_type", "team_id", "user_id")
    def _check_owner(self):
        for objective in self:
            if objective.owner_type == "team" and not objective.team_id:
                raise ValidationError(
                    self.env._(
                        "Sales Team: choose the team of the objective %s.",
                        objective.name,
                    )
                )
            if objective.owner_type == "user" and not objective.user_id:
                raise ValidationError(
                    self.env._(
                        "Salesperson: choose the salesperson of the objective %s.",
                        objective.name,
                    )
                )

    @api.onchange("owner_type")
    def _onchange_owner_type(self):
        if self.owner_type != "team":
            self.team_id = False
        if self.owner_type != "user":
            self.user_id = False

    @api.depends("key_result_ids.progress")
    def _compute_progress(self):
        for objective in self:
            results = objective.key_result_ids
            objective.progress = (
                sum(results.mapped("progress")) / len(results) if results else 0.0
            )

    @api.depends("owner_type", "team_id", "user_id", "date_start", "date_end")
    def _compute_kpi_line_ids(self):
        """The target lines of each objective's owner overlapping its dates,
        from one search for all the objectives."""
        dated = self.filtered(lambda o: o.date_start and o.date_end)
        (self - dated).kpi_line_ids = False
        if not dated:
            return
        lines = self.env["sales.target.line"].search(
            [
                ("company_id", "in", dated.company_id.ids),
                ("date_start", "<=", max(dated.mapped("date_end"))),
                ("date_end", ">=", min(dated.mapped("date_start"))),
            ]
        )
        for objective in dated:
            if objective.owner_type == "user":
                owner = objective.user_id, lines.user_id.browse()
            elif objective.owner_type == "team":
                owner = None, objective.team_id
            else:
                owner = None, lines.team_id.browse()
            objective.kpi_line_ids = lines.filtered(
                lambda line, o=objective, owner=owner: (
                    line.company_id == o.company_id
                    and line.date_start <= o.date_end
                    and line.date_end >= o.date_start
                    and (
                        line.user_id == owner[0]
                        if owner[0] is not None
                        else not line.user_id and line.team_id == owner[1]
                    )
                )
            )

    @api.depends("name", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for objective in self:
            objective.display_name = (
                f"{objective.name} · "
                f"{range_label(self.env, objective.date_start, objective.date_end)}"
                if objective.date_start and objective.date_end
                else objective.name
            )

    def _scope(self):
        """(engine scope level, scope key) the objective's measures count."""
        self.ensure_one()
        if self.owner_type == "user":
            return "user", self.user_id.id
        if self.owner_type == "team":
            return "team", self.team_id.id
        return "company", self.company_id.id

    def action_activate(self):
        self._check_action_group(
            "sales_team_performance.group_performance_manager",
            self.env._("Activate"),
        )
        self._write_by_action({"state": "active"})
        return True

    def action_close(self):
        self._check_action_group(
            "sales_team_performance.group_performance_manager",
            self.env._("Close"),
        )
        self._write_by_action({"state": "closed"})
        return True

    def action_draft(self):
        self._check_action_group(
            "sales_team_performance.group_performance_manager",
            self.env._("Reset to Draft"),
        )
        self._write_by_action({"state": "draft"})
        return True


class SalesOkrKeyResult(models.Model):
    _name = "sales.okr.key.result"
    _description = "Key Result (OKR)"
    _inherit = ["sales.guard.mixin"]
    _order = "objective_id, sequence, id"
    _check_company_auto = True

    objective_id = fields.Many2one(
        "sales.okr.objective", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="objective_id.company_id", store=True, index=True
    )
    objective_state = fields.Selection(related="objective_id.state")
    name = fields.Char(string="Key Result", required=True)
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        help="Checks in on a key result entered by hand.",
    )
    kind = fields.Selection(
        [("measure", "Measured by the CRM"), ("manual", "Entered by hand")],
        string="Measured",
        required=True,
        default="measure",
        help="Measured by the CRM: the engine's figure on the objective's owner "
        "and period. Entered by hand: the value of the latest check-in, for "
        "what the CRM cannot measure (a market share, say).",
    )
    # every measure of the engine's registry
    measure = fields.Selection(
        lambda self: self.env["sales.measure"].selection(),
        help="The measure of the engine this key result follows.",
    )
    unit = fields.Char(help="What the values count, for a key result entered by hand.")
    start_value = fields.Float(
        string="Start", digits=(16, 2), help="The value when the objective was set."
    )
    target_value = fields.Float(
        string="Target", digits=(16, 2), help="The value that reaches the key result."
    )
    current_value = fields.Float(
        string="Current", digits=(16, 2), compute="_compute_current"
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_current",
        help="The share of the way from the start value to the target covered "
        "by the current value, between 0 and 100.",
    )
    check_in_ids = fields.One2many(
        "sales.okr.check.in", "key_result_id", string="Check-ins"
    )

    @api.constrains("kind", "measure", "start_value", "target_value")
    def _check_values(self):
        for result in self:
            if result.kind == "measure" and not result.measure:
                raise ValidationError(
                    self.env._(
                        "Measure: choose the measure of the key result %s, or "
                        "enter it by hand.",
                        result.name,
                    )
                )
            if result.target_value == result.start_value:
                raise ValidationError(
                    self.env._(
                        "Target: the key result %s needs a target different from "
                        "its start value.",
                        result.name,
                    )
                )
            if result.kind == "measure" and (
                result.target_value < 0 or result.start_value < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Target: the figures of the CRM are never negative; enter "
                        "a start value and a target of 0 or more for %s.",
                        result.name,
                    )
                )

    def _measured_values(self):
        """{key result: current value} of the measured ones, one engine call
        per measure, scope level and period."""
        Measure = self.env["sales.measure"]
        batches = defaultdict(list)
        for result in self.filtered(lambda r: r.kind == "measure" and r.measure):
            objective = result.objective_id
            if not objective.date_start or not objective.date_end:
                continue
            level, key = objective._scope()
            batches[
                (
                    result.measure,
                    level,
                    objective.date_start,
                    objective.date_end,
                    objective.company_id,
                )
            ].append((result, key))
        values = {}
        for (code, level, start, end, company), results in batches.items():
            figures = Measure.compute(
                code, level, start, end + timedelta(days=1), company
            )
            scale = SCALE.get(Measure.definition(code).unit, 1.0)
            for result, key in results:
                figure = figures.get(key)
                values[result] = (figure.value(scale) or 0.0) if figure else 0.0
        return values

    def _latest_check_ins(self):
        """{key result id: value of its latest check-in}, in one read."""
        manual = self.filtered(lambda r: r.kind == "manual" and r.id)
        if not manual:
            return {}
        latest = {}
        for check_in in (
            self.env["sales.okr.check.in"]
            .sudo()
            .search_fetch(
                [("key_result_id", "in", manual.ids)],
                ["key_result_id", "value"],
                order="date desc, id desc",
            )
        ):
            latest.setdefault(check_in.key_result_id.id, check_in.value)
        return latest

    @api.depends(
        "kind",
        "measure",
        "start_value",
        "target_value",
        "check_in_ids.value",
        "check_in_ids.date",
        "objective_id.owner_type",
        "objective_id.team_id",
        "objective_id.user_id",
        "objective_id.date_start",
        "objective_id.date_end",
    )
    def _compute_current(self):
        measured = self._measured_values()
        latest = self._latest_check_ins()
        for result in self:
            if result.kind == "manual":
                current = latest.get(result.id, result.start_value)
            else:
                current = measured.get(result, 0.0)
            result.current_value = current
            result.progress = progress(result.start_value, result.target_value, current)

    def action_drill_down(self):
        """The records behind the current value of a measured key result."""
        self.ensure_one()
        if self.kind != "measure" or not self.measure:
            return self.action_check_ins()
        objective = self.objective_id
        level, key = objective._scope()
        return self.env["sales.measure"].drill_down(
            self.measure,
            level,
            key,
            objective.date_start,
            objective.date_end + timedelta(days=1),
            objective.company_id,
        )

    def action_check_ins(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Check-ins of %s", self.name),
            "res_model": "sales.okr.check.in",
            "view_mode": "list,form",
            "domain": [("key_result_id", "=", self.id)],
            "context": {"default_key_result_id": self.id},
        }


class SalesOkrCheckIn(models.Model):
    _name = "sales.okr.check.in"
    _description = "Key Result Check-in"
    _inherit = ["sales.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    key_result_id = fields.Many2one(
        "sales.okr.key.result",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("kind", "=", "manual")],
    )
    company_id = fields.Many2one(
        related="key_result_id.company_id", store=True, index=True
    )
    date = fields.Date(required=True, default=lambda self: today_in(self.env))
    value = fields.Float(required=True, digits=(16, 2))
    note = fields.Text(help="Where the value comes from, what changed.")
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user, readonly=True
    )

    @api.constrains("key_result_id")
    def _check_manual(self):
        for check_in in self:
            if check_in.key_result_id.kind != "manual":
                raise ValidationError(
                    self.env._(
                        "Key Result: %s is measured by the CRM; check in only on "
                        "key results entered by hand.",
                        check_in.key_result_id.name,
                    )
                )

    @api.constrains("key_result_id", "date")
    def _check_date(self):
        for check_in in self:
            objective = check_in.key_result_id.objective_id
            today = today_in(self.env, objective.company_id)
            if check_in.date > today:
                raise ValidationError(
                    self.env._(
                        "Date: %(date)s is in the future; check in on a value "
                        "known today (%(today)s) or before.",
                        date=check_in.date,
                        today=today,
                    )
                )
            if not objective.date_start <= check_in.date <= objective.date_end:
                raise ValidationError(
                    self.env._(
                        "Date: check in on the objective %(objective)s between "
                        "%(start)s and %(end)s, its period.",
                        objective=objective.name,
                        start=objective.date_start,
                        end=objective.date_end,
                    )
                )

    @api.constrains("key_result_id", "value")
    def _check_value(self):
        for check_in in self:
            result = check_in.key_result_id
            low = min(result.start_value, result.target_value)
            high = max(result.start_value, result.target_value)
            margin = VALUE_SPAN_LIMIT * (high - low)
            if not low - margin <= check_in.value <= high + margin:
                raise ValidationError(
                    self.env._(
                        "Value: %(value)g is far from the key result %(result)s "
                        "(start %(start)g, target %(target)g); enter a value "
                        "between %(low)g and %(high)g.",
                        value=check_in.value,
                        result=result.name,
                        start=result.start_value,
                        target=result.target_value,
                        low=low - margin,
                        high=high + margin,
                    )
                )

    def _check_objective_open(self, results):
        """No check-in is entered, changed or deleted on a closed objective."""
        closed = results.objective_id.filtered(lambda o: o.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Key Result: the objective %s is closed, its check-ins are "
                    "final; a manager resets it to draft to correct them.",
                    closed[0].name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        # a check-in is signed by whoever enters it (data files name theirs)
        for vals in vals_list:
            if not (self.env.su and vals.get("user_id")):
                vals["user_id"] = self.env.uid
        self._check_objective_open(
            self.env["sales.okr.key.result"]
            .sudo()
            .browse({vals.get("key_result_id") for vals in vals_list} - {None, False})
        )
        checks = super().create(vals_list)
        for objective, found in checks.grouped(
            lambda c: c.key_result_id.objective_id
        ).items():
            objective.sudo().message_post(
                body=self.env._(
                    "Check-in: %(lines)s",
                    lines="; ".join(
                        f"{c.key_result_id.name} = {c.value:g}" for c in found
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return checks

    def write(self, vals):
        # a check-in stays on its key result and keeps its author: the record
        # rules are checked before a write, not on the values it writes
        for name in ("key_result_id", "user_id"):
            if name in vals and any(
                check_in[name].id != vals[name] for check_in in self
            ):
                raise UserError(
                    self.env._(
                        "%(field)s: a check-in keeps the key result it was "
                        "entered on and its author; enter a new check-in instead.",
                        field=self._fields[name]._description_string(self.env),
                    )
                )
        self._check_objective_open(self.sudo().key_result_id)
        return super().write(vals)

    def unlink(self):
        self._check_objective_open(self.sudo().key_result_id)
        return super().unlink()
