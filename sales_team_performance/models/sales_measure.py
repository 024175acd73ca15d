# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measures targets, contests and scorecards add to the engine."""

from collections import defaultdict

from odoo import models

from odoo.addons.sales_process_framework.models.sales_measure import Figure

# target measure: (label, engine measure)
TARGET_MEASURES = {
    "revenue": ("Revenue", "won_revenue"),
    "won_count": ("Won deals", "won_count"),
    "new_customers": ("New customers", "new_customers"),
    "new_leads": ("New prospects", "new_leads"),
    "conversions": ("Prospects converted", "converted"),
    "visits": ("Visits", "activity_visit"),
    "calls": ("Calls", "activity_call"),
    "proposals": ("Proposals and demos", "activity_proposal"),
}
TARGET_MEASURE_SELECTION = [
    (key, label) for key, (label, _code) in TARGET_MEASURES.items()
]


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"

    def _targets(self, field, bounds, company, target):
        """Revenue targets of the target plans, prorated to the period."""
        targets = super()._targets(field, bounds, company, target)
        if field not in ("user_id", "team_id", "company_id"):
            return targets
        found = self.env["sales.target.line"]._target_amounts(
            "revenue", field, bounds, company
        )
        return {**targets, **found}

    def _count_by(self, field, rows):
        result = defaultdict(Figure)
        for scope, count in rows:
            result[self._key(scope)] += Figure(count, 1)
        return dict(result)

    def _measure_new_leads(self, field, bounds, company, **kw):
        """Leads and opportunities created in the period (new prospects)."""
        return self._count_by(
            field,
            self._lead_groups(
                self._created_domain(company, bounds), [field], ["__count"]
            ),
        )

    def _measure_converted(self, field, bounds, company, **kw):
        """Leads converted to opportunities in the period."""
        low, high = bounds
        return self._count_by(
            field,
            self._lead_groups(
                self._base_domain(company)
                + [
                    ("type", "=", "opportunity"),
                    ("date_conversion", ">=", low),
                    ("date_conversion", "<", high),
                ],
                [field],
                ["__count"],
            ),
        )

    def _first_wins(self, company, bounds):
        """Customers whose first win falls in the period."""
        low, high = bounds
        return [
            partner.id
            for partner, first in self._lead_groups(
                self._base_domain(company)
                + [
                    ("type", "=", "opportunity"),
                    ("active", "=", True),
                    ("probability", "=", 100),
                    ("partner_id", "!=", False),
                    ("date_closed", "<", high),
                ],
                ["partner_id"],
                ["date_closed:min"],
            )
            if first and first >= low
        ]

    def _measure_new_customers(self, field, bounds, company, **kw):
        """Customers won for the first time in the period (numerator)."""
        result = defaultdict(Figure)
        new = self._first_wins(company, bounds)
        if not new:
            return {}
        for scope, _partner in self._lead_groups(
            self._won_domain(company, bounds) + [("partner_id", "in", new)],
            [field, "partner_id"],
            [],
        ):
            result[self._key(scope)] += Figure(1, 1)
        return dict(result)

    def _measure_lost_cancelled(self, field, bounds, company, **kw):
        """Orders cancelled (lost for a cancellation reason) among closed deals."""
        result = defaultdict(Figure)
        for scope, active, reason, count in self._lead_groups(
            self._closed_domain(company, bounds),
            [field, "active", "lost_reason_id"],
            ["__count"],
        ):
            cancelled = not active and reason and reason.is_cancellation
            result[self._key(scope)] += Figure(count if cancelled else 0, count)
        return dict(result)

    # Done activities (visits, calls, ...) ---------------------------------
    def _activity_rows(self, kind, bounds, company, groupby):
        """Grouped done activities of a kind logged on the measured leads.

        A done activity becomes a message of its type on the record, authored
        by whoever marked it done; that author is the salesperson measured.
        """
        low, high = bounds
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._search(self._base_domain(company))
        )
        return (
            self.env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", "crm.lead"),
                    ("res_id", "in", leads),
                    ("mail_activity_type_id.performance_kind", "=", kind),
                    ("date", ">=", low),
                    ("date", "<", high),
                ],
                ["author_id", *groupby],
                ["__count"],
            )
        )

    def _authors_scope(self, field, partners, company):
        """{author partner id: scope key} for the authors of activities."""
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("partner_id", "in", partners.ids)], ["partner_id"])
        )
        if field == "user_id":
            return {user.partner_id.id: user.id for user in users}
        if field == "team_id":
            return {user.partner_id.id: user.sale_team_id.id for user in users}
        return {user.partner_id.id: company.id for user in users}

    def _activity_figures(self, kind, field, bounds, company):
        rows = self._activity_rows(kind, bounds, company, [])
        authors = self.env["res.partner"].union(*(author for author, _c in rows))
        scope_of = self._authors_scope(field, authors, company)
        result = defaultdict(Figure)
        for author, count in rows:
            result[scope_of.get(author.id, False)] += Figure(count, 1)
        return dict(result)

    def _measure_activity_visit(self, field, bounds, company, **kw):
        return self._activity_figures("visit", field, bounds, company)

    def _measure_activity_call(self, field, bounds, company, **kw):
        return self._activity_figures("call", field, bounds, company)

    def _measure_activity_proposal(self, field, bounds, company, **kw):
        return self._activity_figures("proposal", field, bounds, company)

    def _measure_activity_non_selling(self, field, bounds, company, **kw):
        return self._activity_figures("non_selling", field, bounds, company)

    # Customer base -----------------------------------------------------------
    def _buyers(self, field, bounds, company):
        """{scope key: set of customers with a win in the period}."""
        buyers = defaultdict(set)
        for scope, partner in self._lead_groups(
            self._won_domain(company, bounds) + [("partner_id", "!=", False)],
            [field, "partner_id"],
            [],
        ):
            buyers[self._key(scope)].add(partner.id)
        return buyers

    def _measure_churn(self, field, bounds, company, **kw):
        """Customers who bought in the previous period as long, and not in
        this one, among those previous buyers."""
        low, high = bounds
        before = self._buyers(field, (low - (high - low), low), company)
        now = self._buyers(field, bounds, company)
        return {
            key: Figure(len(customers - now.get(key, set())), len(customers))
            for key, customers in before.items()
        }

    def _measure_penetration(self, field, bounds, company, **kw):
        """Assigned customers who bought in the period, among all assigned."""
        owner = {"user_id": "user_id", "team_id": "team_id"}.get(field)
        if not owner:
            return {}
        assigned = defaultdict(set)
        for partner in (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                [
                    (owner, "!=", False),
                    ("company_id", "in", [company.id, False]),
                    ("is_company", "=", True),
                ],
                [owner],
            )
        ):
            assigned[partner[owner].id].add(partner.id)
        buyers = self._buyers(field, bounds, company)
        commercial = {}
        if buyers:
            partners = (
                self.env["res.partner"].sudo().browse(set().union(*buyers.values()))
            )
            commercial = {p.id: p.commercial_partner_id.id for p in partners}
        return {
            key: Figure(
                len(customers & {commercial[p] for p in buyers.get(key, ())}),
                len(customers),
            )
            for key, customers in assigned.items()
        }
