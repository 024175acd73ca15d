# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: the demo teams' stages, gate criteria, journey phases and
touchpoints are no longer written out in the demo files: a new demo database
gets them from applying the B2B playbook. An update must not delete the ones
an existing demo database has under the old demo ids (with every deal, visit
and snapshot on them): Odoo loads demo data as not updatable, so those ids
normally are already; this makes sure of it for any id set otherwise. An
upgraded demo database keeps its process as it was (both demo teams share
the stages and the journey; a new one gives the pilot team a journey of its
own). A database without demo data has none of them: nothing changes."""

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
