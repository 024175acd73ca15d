# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may do what on each model of Sales Performance.

Cells: read own, read others', write, create, unlink (see AccessMatrixCase).
"""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.sales_process_framework.tests.common import (
    AccessMatrixCase,
    matrix_rows,
)

JAN, FEB = date(2024, 1, 1), date(2024, 1, 31)


def _in(cls, company):
    return cls.company_env(company)


def _target_plan(cls, owner, company):
    return _in(cls, company)["sales.target.plan"].create(
        {
            "name": cls.unique("Matrix targets"),
            "company_id": company.id,
            "period": "month",
            "date_start": JAN,
        }
    )


def _commission_plan(cls, owner, company):
    return _in(cls, company)["sales.commission.plan"].create(
        {
            "name": cls.unique("Matrix commission"),
            "company_id": company.id,
            "user_ids": [(6, 0, owner.ids)],
            "tier_ids": [(0, 0, {"lower": 0, "rate": 2})],
        }
    )


def _statement(cls, owner, company):
    return _in(cls, company)["sales.commission.statement"].create(
        {
            "plan_id": _commission_plan(cls, owner, company).id,
            "user_id": owner.id,
            "date_start": JAN,
            "date_end": FEB,
        }
    )


def _contest(cls, owner, company):
    return _in(cls, company)["gamification.challenge"].create(
        {
            "name": cls.unique("Matrix contest"),
            "is_sales_contest": True,
            "company_id": company.id,
            "manager_id": owner.id,
            "user_ids": [(6, 0, owner.ids)],
            "contest_measure": "won_revenue",
            "period": "once",
            "start_date": JAN,
            "end_date": FEB,
        }
    )


def _review(cls, owner, company):
    return _in(cls, company)["sales.performance.review"].create(
        {
            "user_id": owner.id,
            "company_id": company.id,
            "date_start": cls.unique_day(),
            "date_end": date(2030, 1, 1),
        }
    )


def _assessment(cls, owner, company):
    return _in(cls, company)["sales.skill.assessment"].create(
        {"user_id": owner.id, "company_id": company.id}
    )


def _forecast(cls, owner, company):
    # one forecast per salesperson and period: each factory call its own month
    serial = (cls.unique_day() - date(2020, 1, 1)).days
    month = date(2000, 1, 1) + relativedelta(months=serial)
    return _in(cls, company)["sales.forecast"].create(
        {"user_id": owner.id, "company_id": company.id, "date_start": month}
    )


def _meeting(cls, owner, company):
    team = owner.sale_team_id or (cls.team if company == cls.company_a else cls.team_b)
    return _in(cls, company)["sales.meeting"].create(
        {
            "name": cls.unique("Matrix meeting"),
            "team_id": team.id,
            "organiser_id": owner.id,
            "date": datetime(2030, 1, 7, 9, 0),
        }
    )


def _role(cls, owner, company):
    return cls.env["sales.role"].create({"name": cls.unique("Matrix role")})


def _objective(cls, owner, company):
    return _in(cls, company)["sales.okr.objective"].create(
        {
            "name": cls.unique("Matrix objective"),
            "company_id": company.id,
            "owner_type": "user",
            "user_id": owner.id,
            "key_result_ids": [
                (
                    0,
                    0,
                    {
                        "name": "Market share",
                        "kind": "manual",
                        "user_id": owner.id,
                        "start_value": 5,
                        "target_value": 10,
                    },
                )
            ],
        }
    )


MATRIX = {
    "sales.target.plan": (
        _target_plan,
        matrix_rows("11000", "11000", "11111", "11111", "10111"),
    ),
    "sales.target.line": (
        lambda cls, owner, company: _in(cls, company)["sales.target.line"].create(
            {
                "plan_id": _target_plan(cls, owner, company).id,
                "user_id": owner.id,
                "target": 1000,
            }
        ),
        matrix_rows("10000", "10000", "11111", "11111", "10111"),
    ),
    "sales.commission.plan": (
        _commission_plan,
        matrix_rows("11000", "11000", "11000", "11111", "10111"),
    ),
    "sales.commission.tier": (
        lambda cls, owner, company: _commission_plan(cls, owner, company).tier_ids,
        matrix_rows("11000", "11000", "11000", "11111", "10111"),
    ),
    "sales.commission.ramp": (
        lambda cls, owner, company: _in(cls, company)["sales.commission.ramp"].create(
            {
                "plan_id": _commission_plan(cls, owner, company).id,
                "month": 1,
                "share": 50,
            }
        ),
        matrix_rows("11000", "11000", "11000", "11111", "10111"),
    ),
    "sales.commission.ramp.start": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.commission.ramp.start"
        ].create(
            {
                "plan_id": _commission_plan(cls, owner, company).id,
                "user_id": owner.id,
                "date_start": JAN,
            }
        ),
        matrix_rows("10000", "10000", "11000", "11111", "10111"),
    ),
    "sales.commission.statement": (
        _statement,
        matrix_rows("10000", "10000", "11110", "11111", "10111"),
    ),
    "sales.commission.statement.line": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.commission.statement.line"
        ].create(
            {
                "statement_id": _statement(cls, owner, company).id,
                "name": "Matrix line",
                "kind": "commission",
                "amount": 10,
            }
        ),
        matrix_rows("10000", "10000", "11111", "11111", "10111"),
    ),
    "sales.commission.statement.deal": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.commission.statement.deal"
        ].create(
            {
                "statement_id": _statement(cls, owner, company).id,
                "lead_id": cls.lead_of(owner, company).id,
            }
        ),
        matrix_rows("10000", "10000", "11000", "11000", "10000"),
    ),
    "gamification.challenge": (
        _contest,
        matrix_rows("11000", "11000", "11111", "11111", "10111"),
    ),
    "gamification.challenge.line": (
        lambda cls, owner, company: _in(cls, company)[
            "gamification.challenge.line"
        ].create(
            {
                "challenge_id": _contest(cls, owner, company).id,
                "definition_id": cls.env["gamification.goal.definition"]
                .search([], limit=1)
                .id,
                "target_goal": 1,
            }
        ),
        matrix_rows("11000", "11000", "11111", "11111", "10111"),
    ),
    "sales.contest.prize": (
        lambda cls, owner, company: _in(cls, company)["sales.contest.prize"].create(
            {"challenge_id": _contest(cls, owner, company).id, "name": "Trip"}
        ),
        matrix_rows("11000", "11000", "11111", "11111", "10111"),
    ),
    "sales.contest.score": (
        lambda cls, owner, company: _in(cls, company)["sales.contest.score"].create(
            {
                "challenge_id": _contest(cls, owner, company).id,
                "user_id": owner.id,
                "role": "rep",
            }
        ),
        matrix_rows("10000", "10000", "11000", "11000", "10000"),
    ),
    "sales.scorecard": (
        lambda cls, owner, company: _in(cls, company)["sales.scorecard"].create(
            {
                "user_id": owner.id,
                "company_id": company.id,
                "date_start": JAN,
                "date_end": FEB,
            }
        ),
        matrix_rows("10000", "10000", "11100", "11100", "10100"),
    ),
    "sales.performance.review": (
        _review,
        matrix_rows("10000", "10000", "11111", "11111", "10111"),
    ),
    "sales.performance.review.suggestion": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.performance.review.suggestion"
        ].create({"review_id": _review(cls, owner, company).id, "name": "Practise"}),
        matrix_rows("10000", "10000", "11111", "11111", "10111"),
    ),
    "sales.coaching.session": (
        lambda cls, owner, company: _in(cls, company)["sales.coaching.session"].create(
            {"user_id": owner.id, "company_id": company.id}
        ),
        matrix_rows("10000", "10000", "11111", "11111", "10111"),
    ),
    "sales.skill": (
        lambda cls, owner, company: cls.env["sales.skill"].create(
            {"name": cls.unique("Matrix skill")}
        ),
        matrix_rows("11000", "11000", "11111", "11111", "11111"),
    ),
    "sales.skill.assessment": (
        _assessment,
        matrix_rows("10110", "10110", "11111", "11111", "10111"),
    ),
    "sales.skill.assessment.line": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.skill.assessment.line"
        ].create(
            {
                "assessment_id": _assessment(cls, owner, company).id,
                "skill_id": cls.env["sales.skill"].search([], limit=1).id,
            }
        ),
        matrix_rows("10111", "10111", "11111", "11111", "10111"),
    ),
    "sales.promotion.assessment": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.promotion.assessment"
        ].create(
            {
                "user_id": owner.id,
                "company_id": company.id,
                "target_role": "Team leader",
                "readiness": "now",
            }
        ),
        matrix_rows("10000", "10000", "11111", "11111", "10111"),
    ),
    # forecasting
    "sales.forecast": (
        _forecast,
        matrix_rows("10100", "10100", "11111", "11111", "10111"),
    ),
    "sales.forecast.adjustment": (
        lambda cls, owner, company: _in(cls, company)[
            "sales.forecast.adjustment"
        ].create(
            {"forecast_id": _forecast(cls, owner, company).id, "reason": "Matrix"}
        ),
        matrix_rows("10000", "10000", "11000", "11000", "10000"),
    ),
    "sales.forecast.adjust.wizard": (
        lambda cls, owner, company: cls.env["sales.forecast.adjust.wizard"],
        matrix_rows("00000", "00000", "11110", "11110", "11110"),
    ),
    # team structure: roles are shared, the talent pool is the managers',
    # meetings are read by their team and changed by their organiser
    "sales.role": (_role, matrix_rows("11000", "11000", "11111", "11111", "11111")),
    "sales.role.kpi": (
        lambda cls, owner, company: cls.env["sales.role.kpi"].create(
            {"role_id": _role(cls, owner, company).id, "measure": "won_count"}
        ),
        matrix_rows("11000", "11000", "11111", "11111", "11111"),
    ),
    "sales.talent.review": (
        lambda cls, owner, company: _in(cls, company)["sales.talent.review"].create(
            {"user_id": owner.id, "company_id": company.id}
        ),
        matrix_rows("00000", "00000", "11111", "11111", "10111"),
    ),
    "sales.meeting": (
        _meeting,
        matrix_rows("10100", "10110", "11111", "11111", "10111"),
    ),
    "sales.meeting.action": (
        lambda cls, owner, company: _in(cls, company)["sales.meeting.action"].create(
            {
                "meeting_id": _meeting(cls, owner, company).id,
                "name": "Matrix action item",
                "user_id": owner.id,
                "date_deadline": date(2030, 1, 10),
            }
        ),
        matrix_rows("10111", "10111", "11111", "11111", "10111"),
    ),
    # the attendance rows of a meeting's calendar event: its participants'
    "calendar.attendee": (
        lambda cls, owner, company: _meeting(
            cls, owner, company
        ).calendar_event_id.attendee_ids.filtered(
            lambda attendee: attendee.partner_id == owner.partner_id
        ),
        matrix_rows("10111", "10111", "10111", "10111", "10111"),
    ),
    "sales.okr.objective": (
        _objective,
        matrix_rows("10000", "10000", "11111", "11111", "10111"),
    ),
    "sales.okr.key.result": (
        lambda cls, owner, company: _objective(cls, owner, company).key_result_ids,
        matrix_rows("10000", "10000", "11111", "11111", "10111"),
    ),
    "sales.okr.check.in": (
        lambda cls, owner, company: _in(cls, company)["sales.okr.check.in"].create(
            {
                "key_result_id": _objective(cls, owner, company).key_result_ids.id,
                "value": 6,
            }
        ),
        matrix_rows("10111", "10111", "11111", "11111", "10111"),
    ),
    "sales.manager.scorecard": (
        lambda cls, owner, company: _in(cls, company)["sales.manager.scorecard"].create(
            {
                "manager_id": owner.id,
                "company_id": company.id,
                "date_start": JAN,
                "date_end": FEB,
            }
        ),
        # the sales administrators read every manager's card, the other
        # performance managers (the commission administrators) their own
        matrix_rows("10000", "10000", "11100", "10100", "10100"),
    ),
    # transient: access rights only
    "sales.performance.dashboard": (
        lambda cls, owner, company: cls.env["sales.performance.dashboard"],
        matrix_rows("11110", "11110", "11110", "11110", "11110"),
    ),
    "sales.manager.scorecard.wizard": (
        lambda cls, owner, company: cls.env["sales.manager.scorecard.wizard"],
        matrix_rows("00000", "00000", "11111", "11111", "11111"),
    ),
    "sales.target.spread.wizard": (
        lambda cls, owner, company: cls.env["sales.target.spread.wizard"],
        matrix_rows("00000", "00000", "11111", "11111", "11111"),
    ),
}


@tagged("post_install", "-at_install")
@AccessMatrixCase.generate_cells
class TestAccessMatrix(AccessMatrixCase):
    MATRIX = MATRIX
