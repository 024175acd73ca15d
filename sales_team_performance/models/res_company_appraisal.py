# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The weights of the salesperson's appraisal, per company, in Settings."""

from odoo import api, fields, models

from odoo.addons.sales_process_framework.tools.scoring import check_weights

# criterion -> company field of its weight
APPRAISAL_WEIGHTS = {
    "achievement": "appraisal_weight_achievement",
    "nodes": "appraisal_weight_nodes",
    "completeness": "appraisal_weight_completeness",
}


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    # the playbook's weights: results 85, node completion 10, CRM data 5
    appraisal_weight_achievement = fields.Integer(
        string="Target Achievement Weight",
        default=85,
        prefetch="sales_settings",
    )
    appraisal_weight_nodes = fields.Integer(
        string="Node Completion Weight",
        default=10,
        prefetch="sales_settings",
    )
    appraisal_weight_completeness = fields.Integer(
        string="CRM Data Completeness Weight",
        default=5,
        prefetch="sales_settings",
    )

    @api.constrains(*APPRAISAL_WEIGHTS.values())
    def _check_appraisal_weights(self):
        for company in self:
            check_weights(
                self.env,
                self.env._("Appraisal weights"),
                [company[name] for name in APPRAISAL_WEIGHTS.values()],
            )

    def _appraisal_weights(self):
        """{criterion: weight} of the company."""
        self.ensure_one()
        return {key: self[name] for key, name in APPRAISAL_WEIGHTS.items()}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    # written together: the weights must sum to 100 in one write
    appraisal_weight_achievement = fields.Integer(string="Target Achievement")
    appraisal_weight_nodes = fields.Integer(string="Node Completion")
    appraisal_weight_completeness = fields.Integer(string="CRM Data Completeness")

    def _company_fields_together(self):
        return (*super()._company_fields_together(), *APPRAISAL_WEIGHTS.values())
