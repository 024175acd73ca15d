# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    health_threshold_ids = fields.One2many(
        "sales.health.threshold",
        "team_id",
        string="Process Health Thresholds",
        help="This team's healthy and alert thresholds, where they differ from "
        "the company's.",
    )
    pipeline_own_stages = fields.Boolean(
        string="Own Stages Only",
        help="The pipeline of this team holds only the stages of this team (its "
        "own stages and the stages naming it among their pipelines), not the "
        "stages shared by every team.",
    )

    def write(self, vals):
        if "pipeline_own_stages" in vals:
            self.env.registry.clear_cache()  # crm.stage._pipeline_ids
        return super().write(vals)

    def unlink(self):
        # their stages become shared by every team: other pipelines change
        self.env.registry.clear_cache()  # crm.stage._pipeline_ids
        return super().unlink()
