# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The data a stage requires on its opportunities, measured as the CRM data
completeness of each salesperson (a criterion of their appraisal)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the kinds of opportunity field a stage may require
COMPLETENESS_FIELD_TYPES = (
    "char",
    "text",
    "html",
    "date",
    "datetime",
    "many2one",
    "selection",
    "integer",
    "float",
    "monetary",
)
COMPLETENESS_FIELD_DOMAIN = [
    ("model", "=", "crm.lead"),
    ("store", "=", True),
    ("ttype", "in", COMPLETENESS_FIELD_TYPES),
]


def check_completeness_fields(stages):
    """Required data is a stored field of the opportunity that can be filled
    in: any other field breaks the CRM data completeness of every company."""
    for stage in stages:
        for field in stage.sudo().completeness_field_ids:
            if (
                field.model != "crm.lead"
                or not field.store
                or field.ttype not in COMPLETENESS_FIELD_TYPES
            ):
                raise ValidationError(
                    stages.env._(
                        "Required Data: “%(field)s” (%(model)s) is not a field "
                        "of the opportunity that can be filled in; choose "
                        "stored opportunity fields.",
                        field=field.field_description,
                        model=field.model,
                    )
                )


class CrmStage(models.Model):
    _inherit = "crm.stage"  # pylint: disable=consider-merging-classes-inherited

    completeness_field_ids = fields.Many2many(
        "ir.model.fields",
        "crm_stage_completeness_field_rel",
        "stage_id",
        "field_id",
        string="Required Data",
        domain=COMPLETENESS_FIELD_DOMAIN,
        help="Fields of the opportunity to fill in within the grace days of "
        "Settings after it enters the stage; the salesperson's CRM data "
        "completeness counts them.",
    )

    @api.constrains("completeness_field_ids")
    def _check_completeness_field_ids(self):
        check_completeness_fields(self)


class SalesPlaybookStage(models.Model):
    _inherit = "sales.playbook.stage"

    completeness_field_ids = fields.Many2many(
        "ir.model.fields",
        "sales_playbook_stage_completeness_field_rel",
        "stage_id",
        "field_id",
        string="Required Data",
        domain=COMPLETENESS_FIELD_DOMAIN,
        help="The fields the CRM stage made from this playbook stage requires.",
    )

    @api.constrains("completeness_field_ids")
    def _check_completeness_field_ids(self):
        check_completeness_fields(self)

    def _stage_values(self):
        values = super()._stage_values()
        # the records themselves: both create and write set a many2many so
        values["completeness_field_ids"] = self.completeness_field_ids
        return values


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    completeness_grace_days = fields.Integer(
        string="Days to Fill a Stage's Data",
        default=3,
        help="Days after an opportunity enters a stage within which the data "
        "the stage requires is due; from then on an empty field counts as "
        "missing in the salesperson's CRM data completeness.",
        prefetch="sales_settings",
    )

    @api.constrains("completeness_grace_days")
    def _check_completeness_grace_days(self):
        for company in self:
            if not 0 <= company.completeness_grace_days <= 365:
                raise ValidationError(
                    self.env._(
                        "Days to Fill a Stage's Data: enter a number of days from "
                        "0 to 365, not %s.",
                        company.completeness_grace_days,
                    )
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    completeness_grace_days = fields.Integer(
        related="company_id.completeness_grace_days", readonly=False
    )
