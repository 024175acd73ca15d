# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Process-improvement suggestions: anyone in sales proposes a change to a
stage, a gate criterion, a touchpoint or the process in general; a process
manager accepts, implements or rejects it, and an accepted suggestion earns
its author the reward of Settings (the framework's suggestion reward)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

TOPICS = [
    ("general", "The Process in General"),
    ("stage", "A Stage"),
    ("criterion", "A Gate Criterion"),
    ("touchpoint", "A Touchpoint"),
]
STATES = [
    ("submitted", "Submitted"),
    ("accepted", "Accepted"),
    ("implemented", "Implemented"),
    ("rejected", "Rejected"),
]
# what the author says; the review is the process managers'
AUTHOR_FIELDS = (
    "name",
    "description",
    "topic",
    "stage_id",
    "criterion_id",
    "touchpoint_id",
)
REVIEWER_GROUP = "sales_process_framework.group_process_manager"


class SalesProcessSuggestion(models.Model):
    _name = "sales.process.suggestion"
    _description = "Process Improvement Suggestion"
    _inherit = ["mail.thread", "sales.guard.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _action_fields = (
        "state",
        "reviewer_id",
        "date_review",
        "reward_points",
        "reward_amount",
    )
    _writable_fields = {
        "sales_process_framework.group_process_user": AUTHOR_FIELDS,
        REVIEWER_GROUP: (*AUTHOR_FIELDS, "review_note"),
    }
    # created as written: author, company and team are the submitter's
    _create_fields = {}

    name = fields.Char(string="Suggestion", required=True, tracking=True)
    description = fields.Html(
        help="What to change, why, and what it would improve.", sanitize=True
    )
    author_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
        default=lambda self: self.env.user.sale_team_id,
        help="The author's sales team when the suggestion was made.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    topic = fields.Selection(TOPICS, required=True, default="general", tracking=True)
    stage_id = fields.Many2one("crm.stage", string="Stage")
    criterion_id = fields.Many2one(
        "sales.gate.criterion", string="Gate Criterion", check_company=True
    )
    touchpoint_id = fields.Many2one(
        "sales.journey.touchpoint", string="Touchpoint", check_company=True
    )
    state = fields.Selection(
        STATES, required=True, default="submitted", readonly=True, tracking=True
    )
    reviewer_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)
    date_review = fields.Datetime(string="Reviewed On", readonly=True, index=True)
    review_note = fields.Text(
        tracking=True,
        help="Why the suggestion is rejected (required to reject it), or how it "
        "is taken up.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    reward_points = fields.Integer(
        readonly=True, help="Points earned when the suggestion was accepted."
    )
    reward_amount = fields.Monetary(
        readonly=True, help="Amount earned when the suggestion was accepted."
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # the author is whoever submits, in their company and team: their
            # defaults, whatever is given (the guard drops context defaults)
            for vals in vals_list:
                for name in ("author_id", "company_id", "team_id"):
                    vals.pop(name, None)
        return super().create(vals_list)

    def _check_reviewer(self):
        if not self.env.su and not self.env.user.has_group(REVIEWER_GROUP):
            raise AccessError(
                self.env._(
                    "Reviewing process-improvement suggestions is reserved to "
                    "the group %s.",
                    self.env.ref(REVIEWER_GROUP).full_name,
                )
            )

    def _check_not_own(self):
        """An accepted suggestion earns its author the reward: nobody
        accepts his own."""
        if self.env.su:
            return
        own = self.filtered(lambda s: s.author_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "Suggestion “%s” is your own: another process manager "
                    "accepts it, so that nobody rewards himself.",
                    own[0].name,
                )
            )

    def _review(self, state, allowed_from):
        self._check_reviewer()
        if state in ("accepted", "implemented"):
            # the move that earns the reward
            self.filtered(lambda s: s.state == "submitted")._check_not_own()
        wrong = self.filtered(lambda s: s.state not in allowed_from)
        if wrong:
            raise UserError(
                self.env._(
                    "Suggestion “%(name)s” is %(state)s: only a suggestion that "
                    "is %(allowed)s can be marked so.",
                    name=wrong[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                    allowed=", ".join(
                        dict(self._fields["state"]._description_selection(self.env))[
                            key
                        ]
                        for key in allowed_from
                    ),
                )
            )
        for suggestion in self:
            vals = {
                "state": state,
                "reviewer_id": self.env.uid,
                "date_review": fields.Datetime.now(),
            }
            if state in ("accepted", "implemented") and suggestion.state == "submitted":
                company = suggestion.company_id
                vals.update(
                    reward_points=company.suggestion_reward_points,
                    reward_amount=company.suggestion_reward_amount,
                )
            suggestion._write_by_action(vals)
        return True

    def action_accept(self):
        return self._review("accepted", ("submitted",))

    def action_implement(self):
        return self._review("implemented", ("submitted", "accepted"))

    def action_reject(self):
        self._check_reviewer()
        missing = self.filtered(lambda s: not (s.review_note or "").strip())
        if missing:
            raise UserError(
                self.env._(
                    "Review Note: enter why suggestion “%s” is rejected, then "
                    "reject it.",
                    missing[0].name,
                )
            )
        return self._review("rejected", ("submitted",))


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    suggestion_reward_points = fields.Integer(
        string="Suggestion Reward (Points)",
        default=10,
        help="Points an accepted process-improvement suggestion earns its author.",
        prefetch="sales_settings",
    )
    suggestion_reward_amount = fields.Monetary(
        string="Suggestion Reward (Amount)",
        currency_field="currency_id",
        help="Amount an accepted process-improvement suggestion earns its "
        "author; 0: points only.",
        prefetch="sales_settings",
    )

    @api.constrains("suggestion_reward_points", "suggestion_reward_amount")
    def _check_suggestion_reward(self):
        for company in self:
            if company.suggestion_reward_points < 0 or (
                company.suggestion_reward_amount < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Suggestion Reward: enter points and an amount of 0 or " "more."
                    )
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    suggestion_reward_points = fields.Integer(
        related="company_id.suggestion_reward_points", readonly=False
    )
    suggestion_currency_id = fields.Many2one(related="company_id.currency_id")
    suggestion_reward_amount = fields.Monetary(
        related="company_id.suggestion_reward_amount",
        readonly=False,
        currency_field="suggestion_currency_id",
    )
