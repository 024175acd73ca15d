# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The key-account measures, added to the suite's measurement engine.

Account plans, reviews and the retention report read their figures here,
with the engine's periods, scopes and definitions of a win and of the net
promoter score, rather than each counting on its own.
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import models

from odoo.addons.sales_process_framework.models.sales_measure import Figure


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"

    def _measure_account_retention(self, field, bounds, company, **kw):
        """Customers kept over the period.

        Active at the start: a win in the company's tiering window before the
        period starts (denominator). Kept: of those, a win in the window
        before the period ends (numerator); the others churned. A customer
        counts for the scope of its last win before the start: the team or
        salesperson that had it then, not the one it has now.
        """
        low, high = bounds
        window = relativedelta(months=company.account_window_months)
        groupby = ["partner_id"] if field == "partner_id" else ["partner_id", field]
        last = {}
        for partner, *scope, closed in self._lead_groups(
            self._won_domain(company, (low - window, low))
            + [("partner_id", "!=", False)],
            groupby,
            ["date_closed:max"],
        ):
            key = self._key(scope[0] if scope else partner)
            if partner.id not in last or closed > last[partner.id][1]:
                last[partner.id] = (key, closed)
        if not last:
            return {}
        kept = {
            partner.id
            for [partner] in self._lead_groups(
                self._won_domain(company, (high - window, high))
                + [("partner_id", "in", list(last))],
                ["partner_id"],
                [],
            )
        }
        result = defaultdict(Figure)
        for partner_id, (key, _closed) in last.items():
            result[key] += Figure(partner_id in kept, 1)
        return dict(result)

    def _measure_stage_count(self, field, bounds, company, stage=None, **kw):
        """Opportunities in the stage (in any stage when empty) at the end of
        the period: the active ones created before it ends."""
        domain = self._base_domain(company) + [
            ("active", "=", True),
            ("create_date", "<", bounds[1]),
        ]
        if stage:
            domain.append(("stage_id", "=", stage.id))
        return {
            self._key(scope): Figure(count, 1)
            for scope, count in self._lead_groups(domain, [field], ["__count"])
        }

    def _measure_new_contacts(self, field, bounds, company, **kw):
        """Contacts created at customers in the period, per customer (the
        customer scope only: a contact has no team or salesperson of its own).
        The extra domain of the figure applies to the contacts."""
        if field != "partner_id":
            return {}
        low, high = bounds
        # sudo: a count of contacts per customer, for the account's people
        rows = (
            self.env["res.partner"]
            .sudo()
            ._read_group(
                [
                    ("parent_id", "!=", False),
                    ("company_id", "in", [company.id, False]),
                    ("create_date", ">=", low),
                    ("create_date", "<", high),
                ]
                + list(self.env.context.get("sales_measure_domain") or []),
                ["parent_id"],
                ["__count"],
            )
        )
        return {self._key(parent): Figure(count, 1) for parent, count in rows}
