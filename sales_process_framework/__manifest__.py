# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales Process Framework",
    "summary": "Stage gates, SPIN diagnosis, customer journey and process-health "
    "KPIs for Odoo CRM",
    "version": "18.0.1.6.0",
    "category": "Sales/CRM",
    "website": "https://github.com/sales-excellence/odoo-sales-excellence",
    "author": "Sales Excellence Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["crm", "digest", "resource"],
    "data": [
        "security/sales_process_framework_security.xml",
        "security/ir.model.access.csv",
        "data/sales_deliverable_type_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron.xml",
        "data/sales_health_data.xml",
        "data/sales_playbook_b2b_data.xml",
        "data/sales_playbook_b2c_data.xml",
        "views/sales_gate_criterion_views.xml",
        "views/crm_stage_views.xml",
        "views/crm_lead_views.xml",
        "views/sales_gate_override_views.xml",
        "views/sales_gate_result_views.xml",
        "views/sales_journey_views.xml",
        "views/sales_interaction_views.xml",
        "views/sales_health_views.xml",
        "views/sales_playbook_views.xml",
        "wizards/sales_playbook_apply_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/sales_gate_override_wizard_views.xml",
        "views/crm_team_views.xml",
        "views/menus.xml",
        # appraisal: CRM data completeness
        "data/sales_playbook_completeness_data.xml",
        "views/crm_stage_completeness_views.xml",
        # appraisal: process-improvement suggestions
        "security/sales_process_suggestion_security.xml",
        "views/sales_process_suggestion_views.xml",
        # content libraries: scripts, reference cases, deliverable templates
        "security/sales_content_library_security.xml",
        "data/sales_deliverable_template_data.xml",
        "data/sales_script_data.xml",
        "views/sales_deliverable_template_views.xml",
        "views/sales_script_views.xml",
        "views/sales_case_views.xml",
        "views/sales_content_library_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/crm_team_demo.xml",
        "demo/sales_playbook_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/crm_lead_demo.xml",
        "demo/crm_lead_b2c_demo.xml",
        "demo/crm_lead_gate_demo.xml",
        "demo/sales_gate_criterion_demo.xml",
        "demo/sales_journey_demo.xml",
        "demo/sales_health_demo.xml",
        "demo/crm_lead_refresh_demo.xml",
        # appraisal: process-improvement suggestions
        "demo/sales_process_suggestion_demo.xml",
        "demo/sales_content_library_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "sales_process_framework/static/src/js/*.js",
            "sales_process_framework/static/src/scss/*.scss",
        ],
        # the pivot and graph views are loaded lazily, and their extensions too
        "web.assets_backend_lazy": [
            "sales_process_framework/static/src/views/*",
        ],
        "web.assets_tests": [
            "sales_process_framework/static/tests/tours/*.js",
        ],
    },
}
