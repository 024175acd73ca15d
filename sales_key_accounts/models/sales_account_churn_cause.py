# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SalesAccountChurnCause(models.Model):
    """A root-cause category of why customers leave, chosen in exit
    interviews so that churn can be counted by cause."""

    _name = "sales.account.churn.cause"
    _description = "Churn Root Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "Two root causes cannot share a name."),
    ]
