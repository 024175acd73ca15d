# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.6.0: the customer personas of the playbooks' journeys.

A team that follows a playbook's journey (its phases were made from the
playbook's) gets the playbook's personas, as applying the playbook now gives
them; the personas a company made itself are kept as they are."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    phases = (
        env["sales.journey.phase"]
        .with_context(active_test=False)
        .search([("playbook_phase_id", "!=", False), ("team_id", "!=", False)])
    )
    # {(team, playbook): the company of the team's phases}
    followed = {
        (phase.team_id, phase.playbook_phase_id.playbook_id): phase.company_id
        for phase in phases
    }
    Persona = env["sales.journey.persona"]
    for (team, playbook), company in followed.items():
        Persona._apply_playbook(playbook, team, team.company_id or company)
