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
        "views/sales_target_views.xml",
        "views/sales_commission_views.xml",
        "views/gamification_challenge_views.xml",
        "views/sales_scorecard_views.xml",
        "views/sales_coaching_views.xml",
        "views/menus.xml",
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
