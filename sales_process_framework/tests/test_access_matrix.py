# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may do what on each model of the base addon.

Cells: read own, read others', write, create, unlink (see AccessMatrixCase).
"""

from datetime import date, datetime

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import AccessMatrixCase


def _criterion(cls, owner, company):
    return cls.env["sales.gate.criterion"].create(
        {"name": "Matrix criterion", "stage_id": cls.stage.id, "company_id": company.id}
    )


def _override(cls, owner, company):
    """Only the override path records an override; the rules read the
    opportunity's salesperson, so the overriding user is one for all."""
    overrider = cls.env["res.users"].search([("login", "=", "matrix_overrider")])
    if not overrider:
        overrider = new_test_user(
            cls.env,
            "matrix_overrider",
            groups="sales_team.group_sale_manager,"
            "sales_process_framework.group_gate_override",
            company_id=cls.company_a.id,
            company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )
    lead = cls.lead_of(owner, company)
    return (
        cls.env["sales.gate.override"]
        .with_user(overrider)
        .with_context(allowed_company_ids=company.ids)
        ._record(lead, cls.stage, "Matrix override", {})
    )


def _deliverable_type(cls, owner, company):
    return cls.env["sales.deliverable.type"].create(
        {"name": cls.unique("Matrix document"), "company_id": company.id}
    )


def _phase(cls, owner, company):
    stage = cls.env["crm.stage"].create({"name": "Matrix phase stage"})
    return cls.env["sales.journey.phase"].create(
        {
            "name": "Matrix phase",
            "company_id": company.id,
            "stage_ids": [(6, 0, stage.ids)],
        }
    )


def _metric(cls, owner, company):
    return cls.env["sales.health.metric"].create(
        {
            "name": "Matrix metric",
            "code": "win_rate",
            "healthy_threshold": 30,
            "alert_threshold": 20,
            "company_id": company.id,
        }
    )


def _team_of(cls, owner, company):
    return cls.team_b if company == cls.company_b else owner.sale_team_id or cls.team


def _version(cls, owner, company):
    return cls.env["sales.process.version"].create(
        {
            "name": "Matrix pilot",
            "company_id": company.id,
            "team_ids": [(6, 0, _team_of(cls, owner, company).ids)],
            "date_start": date(2024, 1, 1),
            "date_end": date(2024, 3, 1),
        }
    )


def _pilot_feedback(cls, owner, company):
    """Feedback on a pilot of the author's team (for a salesperson in none,
    a team they belong to while giving it, so that the other models' rows
    do not depend on this one)."""
    team = owner.sale_team_id
    temporary = not team
    if temporary:
        team = cls.env["crm.team"].create(
            {
                "name": cls.unique("Matrix pilot team"),
                "company_id": company.id,
                "member_ids": [(6, 0, owner.ids)],
            }
        )
    version = _version(cls, owner, company)
    version.team_ids = team
    feedback = cls.env["sales.pilot.feedback"].create(
        {
            "version_id": version.id,
            "user_id": owner.id,
            "kind": "too_strict",
            "description": "Matrix feedback",
        }
    )
    if temporary:
        team.crm_team_member_ids.unlink()
    return feedback


def _pilot_nps(cls, owner, company):
    """An answer of the owner's on a pilot of a team of the company he leads
    while recording it (an answer counts for a team of its salesperson)."""
    team = cls.env["crm.team"].create(
        {
            "name": cls.unique("Matrix survey team"),
            "company_id": company.id,
            "user_id": owner.id,
        }
    )
    version = _version(cls, owner, company)
    version.team_ids = team
    answer = cls.env["sales.pilot.nps"].create(
        {
            "version_id": version.id,
            "user_id": owner.id,
            "team_id": team.id,
            "partner_id": cls.customer_of(owner, company).id,
            "score": "9",
        }
    )
    team.user_id = False
    return answer


def _review(cls, owner, company):
    return cls.env["sales.process.review"].create(
        {
            "company_id": company.id,
            "team_id": _team_of(cls, owner, company).id,
            "kind": "month",
            "date_start": cls.unique_day().replace(day=1, year=2000 + cls._serial),
        }
    )


def _review_line(cls, owner, company):
    review = _review(cls, owner, company)
    snapshot = cls.env["sales.health.snapshot"].create(
        {
            "metric_id": _metric(cls, owner, company).id,
            "company_id": company.id,
            "scope": "team",
            "scope_key": f"team,{review.team_id.id}",
            "team_id": review.team_id.id,
            "period": "month",
            "period_start": review.date_start,
            "period_end": review.date_end,
            "band": "alert",
        }
    )
    return cls.env["sales.process.review.line"].create(
        {"review_id": review.id, "snapshot_id": snapshot.id}
    )


def _rollout(cls, owner, company):
    return cls.env["sales.process.rollout"].create(
        {
            "name": "V1.1",
            "version_id": _version(cls, owner, company).id,
            "playbook_id": _playbook(cls, owner, company).id,
            "company_id": company.id,
        }
    )


def _playbook(cls, owner, company):
    return cls.env["sales.playbook"].create(
        {"name": cls.unique("Matrix playbook"), "company_id": company.id}
    )


def _playbook_stage(cls, owner, company):
    return cls.env["sales.playbook.stage"].create(
        {
            "name": "Matrix playbook stage",
            "playbook_id": _playbook(cls, owner, company).id,
        }
    )


def _playbook_phase(cls, owner, company):
    return cls.env["sales.playbook.phase"].create(
        {
            "name": "Matrix playbook phase",
            "playbook_id": _playbook(cls, owner, company).id,
        }
    )


def _service_department(cls, owner, company):
    return cls.env["sales.service.department"].create(
        {
            "name": cls.unique("Matrix department"),
            "company_id": company.id,
            "manager_id": cls.users["sales_manager"].id,
        }
    )


def _service_request_type(cls, owner, company):
    return cls.env["sales.service.request.type"].create(
        {
            "name": "Matrix request type",
            "department_id": _service_department(cls, owner, company).id,
        }
    )


def _service_request(cls, owner, company):
    """A request of the owner on his opportunity, to a department he is
    not in."""
    request_type = _service_request_type(cls, owner, company)
    return cls.env["sales.service.request"].create(
        {
            "name": "Matrix request",
            "lead_id": cls.lead_of(owner, company).id,
            "department_id": request_type.department_id.id,
            "request_type_id": request_type.id,
            "requester_id": owner.id,
        }
    )


# configuration every process user reads and process administrators manage
PLAYBOOK_ROWS = {
    "salesperson": "11000",
    "team_leader": "11000",
    "sales_manager": "11111",
    "commission_admin": "11000",
    "other_company": "10111",
}

REVIEW_ROWS = {
    "salesperson": "10000",
    "team_leader": "11000",
    "sales_manager": "11111",
    "commission_admin": "00000",
    "other_company": "10111",
}

ROLLOUT_ROWS = {
    "salesperson": "00000",
    "team_leader": "11000",
    "sales_manager": "11111",
    "commission_admin": "00000",
    "other_company": "10111",
}

MATRIX = {
    "sales.gate.criterion": (
        _criterion,
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "11000",
            "other_company": "10111",
        },
    ),
    "sales.deliverable.type": (
        _deliverable_type,
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "11000",
            "other_company": "10111",
        },
    ),
    "crm.lead.deliverable": (
        lambda cls, owner, company: cls.env["crm.lead.deliverable"].create(
            {
                "lead_id": cls.lead_of(owner, company).id,
                "type_id": _deliverable_type(cls, owner, company).id,
            }
        ),
        {
            "salesperson": "10111",
            "team_leader": "11111",
            "sales_manager": "11111",
            "commission_admin": "10111",
            "other_company": "10111",
        },
    ),
    "crm.lead.spin.question": (
        lambda cls, owner, company: cls.env["crm.lead.spin.question"].create(
            {"lead_id": cls.lead_of(owner, company).id, "question": "Why now?"}
        ),
        {
            "salesperson": "10111",
            "team_leader": "11111",
            "sales_manager": "11111",
            "commission_admin": "10111",
            "other_company": "10111",
        },
    ),
    # SPIN template 3: the question bank and the pain list
    "sales.spin.question.template": (
        lambda cls, owner, company: cls.env["sales.spin.question.template"].create(
            {"question": cls.unique("Matrix question"), "company_id": company.id}
        ),
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "11000",
            "other_company": "10111",
        },
    ),
    "crm.lead.spin.pain": (
        lambda cls, owner, company: cls.env["crm.lead.spin.pain"].create(
            {"lead_id": cls.lead_of(owner, company).id, "name": "Matrix pain"}
        ),
        {
            "salesperson": "10111",
            "team_leader": "11111",
            "sales_manager": "11111",
            "commission_admin": "10111",
            "other_company": "10111",
        },
    ),
    # customer personas of the journeys (step 2)
    "sales.journey.persona": (
        lambda cls, owner, company: cls.env["sales.journey.persona"].create(
            {"name": "Matrix persona", "company_id": company.id}
        ),
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "11000",
            "other_company": "10111",
        },
    ),
    "sales.playbook.persona": (
        lambda cls, owner, company: cls.env["sales.playbook.persona"].create(
            {
                "name": "Matrix playbook persona",
                "playbook_id": _playbook(cls, owner, company).id,
            }
        ),
        PLAYBOOK_ROWS,
    ),
    "sales.gate.override": (
        _override,
        {
            "salesperson": "10000",
            "team_leader": "11000",
            "sales_manager": "11000",
            "commission_admin": "10000",
            "other_company": "10000",
        },
    ),
    # appraisal: process-improvement suggestions
    "sales.process.suggestion": (
        lambda cls, owner, company: cls.env["sales.process.suggestion"].create(
            {
                "name": "Matrix suggestion",
                "author_id": owner.id,
                "company_id": company.id,
            }
        ),
        {
            "salesperson": "10110",
            "team_leader": "10110",
            "sales_manager": "11111",
            "commission_admin": "10110",
            "other_company": "10111",
        },
    ),
    "sales.gate.result": (
        lambda cls, owner, company: cls.env["sales.gate.result"].create(
            {
                "lead_id": cls.lead_of(owner, company).id,
                "criterion_id": _criterion(cls, owner, company).id,
                "stage_id": cls.stage.id,
                "user_id": owner.id,
                "company_id": company.id,
            }
        ),
        {
            "salesperson": "10000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "10000",
            "other_company": "10111",
        },
    ),
    "sales.gate.override.wizard": (
        lambda cls, owner, company: cls.env["sales.gate.override.wizard"],
        {
            "salesperson": "00000",
            "team_leader": "00000",
            "sales_manager": "00000",
            "commission_admin": "00000",
            "other_company": "00000",
        },
    ),
    "sales.journey.phase": (
        _phase,
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "11000",
            "other_company": "10111",
        },
    ),
    "sales.journey.touchpoint": (
        lambda cls, owner, company: cls.env["sales.journey.touchpoint"].create(
            {"name": "Matrix touchpoint", "phase_id": _phase(cls, owner, company).id}
        ),
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "11000",
            "other_company": "10111",
        },
    ),
    "crm.lead.touchpoint": (
        lambda cls, owner, company: cls.env["crm.lead.touchpoint"].create(
            {"lead_id": cls.lead_of(owner, company).id}
        ),
        {
            "salesperson": "10110",
            "team_leader": "11110",
            "sales_manager": "11111",
            "commission_admin": "10110",
            "other_company": "10111",
        },
    ),
    "sales.interaction": (
        lambda cls, owner, company: cls.env["sales.interaction"].record(
            [
                {
                    "kind": "visit",
                    "date": datetime(2024, 1, 10, 9, 0),
                    "user_id": owner.id,
                    "lead_id": cls.lead_of(owner, company).id,
                    "company_id": company.id,
                    "origin": "touchpoint",
                }
            ]
        ),
        {
            "salesperson": "10000",
            "team_leader": "11000",
            "sales_manager": "11000",
            "commission_admin": "10000",
            "other_company": "10000",
        },
    ),
    "sales.response.time.report": (
        lambda cls, owner, company: cls.env["sales.response.time.report"],
        {
            "salesperson": "00000",
            "team_leader": "11000",
            "sales_manager": "11000",
            "commission_admin": "00000",
            "other_company": "11000",
        },
    ),
    "sales.health.metric": (
        _metric,
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "11000",
            "other_company": "10111",
        },
    ),
    "sales.health.scope": (
        lambda cls, owner, company: cls.env["sales.health.scope"].search([], limit=1),
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11000",
            "commission_admin": "11000",
            "other_company": "11000",
        },
    ),
    "sales.health.threshold": (
        lambda cls, owner, company: cls.env["sales.health.threshold"].create(
            {
                "metric_id": _metric(cls, owner, company).id,
                "team_id": _team_of(cls, owner, company).id,
                "healthy_threshold": 30,
                "alert_threshold": 20,
            }
        ),
        {
            "salesperson": "11000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "11000",
            "other_company": "10111",
        },
    ),
    "sales.health.snapshot": (
        lambda cls, owner, company: cls.env["sales.health.snapshot"].create(
            {
                "metric_id": _metric(cls, owner, company).id,
                "company_id": company.id,
                "scope": "user",
                "scope_key": f"user,{owner.id}",
                "user_id": owner.id,
                "period": "month",
                "period_start": date(2024, 1, 1),
                "period_end": date(2024, 2, 1),
            }
        ),
        {
            "salesperson": "10000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "10000",
            "other_company": "10111",
        },
    ),
    # a pilot's salespeople read their pilot, to give feedback on it
    "sales.process.version": (
        _version,
        {
            "salesperson": "10000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "00000",
            "other_company": "10111",
        },
    ),
    "sales.process.version.line": (
        lambda cls, owner, company: cls.env["sales.process.version.line"].create(
            {
                "version_id": _version(cls, owner, company).id,
                "metric_id": _metric(cls, owner, company).id,
            }
        ),
        {
            "salesperson": "10000",
            "team_leader": "11000",
            "sales_manager": "11111",
            "commission_admin": "00000",
            "other_company": "10111",
        },
    ),
    # a pilot team's salesperson gives feedback and records the answers of
    # the customer survey; team leaders read all, administrators answer
    "sales.pilot.feedback": (
        _pilot_feedback,
        {
            "salesperson": "10110",
            "team_leader": "11110",
            "sales_manager": "11111",
            "commission_admin": "10110",
            "other_company": "10111",
        },
    ),
    "sales.pilot.nps": (
        _pilot_nps,
        {
            "salesperson": "10111",
            "team_leader": "11111",
            "sales_manager": "11111",
            "commission_admin": "10111",
            "other_company": "10111",
        },
    ),
    # salespeople read their teams' reviews (and do their actions as
    # activities); process administrators create and close them
    "sales.process.review": (_review, REVIEW_ROWS),
    "sales.process.review.line": (_review_line, REVIEW_ROWS),
    # team leaders follow the roll-out of a published version; process
    # administrators publish and plan it
    "sales.process.rollout": (_rollout, ROLLOUT_ROWS),
    "sales.process.rollout.wave": (
        lambda cls, owner, company: cls.env["sales.process.rollout.wave"].create(
            {
                "rollout_id": _rollout(cls, owner, company).id,
                "date": date(2024, 4, 1),
            }
        ),
        ROLLOUT_ROWS,
    ),
    "sales.playbook": (_playbook, PLAYBOOK_ROWS),
    "sales.playbook.stage": (_playbook_stage, PLAYBOOK_ROWS),
    "sales.playbook.criterion": (
        lambda cls, owner, company: cls.env["sales.playbook.criterion"].create(
            {
                "name": "Matrix playbook criterion",
                "stage_id": _playbook_stage(cls, owner, company).id,
            }
        ),
        PLAYBOOK_ROWS,
    ),
    "sales.playbook.phase": (_playbook_phase, PLAYBOOK_ROWS),
    "sales.playbook.touchpoint": (
        lambda cls, owner, company: cls.env["sales.playbook.touchpoint"].create(
            {
                "name": "Matrix playbook touchpoint",
                "phase_id": _playbook_phase(cls, owner, company).id,
            }
        ),
        PLAYBOOK_ROWS,
    ),
    # only process administrators (sales managers) apply a playbook
    "sales.playbook.apply": (
        lambda cls, owner, company: cls.env["sales.playbook.apply"],
        {
            "salesperson": "00000",
            "team_leader": "00000",
            "sales_manager": "11111",
            "commission_admin": "00000",
            "other_company": "11111",
        },
    ),
    "sales.playbook.apply.line": (
        lambda cls, owner, company: cls.env["sales.playbook.apply.line"],
        {
            "salesperson": "00000",
            "team_leader": "00000",
            "sales_manager": "11111",
            "commission_admin": "00000",
            "other_company": "11111",
        },
    ),
    # cross-department service requests: departments and SLAs are
    # configuration; a request is its requester's, on his opportunity
    "sales.service.department": (_service_department, PLAYBOOK_ROWS),
    "sales.service.request.type": (_service_request_type, PLAYBOOK_ROWS),
    "sales.service.request": (
        _service_request,
        {
            "salesperson": "10110",
            "team_leader": "11110",
            "sales_manager": "11111",
            "commission_admin": "10110",
            "other_company": "10111",
        },
    ),
}

# content libraries: a salesperson's own proposals (scripts not yet trained,
# cases not yet published) are theirs to edit; process managers run the library
LIBRARY_ROWS = {
    "salesperson": "10111",
    "team_leader": "10111",
    "sales_manager": "11111",
    "commission_admin": "10111",
    "other_company": "10111",
}


def _script(cls, owner, company):
    return (
        cls.company_env(company)["sales.script"]
        .with_user(owner)
        .sudo()
        .create(
            {
                "name": cls.unique("Matrix script"),
                "situation": "opening",
                "content": "<p>Hello</p>",
                "company_id": company.id,
            }
        )
    )


def _script_version(cls, owner, company):
    return cls.env["sales.script.version"].create(
        {
            "script_id": _script(cls, owner, company).id,
            "version": 1,
            "name": "Matrix script, version 1",
        }
    )


def _case(cls, owner, company):
    return cls.company_env(company)["sales.case"].create(
        {
            "name": cls.unique("Matrix case"),
            "partner_id": cls.customer_of(owner, company).id,
            "user_id": owner.id,
            "company_id": company.id,
        }
    )


MATRIX.update(
    {
        "sales.script": (_script, LIBRARY_ROWS),
        "sales.script.version": (
            _script_version,
            {
                "salesperson": "11000",
                "team_leader": "11000",
                "sales_manager": "11000",
                "commission_admin": "11000",
                "other_company": "10000",
            },
        ),
        "sales.case": (_case, LIBRARY_ROWS),
    }
)


@tagged("post_install", "-at_install")
@AccessMatrixCase.generate_cells
class TestAccessMatrix(AccessMatrixCase):
    MATRIX = MATRIX
