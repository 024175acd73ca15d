# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales contests on Odoo's challenges: fair scoring, prizes, announcements."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_process_framework.tools.figure import Figure


class GamificationChallenge(models.Model):
    _name = "gamification.challenge"
    _inherit = ["gamification.challenge", "mail.activity.mixin", "sales.guard.mixin"]

    is_sales_contest = fields.Boolean(string="Sales Contest", index=True)
    contest_template = fields.Boolean(
        string="Template",
        copy=False,
        help="A contest to start from: it never starts itself. New Contest from "
        "Template copies its theme, scoring, rules and prizes into a draft "
        "contest of your company.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    contest_theme = fields.Char(
        string="Theme", translate=True, help="The story that makes people want to play."
    )
    contest_measure = fields.Selection(
        lambda self: self.env["sales.measure"].selection("target"),
        string="Measured On",
        default="won_revenue",
    )
    contest_scoring = fields.Selection(
        [
            ("target", "Share of own target"),
            ("absolute", "Absolute figure"),
        ],
        string="Scoring",
        default="target",
        help="Share of own target: each participant's figure is divided by their "
        "own target for the contest's days, so large territories do not win by "
        "default. Absolute: the figure itself.",
    )
    contest_support_user_ids = fields.Many2many(
        "res.users",
        "gamification_challenge_support_users_rel",
        string="Support Staff",
        help="Sales-support colleagues who share the result of the participants "
        "they support; they are ranked among themselves.",
    )
    contest_prize_ids = fields.One2many(
        "sales.contest.prize", "challenge_id", string="Prizes"
    )
    contest_score_ids = fields.One2many(
        "sales.contest.score", "challenge_id", string="Leaderboard"
    )
    contest_announced = fields.Boolean(string="Results Announced", readonly=True)
    contest_before = fields.Float(
        string="Previous Period",
        readonly=True,
        aggregator=False,
        help="The figure over as many days "
        "just before the contest, all participants together.",
    )
    # contests measure unlike things (revenue, visits): no total across them
    contest_during = fields.Float(
        string="During the Contest", readonly=True, aggregator=False
    )
    contest_lift = fields.Float(string="Lift (%)", readonly=True, aggregator=False)
    contest_effective = fields.Selection(
        [("yes", "Yes"), ("partly", "Partly"), ("no", "No")],
        string="Did It Move the Metric?",
        tracking=True,
    )
    contest_lessons = fields.Html(string="Lessons for the Next Contest")

    @api.constrains(
        "start_date", "end_date", "is_sales_contest", "contest_template", "state"
    )
    def _check_contest_dates(self):
        for challenge in self:
            if (
                challenge.start_date
                and challenge.end_date
                and challenge.end_date < challenge.start_date
            ):
                raise ValidationError(
                    self.env._(
                        "The challenge %(name)s ends (%(end)s) before it starts "
                        "(%(start)s): set an End Date on or after the Start Date.",
                        name=challenge.name,
                        end=challenge.end_date,
                        start=challenge.start_date,
                    )
                )
            if challenge.contest_template:
                if challenge.state != "draft" or challenge.start_date:
                    raise ValidationError(
                        self.env._(
                            "The contest %s is a template and never starts: "
                            "click New Contest from Template and start the new "
                            "contest instead.",
                            challenge.name,
                        )
                    )
                continue
            if challenge.is_sales_contest and not (
                challenge.start_date and challenge.end_date
            ):
                raise ValidationError(
                    self.env._(
                        "The contest %s needs a Start Date and an End Date.",
                        challenge.name,
                    )
                )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("is_sales_contest"):
            values["user_domain"] = False
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Odoo's default domain (every internal user) would replace the
            # contest's participants at each daily update of challenges
            if vals.get("is_sales_contest"):
                vals.setdefault("user_domain", False)
        return super().create(vals_list)

    def write(self, vals):
        closing = self.browse()
        if vals.get("state") == "done":
            closing = self.filtered(lambda c: c.is_sales_contest and c.state != "done")
        result = super().write(vals)
        if closing:
            closing._contest_close()
        return result

    def action_contest_from_template(self):
        """A draft contest of the current company, over next month, with the
        template's theme, scoring, rules and prizes; opened in its form."""
        self.ensure_one()
        start = fields.Date.context_today(self).replace(day=1) + relativedelta(months=1)
        contest = self.copy(
            {
                "name": self.name,
                "contest_template": False,
                "company_id": self.env.company.id,
                "manager_id": self.env.user.id,
                "start_date": start,
                "end_date": start + relativedelta(months=1, days=-1),
                "contest_prize_ids": [
                    Command.create({"rank": prize.rank, "name": prize.name})
                    for prize in self.contest_prize_ids
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": contest.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("sales_team_performance.sales_contest_view_form").id,
                    "form",
                )
            ],
        }

    # Scores ------------------------------------------------------------------
    def _contest_bounds(self):
        return self.start_date, self.end_date + timedelta(days=1)

    def _contest_rows(self):
        """[(user, role, value, target)] of the contest, from grouped reads:
        the figure as targets count it (a ratio for cost per visit or a rate,
        None without data), support staff getting the participants' figures
        together."""
        self.ensure_one()
        start, end = self._contest_bounds()
        code = self.contest_measure
        Measure = self.env["sales.measure"]
        figures, targets = self.env["sales.target.line"]._figures_and_targets(
            code, "user", start, end, self.env.company
        )
        rows = []
        total = Figure()
        for user in self.user_ids:
            figure = figures.get(user.id)
            total += figure or Figure()
            value = Measure.target_value(code, figure, no_data=None)
            rows.append((user, "rep", value, targets.get(user.id, 0.0)))
        # a ratio's target is one rate for all, not a sum of rates
        own_targets = [row[3] for row in rows if row[3]]
        total_target = (
            sum(own_targets) / len(own_targets)
            if own_targets and Measure.is_ratio(code)
            else sum(own_targets)
        )
        total_value = Measure.target_value(code, total, no_data=None)
        for user in self.contest_support_user_ids - self.user_ids:
            rows.append((user, "support", total_value, total_target))
        return rows

    def _contest_score(self, value, target):
        """The score ranked: the figure, or its achievement of the own target
        (more always better); None without data or without target."""
        if value is None:
            return None
        if self.contest_scoring == "absolute":
            return value
        if not target:
            return None
        return self.env["sales.measure"].achievement(
            self.contest_measure, value, target
        )

    def _contest_descending(self):
        """Whether a higher score ranks first: always for a share of target,
        and for a figure unless the measure's lower is better."""
        return self.contest_scoring == "target" or not self.env[
            "sales.measure"
        ].lower_is_better(self.contest_measure)

    def action_contest_refresh(self):
        """Recompute the leaderboard; the same data gives the same board."""
        for challenge in self.filtered(
            lambda c: c.is_sales_contest and not c.contest_announced
        ):
            rows = challenge._contest_rows()
            scored = [
                (user, role, value, target, challenge._contest_score(value, target))
                for user, role, value, target in rows
            ]
            existing = {
                (score.user_id.id, score.role): score
                for score in challenge.contest_score_ids
            }
            ranked = {}
            sign = -1 if challenge._contest_descending() else 1
            for role in ("rep", "support"):
                ordered = sorted(
                    (row for row in scored if row[1] == role),
                    key=lambda row: (
                        row[4] is None,
                        sign * (row[4] or 0.0),
                        row[0].name,
                    ),
                )
                rank, previous = 0, object()
                for position, row in enumerate(ordered, start=1):
                    if row[4] != previous:
                        rank, previous = position, row[4]
                    ranked[(row[0].id, role)] = rank if row[4] is not None else 0
            Score = self.env["sales.contest.score"].sudo()
            to_create = []
            for user, role, value, target, score in scored:
                vals = {
                    "value": value or 0.0,
                    "target": target,
                    "score": score or 0.0,
                    "has_score": score is not None,
                    "rank": ranked[(user.id, role)],
                }
                line = existing.pop((user.id, role), None)
                if line is None:
                    to_create.append(
                        {
                            **vals,
                            "challenge_id": challenge.id,
                            "user_id": user.id,
                            "role": role,
                        }
                    )
                elif any(line[name] != new for name, new in vals.items()):
                    line.write(vals)  # only the lines that moved
            Score.create(to_create)
            Score.browse([score.id for score in existing.values()]).unlink()
        return True

    @api.model
    def _cron_contest_leaderboards(self):
        """Refresh running contests' leaderboards; close and announce ended ones."""
        today = fields.Date.context_today(self)
        contests = self.search(
            [("is_sales_contest", "=", True), ("state", "=", "inprogress")]
        )
        ended = contests.filtered(lambda c: c.end_date < today)
        (contests - ended).action_contest_refresh()
        if ended:
            ended.write({"state": "done"})
        return contests

    def _contest_close(self):
        """Freeze the ranks, announce them, and ask the owner to evaluate."""
        self.action_contest_refresh()
        Measure = self.env["sales.measure"]
        for contest in self:
            start, end = contest._contest_bounds()
            code = contest.contest_measure
            users = contest.user_ids.ids
            days = end - start

            def total(low, high, users=users, code=code):
                figures = Measure.compute(code, "user", low, high)
                together = sum((figures[u] for u in users if u in figures), Figure())
                return Measure.target_value(code, together)

            during, before = total(start, end), total(start - days, start)
            contest.write(
                {
                    "contest_announced": True,
                    "contest_during": during,
                    "contest_before": before,
                    "contest_lift": 100.0 * (during - before) / before
                    if before
                    else 0.0,
                }
            )
            contest._contest_announce()
            before_label, during_label = (
                f"{before:,.0f}",
                f"{during:,.0f}",
            )
            contest.activity_schedule(
                "sales_team_performance.mail_activity_type_contest_evaluation",
                summary=self.env._("Evaluate the contest %s", contest.name),
                note=self.env._(
                    "Did it move the metric? %(before)s before, %(during)s during.",
                    before=before_label,
                    during=during_label,
                ),
                user_id=(contest.manager_id or self.env.user).id,
            )

    def _check_challenge_reward(self, force=False):
        """A sales contest ranks on its own scores and announces its prizes
        itself (_contest_announce): gamification's goal-based reward message
        ("Nobody has succeeded to reach every goal...") would contradict it."""
        others = self.filtered(lambda challenge: not challenge.is_sales_contest)
        return super(GamificationChallenge, others)._check_challenge_reward(force)

    def _contest_announce(self):
        prizes = {prize.rank: prize.name for prize in self.contest_prize_ids}
        # the rank is written out (ties share one), so the list is not numbered
        rows = Markup("").join(
            Markup("<li>%s. %s: %s%s</li>")
            % (
                score.rank,
                score.user_id.name,
                score.score_display,
                Markup(" — %s") % prizes[score.rank] if score.rank in prizes else "",
            )
            for score in self.contest_score_ids.filtered(
                lambda s: s.role == "rep" and s.rank
            ).sorted("rank")
        )
        people = self.user_ids | self.contest_support_user_ids | self.manager_id
        self.message_post(
            body=Markup('<p>%s</p><ul class="list-unstyled">%s</ul>')
            % (
                escape(self.env._("The contest %s is over. Final ranking:", self.name)),
                rows,
            ),
            partner_ids=people.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )


class SalesContestPrize(models.Model):
    _name = "sales.contest.prize"
    _description = "Contest Prize"
    _order = "challenge_id, rank"

    challenge_id = fields.Many2one(
        "gamification.challenge", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="challenge_id.company_id", store=True, index=True
    )
    rank = fields.Integer(required=True, default=1, aggregator=False)
    name = fields.Char(string="Prize", required=True, translate=True)

    _sql_constraints = [
        ("rank_positive", "CHECK(rank > 0)", "A prize's rank starts at 1."),
        ("rank_unique", "UNIQUE(challenge_id, rank)", "One prize per rank."),
    ]


class SalesContestScore(models.Model):
    """A participant's line on a contest leaderboard."""

    _name = "sales.contest.score"
    _description = "Contest Leaderboard Line"
    _order = "challenge_id, role, has_score desc, rank, id"
    _inherit = ["sales.guard.mixin"]

    challenge_id = fields.Many2one(
        "gamification.challenge", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="challenge_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Participant", required=True, index=True
    )
    role = fields.Selection(
        [("rep", "Salesperson"), ("support", "Support staff")], required=True
    )
    value = fields.Float(readonly=True)
    target = fields.Float(readonly=True, aggregator=False)
    score = fields.Float(string="Score Value", readonly=True, aggregator=False)
    has_score = fields.Boolean(readonly=True)
    score_display = fields.Char(string="Score", compute="_compute_score_display")
    rank = fields.Integer(readonly=True, aggregator=False)
    is_me = fields.Boolean(compute="_compute_is_me")
    challenge_state = fields.Selection(related="challenge_id.state")

    _sql_constraints = [
        (
            "score_unique",
            "UNIQUE(challenge_id, user_id, role)",
            "A participant has one line per contest.",
        )
    ]

    @api.depends("score", "has_score", "target", "challenge_id.contest_scoring")
    def _compute_score_display(self):
        for line in self:
            if not line.has_score:
                line.score_display = (
                    self.env._("no target")
                    if line.challenge_id.contest_scoring == "target" and not line.target
                    else self.env._("no data")
                )
            elif line.challenge_id.contest_scoring == "target":
                line.score_display = f"{line.score:.1f}%"
            else:
                line.score_display = f"{line.score:,.0f}"

    @api.depends_context("uid")
    def _compute_is_me(self):
        for line in self:
            line.is_me = line.user_id == self.env.user
