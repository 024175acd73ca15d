# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A salesperson's hot paths with the suite and on stock Odoo, in one run.

    python tests/benchmarks/bench_vs_stock.py -c .suite/odoo.conf [--keep] [--prefix P]

Builds two databases without demo data: ``bench_stock`` with ``crm`` only and
``bench_suite`` with the three addons, fills both with the same data (one
team, three stages of its own, 1,000 opportunities of one salesperson; with
the suite, the first stage carries five blocking exit criteria of five kinds,
all met), then measures as that salesperson, with mail tracking on, the
median of --repeat runs (9 by default) of:

- the kanban ``web_search_read`` of 80 cards, with the fields of the kanban
  view that the salesperson gets;
- one ``write`` moving 1,000 opportunities to the next stage, and one moving
  100.

Stock and suite are measured alternately, each path in turn. It prints the
wall and CPU milliseconds of this process (the CPU time leaves out the
database and the neighbours on a shared machine), the queries and the
ratios suite / stock. The databases are
dropped at the end unless --keep is given (then a second run reuses them);
--prefix names them ``P_stock`` and ``P_suite`` instead, so that two clones
on one server do not share them.
"""

import argparse
import os
import statistics
import subprocess
import sys

from lxml import etree

sys.path.insert(0, os.path.dirname(__file__))

from common import print_table, run_once  # noqa: E402

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

SUITE = "sales_process_framework,sales_team_performance,sales_key_accounts"
MODULES = (("stock", "crm"), ("suite", SUITE))
LEADS = 1000
CARDS = 80


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--prefix", default="bench")
    return parser.parse_args()


def database_exists(name):
    out = subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-tAc",
            f"select 1 from pg_database where datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "1"


def build(config, name, modules):
    if database_exists(name):
        return
    print(f"building {name} with {modules} (no demo data)", file=sys.stderr)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            config,
            "-d",
            name,
            "-i",
            modules,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def kanban_specification(Lead):
    """The fields of the kanban view the user gets, as the web client asks them."""
    views = Lead.get_views([(False, "kanban")])
    arch = etree.fromstring(views["views"]["kanban"]["arch"])
    names = {
        node.get("name")
        for node in arch.iter("field")
        if not any(parent.tag == "field" for parent in node.iterancestors())
    }
    fields = Lead._fields
    return {
        name: {"fields": {"display_name": {}}} if fields[name].relational else {}
        for name in sorted(names)
        if name in fields
    }


def fill(env, suite):
    """The same data on both databases; the suite's gates on the first stage."""
    rep = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench salesperson",
                "login": "bench.salesperson",
                "groups_id": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])],
            }
        )
    )
    team = env["crm.team"].create({"name": "Bench team", "member_ids": [(4, rep.id)]})
    stages = env["crm.stage"].create(
        [{"name": f"Bench {i}", "sequence": i, "team_id": team.id} for i in (1, 2, 3)]
    )
    partner = env["res.partner"].create({"name": "Bench customer"})
    leads = (
        env["crm.lead"]
        .with_context(tracking_disable=True)
        .create(
            [
                {
                    "name": f"Bench opportunity {i}",
                    "type": "opportunity",
                    "team_id": team.id,
                    "user_id": rep.id,
                    "stage_id": stages[0].id,
                    "partner_id": partner.id,
                    "expected_revenue": 5000 + i,
                }
                for i in range(LEADS)
            ]
        )
    )
    if suite:
        gate(env, stages[0], leads)
    env.flush_all()
    return rep, team, stages, leads


def gate(env, stage, leads):
    """Five blocking exit criteria of five kinds on the stage, all met."""
    Criterion = env["sales.gate.criterion"]
    call = env.ref("mail.mail_activity_data_call")
    document = env["sales.deliverable.type"].create({"name": "Bench document"})
    checklist = Criterion.create(
        {"name": "Ticked", "stage_id": stage.id, "kind": "checklist"}
    )
    Criterion.create(
        [
            {
                "name": "Customer",
                "stage_id": stage.id,
                "kind": "field",
                "field_id": env.ref("crm.field_crm_lead__partner_id").id,
            },
            {
                "name": "Budget",
                "stage_id": stage.id,
                "kind": "domain",
                "domain": "[('expected_revenue', '>=', 1000)]",
            },
            {
                "name": "Call",
                "stage_id": stage.id,
                "kind": "activity",
                "activity_type_id": call.id,
            },
            {
                "name": "Document",
                "stage_id": stage.id,
                "kind": "deliverable",
                "deliverable_type_id": document.id,
            },
        ]
    )
    quiet = leads.with_context(tracking_disable=True)
    quiet.write({"gate_checked_ids": [(4, checklist.id)]})
    env["crm.lead.deliverable"].create(
        [
            {
                "lead_id": lead.id,
                "type_id": document.id,
                "file": b"YmVuY2g=",
                "file_name": "b.txt",
            }
            for lead in leads
        ]
    )
    activities = env["mail.activity"].create(
        [
            {
                "res_model_id": env["ir.model"]._get_id("crm.lead"),
                "res_id": lead.id,
                "activity_type_id": call.id,
                "user_id": lead.user_id.id,
            }
            for lead in leads
        ]
    )
    activities._action_done()
    leads.invalidate_recordset()
    unmet = leads.filtered(lambda lead: lead.gate_exit_done != lead.gate_exit_total)
    assert not unmet and leads[0].gate_exit_total == 5, "a criterion is not met"


def prepare(name, suite):
    """A cursor on the database, filled, and the paths to measure on it."""
    registry = odoo.modules.registry.Registry(name)
    cr = registry.cursor()
    admin = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    rep, team, stages, leads = fill(admin, suite)
    env = api.Environment(cr, rep.id, {"lang": "en_US", "tz": "UTC"})
    Lead = env["crm.lead"]
    spec = kanban_specification(Lead)
    domain = [("type", "=", "opportunity"), ("team_id", "=", team.id)]
    mine = Lead.browse(leads.ids)
    paths = {
        "kanban": lambda: Lead.web_search_read(domain, spec, limit=CARDS),
        "move 1000": lambda: mine.write({"stage_id": stages[1].id}),
        "move 100": lambda: mine[:100].write({"stage_id": stages[1].id}),
    }
    return cr, env, paths, len(spec)


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config])
    databases = [
        (label, f"{args.prefix}_{label}", modules) for label, modules in MODULES
    ]
    for _label, name, modules in databases:
        build(args.config, name, modules)
    prepared = {
        label: prepare(name, label == "suite") for label, name, _modules in databases
    }
    paths = list(prepared["stock"][2])
    runs = {(label, path): [] for label in prepared for path in paths}
    # stock and suite alternately, each first in turn: the neighbours on a
    # shared machine weigh on both alike
    for index in range(args.repeat):
        order = list(prepared) if index % 2 == 0 else list(reversed(prepared))
        for path in paths:
            for label in order:
                _cr, env, functions, _fields = prepared[label]
                runs[label, path].append(run_once(env, functions[path]))
    for cr, *_rest in prepared.values():
        cr.rollback()
        cr.close()

    def median(label, path, index):
        return statistics.median(run[index] for run in runs[label, path])

    rows = []
    for path in paths:
        stock_s, stock_cpu, stock_q = (median("stock", path, i) for i in range(3))
        suite_s, suite_cpu, suite_q = (median("suite", path, i) for i in range(3))
        rows.append(
            [
                path,
                f"{stock_s * 1000:.1f}",
                f"{stock_cpu * 1000:.1f}",
                stock_q,
                f"{suite_s * 1000:.1f}",
                f"{suite_cpu * 1000:.1f}",
                suite_q,
                f"{suite_s / stock_s:.2f}",
                f"{suite_cpu / stock_cpu:.2f}",
                suite_q - stock_q,
            ]
        )
    print_table(
        f"Salesperson, mail tracking on, {LEADS} opportunities, kanban of {CARDS} "
        f"cards ({prepared['stock'][3]} fields stock, "
        f"{prepared['suite'][3]} with the suite); median of {args.repeat} runs, "
        "stock and suite alternately",
        [
            "path",
            "stock ms",
            "stock CPU ms",
            "stock q",
            "suite ms",
            "suite CPU ms",
            "suite q",
            "time ratio",
            "CPU ratio",
            "extra q",
        ],
        rows,
    )
    if not args.keep:
        for _label, name, _modules in databases:
            # the registry's pool still holds a connection to it
            odoo.sql_db.close_db(name)
            subprocess.run(["dropdb", name], check=True)


if __name__ == "__main__":
    main()
