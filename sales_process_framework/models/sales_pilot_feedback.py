# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MANAGER = "sales_process_framework.group_process_manager"
SALESMAN = "sales_team.group_sale_salesman"


class SalesPilotFeedback(models.Model):
    """What a pilot team's salesperson says about the piloted process: a
    stage or gate criterion, what is wrong with it, and how hard it weighs.
    The process administrator accepts it (the next version changes) or
    rejects it with a reply."""

    _name = "sales.pilot.feedback"
    _description = "Pilot Feedback"
    _order = "create_date desc, id desc"
    _inherit = ["mail.thread", "sales.guard.mixin"]
    _rec_name = "kind"
    _check_company_auto = True

    version_id = fields.Many2one(
        "sales.process.version",
        string="Pilot",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="version_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    stage_id = fields.Many2one("crm.stage", string="Stage")
    criterion_id = fields.Many2one(
        "sales.gate.criterion",
        string="Gate Criterion",
        domain="[('stage_id', '=?', stage_id)]",
        check_company=True,
    )
    kind = fields.Selection(
        [
            ("too_strict", "Criteria too strict"),
            ("too_loose", "Criteria too loose"),
            ("too_complex", "Tool too complex"),
            ("step_missing", "Step missing"),
            ("step_unnecessary", "Step unnecessary"),
            ("other", "Other"),
        ],
        required=True,
        default="too_strict",
        tracking=True,
    )
    description = fields.Text(string="Feedback", required=True)
    rating = fields.Selection(
        [("1", "Minor"), ("2", "Hinders"), ("3", "Blocks the sale")],
        string="Impact",
        default="2",
        required=True,
    )
    state = fields.Selection(
        [("new", "To Triage"), ("accepted", "Accepted"), ("rejected", "Rejected")],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
    )
    reply = fields.Text(tracking=True)

    _action_fields = ("state",)
    # the author words the feedback; the administrator answers it
    _writable_fields = {
        SALESMAN: ("stage_id", "criterion_id", "kind", "description", "rating"),
        MANAGER: (
            "version_id",
            "stage_id",
            "criterion_id",
            "kind",
            "description",
            "rating",
            "reply",
        ),
    }
    # the pilot is chosen once, when the feedback is given
    _create_fields = {SALESMAN: ("version_id",)}

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # the author is who gives the feedback (the field's default),
            # whatever the values say
            for vals in vals_list:
                vals.pop("user_id", None)
        return super().create(vals_list)

    def write(self, vals):
        if "user_id" in vals and not self.env.su:
            raise UserError(
                self.env._("Author: a feedback stays with the salesperson who gave it.")
            )
        if not self.env.su and not self.env.user.has_group(MANAGER):
            # once triaged, the author's feedback is the record of the answer
            if self.filtered(lambda feedback: feedback.state != "new"):
                raise UserError(
                    self.env._(
                        "Feedback: an answered feedback is no longer changed; "
                        "give a new feedback instead."
                    )
                )
        return super().write(vals)

    @api.constrains("version_id", "user_id")
    def _check_author_in_pilot(self):
        # the author may not read a pilot of another team: its teams are named
        for feedback in self.sudo():
            version = feedback.version_id
            members = version.team_ids.member_ids | version.team_ids.user_id
            if feedback.user_id not in members and not feedback.user_id.has_group(
                MANAGER
            ):
                raise ValidationError(
                    self.env._(
                        "Pilot: only the members of the pilot teams of “%(pilot)s” "
                        "(%(teams)s) give feedback on it; choose a pilot of your "
                        "team.",
                        pilot=version.name,
                        teams=", ".join(version.team_ids.mapped("name")),
                    )
                )

    @api.constrains("stage_id", "criterion_id")
    def _check_criterion_stage(self):
        for feedback in self:
            criterion = feedback.criterion_id
            if (
                criterion
                and feedback.stage_id
                and criterion.stage_id != feedback.stage_id
            ):
                raise ValidationError(
                    self.env._(
                        "Gate Criterion: “%(criterion)s” belongs to the stage "
                        "%(stage)s; choose that stage or a criterion of %(chosen)s.",
                        criterion=criterion.name,
                        stage=criterion.stage_id.name,
                        chosen=feedback.stage_id.name,
                    )
                )

    @api.onchange("criterion_id")
    def _onchange_criterion_id(self):
        if self.criterion_id and not self.stage_id:
            self.stage_id = self.criterion_id.stage_id

    def _triage(self, state, label):
        self._check_action_group(MANAGER, label)
        self._write_by_action({"state": state})
        return True

    def action_accept(self):
        return self._triage("accepted", self.env._("Accept"))

    def action_reject(self):
        if self.filtered(lambda feedback: not feedback.reply):
            raise UserError(
                self.env._(
                    "Reply: tell the salesperson why the feedback is rejected "
                    "before rejecting it."
                )
            )
        return self._triage("rejected", self.env._("Reject"))

    def action_reset(self):
        return self._triage("new", self.env._("Reset to triage"))
