# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SPIN_TYPES = ("situation", "problem", "implication", "need_payoff")


class ResCompany(models.Model):
    _inherit = "res.company"

    sales_gate_enforcement = fields.Boolean(
        string="Enforce Stage Gates",
        default=True,
        help="When off, stage gates neither block nor warn (for migration days); "
        "their configuration is kept.",
    )
    # The SPIN standard of the needs-diagnosis playbook (template 3).
    spin_situation_min = fields.Integer(
        string="SPIN Situation Questions (Minimum)", default=5
    )
    spin_situation_max = fields.Integer(
        string="SPIN Situation Questions (Maximum)", default=8
    )
    spin_problem_min = fields.Integer(
        string="SPIN Problem Questions (Minimum)", default=3
    )
    spin_problem_max = fields.Integer(
        string="SPIN Problem Questions (Maximum)", default=5
    )
    spin_implication_min = fields.Integer(
        string="SPIN Implication Questions (Minimum)", default=2
    )
    spin_implication_max = fields.Integer(
        string="SPIN Implication Questions (Maximum)", default=3
    )
    spin_need_payoff_min = fields.Integer(
        string="SPIN Need-payoff Questions (Minimum)", default=2
    )
    spin_need_payoff_max = fields.Integer(
        string="SPIN Need-payoff Questions (Maximum)", default=3
    )

    @api.constrains(*[f"spin_{t}_{b}" for t in SPIN_TYPES for b in ("min", "max")])
    def _check_spin_standard(self):
        labels = dict(
            self.env["crm.lead.spin.question"]
            ._fields["question_type"]
            ._description_selection(self.env)
        )
        for company in self:
            for spin_type in SPIN_TYPES:
                low = company[f"spin_{spin_type}_min"]
                high = company[f"spin_{spin_type}_max"]
                if low < 0 or high < low:
                    raise ValidationError(
                        self.env._(
                            "SPIN standard for %(type)s questions: the minimum "
                            "(%(min)s) must be zero or more and not above the "
                            "maximum (%(max)s).",
                            type=labels[spin_type],
                            min=low,
                            max=high,
                        )
                    )

    def _spin_standard(self):
        """{question type: (min, max)} of this company."""
        self.ensure_one()
        return {t: (self[f"spin_{t}_min"], self[f"spin_{t}_max"]) for t in SPIN_TYPES}
