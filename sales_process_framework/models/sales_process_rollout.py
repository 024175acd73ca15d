# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Publishing a finished pilot as the new process version (e.g. V1.1) and
rolling it out in waves: the core teams first, then all the others, each
wave applying the version's playbook to its teams on its date."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.periods import today_in

MANAGER = "sales_process_framework.group_process_manager"


class SalesProcessVersion(models.Model):
    _inherit = "sales.process.version"

    playbook_id = fields.Many2one(
        "sales.playbook",
        string="Process Configuration",
        help="The playbook the pilot teams follow: publishing the pilot rolls it "
        "out to the other teams.",
    )
    rollout_ids = fields.One2many("sales.process.rollout", "version_id")

    def action_publish(self):
        """The new version from this finished pilot, with its two waves."""
        self.ensure_one()
        self._check_action_group(MANAGER, self.env._("Publish"))
        if self.date_end > today_in(self.env, self.company_id):
            raise UserError(
                self.env._(
                    "End Date: the pilot “%s” is not finished; publish it once its "
                    "end date has passed.",
                    self.name,
                )
            )
        if not self.playbook_id:
            raise UserError(
                self.env._(
                    "Process Configuration: choose the playbook the pilot teams "
                    "follow before publishing the pilot “%s”.",
                    self.name,
                )
            )
        today = today_in(self.env, self.company_id)
        others = self.env["crm.team"].search(
            [
                ("company_id", "in", [self.company_id.id, False]),
                ("id", "not in", self.team_ids.ids),
            ]
        )
        rollout = self.env["sales.process.rollout"].create(
            {
                "name": "V1.1",
                "version_id": self.id,
                "playbook_id": self.playbook_id.id,
                "company_id": self.company_id.id,
                "wave_ids": [
                    fields.Command.create(
                        {"sequence": 1, "date": today, "team_ids": self.team_ids.ids}
                    ),
                    fields.Command.create(
                        {
                            "sequence": 2,
                            "date": today + timedelta(days=30),
                            "team_ids": others.ids,
                        }
                    ),
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.process.rollout",
            "res_id": rollout.id,
            "view_mode": "form",
        }


class SalesProcessRollout(models.Model):
    _name = "sales.process.rollout"
    _description = "Process Version Roll-out"
    _order = "id desc"
    _inherit = ["mail.thread", "sales.guard.mixin"]
    _check_company_auto = True

    name = fields.Char(string="Version", required=True, tracking=True)
    version_id = fields.Many2one(
        "sales.process.version",
        string="Pilot",
        required=True,
        ondelete="restrict",
        check_company=True,
    )
    playbook_id = fields.Many2one(
        "sales.playbook",
        string="Process Configuration",
        required=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("planned", "Planned"), ("done", "Rolled Out")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    wave_ids = fields.One2many(
        "sales.process.rollout.wave", "rollout_id", string="Roll-out Plan"
    )

    _action_fields = ("state",)

    def action_plan(self):
        """Confirm the plan: each wave is applied on its date."""
        self._check_action_group(MANAGER, self.env._("Confirm the plan"))
        for rollout in self:
            if not rollout.wave_ids.team_ids:
                raise UserError(
                    self.env._(
                        "Roll-out Plan: give the waves of “%s” their teams.",
                        rollout.name,
                    )
                )
        self._write_by_action({"state": "planned"})
        self._apply_due_waves()
        return True

    @api.model
    def _cron_apply_due_waves(self):
        self.search([("state", "=", "planned")])._apply_due_waves()

    def _apply_due_waves(self):
        """Apply the waves whose date has come, once each, through the
        playbook's public apply; the teams then follow the version."""
        for rollout in self.filtered(lambda r: r.state == "planned"):
            today = today_in(self.env, rollout.company_id)
            for wave in rollout.wave_ids.filtered(
                lambda w, today=today: not w.done and w.date <= today
            ):
                for team in wave.team_ids:
                    rollout.playbook_id.sudo().apply_to_team(team.id)
                wave.team_ids.sudo().write({"process_rollout_id": rollout.id})
                wave.sudo().write({"done": True})
                rollout.message_post(
                    body=self.env._(
                        "Wave %(wave)s: %(version)s applied to %(teams)s.",
                        wave=wave.sequence,
                        version=rollout.name,
                        teams=", ".join(wave.team_ids.mapped("name")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            if all(rollout.wave_ids.mapped("done")):
                rollout._write_by_action({"state": "done"})


class SalesProcessRolloutWave(models.Model):
    _name = "sales.process.rollout.wave"
    _description = "Roll-out Wave"
    _order = "rollout_id, sequence, id"
    _inherit = ["sales.guard.mixin"]
    _check_company_auto = True

    rollout_id = fields.Many2one(
        "sales.process.rollout", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="rollout_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(string="Wave", default=1)
    date = fields.Date(required=True)
    team_ids = fields.Many2many("crm.team", string="Sales Teams", check_company=True)
    done = fields.Boolean(string="Applied", readonly=True)

    _action_fields = ("done",)

    @api.constrains("team_ids")
    def _check_one_wave_per_team(self):
        for wave in self:
            other = wave.rollout_id.wave_ids - wave
            shared = wave.team_ids & other.team_ids
            if shared:
                raise ValidationError(
                    self.env._(
                        "Sales Teams: %(teams)s are already in another wave of "
                        "%(version)s; a team is rolled out once.",
                        teams=", ".join(shared.mapped("name")),
                        version=wave.rollout_id.name,
                    )
                )


class CrmTeam(models.Model):
    _inherit = "crm.team"  # pylint: disable=consider-merging-classes-inherited

    process_rollout_id = fields.Many2one(
        "sales.process.rollout",
        string="Process Version",
        readonly=True,
        copy=False,
        help="The process version the team follows since its roll-out wave.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and (
            self.env.context.get("default_process_rollout_id")
            or any(vals.get("process_rollout_id") for vals in vals_list)
        ):
            self._raise_rollout_by_hand()
        return super().create(vals_list)

    def write(self, vals):
        if "process_rollout_id" in vals and not self.env.su:
            self._raise_rollout_by_hand()
        return super().write(vals)

    def _raise_rollout_by_hand(self):
        raise UserError(
            self.env._(
                "Process Version: a team follows a version through its "
                "roll-out wave, not by hand."
            )
        )
