# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the scripts of the library a salesperson may use
USABLE_STATES = ("training", "in_use")


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
        domain=[("state", "in", USABLE_STATES)],
        help="The scripts of the library used with this customer; their win "
        "rate counts this opportunity once it is won or lost.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        if any(vals.get("sales_script_ids") for vals in vals_list):
            leads._check_scripts_used(set())
        return leads

    def write(self, vals):
        if "sales_script_ids" not in vals or self.env.su:
            return super().write(vals)
        before = self._linked_script_ids()
        result = super().write(vals)
        self._check_scripts_used(before)
        return result

    def _linked_script_ids(self):
        """The scripts linked to the leads, whatever their state (reading the
        field applies its domain)."""
        self.flush_recordset(["sales_script_ids"])
        self.env.cr.execute(
            "SELECT script_id FROM crm_lead_sales_script_rel WHERE lead_id = ANY(%s)",
            [self.ids],
        )
        return {script_id for (script_id,) in self.env.cr.fetchall()}

    def _check_scripts_used(self, before):
        """The scripts a salesperson adds are ones of the library he may read,
        in training or in use (the picker's domain, on every way in)."""
        if self.env.su:
            return
        added = self.env["sales.script"].browse(
            sorted(self._linked_script_ids() - before)
        )
        added.check_access("read")
        unusable = added.filtered(lambda script: script.state not in USABLE_STATES)
        if unusable:
            raise ValidationError(
                self.env._(
                    "Scripts Used: “%s” is not in training or in use; pick a "
                    "script of the library that is.",
                    unusable[0].name,
                )
            )
