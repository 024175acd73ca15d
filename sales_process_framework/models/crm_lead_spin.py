# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import api, fields, models

from .res_company import SPIN_TYPES


class CrmLead(models.Model):
    """SPIN needs diagnosis: the questions asked and the company's standard."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    # SPIN needs diagnosis
    spin_question_ids = fields.One2many(
        "crm.lead.spin.question", "lead_id", string="SPIN Questions"
    )
    spin_target = fields.Char(
        string="Customer's Target",
        tracking=True,
        help="The result the customer states in the need-payoff answers, "
        "e.g. '+15% line efficiency'.",
    )
    spin_status = fields.Char(compute="_compute_spin", string="SPIN Status")
    spin_met = fields.Boolean(compute="_compute_spin", string="SPIN Standard Met")

    @api.depends(
        "spin_question_ids.answer", "spin_question_ids.question_type", "spin_target"
    )
    @api.depends_context("lang")
    def _compute_spin(self):
        summary = self._origin.filtered("id")._spin_summary()
        for lead in self:
            info = summary.get(lead._origin.id) or lead._spin_info({})
            lead.spin_status = info["status"]
            lead.spin_met = info["met"]

    def _spin_summary(self):
        """{lead id: {"met", "gap", "status", "counts"}}: one grouped query."""
        counts = {}
        for lead, question_type, count in (
            self.env["crm.lead.spin.question"]
            .sudo()
            ._read_group(
                [("lead_id", "in", self.ids), ("answer", "!=", False)],
                ["lead_id", "question_type"],
                ["__count"],
            )
        ):
            counts.setdefault(lead.id, {})[question_type] = count
        return {lead.id: lead._spin_info(counts.get(lead.id, {})) for lead in self}

    def _spin_info(self, counts):
        self.ensure_one()
        standard = (self.company_id or self.env.company)._spin_standard()
        labels = dict(
            self.env["crm.lead.spin.question"]
            ._fields["question_type"]
            ._description_selection(self.env)
        )
        gaps, status = [], []
        for spin_type in SPIN_TYPES:
            low, _high = standard[spin_type]
            have = counts.get(spin_type, 0)
            status.append(f"{labels[spin_type]} {have}/{low}")
            if have < low:
                gaps.append(
                    self.env._(
                        "%(count)s more %(type)s question(s)",
                        count=low - have,
                        type=labels[spin_type],
                    )
                )
        if not self.spin_target:
            gaps.append(self.env._("the customer's target is not stated"))
        return {
            "met": not gaps,
            "gap": ", ".join(gaps),
            "status": " · ".join(status),
            "counts": counts,
        }
