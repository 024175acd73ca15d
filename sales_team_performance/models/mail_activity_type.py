# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

ACTIVITY_KINDS = [
    ("visit", "Visit"),
    ("call", "Call"),
    ("proposal", "Proposal or demo"),
    ("non_selling", "Non-selling work"),
]


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    performance_kind = fields.Selection(
        ACTIVITY_KINDS,
        string="Counts As",
        help="Done activities of this type count towards this input in targets "
        "and scorecards (visits, calls, proposals, non-selling work such as "
        "complaints resolved, service visits or receivables collected).",
    )
