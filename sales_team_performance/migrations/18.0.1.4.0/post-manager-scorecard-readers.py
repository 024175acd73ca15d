# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every manager scorecard is read by the sales administrators only.

The rule lives in a noupdate block, so an upgrade does not load its new
groups: the performance managers (every team leader) lose the rule that
showed them the other managers' cards, the sales administrators get it.
A rule an administrator has already given other groups keeps them.
"""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref(
        "sales_team_performance.sales_manager_scorecard_rule_all",
        raise_if_not_found=False,
    )
    performance = env.ref("sales_team_performance.group_performance_manager")
    if rule and performance in rule.groups:
        rule.groups = [
            Command.unlink(performance.id),
            Command.link(env.ref("sales_team.group_sale_manager").id),
        ]
