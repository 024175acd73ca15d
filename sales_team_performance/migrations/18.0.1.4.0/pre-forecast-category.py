# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Opportunities get a forecast category, "pipeline" for the existing ones.

Added here with a constant default, which PostgreSQL records without
rewriting the table, instead of the ORM's UPDATE of every opportunity: an
upgrade of a large pipeline stays a matter of seconds. The default is
dropped afterwards, as Odoo keeps its defaults in Python.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE crm_lead
        ADD COLUMN IF NOT EXISTS forecast_category varchar DEFAULT 'pipeline'
        """
    )
    cr.execute("ALTER TABLE crm_lead ALTER COLUMN forecast_category DROP DEFAULT")
