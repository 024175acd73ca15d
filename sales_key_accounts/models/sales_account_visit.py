# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models

from odoo.addons.sales_process_framework.tools.periods import today_in

# How far ahead the scheduled action plans visits.
HORIZON_DAYS = 28
# the kind of customer interaction (the base's one taxonomy) of each method
INTERACTION_KIND = {
    "visit": "visit",
    "phone": "call",
    "email": "email",
    "video": "video_call",
}


class SalesAccountVisit(models.Model):
    """A planned or done customer visit (or call, e-mail, video call)."""

    _name = "sales.account.visit"
    _description = "Customer Visit"
    _order = "date desc, id desc"
    _inherit = ["mail.thread", "sales.guard.mixin"]

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        default=lambda self: self.env.user,
        index=True,
    )
    tier_id = fields.Many2one(
        "sales.account.tier", help="The customer's tier when planned."
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    method = fields.Selection(
        [
            ("visit", "Visit"),
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("video", "Video"),
        ],
        required=True,
        default="visit",
    )
    goal = fields.Char()
    result = fields.Text()
    next_action = fields.Char()
    next_date = fields.Date()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )
    origin = fields.Selection(
        [("policy", "Tier Policy"), ("manual", "Manual")],
        default="manual",
        required=True,
    )
    interaction_id = fields.Many2one(
        "sales.interaction",
        string="Interaction",
        readonly=True,
        index=True,
        help="The customer interaction this visit is, once done: the same one "
        "as the activity it carried out, so it counts once.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )

    _action_fields = ("state", "interaction_id")

    @api.depends("method", "partner_id", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """ "Visit · Customer", as the calendar and breadcrumbs show it."""
        methods = dict(self._fields["method"]._description_selection(self.env))
        for visit in self:
            visit.display_name = self.env._(
                "%(method)s · %(customer)s",
                method=methods.get(visit.method, ""),
                customer=visit.partner_id.display_name or "",
            )

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for visit in self:
            visit.is_overdue = visit.state == "planned" and visit.date < today

    def _search_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        overdue = [("state", "=", "planned"), ("date", "<", today)]
        return overdue if (operator == "=") == bool(value) else ["!", *overdue]

    def action_done(self):
        self._check_action_group(
            "sales_key_accounts.group_key_account_user", self.env._("Done")
        )
        self._write_by_action({"state": "done"})
        self._record_interactions()
        follow_ups = self.filtered("next_date")
        # one read of the visits already planned, not one per visit
        already = {
            (partner.id, day)
            for partner, day in self._read_group(
                [
                    ("partner_id", "in", follow_ups.partner_id.ids),
                    ("state", "=", "planned"),
                    ("date", "in", follow_ups.mapped("next_date")),
                ],
                ["partner_id", "date:day"],
            )
        }
        self.create(
            [
                {
                    "partner_id": visit.partner_id.id,
                    "company_id": visit.company_id.id,
                    "user_id": visit.user_id.id,
                    "tier_id": visit.partner_id.account_tier_id.id,
                    "date": visit.next_date,
                    "goal": visit.next_action,
                    "method": visit.method,
                }
                for visit in follow_ups
                if (visit.partner_id.id, visit.next_date) not in already
            ]
        )
        return True

    def _record_interactions(self):
        """Each visit done is one customer interaction, shared with the done
        activity of the same salesperson, customer and day."""
        visits = self.filtered(lambda visit: not visit.interaction_id)
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        interactions = self.env["sales.interaction"].record(
            [
                {
                    "kind": INTERACTION_KIND[visit.method],
                    "date": now
                    if visit.date == today
                    else datetime.combine(visit.date, time(12)),
                    "user_id": visit.user_id.id,
                    "partner_id": visit.partner_id.id,
                    "company_id": (visit.company_id or self.env.company).id,
                    "origin": "visit",
                    "name": visit.goal or visit.display_name,
                }
                for visit in visits
            ]
        )
        for visit, interaction in zip(visits, interactions, strict=True):
            # sudo: the link is written by the server when the visit is done
            visit.sudo().interaction_id = interaction

    def action_cancel(self):
        self._check_action_group(
            "sales_key_accounts.group_key_account_user", self.env._("Cancel Visit")
        )
        self._write_by_action({"state": "cancelled"})

    @api.model
    def _cron_plan_visits(self, day=None):
        """Plan the tier policies' visits of the next weeks; idempotent.

        Each customer with a salesperson and a tier visited every N days gets a
        planned visit N days after its last visit (done or planned, or any
        visit interaction with the customer: an activity done on its
        opportunity, a logged touchpoint), if that falls within the horizon
        and none is planned yet.
        """
        day = day or today_in(self.env)
        partners = self.env["res.partner"].search(
            [
                ("account_tier_id.visit_on_demand", "=", False),
                ("account_tier_id", "!=", False),
                ("user_id", "!=", False),
            ]
        )
        last = dict(
            self._read_group(
                [("partner_id", "in", partners.ids), ("state", "!=", "cancelled")],
                ["partner_id"],
                ["date:max"],
            )
        )
        for partner, visited in self.env["sales.measure"].grouped(
            "sales.interaction",
            [("partner_id", "in", partners.ids), ("kind", "=", "visit")],
            ["partner_id"],
            ["date:max"],
        ):
            last[partner] = max(last.get(partner, visited.date()), visited.date())
        planned = {
            partner
            for [partner] in self._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "=", "planned"),
                    ("date", ">=", day),
                ],
                ["partner_id"],
            )
        }
        vals_list = []
        for partner in partners - self.env["res.partner"].union(*planned):
            interval = partner.account_tier_id.visit_interval_days
            due = last[partner] + timedelta(days=interval) if partner in last else day
            if due <= day + timedelta(days=HORIZON_DAYS):
                # the goal is read by the salesperson who makes the visit
                tier = partner.account_tier_id.with_context(
                    lang=partner.user_id.lang or self.env.lang
                )
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "company_id": (partner.company_id or self.env.company).id,
                        "user_id": partner.user_id.id,
                        "tier_id": partner.account_tier_id.id,
                        "date": max(due, day),
                        "origin": "policy",
                        "goal": tier.env._("Regular visit (%s)", tier.name),
                    }
                )
        self.create(vals_list)
        self.env["ir.cron"]._notify_progress(done=len(partners), remaining=0)
        return len(vals_list)
