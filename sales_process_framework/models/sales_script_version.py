# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sales_script import STATES


class SalesScriptVersion(models.Model):
    """An earlier version of a script, kept readable when it is optimised."""

    _name = "sales.script.version"
    _description = "Sales Script Version"
    _order = "script_id, version desc"

    script_id = fields.Many2one(
        "sales.script", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="script_id.company_id", store=True)
    version = fields.Integer(required=True, readonly=True)
    name = fields.Char(required=True, readonly=True)
    content = fields.Html(readonly=True)
    state = fields.Selection(STATES, string="State When Replaced", readonly=True)

    _sql_constraints = [
        (
            "script_version_uniq",
            "unique(script_id, version)",
            "A script keeps one text per version.",
        ),
    ]
