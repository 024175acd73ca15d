# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: pipelines per team, literal conditions, one-use overrides.

- Gate conditions are read as literals now, never evaluated, on the fields a
  condition may read, with values of the fields' types: a condition that is
  not such a filter is archived (kept, with a note in its chatter saying
  why), so that no move fails on it; the administrator rebuilds it with the
  editor. A number written as a text stays: it is read as a number.
- Overrides recorded before are history: marked used.
- The messages of activities marked done before carry the mark the "activity
  done" criterion reads, so criteria met before stay met.
- The demo's playbook stages belong to the demo teams that use the playbook
  and sort after Odoo's own stages (so "the first won stage" of the database
  stays Odoo's Won), and Odoo's own stages, which the demo had given to Odoo's
  "Sales" team, are shared again, as Odoo ships them.
"""

import logging

from markupsafe import Markup

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

PLAYBOOK_STAGES = [
    "stage_lead_acquisition",
    "stage_lead_nurturing",
    "stage_needs_diagnosis",
    "stage_solution_presentation",
    "stage_negotiation",
    "stage_contract_signing",
    "stage_delivery",
    "stage_after_sales",
]
PLAYBOOK_TEAMS = ["crm_team_direct", "crm_team_pilot"]
ODOO_STAGES = [
    "crm.stage_lead1",
    "crm.stage_lead2",
    "crm.stage_lead3",
    "crm.stage_lead4",
]


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    _convert_conditions(env)
    cr.execute("UPDATE sales_gate_override SET used = TRUE WHERE used IS NOT TRUE")
    cr.execute(
        """
        UPDATE mail_message
           SET sales_activity_done = TRUE
         WHERE model = 'crm.lead'
           AND mail_activity_type_id IS NOT NULL
           AND subtype_id = (
                SELECT res_id FROM ir_model_data
                 WHERE module = 'mail' AND name = 'mt_activities')
        """
    )
    _demo_pipelines(env)


def _convert_conditions(env):
    criteria = (
        env["sales.gate.criterion"]
        .with_context(active_test=False)
        .search([("kind", "=", "domain")])
    )
    for criterion in criteria:
        try:
            criterion._parsed_domain()
        except ValidationError as error:
            _logger.warning(
                "Gate criterion %s archived: its condition %r is not a plain "
                "filter on stored fields (%s)",
                criterion.id,
                criterion.domain,
                error,
            )
            env.cr.execute(
                "UPDATE sales_gate_criterion SET active = FALSE WHERE id = %s",
                [criterion.id],
            )
            criterion.invalidate_recordset(["active"])
            criterion._message_log(
                body=Markup("<p>{}</p><p>{}</p>").format(
                    "Archived by the upgrade to 18.0.1.1.0: its condition is "
                    "not a plain filter on the fields a condition may read, so "
                    "it would have failed on every move. Rebuild it with the "
                    "domain editor, then unarchive it.",
                    error.args[0],
                )
            )


def _demo_pipelines(env):
    teams = env["crm.team"]
    for xmlid in PLAYBOOK_TEAMS:
        teams |= env.ref(f"sales_process_framework.{xmlid}", raise_if_not_found=False)
    if not teams:
        return  # no demo data
    teams.write({"pipeline_own_stages": True})
    for position, xmlid in enumerate(PLAYBOOK_STAGES):
        stage = env.ref(f"sales_process_framework.{xmlid}", raise_if_not_found=False)
        if stage and not stage.team_id and not stage.pipeline_team_ids:
            stage.pipeline_team_ids = teams
        if stage and stage.sequence == 11 + position:  # as the demo left it
            stage.sequence = 71 + position
    sales = env.ref("sales_team.team_sales_department", raise_if_not_found=False)
    for xmlid in ODOO_STAGES:
        stage = env.ref(xmlid, raise_if_not_found=False)
        if stage and sales and stage.team_id == sales:
            stage.team_id = False
