# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Coaching in five steps: observe, feedback, demonstrate, prepare, review."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sales_process_framework.tools.dates import date_label

STEPS = [
    ("observe", "Observe"),
    ("feedback", "Feedback"),
    ("demonstrate", "Demonstrate"),
    ("prepare", "Prepare the next call"),
    ("review", "Review"),
    ("done", "Done"),
]
# what must be written before leaving a step: field names
STEP_REQUIRES = {
    "observe": ["observation"],
    "feedback": ["feedback_goal", "feedback_plan", "feedback_happened", "feedback_why"],
    "demonstrate": ["demonstration"],
    "prepare": ["next_goal", "next_plan"],
    "review": ["went_best", "to_improve"],
}


class SalesCoachingSession(models.Model):
    _name = "sales.coaching.session"
    _description = "Coaching Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, tracking=True
    )
    coach_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, tracking=True
    )
    team_id = fields.Many2one(
        "crm.team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        string="Sales Team",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    lead_id = fields.Many2one(
        "crm.lead",
        string="Customer Call",
        check_company=True,
        help="The opportunity of the observed call.",
    )
    deal_size = fields.Selection(
        [("large", "Large deal: plan, do, check"), ("small", "Small deal: do, check")],
        default="large",
        required=True,
        help="Small deals skip the demonstration and the written preparation.",
    )
    step = fields.Selection(STEPS, default="observe", required=True, tracking=True)
    observation = fields.Html(help="What you saw, without intervening in the call.")
    feedback_goal = fields.Text(string="What was the goal of the call?")
    feedback_plan = fields.Text(string="How did you plan to reach it?")
    feedback_happened = fields.Text(string="What actually happened?")
    feedback_why = fields.Text(string="Why?")
    demonstration = fields.Html(help="How the coach showed it can be done.")
    next_goal = fields.Text(string="Goal of the Next Call")
    next_plan = fields.Text(string="Plan of the Next Call")
    went_best = fields.Text(string="What Went Best")
    to_improve = fields.Text(string="What to Improve")
    manager_observations = fields.Text(string="Coach's Observations")
    rep_solutions = fields.Text(string="Salesperson's Own Solutions")
    practice = fields.Text(string="Practice Before the Next Call")

    @api.depends("user_id", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """ "Coaching of Li Wei, 2026-11-04" in breadcrumbs and links."""
        for session in self:
            session.display_name = self.env._(
                "Coaching of %(salesperson)s, %(date)s",
                salesperson=session.user_id.name or "",
                date=date_label(self.env, session.date),
            )

    _action_fields = ("step",)

    @api.depends("user_id")
    def _compute_team_id(self):
        for session in self:
            session.team_id = session.user_id.sale_team_id

    def _steps(self):
        skipped = {"demonstrate", "prepare"} if self.deal_size == "small" else set()
        return [key for key, _label in STEPS if key not in skipped]

    def action_next_step(self):
        self._check_action_group(
            "sales_team_performance.group_performance_manager", self.env._("Next Step")
        )
        labels = dict(self._fields["step"]._description_selection(self.env))
        for session in self:
            missing = [
                session._fields[name].get_description(self.env)["string"]
                for name in STEP_REQUIRES.get(session.step, [])
                if not session[name]
                or (isinstance(session[name], str) and not session[name].strip())
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Before leaving the step %(step)s, fill in: %(fields)s.",
                        step=labels[session.step],
                        fields=", ".join(missing),
                    )
                )
            steps = session._steps()
            session._write_by_action(
                {"step": steps[min(steps.index(session.step) + 1, len(steps) - 1)]}
            )
        return True
