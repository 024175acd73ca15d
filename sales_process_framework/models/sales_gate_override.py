# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class SalesGateOverride(models.Model):
    """A flexible node: a move past a blocking gate, with who, when and why.

    Only the override path records one (``_record``, behind the *Override
    Gate* wizard): the server sets the user, the date and the unmet criteria,
    and the record is used once, by the move it was recorded for. Nobody
    creates or edits one any other way, whatever the rights or the context.
    """

    _name = "sales.gate.override"
    _description = "Stage Gate Override"
    _order = "create_date desc, id desc"
    _inherit = ["sales.lead.child.mixin"]

    team_id = fields.Many2one(related="lead_id.team_id", store=True)
    lead_user_id = fields.Many2one(
        related="lead_id.user_id", store=True, string="Salesperson"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Overridden By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    from_stage_id = fields.Many2one("crm.stage", readonly=True)
    to_stage_id = fields.Many2one("crm.stage", required=True, readonly=True)
    criterion_ids = fields.Many2many(
        "sales.gate.criterion",
        string="Unmet Criteria",
        context={"active_test": False},
        readonly=True,
    )
    unmet_summary = fields.Text(
        string="What Was Missing",
        readonly=True,
        help="Everything the gate reported, rules included.",
    )
    reason = fields.Text(required=True, readonly=True)
    used = fields.Boolean(
        readonly=True,
        copy=False,
        help="The move this override was recorded for has happened; it lets "
        "nothing else through.",
    )

    @api.depends("lead_id", "to_stage_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """ "Override into Negotiation: Lead" in breadcrumbs and links."""
        for override in self:
            override.display_name = self.env._(
                "Override into %(stage)s: %(opportunity)s",
                stage=override.to_stage_id.name or "",
                opportunity=override.lead_id.display_name or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self.pool.ready:
            raise UserError(
                self.env._(
                    "Gate overrides are recorded only by the Override Gate button "
                    "of the opportunity, which moves it and notes who, when and "
                    "what was missing."
                )
            )
        # module data files (demo), loaded before any user can act
        return super().create(vals_list)

    def write(self, vals):
        if self.pool.ready:
            raise UserError(
                self.env._(
                    "A gate override is a record of what happened: it cannot be "
                    "changed."
                )
            )
        return super().write(vals)

    @api.model
    def _record(self, leads, stage, reason, issues):
        """Record the overrides of these leads' move to stage: the only way in.

        :param issues: {lead id: [GateIssue]} of the move, evaluated by the server
        """
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for the override."))
        if not self.env.user.has_group("sales_process_framework.group_gate_override"):
            raise UserError(
                self.env._("Only users allowed to override stage gates can do this.")
            )
        self.check_access("create")
        now = fields.Datetime.now()
        vals_list = [
            {
                "lead_id": lead.id,
                "user_id": self.env.user.id,
                "date": now,
                "from_stage_id": lead.stage_id.id,
                "to_stage_id": stage.id,
                "criterion_ids": [
                    fields.Command.set(
                        [i.criterion.id for i in issues.get(lead.id, []) if i.criterion]
                    )
                ],
                "unmet_summary": "\n".join(i.message for i in issues.get(lead.id, [])),
                "reason": reason,
            }
            for lead in leads
        ]
        overrides = super().create(vals_list)
        bodies = {
            o.lead_id.id: Markup("<p>{}</p><p>{}</p>{}").format(
                self.env._("Stage gate overridden to “%s”.", stage.name),
                reason,
                o.lead_id._gate_issue_markup(issues.get(o.lead_id.id, [])),
            )
            for o in overrides
        }
        # sudo: the override is logged on the opportunity's chatter for everyone
        # following it, whatever the overriding user's rights on followers.
        leads.sudo()._message_log_batch(bodies=bodies)
        return overrides

    @api.model
    def _use_for(self, leads):
        """The leads that unused overrides of this user let into their new stage.

        An override counts once, for its own lead and target stage, for the
        user who recorded it while that user is in the override group; using
        it marks it used.
        """
        user = self.env.user
        if not leads or not user.has_group(
            "sales_process_framework.group_gate_override"
        ):
            return leads.browse()
        # sudo: overrides are looked up only to check them against this user
        overrides = (
            self.sudo()
            .search(
                [
                    ("lead_id", "in", leads.ids),
                    ("used", "=", False),
                    ("user_id", "=", user.id),
                ]
            )
            .filtered(lambda o: o.to_stage_id == o.lead_id.stage_id)
        )
        overrides._mark_used()
        return leads & overrides.lead_id

    def _mark_used(self):
        if not self:
            return True
        return super().write({"used": True})
