# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales Team Performance",
    "summary": "Targets, tiered commissions, fair contests, pace warnings, "
    "reviews and coaching",
    "version": "18.0.1.4.0",
    "category": "Sales/CRM",
    "website": "https://github.com/sales-excellence/odoo-sales-excellence",
    "author": "Sales Excellence Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["sales_process_framework", "gamification"],
    "data": [
        "security/sales_team_performance_security.xml",
        "security/ir.model.access.csv",
        "security/sales_commission_ramp_security.xml",
        "data/sales_team_performance_data.xml",
        "data/sales_role_data.xml",
        "views/sales_target_views.xml",
        "views/sales_commission_views.xml",
        "views/gamification_challenge_views.xml",
        "views/sales_scorecard_views.xml",
        "views/sales_coaching_views.xml",
        "views/sales_role_views.xml",
        "views/sales_talent_review_views.xml",
        "views/sales_meeting_views.xml",
        # OKRs
        "security/sales_okr_security.xml",
        "views/sales_okr_views.xml",
        # manager scorecards
        "security/sales_manager_scorecard_security.xml",
        "data/sales_manager_scorecard_data.xml",
        "views/sales_manager_scorecard_views.xml",
        "views/menus.xml",
        # forecasting
        "data/sales_forecast_data.xml",
        "views/sales_forecast_views.xml",
        "views/crm_lead_forecast_views.xml",
    ],
    "demo": [
        "demo/sales_team_performance_demo.xml",
        # forecasting
        "demo/sales_forecast_demo.xml",
    ],
    "demo": [
        "demo/sales_team_performance_demo.xml",
        "demo/sales_team_structure_demo.xml",
    ],
    "demo": [
        "demo/sales_team_performance_demo.xml",
        # OKRs
        "demo/sales_okr_demo.xml",
        # manager scorecards
        "demo/sales_manager_scorecard_demo.xml",
        "views/sales_commission_ramp_views.xml",
    ],
    "demo": [
        "demo/sales_team_performance_demo.xml",
        "demo/sales_commission_ramp_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "sales_team_performance/static/src/my_performance/*",
        ],
        "web.assets_tests": ["sales_team_performance/static/tests/tours/*.js"],
    },
}
