# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales Key Accounts",
    "summary": "Key-account tiering with history, account plans, visit planning "
    "and retention",
    "version": "18.0.1.6.0",
    "category": "Sales/CRM",
    "website": "https://github.com/sales-excellence/odoo-sales-excellence",
    "author": "Sales Excellence Contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["sales_process_framework"],
    "demo": [
        "demo/sales_key_accounts_demo.xml",
        # retention management
        "demo/sales_account_retention_demo.xml",
    ],
    "assets": {
        # the graph view is loaded lazily, and its extension too
        "web.assets_backend_lazy": ["sales_key_accounts/static/src/views/*"],
        "web.assets_tests": ["sales_key_accounts/static/tests/tours/*.js"],
    },
    "data": [
        "security/sales_key_accounts_security.xml",
        "security/ir.model.access.csv",
        "data/sales_key_accounts_data.xml",
        "views/sales_account_views.xml",
        # retention management
        "security/sales_account_retention_security.xml",
        "data/sales_account_retention_data.xml",
        "views/sales_account_retention_views.xml",
        "views/menus.xml",
        "views/sales_account_target_views.xml",
    ],
}
