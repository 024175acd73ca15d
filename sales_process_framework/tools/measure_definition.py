# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One declarative definition per measure of the measurement engine.

A definition says what is counted (model, domain, the date field the period
bounds), how (aggregate of the numerator and of the denominator, or a split
of the records by one field with a weight per value), for which scopes
(scope level -> field of the model), what a figure opens (drill-down), and
how it reads (label, unit, better direction). The engine computes the
declarative ones in one grouped read per measure, scope level and period;
a measure that needs SQL or several reads names its engine method in
``compute`` instead, and the drill-down method that opens the records behind
its figures in ``drill_down`` where the domain is not enough.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

# scope level -> field of the opportunity; "customer" serves the account
# features (tiering, plans, retention): the opportunities' customer.
LEAD_SCOPES = {
    "company": "company_id",
    "team": "team_id",
    "user": "user_id",
    "customer": "partner_id",
}
# the same scope levels on customer interactions (sales.interaction)
INTERACTION_SCOPES = dict(LEAD_SCOPES)


@dataclass(frozen=True)
class MeasureDefinition:
    code: str
    # a lazy translation (odoo.tools.translate.LazyTranslate), read with env._
    label: object
    model: str = "crm.lead"
    # static domain of the records measured, before period, company and
    # breakdown terms
    domain: tuple = ()
    # the date the period bounds; None when the measure is not bounded by it
    date_field: str | None = "date_closed"
    # aggregate of the numerator ("__count", "expected_revenue:sum", ...)
    aggregate: str = "__count"
    # aggregate of the denominator; None: each scope with records counts 1
    denominator: str | None = None
    # numerator by a field of the records: numerator = sum(weight(value) *
    # aggregate) over its values (won among closed, promoters minus
    # detractors, ...)
    split: str | None = None
    weight: Callable | None = None
    scope_fields: dict = field(default_factory=lambda: dict(LEAD_SCOPES))
    # the opportunity of each record when the model is not crm.lead: a
    # breakdown domain (on opportunities) applies through it
    lead_field: str | None = None
    # engine method name computing the figures, for non-declarative measures
    compute: str | None = None
    # engine method name returning the domain of the records behind a figure,
    # when the measure's own domain does not say it
    drill_down: str | None = None
    # count, amount, percent, days, hours, score
    unit: str = "count"
    direction: str = "higher"
    # where the measure may be chosen: "health" (process-health metrics),
    # "target" (targets and contests), "scorecard" (computed for the
    # salesperson's scorecard)
    tags: frozenset = frozenset()
    # the field of the salesperson's scorecard that stores the figure: the
    # numerator, or the value in percent for the unit "percent"; None for a
    # scorecard measure that only feeds a ratio of the card
    card_field: str | None = None

    @property
    def declarative(self):
        return not self.compute
