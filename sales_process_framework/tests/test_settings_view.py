# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import TransactionCase, tagged

THRESHOLD_PAIRS = {
    "spin_situation": ("min", "max", "Minimum", "Maximum"),
    "spin_problem": ("min", "max", "Minimum", "Maximum"),
    "spin_implication": ("min", "max", "Minimum", "Maximum"),
    "spin_need_payoff": ("min", "max", "Minimum", "Maximum"),
    "health_cycle": ("healthy", "alert", "Healthy", "Alert"),
    "health_node": ("healthy", "alert", "Healthy", "Alert"),
    "health_needs": ("healthy", "alert", "Healthy", "Alert"),
    "health_nps": ("healthy", "alert", "Healthy", "Alert"),
}


@tagged("post_install", "-at_install")
class TestSettingsLabels(TransactionCase):
    def test_every_threshold_of_a_pair_says_which_one_it_is(self):
        views = self.env["res.config.settings"].get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        for prefix, (low, high, low_label, high_label) in THRESHOLD_PAIRS.items():
            for suffix, label in ((low, low_label), (high, high_label)):
                field = f"{prefix}_{suffix}"
                labels = arch.xpath(f"//label[@for='{field}']")
                self.assertEqual(
                    [node.get("string") for node in labels],
                    [label],
                    f"{field} needs its own '{label}' label in Settings",
                )
