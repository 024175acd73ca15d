# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Award clawback: an award a confirmed statement paid is taken back in the
next statement when a deal it counted is reopened or lost and the achievement
of that period falls back below the award's threshold. A team award is taken
back from each member it paid when a deal of the team (anyone's) falls and the
team's won revenue of that period is under the team's target now.

Built as the reversal of reopened deals is (``_reopened_adjustments``): from
the deals the confirmed statement paid, computed into the next draft, settled
once that draft is confirmed.
"""

from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from odoo.addons.sales_process_framework.tools.chatter import log_notes
from odoo.addons.sales_process_framework.tools.dates import range_label

from .sales_commission_plan import ACHIEVEMENT_DIGITS
from .sales_commission_statement import (
    SalesCommissionStatementLine as StatementLine,
)

# the awards a fallen deal can take back: the salesperson's own achievement,
# and the team's
CLAWED_BACK = ("individual_award", "retention_award", "team_award")
SETTLED = ("confirmed", "paid")


class SalesCommissionStatement(models.Model):
    _inherit = "sales.commission.statement"

    def _compute_period(self):
        result = super()._compute_period()
        self.env["sales.commission.statement.line"].create(self._award_clawbacks())
        return result

    def _award_clawbacks(self):
        """Line values of the award clawbacks of these drafts (one plan and
        period): one per award of an earlier confirmed statement that a
        reopened or lost deal took back under its threshold, never clawed
        back before."""
        Line = self.env["sales.commission.statement.line"]
        awards = Line.search(
            [
                ("kind", "in", CLAWED_BACK),
                ("statement_id.state", "in", SETTLED),
                ("statement_id.plan_id", "in", self.plan_id.ids),
                ("statement_id.user_id", "in", self.user_id.ids),
                ("statement_id.date_start", "<", max(self.mapped("date_start"))),
            ]
        )
        if not awards:
            return []
        awards -= Line.search(
            [("award_line_id", "in", awards.ids), ("statement_id.state", "in", SETTLED)]
        ).award_line_id
        own = awards.filtered(lambda award: award.kind != "team_award")
        team = awards - own
        changed = own.statement_id._deals_fallen()
        changed.update(team.statement_id._team_deals_fallen())
        team_now = team.statement_id._team_figures_now()
        by_user = {(s.plan_id, s.user_id): s for s in self}
        to_create = []
        for award in awards:
            paid = award.statement_id
            statement = by_user.get((paid.plan_id, paid.user_id))
            fallen = changed.get(paid)
            if (
                not statement
                or paid.date_start >= statement.date_start
                or not fallen
                or paid._award_still_earned(award, fallen, team_now)
            ):
                continue
            deal = fallen[0][0].lead_id
            args = {
                "award_kind": award.kind,
                "lead_id": deal.id,
                "date_start": fields.Date.to_string(paid.date_start),
                "date_end": fields.Date.to_string(paid.date_end),
            }
            to_create.append(
                {
                    "statement_id": statement.id,
                    "is_computed": True,
                    "kind": "award_clawback",
                    "name": award._clawback_label(args, deal.name),
                    "name_args": args,
                    "reason": self.env._(
                        "%(deal)s was reopened or lost after the statement paid "
                        "the award: the achievement of the period is under the "
                        "award's threshold now.",
                        deal=deal.name,
                    ),
                    # a colleague's deal is named, not linked: the
                    # salesperson may not open it
                    "lead_id": deal.id if deal.user_id == paid.user_id else False,
                    "award_line_id": award.id,
                    "amount": -award.amount,
                }
            )
        return to_create

    def _deals_fallen(self):
        """{confirmed statement: [(deal paid, revenue it counts now)]} of the
        deals that count less now than when they were paid (reopened, lost,
        revenue lowered)."""
        fallen = defaultdict(list)
        for deal in self.env["sales.commission.statement.deal"].search(
            [("statement_id", "in", self.ids)]
        ):
            now = deal._counted_revenue()
            if float_compare(now, deal.revenue, precision_digits=2) < 0:
                fallen[deal.statement_id].append((deal, now))
        return fallen

    def _team_deals_fallen(self):
        """{confirmed statement: [(deal paid, revenue it counts now)]} of the
        deals of its team, whoever's, paid by the confirmed statements of the
        same period."""
        peers = self.search(
            [
                ("state", "in", SETTLED),
                ("company_id", "in", self.company_id.ids),
                ("team_id", "in", self.team_id.ids),
                ("date_start", "in", self.mapped("date_start")),
            ]
        )
        fallen_by_peer = peers._deals_fallen()
        by_period = defaultdict(list)
        for peer, fallen in fallen_by_peer.items():
            key = (peer.company_id, peer.team_id, peer.date_start, peer.date_end)
            by_period[key] += fallen
        return {
            paid: by_period[key]
            for paid in self
            if by_period[
                key := (paid.company_id, paid.team_id, paid.date_start, paid.date_end)
            ]
        }

    def _team_figures_now(self):
        """{(company, start, end): {team id: (won revenue, target)}} of the
        periods of these statements, as the engine counts them today."""
        Target = self.env["sales.target.line"]
        return {
            (company, start, end): Target._actuals_and_targets(
                "won_revenue", "team", start, end + timedelta(days=1), company
            )
            for company, start, end in {
                (s.company_id, s.date_start, s.date_end) for s in self
            }
        }

    def _award_still_earned(self, award, fallen, team_now):
        """Whether the confirmed statement would still pay the award now."""
        self.ensure_one()
        plan = self.plan_id
        if award.kind == "team_award":
            figures = team_now[self.company_id, self.date_start, self.date_end]
            base, target = figures.get(self.team_id.id, (0.0, 0.0))
            return bool(target) and (
                float_compare(base, target, self.currency_id.decimal_places) >= 0
            )
        if award.kind == "individual_award":
            if not self.target:
                return False
            revenue = self.revenue - sum(deal.revenue - now for deal, now in fallen)
            achievement = round(100.0 * revenue / self.target, ACHIEVEMENT_DIGITS)
            return (
                float_compare(
                    achievement, plan.individual_award_threshold, ACHIEVEMENT_DIGITS
                )
                >= 0
            )
        figures = self._retention_figures()
        return plan._retention_reached(figures.get(self.user_id.id))[0]

    def action_confirm(self):
        result = super().action_confirm()
        clawbacks = self.line_ids.filtered(lambda line: line.kind == "award_clawback")
        if clawbacks:
            # sudo: the note records what the confirmation just settled, on
            # statements the confirming manager may read but not post on
            log_notes(
                clawbacks.award_line_id.statement_id.sudo(),
                {
                    line.award_line_id.statement_id.id: Markup("<p>{}</p>").format(
                        self.env._(
                            "%(award)s clawed back by the statement of %(period)s: "
                            "%(deal)s was reopened or lost.",
                            award=line.award_line_id.label,
                            period=range_label(
                                self.env,
                                line.statement_id.date_start,
                                line.statement_id.date_end,
                            ),
                            deal=line.lead_id.name,
                        )
                    )
                    for line in clawbacks
                },
            )
        return result


class SalesCommissionStatementLine(models.Model):
    _inherit = "sales.commission.statement.line"

    # the award a clawback takes back is the computation's to say
    _action_fields = (*StatementLine._action_fields, "award_line_id")

    kind = fields.Selection(
        selection_add=[("award_clawback", "Award clawback")],
        ondelete={"award_clawback": "cascade"},
    )
    award_line_id = fields.Many2one(
        "sales.commission.statement.line",
        string="Award Clawed Back",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )

    _sql_constraints = [
        (
            "clawback_once",
            "UNIQUE(statement_id, award_line_id)",
            "An award is clawed back once per statement.",
        )
    ]

    @api.constrains("award_line_id", "statement_id", "kind")
    def _check_award_line(self):
        # sudo: the check holds whoever computes, whatever they may read
        for line in self.sudo().filtered("award_line_id"):
            award, paid, statement = (
                line.award_line_id,
                line.award_line_id.statement_id,
                line.statement_id,
            )
            if (
                line.kind != "award_clawback"
                or award.kind not in CLAWED_BACK
                or paid.user_id != statement.user_id
                or paid.company_id != statement.company_id
                or paid.date_start >= statement.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The line %(line)s claws back %(award)s, which is not an "
                        "award of an earlier statement of %(user)s in %(company)s: "
                        "an Award Clawed Back is an individual, retention or team "
                        "award the same salesperson was paid before, in the same "
                        "company.",
                        line=line.name,
                        award=award.name,
                        user=statement.user_id.name,
                        company=statement.company_id.name,
                    )
                )

    def _clawback_label(self, args, deal_name):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return self.env._(
            "Award clawback: %(award)s of %(period)s, %(deal)s",
            award=kinds.get(args.get("award_kind"), ""),
            period=range_label(
                self.env,
                fields.Date.to_date(args.get("date_start")),
                fields.Date.to_date(args.get("date_end")),
            ),
            deal=deal_name,
        )

    def _render_label(self, args, records):
        if self.kind == "award_clawback" and "award_kind" in args:
            deal = records.get(("crm.lead", args.get("lead_id")))
            return self._clawback_label(args, deal.display_name if deal else "")
        return super()._render_label(args, records)
