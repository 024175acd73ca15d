# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: the demo teams' stages, gate criteria, journey phases and
touchpoints are no longer written out in the demo files: applying the B2B
playbook makes them and names them. Their external ids become ones the
update leaves alone, so that the update does not delete them (and every
deal, visit and snapshot on them) before the playbook's application finds
them made. The demo stages and journey, shared by both demo teams before,
become the direct sales team's, as the application makes them (the pilot
team's pipeline still shows the stages; the application gives it a journey
of its own). A database without demo data has none of them: nothing
changes."""

import logging

_logger = logging.getLogger(__name__)

# model: its link to the playbook line it was made from
APPLIED = {
    "crm.stage": ("crm_stage", "playbook_stage_id"),
    "sales.gate.criterion": ("sales_gate_criterion", "playbook_criterion_id"),
    "sales.journey.phase": ("sales_journey_phase", "playbook_phase_id"),
    "sales.journey.touchpoint": ("sales_journey_touchpoint", "playbook_touchpoint_id"),
}
# the demo stages before any application set their link
STAGES = [
    "stage_lead_acquisition",
    "stage_lead_nurturing",
    "stage_needs_diagnosis",
    "stage_solution_presentation",
    "stage_negotiation",
    "stage_contract_signing",
    "stage_delivery",
    "stage_after_sales",
]


def migrate(cr, version):
    if not version:
        return
    kept = 0
    for model, (table, link) in APPLIED.items():
        cr.execute(
            f"""UPDATE ir_model_data AS d
                   SET noupdate = TRUE
                  FROM {table} AS r
                 WHERE d.module = 'sales_process_framework'
                   AND d.model = %s
                   AND d.res_id = r.id
                   AND NOT COALESCE(d.noupdate, FALSE)
                   AND (r.{link} IS NOT NULL OR d.name = ANY(%s))""",
            [model, STAGES],
        )
        kept += cr.rowcount
    if kept:
        _logger.info("%s records of the demo teams' process kept by the update", kept)
    cr.execute(
        """SELECT res_id FROM ir_model_data
            WHERE module = 'sales_process_framework' AND name = 'crm_team_direct'"""
    )
    direct = cr.fetchone()
    if not direct:
        return  # no demo data
    cr.execute(
        """UPDATE crm_stage AS s
              SET team_id = %s
             FROM ir_model_data AS d
            WHERE d.module = 'sales_process_framework' AND d.model = 'crm.stage'
              AND d.name = ANY(%s) AND d.res_id = s.id AND s.team_id IS NULL""",
        [direct[0], STAGES],
    )
    cr.execute(
        """UPDATE sales_journey_phase AS p
              SET team_id = %s
             FROM ir_model_data AS d
            WHERE d.module = 'sales_process_framework'
              AND d.model = 'sales.journey.phase'
              AND d.res_id = p.id AND p.team_id IS NULL
              AND p.playbook_phase_id IS NOT NULL""",
        [direct[0]],
    )
    cr.execute(
        """UPDATE sales_journey_touchpoint AS t
              SET team_id = p.team_id
             FROM sales_journey_phase AS p
            WHERE t.phase_id = p.id AND t.team_id IS DISTINCT FROM p.team_id"""
    )
