# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.periods import today_in

MANAGER = "sales_process_framework.group_process_manager"
SALESMAN = "sales_team.group_sale_salesman"
SCORES = [(str(score), str(score)) for score in range(11)]


class SalesPilotNps(models.Model):
    """One customer's answer to the pilot's satisfaction survey: "how likely
    are you to recommend us" from 0 to 10. The pilot's NPS is the engine's
    measure ``pilot_nps`` over these answers."""

    _name = "sales.pilot.nps"
    _description = "Pilot Customer Survey Answer"
    _order = "date desc, id desc"
    _inherit = ["sales.guard.mixin"]
    _rec_name = "partner_id"
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
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, check_company=True
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        domain="[('partner_id', 'child_of', partner_id)]",
        index="btree_not_null",
        check_company=True,
    )
    score = fields.Selection(SCORES, required=True)
    comment = fields.Text()
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        default=lambda self: self.env.user,
        index=True,
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", index=True, check_company=True
    )

    _writable_fields = {
        SALESMAN: ("partner_id", "lead_id", "score", "comment", "date", "team_id"),
        MANAGER: (
            "version_id",
            "partner_id",
            "lead_id",
            "score",
            "comment",
            "date",
            "team_id",
            "user_id",
        ),
    }
    # the pilot is chosen once, when the answer is recorded
    _create_fields = {SALESMAN: ("version_id",)}

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(MANAGER):
            # a salesperson records the answers of their own customers (the
            # field's default), whatever the values say
            for vals in vals_list:
                vals.pop("user_id", None)
        self._check_lead_access(vals_list)
        Lead = self.env["crm.lead"]
        for vals in vals_list:
            if not vals.get("team_id"):
                lead = Lead.browse(vals.get("lead_id"))
                user = self.env["res.users"].browse(vals.get("user_id") or self.env.uid)
                vals["team_id"] = (lead.team_id or user.sale_team_id).id
        return super().create(vals_list)

    def write(self, vals):
        if (
            "user_id" in vals
            and not self.env.su
            and not self.env.user.has_group(MANAGER)
        ):
            raise UserError(
                self.env._(
                    "Salesperson: only a process administrator gives a survey "
                    "answer to another salesperson."
                )
            )
        self._check_lead_access([vals])
        return super().write(vals)

    def _check_lead_access(self, vals_list):
        """An answer is linked to an opportunity its recorder may read: its
        name shows on the answer to whoever reads it."""
        if not self.env.su:
            lead_ids = {vals["lead_id"] for vals in vals_list if vals.get("lead_id")}
            self.env["crm.lead"].browse(lead_ids).check_access("read")

    @api.constrains("date")
    def _check_date(self):
        for answer in self:
            today = today_in(self.env, answer.company_id)
            if answer.date > today:
                raise ValidationError(
                    self.env._(
                        "Date: a survey answer is dated on the day the customer "
                        "gave it, today at the latest, not %s.",
                        answer.date,
                    )
                )

    @api.constrains("version_id", "team_id", "user_id")
    def _check_pilot_team(self):
        for answer in self.sudo():
            teams = answer.version_id.team_ids
            team = answer.team_id
            if answer.user_id not in (
                team.member_ids | team.user_id
            ) and not answer.user_id.has_group(MANAGER):
                # an answer counts for the pilot's team and its salesperson
                raise ValidationError(
                    self.env._(
                        "Sales Team: %(user)s is not a member of “%(team)s”; "
                        "record the answers of your own team's customers.",
                        user=answer.user_id.name,
                        team=team.name or "",
                    )
                )
            if answer.team_id not in teams:
                raise ValidationError(
                    self.env._(
                        "Sales Team: the survey of the pilot “%(pilot)s” asks the "
                        "customers of its teams (%(teams)s); choose one of them.",
                        pilot=answer.version_id.name,
                        teams=", ".join(teams.mapped("name")),
                    )
                )
