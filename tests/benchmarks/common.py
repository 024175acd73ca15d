# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers for the benchmark scripts: an Odoo environment, timing, a table.

Benchmarks are scripts, not tests: they print figures to compare runs,
never assert on time. Each script runs inside one transaction that is
rolled back, so the database is left as it was.
"""

import argparse
import contextlib
import gc
import statistics
import time

import odoo
from odoo import SUPERUSER_ID, api


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


@contextlib.contextmanager
def environment(args):
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            yield env
        finally:
            cr.rollback()


def run_once(env, func):
    """Wall seconds, CPU seconds of this process and queries of one func(),
    rolled back. The CPU time leaves out the database's work and the
    neighbours on a shared machine. The garbage of what ran before is
    collected first: a path does not pay for the previous one's."""
    with env.cr.savepoint(flush=False) as savepoint:
        env.flush_all()
        env.invalidate_all()
        gc.collect()
        before = env.cr.sql_log_count
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        env.flush_all()
        figures = (
            time.perf_counter() - start,
            time.process_time() - start_cpu,
            env.cr.sql_log_count - before,
        )
        savepoint.rollback()
    env.invalidate_all()
    return figures


def measure(env, func, repeat):
    """Median seconds and queries of func() over repeat runs, each rolled back."""
    runs = [run_once(env, func) for _ in range(repeat)]
    return (
        statistics.median(seconds for seconds, _cpu, _queries in runs),
        statistics.median(queries for _seconds, _cpu, queries in runs),
    )


def print_table(title, header, rows):
    print(f"\n{title}")
    widths = [
        max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)
    ]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths, strict=True)))
