# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # the scripts the salesperson used on the opportunity: the script
    # library's usage and the scope of its win rate (script_win_rate)
    sales_script_ids = fields.Many2many(
        "sales.script",
        "crm_lead_sales_script_rel",
        "lead_id",
        "script_id",
        string="Scripts Used",
        domain=[("state", "in", ("training", "in_use"))],
        help="The scripts of the library used with this customer; their win "
        "rate counts this opportunity once it is won or lost.",
    )
