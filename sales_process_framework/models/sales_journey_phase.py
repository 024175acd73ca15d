# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from .sales_interaction import INTERACTION_KINDS

CHANNEL_TYPES = [("online", "Online"), ("offline", "Offline"), ("internal", "Internal")]
CHANNELS = INTERACTION_KINDS  # one taxonomy of interactions
SLA_UNITS = [
    ("minutes", "Working Minutes"),
    ("hours", "Working Hours"),
    ("days", "Working Days"),
]
# The playbook's priority matrix: importance x urgency.
IMPORTANCE = [("high", "Important"), ("low", "Less Important")]
URGENCY = [("high", "Urgent"), ("low", "Not Urgent")]


class SalesJourneyPhase(models.Model):
    _name = "sales.journey.phase"
    _description = "Customer Journey Phase"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        help="Journey of this team only; empty for the company's journey.",
    )
    customer_need = fields.Text(translate=True)
    pain_points = fields.Text(translate=True)
    stage_ids = fields.Many2many(
        "crm.stage",
        string="CRM Stages",
        help="Opportunities in these stages are in this phase.",
    )
    touchpoint_ids = fields.One2many(
        "sales.journey.touchpoint", "phase_id", string="Touchpoints"
    )
    touchpoint_count = fields.Integer(compute="_compute_touchpoint_count")
    playbook_phase_id = fields.Many2one(
        "sales.playbook.phase",
        string="Playbook Phase",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The playbook phase this one was made from.",
    )

    @api.depends("touchpoint_ids")
    def _compute_touchpoint_count(self):
        counts = dict(
            self.env["sales.journey.touchpoint"]._read_group(
                [("phase_id", "in", self.ids)], ["phase_id"], ["__count"]
            )
        )
        for phase in self:
            phase.touchpoint_count = counts.get(phase, 0)

    @api.constrains("stage_ids", "team_id", "company_id", "active")
    def _check_stages(self):
        for phase in self.filtered("active"):
            if not phase.stage_ids:
                raise ValidationError(
                    self.env._(
                        "Journey phase “%s” covers no CRM stage: choose the stages "
                        "its opportunities are in.",
                        phase.name,
                    )
                )
            overlapping = self.search(
                [
                    ("id", "!=", phase.id),
                    ("team_id", "=", phase.team_id.id),
                    ("company_id", "=", phase.company_id.id),
                    ("stage_ids", "in", phase.stage_ids.ids),
                ],
                limit=1,
            )
            if overlapping:
                shared = phase.stage_ids & overlapping.stage_ids
                raise ValidationError(
                    self.env._(
                        "Journey phases “%(phase)s” and “%(other)s” both cover "
                        "%(stages)s for the same team: a stage belongs to one phase.",
                        phase=phase.name,
                        other=overlapping.name,
                        stages=", ".join(shared.mapped("name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _phased_stage_ids
        phases = super().create(vals_list)
        self.env["crm.lead"]._mark_cards_stale()
        return phases

    def write(self, vals):
        if {"stage_ids", "active"} & set(vals):
            self.env.registry.clear_cache()  # _phased_stage_ids
        res = super().write(vals)
        if vals.keys() - {"name", "customer_need", "pain_points"}:
            self.env["crm.lead"]._mark_cards_stale()
        return res

    def unlink(self):
        self.env.registry.clear_cache()  # _phased_stage_ids
        res = super().unlink()
        self.env["crm.lead"]._mark_cards_stale()
        return res

    @api.model
    @tools.ormcache()
    def _phased_stage_ids(self):
        """Ids of the stages an active phase covers: a move between other
        stages looks no phase up. Cleared when phases are created, deleted,
        archived or given other stages, and when stages are deleted."""
        phases = self.sudo().with_context(active_test=True).search([])
        return frozenset(phases.stage_ids.ids)

    @api.model
    def _phase_by_lead(self, leads):
        """{lead id: phase} from each lead's stage; a team's own journey first."""
        # sudo: the journey is configuration every salesperson works under; the
        # company filter below keeps other companies' journeys out.
        stage_ids = leads.stage_id.ids
        phases = (
            self.sudo().search([("stage_ids", "in", stage_ids)])
            if not self._phased_stage_ids().isdisjoint(stage_ids)
            else self.browse()
        )
        if not phases:
            return dict.fromkeys(leads._ids, self.browse())
        result = {}
        for lead in leads:
            company = lead.company_id or self.env.company
            candidates = [
                p
                for p in phases
                if lead.stage_id in p.stage_ids
                and (not p.company_id or p.company_id == company)
                and (not p.team_id or p.team_id == lead.team_id)
            ]
            candidates.sort(key=lambda p: (not p.team_id, p.sequence, p.id))
            result[lead.id] = candidates[0] if candidates else self.browse()
        return result


class SalesJourneyTouchpoint(models.Model):
    _name = "sales.journey.touchpoint"
    _description = "Customer Journey Touchpoint"
    _order = "phase_id, sequence, id"
    _inherit = ["sales.guard.mixin"]
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    phase_id = fields.Many2one(
        "sales.journey.phase",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="phase_id.company_id", store=True)
    team_id = fields.Many2one(related="phase_id.team_id", store=True)
    channel_type = fields.Selection(CHANNEL_TYPES, required=True, default="offline")
    channel = fields.Selection(CHANNELS, required=True, default="call")
    sales_action = fields.Text(
        string="Standard Sales Action",
        translate=True,
        help="What the owner does at this touchpoint, e.g. '15-minute demo'.",
    )
    responsible_role = fields.Char(
        translate=True, help="Who does it when it is not one person, e.g. 'Marketing'."
    )
    responsible_user_id = fields.Many2one("res.users", string="Responsible User")
    deliverable = fields.Char(translate=True, help="What the customer receives.")
    sla_value = fields.Float(
        string="Response SLA",
        help="Time allowed, from the opportunity's entry into the phase, in working "
        "time of the company calendar. 0: no SLA.",
    )
    sla_unit = fields.Selection(SLA_UNITS, default="hours", required=True)
    importance = fields.Selection(IMPORTANCE, default="high", required=True)
    urgency = fields.Selection(URGENCY, default="high", required=True)
    quadrant = fields.Selection(
        [
            ("do", "Important and Urgent"),
            ("plan", "Important, Not Urgent"),
            ("delegate", "Urgent, Less Important"),
            ("drop", "Less Important, Not Urgent"),
        ],
        compute="_compute_quadrant",
        store=True,
        # the four quadrants always show, in the matrix's order
        group_expand=True,
        help="The importance × urgency matrix of the playbook.",
    )
    log_count = fields.Integer(compute="_compute_log_count", string="Times Logged")
    playbook_touchpoint_id = fields.Many2one(
        "sales.playbook.touchpoint",
        string="Playbook Touchpoint",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The playbook touchpoint this one was made from.",
    )

    @api.depends("importance", "urgency")
    def _compute_quadrant(self):
        quadrants = {
            ("high", "high"): "do",
            ("high", "low"): "plan",
            ("low", "high"): "delegate",
            ("low", "low"): "drop",
        }
        for touchpoint in self:
            touchpoint.quadrant = quadrants[(touchpoint.importance, touchpoint.urgency)]

    def _compute_log_count(self):
        counts = dict(
            self.env["crm.lead.touchpoint"]._read_group(
                [("touchpoint_id", "in", self.ids)], ["touchpoint_id"], ["__count"]
            )
        )
        for touchpoint in self:
            touchpoint.log_count = counts.get(touchpoint, 0)

    @api.constrains("sla_value")
    def _check_sla(self):
        for touchpoint in self:
            if touchpoint.sla_value < 0:
                raise ValidationError(
                    self.env._(
                        "Touchpoint “%s”: the response SLA cannot be negative; use 0 "
                        "for a touchpoint without SLA.",
                        touchpoint.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        touchpoints = super().create(vals_list)
        self.env["crm.lead"]._mark_cards_stale()
        return touchpoints

    def write(self, vals):
        res = super().write(vals)
        if not vals.keys().isdisjoint(
            {"sla_value", "sla_unit", "sequence", "active", "phase_id"}
        ):
            self.env["crm.lead"]._mark_cards_stale()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["crm.lead"]._mark_cards_stale()
        return res

    def _deadline(self, start, working_time):
        """Deadline from start, in a WorkingTime of the lead's company calendar."""
        self.ensure_one()
        return working_time.deadline(start, self.sla_value, self.sla_unit)
