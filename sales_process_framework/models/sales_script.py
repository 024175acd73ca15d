# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sales-script library, run as the playbook's loop: scripts are
collected (proposed by salespeople), trained, used, optimised into a new
version and evaluated by the win rate of the opportunities that used them."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import html_translate

from .sales_measure_script import SCRIPT_SCOPE, SCRIPT_WIN_RATE

SITUATIONS = [
    ("opening", "Opening and first contact"),
    ("needs", "Needs diagnosis"),
    ("presentation", "Solution presentation"),
    ("objection", "Objection handling"),
    ("price", "Price negotiation"),
    ("closing", "Closing"),
    ("follow_up", "After-sales follow-up"),
]
STATES = [
    ("collected", "Collected"),
    ("training", "In Training"),
    ("in_use", "In Use"),
    ("retired", "Retired"),
]
MANAGER = "sales_process_framework.group_process_manager"
CONTENT_FIELDS = ("name", "stage_ids", "situation", "content")


class SalesScript(models.Model):
    _name = "sales.script"
    _description = "Sales Script"
    _inherit = ["mail.thread", "sales.guard.mixin"]
    _order = "situation, name, id"

    _action_fields = ("state", "version")
    _writable_fields = {
        # a salesperson edits the scripts they proposed, until they are
        # trained (record rules)
        "sales_process_framework.group_process_user": CONTENT_FIELDS,
        MANAGER: CONTENT_FIELDS + ("active", "company_id"),
    }
    # made by hand with the same fields, no context default beyond them
    _create_fields = {}

    # translatable: the shipped scripts read in each salesperson's language,
    # and a company may give its own scripts in the languages of its teams
    name = fields.Char(required=True, tracking=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    stage_ids = fields.Many2many(
        "crm.stage",
        string="Stages",
        help="The stages of the pipeline where the script serves; none: every "
        "stage.",
    )
    situation = fields.Selection(
        SITUATIONS, string="Sales Situation", required=True, tracking=True
    )
    content = fields.Html(required=True, translate=html_translate)
    state = fields.Selection(
        STATES, default="collected", required=True, readonly=True, tracking=True
    )
    version = fields.Integer(default=1, readonly=True, tracking=True)
    version_ids = fields.One2many(
        "sales.script.version", "script_id", string="Earlier Versions", readonly=True
    )
    lead_ids = fields.Many2many(
        "crm.lead",
        "crm_lead_sales_script_rel",
        "script_id",
        "lead_id",
        string="Used on",
        readonly=True,
        # lost opportunities are archived: they count in the win rate, and show
        context={"active_test": False},
    )
    usage_count = fields.Integer(compute="_compute_usage", string="Opportunities")
    user_ids = fields.Many2many("res.users", compute="_compute_usage", string="Used by")
    win_rate = fields.Float(
        compute="_compute_win_rate",
        string="Win Rate (%)",
        digits=(16, 1),
        help="Won among the closed opportunities where the script was used.",
    )
    closed_count = fields.Integer(
        compute="_compute_win_rate", string="Closed Opportunities"
    )

    can_edit = fields.Boolean(
        compute="_compute_can_edit",
        help="Whether the reader may change the script: process administrators "
        "always, its author while it is a proposal.",
    )

    @api.depends_context("uid")
    def _compute_can_edit(self):
        manager = self.env.user.has_group(MANAGER)
        for script in self:
            script.can_edit = manager or (
                script.state == "collected"
                and script.create_uid in (self.env.user, self.env["res.users"])
            )

    def _compute_usage(self):
        usage = {
            script.id: (count, users)
            for script, count, users in self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [("sales_script_ids", "in", self.ids)],
                ["sales_script_ids"],
                ["__count", "user_id:recordset"],
            )
        }
        for script in self:
            count, users = usage.get(script.id, (0, self.env["res.users"]))
            script.usage_count = count
            script.user_ids = users

    def _compute_win_rate(self):
        Measure = self.env["sales.measure"]
        today = fields.Date.context_today(self)
        figures = {}
        for company in self.company_id:
            figures.update(
                Measure.compute(SCRIPT_WIN_RATE, SCRIPT_SCOPE, today, today, company)
            )
        for script in self:
            figure = figures.get(script.id)
            script.win_rate = (figure.value(100.0) if figure else None) or 0.0
            script.closed_count = int(figure.denominator) if figure else 0

    # The playbook's loop ------------------------------------------------------
    def _move(self, action, allowed, state):
        self._check_action_group(MANAGER, action)
        for script in self:
            if script.state not in allowed:
                raise self._wrong_state(script, action)
        self._write_by_action({"state": state})

    def _wrong_state(self, script, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        return UserError(
            self.env._(
                "Script “%(script)s” is %(state)s: %(action)s does not apply to " "it.",
                script=script.name,
                state=labels[script.state],
                action=action,
            )
        )

    def action_train(self):
        self._move(self.env._("Train"), ("collected",), "training")

    def action_use(self):
        self._move(self.env._("Put in use"), ("training",), "in_use")

    def action_retire(self):
        self._move(self.env._("Retire"), ("collected", "training", "in_use"), "retired")

    def action_optimise(self):
        """Keep the current text as an earlier version, readable on the
        script, and open the next version, trained again before its use."""
        action = self.env._("Optimise")
        self._check_action_group(MANAGER, action)
        for script in self:
            if script.state not in ("training", "in_use"):
                raise self._wrong_state(script, action)
        # sudo: the history is written by this action only, never by hand
        self.env["sales.script.version"].sudo().create(
            [
                {
                    "script_id": script.id,
                    "version": script.version,
                    "name": script.name,
                    "content": script.content,
                    "state": script.state,
                }
                for script in self
            ]
        )
        for script in self:
            script._write_by_action(
                {"version": script.version + 1, "state": "training"}
            )

    def action_view_opportunities(self):
        """The opportunities behind the win rate: the engine's drill-down."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return self.env["sales.measure"].drill_down(
            SCRIPT_WIN_RATE, SCRIPT_SCOPE, self.id, today, today, self.company_id
        )
