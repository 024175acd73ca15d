# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLostReason(models.Model):
    _inherit = "crm.lost.reason"

    is_cancellation = fields.Boolean(
        string="Order Cancellation",
        help="Opportunities lost for this reason count as cancelled orders in "
        "the salesperson's scorecard (the customer had committed, then withdrew).",
    )
