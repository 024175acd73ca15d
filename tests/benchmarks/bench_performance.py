# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Targets, commission statements and a leaderboard for 200 salespeople with
100,000 won deals, vs hand-written SQL and vs stock Odoo's pivot read.

    python tests/benchmarks/bench_performance.py -c .suite/odoo.conf -d DB

Needs sales_team_performance installed. The period is the current quarter.
Every step computes the won revenue per salesperson of the quarter (through
the measurement engine) and then its own figures; the hand-written SQL query
computes the same totals, the script checks they agree and times both.
Rolled back at the end. Sizes: BENCH_USERS and BENCH_DEALS in the environment.
"""

import os
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(__file__))

from common import environment, measure, parse_args, print_table  # noqa: E402
from generate import generate_leads, generate_partners, make_company  # noqa: E402

SQL = """
    SELECT user_id, sum(expected_revenue)
      FROM crm_lead
     WHERE (company_id = %(company)s OR company_id IS NULL)
       AND type = 'opportunity' AND active AND probability = 100
       AND date_closed >= %(low)s AND date_closed < %(high)s
     GROUP BY user_id
"""


def main():
    args = parse_args(__doc__)
    user_count = int(os.environ.get("BENCH_USERS", 200))
    deals = int(os.environ.get("BENCH_DEALS", 100_000))
    with environment(args) as env:
        from odoo.addons.sales_process_framework.tools.periods import (
            period_bounds,
            today_in,
            tz_name,
            utc_bounds,
        )

        company, teams, users, stages = make_company(
            env, teams=10, salespeople=user_count
        )
        env = env(context=dict(env.context, allowed_company_ids=company.ids))
        company.sales_gate_enforcement = False
        partners = generate_partners(env, company, 20_000)
        generate_leads(
            env, company, teams, users, stages, partners, deals, won_only=True
        )
        env.cr.execute("ANALYZE crm_lead")
        start, end = period_bounds(today_in(env), "quarter")
        plan = env["sales.target.plan"].create(
            {
                "name": "Bench quarter",
                "period": "quarter",
                "date_start": start,
                "company_id": company.id,
                "line_ids": [
                    (0, 0, {"user_id": user.id, "target": 3_000_000}) for user in users
                ],
            }
        )
        plan.state = "active"
        commission = env["sales.commission.plan"].create(
            {
                "name": "Bench",
                "period": "quarter",
                "company_id": company.id,
                "user_ids": [(6, 0, users.ids)],
                "individual_award": 1000,
                "tier_ids": [
                    (0, 0, {"lower": 0, "upper": 80, "rate": 2}),
                    (0, 0, {"lower": 80, "upper": 100, "rate": 4}),
                    (0, 0, {"lower": 100, "rate": 6}),
                ],
            }
        )
        contest = env["gamification.challenge"].create(
            {
                "name": "Bench contest",
                "is_sales_contest": True,
                "period": "once",
                "start_date": start,
                "end_date": end - timedelta(days=1),
                "user_ids": [(6, 0, users.ids)],
                "state": "inprogress",
            }
        )
        Statement = env["sales.commission.statement"]
        statements = Statement._ensure_statements(commission, start, end)
        env.flush_all()

        low, high = utc_bounds(start, end, tz_name(env, company))
        sql_totals = {}

        def sql():
            env.cr.execute(SQL, {"company": company.id, "low": low, "high": high})
            sql_totals.update(env.cr.fetchall())

        def stock():
            env["crm.lead"].read_group(
                [
                    ("type", "=", "opportunity"),
                    ("probability", "=", 100),
                    ("date_closed", ">=", low),
                    ("date_closed", "<", high),
                ],
                ["expected_revenue:sum"],
                ["user_id"],
            )

        def achievement():
            return plan.line_ids._achieved_amounts()

        def leaderboard():
            contest.action_contest_refresh()

        def compute():
            statements.action_compute()

        rows = []
        for label, func in (
            ("hand-written SQL: won revenue per salesperson", sql),
            ("stock Odoo: CRM pivot read_group, same totals", stock),
            ("achievement of 200 target lines", achievement),
            ("leaderboard of a 200-participant contest", leaderboard),
            ("200 commission statements (draft, with awards)", compute),
        ):
            seconds, queries = measure(env, func, args.repeat)
            rows.append([label, f"{seconds * 1000:.0f}", queries])

        # the same figures, checked once
        achieved = achievement()
        compute()
        leaderboard()
        sql()
        for line in plan.line_ids:
            expected = float(sql_totals.get(line.user_id.id, 0))
            assert abs(achieved[line.id] - expected) < 1e-6
        for statement in statements:
            expected = float(sql_totals.get(statement.user_id.id, 0))
            assert abs(statement.revenue - expected) < 1e-6, statement.user_id
        for score in contest.contest_score_ids:
            assert abs(score.value - float(sql_totals.get(score.user_id.id, 0))) < 1e-6
        env.cr.execute(
            "SELECT count(*) FROM crm_lead WHERE company_id = %s AND probability = 100"
            " AND date_closed >= %s AND date_closed < %s",
            [company.id, low, high],
        )
        in_quarter = env.cr.fetchone()[0]
        began = time.perf_counter()
        statements.action_confirm()
        env.flush_all()
        confirm = time.perf_counter() - began
        rows.append(
            [
                f"confirm 200 statements ({in_quarter:,} deals recorded)",
                f"{confirm * 1000:.0f}",
                "-",
            ]
        )
        base = float(rows[0][1]) or 1
        for row in rows:
            row.append(f"{float(row[1]) / base:.1f}x" if row[2] != "-" else "")
        print_table(
            f"{user_count} salespeople, {deals:,} won deals over two years, "
            f"{in_quarter:,} in the quarter (same totals checked)",
            ["step", "ms", "queries", "vs SQL"],
            rows,
        )


if __name__ == "__main__":
    main()
