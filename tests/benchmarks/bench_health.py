# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Process-health measures on 10k / 100k / 1M leads: engine vs hand-written SQL.

    python tests/benchmarks/bench_health.py -c .suite/odoo.conf -d DB [--sizes ...]

The engine (sales.measure, grouped reads through the ORM) and a hand-written
SQL query compute the same figures per sales team over the last year; the
script checks they agree and prints the time of each and their ratio. Last,
it takes the health snapshot of every metric (the scheduled action's work)
over the largest size and prints its time and the process's peak memory
during it. Data comes from the shared generator and is rolled back at the end.
"""

import os
import sys
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(__file__))

from common import environment, parse_args, print_table  # noqa: E402
from generate import generate_leads, generate_partners, make_company  # noqa: E402

CODES = ("conversion", "win_rate", "cycle", "revenue_achievement", "first_response")

SQL = {
    "conversion": """
        SELECT team_id, count(*) FILTER (WHERE type = 'opportunity'), count(*)
          FROM crm_lead
         WHERE (company_id = %(company)s OR company_id IS NULL)
           AND create_date >= %(low)s AND create_date < %(high)s
         GROUP BY team_id""",
    "win_rate": """
        SELECT team_id, count(*) FILTER (WHERE active), count(*)
          FROM crm_lead
         WHERE (company_id = %(company)s OR company_id IS NULL)
           AND type = 'opportunity'
           AND date_closed >= %(low)s AND date_closed < %(high)s
         GROUP BY team_id""",
    "cycle": """
        SELECT team_id, sum(day_close), count(*)
          FROM crm_lead
         WHERE (company_id = %(company)s OR company_id IS NULL)
           AND type = 'opportunity' AND active AND probability = 100
           AND date_closed >= %(low)s AND date_closed < %(high)s
         GROUP BY team_id""",
    "revenue_achievement": """
        SELECT team_id, sum(expected_revenue), %(target)s
          FROM crm_lead
         WHERE (company_id = %(company)s OR company_id IS NULL)
           AND type = 'opportunity' AND active AND probability = 100
           AND date_closed >= %(low)s AND date_closed < %(high)s
         GROUP BY team_id""",
    "first_response": """
        SELECT team_id, sum(first_response_hours), count(*)
          FROM crm_lead
         WHERE (company_id = %(company)s OR company_id IS NULL)
           AND create_date >= %(low)s AND create_date < %(high)s
           AND first_response_date IS NOT NULL
         GROUP BY team_id""",
}


def memory_mb(key):
    """A figure of /proc/self/status in MB: VmRSS (now) or VmHWM (peak)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    raise SystemExit(f"no {key} in /proc/self/status")


def reset_peak():
    """Start the peak memory (VmHWM) again from now (Linux: clear_refs 5)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")


def snapshot(env, company, leads):
    """Time and peak memory of the health snapshot of every metric."""
    Metric = env["sales.health.metric"]
    # a new company has no metric: the default company's, copied
    if not Metric.search_count([("company_id", "=", company.id)]):
        for metric in Metric.search([("company_id", "=", env.company.id)]):
            metric.copy({"company_id": company.id})
    metrics = Metric.search([("company_id", "=", company.id)])
    env.flush_all()
    env.invalidate_all()
    before = memory_mb("VmRSS")
    reset_peak()
    began = time.perf_counter()
    env["sales.health.snapshot"]._compute_snapshots(metrics)
    env.flush_all()
    elapsed = time.perf_counter() - began
    peak = memory_mb("VmHWM")
    print(
        f"\nHealth snapshot of {len(metrics)} metrics over {leads:,} leads: "
        f"{elapsed:.1f} s; peak memory of the process during it {peak:,.0f} MB "
        f"({before:,.0f} MB before it)"
    )


def main():
    args = parse_args(__doc__)
    sizes = [
        int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")
    ]
    with environment(args) as env:
        # importable once the configuration has set the addons path
        from odoo.addons.sales_process_framework.tools.periods import (
            tz_name,
            utc_bounds,
        )

        company, teams, users, stages = make_company(env)
        partners = generate_partners(env, company, 20_000)
        Measure = env["sales.measure"]
        start, end = (
            date.today() - timedelta(days=365),
            date.today() + timedelta(days=1),
        )
        tz = tz_name(env, company)
        low, high = utc_bounds(start, end, tz)
        target = 1_000_000.0
        rows, generated = [], 0
        for size in sizes:
            generate_leads(
                env,
                company,
                teams,
                users,
                stages,
                partners,
                size - generated,
                generated,
            )
            generated = size
            env.cr.execute("ANALYZE crm_lead")
            orm_total = sql_total = 0.0
            for code in CODES:
                env.invalidate_all()
                began = time.perf_counter()
                figures = Measure.compute(
                    code, "team", start, end, company, target=target
                )
                orm_total += time.perf_counter() - began
                began = time.perf_counter()
                env.cr.execute(
                    SQL[code],
                    {"company": company.id, "low": low, "high": high, "target": target},
                )
                expected = {
                    team or False: (float(num or 0), float(den or 0))
                    for team, num, den in env.cr.fetchall()
                }
                sql_total += time.perf_counter() - began
                got = {
                    key: tuple(round(x, 6) for x in figure)
                    for key, figure in figures.items()
                }
                want = {
                    key: tuple(round(x, 6) for x in value)
                    for key, value in expected.items()
                }
                if got != want:
                    raise SystemExit(f"{code}: engine {got} != SQL {want}")
            rows.append(
                [
                    f"{size:,}",
                    f"{orm_total * 1000:.0f}",
                    f"{sql_total * 1000:.0f}",
                    f"{orm_total / sql_total:.2f}",
                ]
            )
        print_table(
            "Five health measures per team over a year (engine vs SQL, same figures)",
            ["leads", "engine ms", "SQL ms", "ratio"],
            rows,
        )
        snapshot(env, company, generated)


if __name__ == "__main__":
    main()
