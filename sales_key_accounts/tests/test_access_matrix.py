# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may do what on each model of Sales Key Accounts.

Cells: read own, read others', write, create, unlink (see AccessMatrixCase).
"Own" records are those of the user's customers, or the user's own ones.
"""

from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.sales_process_framework.tests.common import (
    AccessMatrixCase,
    matrix_rows,
)


def _in(cls, company):
    return cls.company_env(company)


def _tier(cls, owner, company):
    serial = cls.unique("KA").split()[-1]
    return _in(cls, company)["sales.account.tier"].create(
        {
            "name": f"Matrix tier {serial}",
            "code": f"M{serial}",
            # a fraction: never the score of a tier the company starts with
            "min_score": int(serial) % 1000 / 10 + 0.05,
            "company_id": company.id,
        }
    )


def _plan(cls, owner, company):
    return _in(cls, company)["sales.account.plan"].create(
        {
            "partner_id": cls.customer_of(owner, company).id,
            "user_id": owner.id,
            "company_id": company.id,
        }
    )


MATRIX = {
    "sales.account.tier": (
        _tier,
        matrix_rows("11000", "11000", "11111", "11000", "10111"),
    ),
    "sales.account.score.factor": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.account.score.factor"
        ].create(
            {
                "factor": "revenue",
                "full_score_at": 100,
                "weight": 1,
                "company_id": company.id,
            }
        ),
        matrix_rows("11000", "11000", "11111", "11000", "10111"),
    ),
    "sales.account.tier.history": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.account.tier.history"
        ].create({"partner_id": cls.customer_of(owner, company).id}),
        matrix_rows("10000", "10000", "11111", "10000", "10111"),
    ),
    "sales.account.visit": (
        lambda cls, owner, company: _in(cls, company)["sales.account.visit"].create(
            {
                "partner_id": cls.customer_of(owner, company).id,
                "user_id": owner.id,
                "company_id": company.id,
            }
        ),
        matrix_rows("10110", "10110", "11111", "10110", "10111"),
    ),
    "sales.account.plan": (
        _plan,
        matrix_rows("10110", "10110", "11111", "10110", "10111"),
    ),
    "sales.account.plan.objective": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.account.plan.objective"
        ].create(
            {
                "plan_id": _plan(cls, owner, company).id,
                "name": "Grow",
                "target": 10,
            }
        ),
        matrix_rows("10111", "10111", "11111", "10111", "10111"),
    ),
    "sales.account.review": (
        lambda cls, owner, company: _in(cls, company)["sales.account.review"].create(
            {
                "partner_id": cls.customer_of(owner, company).id,
                "user_id": owner.id,
                "company_id": company.id,
            }
        ),
        matrix_rows("10110", "10110", "11111", "10110", "10111"),
    ),
    "sales.account.team.member": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.account.team.member"
        ].create(
            {
                "partner_id": cls.customer_of(owner, company).id,
                "user_id": owner.id,
                "company_id": company.id,
            }
        ),
        matrix_rows("11000", "11000", "11111", "11000", "10111"),
    ),
    "sales.account.retention": (
        lambda cls, owner, company: _in(cls, company)["sales.account.retention"].create(
            {
                "company_id": company.id,
                "period_start": (day := cls.unique_day()),
                "period_end": day + timedelta(days=90),
            }
        ),
        matrix_rows("00000", "00000", "11111", "00000", "10111"),
    ),
    "sales.account.churn.cause": (
        lambda cls, owner, company: cls.env["sales.account.churn.cause"].create(
            {"name": cls.unique("Cause")}
        ),
        matrix_rows("11000", "11000", "11111", "11000", "11111"),
    ),
    "sales.account.exit.interview": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.account.exit.interview"
        ].create(
            {
                "partner_id": cls.customer_of(owner, company).id,
                "user_id": owner.id,
                "company_id": company.id,
            }
        ),
        matrix_rows("10100", "10100", "11111", "10100", "10111"),
    ),
    "sales.account.health": (
        lambda cls, owner, company: _in(cls, company)["sales.account.health"].create(
            {
                "partner_id": cls.customer_of(owner, company).id,
                "company_id": company.id,
            }
        ),
        matrix_rows("10000", "10000", "11111", "10000", "10111"),
    ),
    "sales.account.retention.alert": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.account.retention.alert"
        ].create(
            {
                "company_id": company.id,
                "tier_id": _tier(cls, owner, company).id,
                "period_start": (day := cls.unique_day()),
                "period_end": day + timedelta(days=90),
            }
        ),
        matrix_rows("00000", "00000", "11111", "00000", "10111"),
    ),
    "sales.account.competitor.retention": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.account.competitor.retention"
        ].create(
            {
                "company_id": company.id,
                "competitor_id": cls.customer_of(owner, company).id,
                "period_start": cls.unique_day(),
                "retention_rate": 80,
            }
        ),
        matrix_rows("00000", "00000", "11111", "00000", "10111"),
    ),
    # transient: access rights only
    "sales.account.tier.pin.wizard": (
        lambda cls, owner, company: cls.env["sales.account.tier.pin.wizard"],
        matrix_rows("00000", "00000", "11111", "00000", "11111"),
    ),
}


@tagged("post_install", "-at_install")
@AccessMatrixCase.generate_cells
class TestAccessMatrix(AccessMatrixCase):
    MATRIX = MATRIX
