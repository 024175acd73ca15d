from . import sales_guard_mixin
from . import res_company
from . import res_partner
from . import resource_calendar
from . import res_config_settings
from . import sales_lead_child_mixin
from . import sales_deliverable_type
from . import sales_playbook
from . import sales_playbook_line
from . import sales_playbook_stage
from . import sales_playbook_criterion
from . import sales_playbook_phase
from . import sales_gate_criterion
from . import sales_gate_evaluator
from . import crm_stage
from . import crm_lead_deliverable
from . import crm_lead_spin_question

# SPIN template 3: the question bank and the pain list
from . import sales_spin_question_template
from . import crm_lead_spin_pain

# customer personas of the journey (step 2)
from . import sales_journey_persona
from . import sales_gate_override
from . import sales_gate_result
from . import sales_journey_phase
from . import sales_interaction
from . import crm_lead_touchpoint
from . import mail_activity
from . import mail_tracking_value
from . import crm_lead
from . import crm_lead_gate
from . import crm_lead_journey
from . import crm_lead_journey_alert
from . import crm_lead_response
from . import crm_lead_rotting
from . import crm_lead_spin
from . import crm_lead_demo_history
from . import sales_response_time_report
from . import sales_measure
from . import sales_health_metric
from . import sales_health_snapshot
from . import sales_process_version
from . import crm_team
from . import digest_digest

# appraisal: CRM data completeness
from . import crm_stage_completeness
from . import sales_measure_completeness

# appraisal: process-improvement suggestions
from . import sales_process_suggestion
from . import sales_measure_suggestion

# content libraries: scripts, reference cases, deliverable templates
from . import sales_deliverable_template
from . import crm_lead_template
from . import sales_measure_script
from . import sales_script
from . import sales_script_version
from . import crm_lead_script
from . import sales_case
from . import crm_lead_case
from . import sales_pilot_feedback
from . import sales_pilot_nps
from . import sales_measure_pilot
from . import sales_process_version_pilot
from . import sales_process_review
from . import sales_process_rollout

# cross-department service requests
from . import sales_service_department
from . import sales_service_request_type
from . import sales_service_request
from . import sales_journey_touchpoint_service
from . import sales_playbook_touchpoint_service
from . import crm_lead_service_request
from . import sales_measure_service
from . import sales_service_digest
