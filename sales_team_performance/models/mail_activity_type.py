# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.sales_process_framework.models.sales_interaction import (
    INTERACTION_KINDS,
)


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    performance_kind = fields.Selection(
        INTERACTION_KINDS,
        string="Counts As",
        help="Done activities of this type are customer interactions of this "
        "kind in targets and scorecards (visits, calls, proposals, non-selling "
        "work such as complaints resolved, service visits or receivables "
        "collected).",
    )

    def _sales_interaction_kind(self):
        return self.performance_kind or super()._sales_interaction_kind()
