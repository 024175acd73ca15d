# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Re-tiering of 100,000 customers with 1,000,000 won deals vs hand-written SQL.

    python tests/benchmarks/bench_tiering.py -c .suite/odoo.conf -d DB

Needs sales_key_accounts installed. The scores' inputs (won revenue and deals
over the window, days since the last win, open pipeline) come from the
measurement engine's grouped reads; a hand-written SQL query computes the
same per customer; the script checks they agree and times both, then times
the whole re-tiering (scores, tiers, history, chatter) twice: a first run
where every customer changes tier, and a second where none does; then as
many chatter notes as the first run posts, logged by Odoo alone, for
comparison. Prints the process's peak memory. Rolled back at the end.
Sizes: BENCH_PARTNERS and BENCH_DEALS in the environment.
"""

import os
import resource
import sys
import time
from datetime import timedelta

from markupsafe import Markup

sys.path.insert(0, os.path.dirname(__file__))

from common import environment, parse_args, print_table  # noqa: E402
from generate import generate_leads, generate_partners, make_company  # noqa: E402

SQL = """
    SELECT partner_id,
           sum(expected_revenue) FILTER (WHERE date_closed >= %(window)s),
           count(*) FILTER (WHERE date_closed >= %(window)s),
           EXTRACT(EPOCH FROM %(end)s - max(date_closed)) / 86400.0
      FROM crm_lead
     WHERE (company_id = %(company)s OR company_id IS NULL)
       AND type = 'opportunity' AND active AND probability = 100
       AND date_closed >= %(horizon)s AND date_closed < %(end)s
       AND partner_id IS NOT NULL
     GROUP BY partner_id
"""


def seconds(figures):
    return [f"{value:.2f}" for value in figures]


def main():
    args = parse_args(__doc__)
    partners_count = int(os.environ.get("BENCH_PARTNERS", 100_000))
    deals = int(os.environ.get("BENCH_DEALS", 1_000_000))
    with environment(args) as env:
        from dateutil.relativedelta import relativedelta

        from odoo.addons.sales_key_accounts.tools.scoring import (
            RECENCY_HORIZON_DAYS,
        )
        from odoo.addons.sales_process_framework.tools.periods import (
            today_in,
            tz_name,
            utc_bounds,
        )

        company, teams, users, stages = make_company(env)
        # a new company gets the default tiers and scorecard; copy them else
        for model in ("sales.account.tier", "sales.account.score.factor"):
            if not env[model].search_count([("company_id", "=", company.id)]):
                for record in env[model].search([("company_id", "=", env.company.id)]):
                    record.copy({"company_id": company.id})
        partners = generate_partners(env, company, partners_count)
        generate_leads(
            env, company, teams, users, stages, partners, deals, won_only=True
        )
        env.cr.execute("ANALYZE crm_lead")
        env.cr.execute("ANALYZE res_partner")
        day = today_in(env)
        Tiering = env["sales.account.tiering"]

        def timed(func):
            """(result, wall seconds, seconds of this process's CPU): the
            machine is shared, the CPU time tells our work from the waits."""
            wall, cpu = time.perf_counter(), time.process_time()
            result = func()
            env.flush_all()
            return result, time.perf_counter() - wall, time.process_time() - cpu

        inputs, *engine = timed(lambda: Tiering._score_inputs(company, day))

        tz = tz_name(env, company)
        end = day + timedelta(days=1)
        window, high = utc_bounds(
            day - relativedelta(months=company.account_window_months), end, tz
        )
        horizon, _high = utc_bounds(day - timedelta(days=RECENCY_HORIZON_DAYS), end, tz)

        def hand_written():
            env.cr.execute(
                SQL,
                {
                    "company": company.id,
                    "window": window,
                    "end": high,
                    "horizon": horizon,
                },
            )
            return env.cr.fetchall()

        rows, *sql = timed(hand_written)
        for partner_id, revenue, count, recency in rows:
            if count:
                assert abs(inputs["revenue"][partner_id] - float(revenue)) < 1e-6
                assert inputs["deals"][partner_id] == count
            assert abs(inputs["recency"][partner_id] - float(recency)) < 1e-3

        def changes():
            env.cr.execute(
                "SELECT count(*) FROM sales_account_tier_history h"
                " JOIN res_partner p ON p.id = h.partner_id WHERE p.company_id = %s",
                [company.id],
            )
            return env.cr.fetchone()[0]

        retiered, *retier = timed(Tiering._cron_retier)
        first = changes()
        _retiered, *again = timed(Tiering._cron_retier)
        second = changes() - first
        # Odoo's own share of a first run: the same number of chatter notes
        # logged with _message_log_batch alone, in batches of the same size.
        customers = env["res.partner"].browse(partners)

        def log_notes():
            for start in range(0, len(customers), 1000):
                batch = customers[start : start + 1000]
                batch._message_log_batch(
                    bodies={
                        partner_id: Markup("<p>Tier: A → B</p><p>Score 50</p>")
                        for partner_id in batch.ids
                    }
                )
                env.flush_all()
                env.invalidate_all()

        _notes, *notes = timed(log_notes)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print_table(
            f"Scores of {partners_count:,} customers with {deals:,} won deals "
            f"(same figures checked)",
            ["step", "seconds", "CPU seconds"],
            [
                ["engine: score inputs (4 grouped reads)", *seconds(engine)],
                ["hand-written SQL: same inputs", *seconds(sql)],
                ["ratio engine / SQL", f"{engine[0] / sql[0]:.2f}", ""],
                [
                    f"whole re-tiering ({retiered:,} customers, {first:,} changes)",
                    *seconds(retier),
                ],
                [f"second re-tiering ({second:,} changes)", *seconds(again)],
                [
                    f"Odoo alone: {len(customers):,} chatter notes "
                    "(_message_log_batch)",
                    *seconds(notes),
                ],
            ],
        )
        print(f"peak memory of the process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
