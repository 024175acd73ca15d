# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Knowledge and skills self-assessment, and promotion readiness."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

IMPORTANCE = [
    ("3", "3 - Very important"),
    ("2", "2 - Normal"),
    ("1", "1 - Not important"),
]
ABILITY = [("3", "3 - Competent"), ("2", "2 - Average"), ("1", "1 - Needs improvement")]
GAP_FROM = 3


class SalesSkill(models.Model):
    _name = "sales.skill"
    _description = "Sales Knowledge or Skill"
    _order = "category, sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(
        [
            ("market", "Market knowledge"),
            ("company", "Company knowledge"),
            ("product", "Product knowledge"),
            ("skill", "Selling skill"),
        ],
        required=True,
        default="skill",
    )
    source = fields.Char(
        string="Where to Learn It", translate=True, help="Source and how to get it."
    )
    training = fields.Char(
        string="Proposed Training", translate=True, help="Proposed when this is a gap."
    )


class SalesSkillAssessment(models.Model):
    _name = "sales.skill.assessment"
    _description = "Skills Self-Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    team_id = fields.Many2one(
        "crm.team", related="user_id.sale_team_id", store=True, string="Sales Team"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many(
        "sales.skill.assessment.line", "assessment_id", string="Knowledge and Skills"
    )
    gap_count = fields.Integer(string="Training Gaps", compute="_compute_gaps")
    proposed_training = fields.Html(compute="_compute_gaps")

    @api.depends("line_ids.need")
    def _compute_gaps(self):
        for assessment in self:
            gaps = assessment.line_ids.filtered("is_gap").sorted(
                lambda line: (-line.need, line.skill_id.name)
            )
            assessment.gap_count = len(gaps)
            assessment.proposed_training = (
                Markup("<ul>%s</ul>")
                % Markup("").join(
                    Markup("<li><b>%s</b>: %s</li>")
                    % (
                        line.skill_id.name,
                        line.skill_id.training or line.skill_id.source or "",
                    )
                    for line in gaps
                )
                if gaps
                else False
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "line_ids" in fields_list and not values.get("line_ids"):
            values["line_ids"] = [
                fields.Command.create({"skill_id": skill.id})
                for skill in self.env["sales.skill"].search([])
            ]
        return values

    def write(self, vals):
        result = super().write(vals)
        if "user_id" in vals:
            # the record rules check an assessment before a write: check it
            # again, so no one hands an assessment (the ability of a
            # core-talent review) to a salesperson out of his reach
            self.check_access("write")
        return result

    def action_plan_training(self):
        """One to-do per gap for the salesperson, the proposed training in it."""
        for assessment in self:
            gaps = assessment.line_ids.filtered("is_gap")
            if not gaps:
                raise UserError(self.env._("This assessment shows no training gap."))
            for line in gaps:
                assessment.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Training: %s", line.skill_id.name),
                    note=line.skill_id.training or "",
                    user_id=assessment.user_id.id,
                )
        return True


class SalesSkillAssessmentLine(models.Model):
    _name = "sales.skill.assessment.line"
    _description = "Skills Self-Assessment Line"
    _order = "assessment_id, need desc, id"

    assessment_id = fields.Many2one(
        "sales.skill.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="assessment_id.company_id", store=True, index=True
    )
    skill_id = fields.Many2one("sales.skill", required=True)
    category = fields.Selection(related="skill_id.category")
    importance = fields.Selection(IMPORTANCE, default="2", required=True)
    ability = fields.Selection(ABILITY, default="2", required=True)
    need = fields.Integer(
        compute="_compute_need",
        store=True,
        help="Importance × (3 − ability): 0 when competent, 6 when very important "
        "and in need of improvement.",
    )
    is_gap = fields.Boolean(string="Training Gap", compute="_compute_need", store=True)

    def write(self, vals):
        result = super().write(vals)
        if "assessment_id" in vals:
            # as for the assessment's salesperson: the rules see the line's
            # assessment before the write, so check the new one too
            self.check_access("write")
        return result

    @api.depends("importance", "ability")
    def _compute_need(self):
        for line in self:
            line.need = int(line.importance or 0) * (3 - int(line.ability or 3))
            line.is_gap = line.need >= GAP_FROM


class SalesPromotionAssessment(models.Model):
    _name = "sales.promotion.assessment"
    _description = "Promotion Readiness"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, tracking=True
    )
    team_id = fields.Many2one(
        "crm.team", related="user_id.sale_team_id", store=True, string="Sales Team"
    )
    assessor_id = fields.Many2one(
        "res.users", string="Assessed By", default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    target_role = fields.Char(string="Next Role", required=True)
    readiness = fields.Selection(
        [("now", "Ready now"), ("6m", "In 6 months"), ("1y", "In a year")],
        required=True,
        tracking=True,
    )
    quartile = fields.Selection(
        related="scorecard_id.quartile", string="Quartile Among Peers"
    )
    scorecard_id = fields.Many2one(
        "sales.scorecard", compute="_compute_scorecard", store=True
    )
    strengths = fields.Text()
    weaknesses = fields.Text()
    needs = fields.Text(string="What Is Needed to Get There")

    @api.depends("user_id", "company_id")
    def _compute_scorecard(self):
        for assessment in self:
            assessment.scorecard_id = (
                self.env["sales.scorecard"]
                .sudo()
                .search(
                    [
                        ("user_id", "=", assessment.user_id.id),
                        ("company_id", "=", assessment.company_id.id),
                    ],
                    limit=1,
                )
                if assessment.user_id
                else False
            )

    @api.constrains("readiness", "needs")
    def _check_needs(self):
        for assessment in self:
            if (
                assessment.readiness in ("6m", "1y")
                and not (assessment.needs or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%s is not ready now: write what is needed to get there.",
                        assessment.user_id.name,
                    )
                )
