# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers for the benchmark scripts: an Odoo environment, timing, a table.

Benchmarks are scripts, not tests: they print figures to compare runs,
never assert on time. Each script runs inside one transaction that is
rolled back, so the database is left as it was.
"""

import argparse
import contextlib
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


def measure(env, func, repeat):
    """Median seconds and queries of func() over repeat runs, each rolled back."""
    seconds, queries = [], []
    for _ in range(repeat):
        with env.cr.savepoint(flush=False) as savepoint:
            env.flush_all()
            env.invalidate_all()
            before = env.cr.sql_log_count
            start = time.perf_counter()
            func()
            env.flush_all()
            seconds.append(time.perf_counter() - start)
            queries.append(env.cr.sql_log_count - before)
            savepoint.rollback()
        env.invalidate_all()
    return statistics.median(seconds), statistics.median(queries)


def print_table(title, header, rows):
    print(f"\n{title}")
    widths = [
        max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)
    ]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths, strict=True)))
