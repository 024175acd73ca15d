# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Batch move of N opportunities through a gated stage: gates on vs off.

    python tests/benchmarks/bench_gate_move.py -c .suite/odoo.conf -d DB

"Off" is the same move with the company switch off (the code path of a
database without gates); "on" evaluates every criterion kind in batch.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from common import environment, measure, parse_args, print_table  # noqa: E402

SIZES = (100, 1000)


def setup(env):
    team = env["crm.team"].create({"name": "Benchmark Team"})
    stages = env["crm.stage"].create(
        [{"name": f"B{i}", "sequence": i, "team_id": team.id} for i in (1, 2, 3)]
    )
    deliverable = env["sales.deliverable.type"].create({"name": "Benchmark doc"})
    partner_field = env.ref("crm.field_crm_lead__partner_id")
    Criterion = env["sales.gate.criterion"]
    checklist = Criterion.create(
        {"name": "Ticked", "stage_id": stages[1].id, "kind": "checklist"}
    )
    Criterion.create(
        [
            {
                "name": "Budget",
                "stage_id": stages[1].id,
                "kind": "domain",
                "domain": "[('expected_revenue', '>=', 1000)]",
            },
            {
                "name": "Customer",
                "stage_id": stages[1].id,
                "kind": "field",
                "field_id": partner_field.id,
            },
            {
                "name": "Call",
                "stage_id": stages[1].id,
                "kind": "activity",
                "mode": "warn",
                "activity_type_id": env.ref("mail.mail_activity_data_call").id,
            },
            {
                "name": "Document",
                "stage_id": stages[1].id,
                "kind": "deliverable",
                "mode": "warn",
                "deliverable_type_id": deliverable.id,
            },
            {
                "name": "SPIN",
                "stage_id": stages[1].id,
                "kind": "spin",
                "mode": "warn",
            },
        ]
    )
    partner = env["res.partner"].create({"name": "Benchmark customer"})
    return team, stages, checklist, partner


def main():
    args = parse_args(__doc__)
    with environment(args) as env:
        team, stages, checklist, partner = setup(env)
        warn = env["sales.gate.criterion"].search(
            [("mode", "=", "warn"), ("stage_id", "=", stages[1].id)]
        )
        for title, warn_active in (
            (
                "3 blocking criteria met, 3 warnings unmet (a chatter note per lead)",
                True,
            ),
            ("3 blocking criteria met, no warning", False),
        ):
            warn.active = warn_active
            env.flush_all()
            rows = [
                compare(env, args, team, stages, checklist, partner, size)
                for size in SIZES
            ]
            print_table(
                f"Batch stage move, {title}; median of {args.repeat} runs",
                [
                    "leads",
                    "off s",
                    "off queries",
                    "on s",
                    "on queries",
                    "time ratio",
                    "extra queries",
                ],
                rows,
            )


def compare(env, args, team, stages, checklist, partner, size):
    leads = env["crm.lead"].create(
        [
            {
                "name": f"Bench {i}",
                "type": "opportunity",
                "team_id": team.id,
                "stage_id": stages[1].id,
                "expected_revenue": 5000,
                "partner_id": partner.id,
                "gate_checked_ids": [(4, checklist.id)],
            }
            for i in range(size)
        ]
    )
    results = {}
    for enforce in (False, True):
        env.company.sales_gate_enforcement = enforce
        env.flush_all()  # outside the savepoints measure() rolls back
        results[enforce] = measure(
            env, lambda: leads.write({"stage_id": stages[2].id}), args.repeat
        )
    (off_s, off_q), (on_s, on_q) = results[False], results[True]
    return [
        size,
        f"{off_s:.3f}",
        off_q,
        f"{on_s:.3f}",
        on_q,
        f"{on_s / off_s:.2f}",
        on_q - off_q,
    ]


if __name__ == "__main__":
    main()
