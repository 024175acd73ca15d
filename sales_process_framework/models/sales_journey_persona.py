# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

from ..tools.translations import copy_translations

# The roles of the customer's people in the buying decision.
DECISION_ROLES = [
    ("decision_maker", "Decision Maker"),
    ("influencer", "Influencer"),
    ("evaluator", "Technical Evaluator"),
    ("user", "User"),
    ("gatekeeper", "Gatekeeper"),
]
PERSONA_FIELDS = ("name", "goals", "pains", "channels")


class SalesJourneyPersona(models.Model):
    """A customer persona of a journey (step 2 of the process design): who the
    salesperson meets at the customer, what they want, what troubles them,
    their part in the decision and where they get their information."""

    _name = "sales.journey.persona"
    _description = "Customer Persona"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(
        string="Role", required=True, translate=True, help="e.g. Purchasing manager"
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        help="Persona of this team's journey only; empty for the company's " "journey.",
    )
    decision_role = fields.Selection(
        DECISION_ROLES, required=True, default="influencer"
    )
    goals = fields.Text(translate=True)
    pains = fields.Text(translate=True)
    channels = fields.Char(
        string="Information Channels",
        translate=True,
        help="Where this person gets their information, e.g. trade fairs, "
        "industry forums, peers.",
    )
    playbook_persona_id = fields.Many2one(
        "sales.playbook.persona",
        string="Playbook Persona",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The playbook persona this one was made from.",
    )

    @api.model
    def _for_teams(self, teams):
        """{team: its journey's personas}: the team's own, else its company's."""
        personas = self.search(
            [
                ("team_id", "in", [False, *teams.ids]),
                ("company_id", "in", [*teams.company_id.ids, self.env.company.id]),
            ]
        )
        result = {}
        for team in teams:
            own = personas.filtered(lambda p, t=team: p.team_id == t)
            company = team.company_id or self.env.company
            result[team] = own or personas.filtered(
                lambda p, c=company: not p.team_id and p.company_id == c
            )
        return result

    @api.model
    def _apply_playbook(self, playbook, team, company):
        """Give the team the playbook's personas it does not have yet (the
        Apply Playbook wizard, as superuser)."""
        Persona = self.with_context(active_test=False)
        have = Persona.search(
            [
                ("playbook_persona_id", "in", playbook.persona_ids.ids),
                ("team_id", "=", team.id),
            ]
        ).playbook_persona_id
        created = Persona.create(
            [
                {
                    **{name: ppersona[name] for name in PERSONA_FIELDS},
                    "sequence": ppersona.sequence,
                    "decision_role": ppersona.decision_role,
                    "team_id": team.id,
                    "company_id": company.id,
                    "playbook_persona_id": ppersona.id,
                }
                for ppersona in playbook.persona_ids - have
            ]
        )
        # the playbook's translations come along
        copy_translations(created, "playbook_persona_id", list(PERSONA_FIELDS))
        return created


class SalesPlaybookPersona(models.Model):
    """A customer persona of a playbook's journey: the persona a team gets
    when the playbook is applied."""

    _name = "sales.playbook.persona"
    _inherit = ["sales.playbook.line"]
    _description = "Playbook Customer Persona"

    decision_role = fields.Selection(
        DECISION_ROLES, required=True, default="influencer"
    )
    goals = fields.Text(translate=True)
    pains = fields.Text(translate=True)
    channels = fields.Char(string="Information Channels", translate=True)


class SalesPlaybook(models.Model):
    _inherit = "sales.playbook"

    persona_ids = fields.One2many(
        "sales.playbook.persona", "playbook_id", string="Customer Personas"
    )


class CrmTeam(models.Model):  # pylint: disable=consider-merging-classes-inherited
    _inherit = "crm.team"  # pylint: disable=consider-merging-classes-inherited

    persona_ids = fields.One2many(
        "sales.journey.persona", "team_id", string="Customer Personas"
    )


class CrmLead(models.Model):  # pylint: disable=consider-merging-classes-inherited
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    journey_persona_ids = fields.Many2many(
        "sales.journey.persona",
        compute="_compute_journey_persona_ids",
        string="Customer Personas",
        help="The personas of the team's customer journey: whom to meet at "
        "the customer and what matters to each.",
    )

    contact_persona_id = fields.Many2one(
        "sales.journey.persona",
        string="Contact's Persona",
        domain="[('id', 'in', journey_persona_ids)]",
        check_company=True,
        help="Which of the journey's personas the customer's contact is.",
    )

    @api.depends("team_id")
    def _compute_journey_persona_ids(self):
        Persona = self.env["sales.journey.persona"]
        personas = Persona._for_teams(self.team_id)
        for lead in self:
            lead.journey_persona_ids = [
                Command.set(personas.get(lead.team_id, Persona).ids)
            ]
