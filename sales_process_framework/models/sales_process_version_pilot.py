# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a pilot learns besides its metrics: its salespeople's feedback, its
customers' survey (NPS) and the conclusion of its summary report."""

from datetime import timedelta

from odoo import api, fields, models

from ..tools.figure import Figure

SCALE = 100.0


class SalesProcessVersion(models.Model):
    _inherit = "sales.process.version"  # pylint: disable=consider-merging-classes-inherited

    feedback_ids = fields.One2many(
        "sales.pilot.feedback", "version_id", string="Feedback"
    )
    nps_ids = fields.One2many("sales.pilot.nps", "version_id", string="Customer Survey")
    feedback_count = fields.Integer(compute="_compute_feedback_count")
    nps_value = fields.Float(
        string="Customers' NPS",
        compute="_compute_nps",
        help="Net promoter score of the pilot's customer survey: % promoters "
        "(9-10) minus % detractors (0-6).",
    )
    nps_answers = fields.Integer(string="Survey Answers", compute="_compute_nps")
    conclusion = fields.Html(
        help="The pilot's conclusion, printed on its summary report: what to "
        "keep, what to change before the roll-out."
    )

    def _compute_feedback_count(self):
        counts = dict(
            self.env["sales.pilot.feedback"]._read_group(
                [("version_id", "in", self.ids)], ["version_id"], ["__count"]
            )
        )
        for version in self:
            version.feedback_count = counts.get(version, 0)

    @api.depends("nps_ids.score", "nps_ids.date", "date_start", "date_end")
    def _compute_nps(self):
        versions = self.filtered("id")
        figures = {}
        if versions:
            # the answers of each pilot from its start, also those given
            # after its end, in one grouped read for all of them
            end = max(versions.mapped("date_end") + [fields.Date.context_today(self)])
            figures = self.env["sales.measure"].compute(
                "pilot_nps",
                "pilot",
                min(versions.mapped("date_start")),
                end + timedelta(days=1),
                self.env.company,
                domain=[("version_id", "in", versions.ids)],
            )
        for version in self:
            figure = figures.get(version.id, Figure())
            version.nps_value = figure.value(SCALE) or 0.0
            version.nps_answers = int(figure.denominator)

    def summary_feedback(self):
        """[(kind label, stage name, count, accepted)] of the pilot's
        feedback, for its summary report."""
        self.ensure_one()
        Feedback = self.env["sales.pilot.feedback"]
        kinds = dict(Feedback._fields["kind"]._description_selection(self.env))
        rows = Feedback._read_group(
            [("version_id", "=", self.id)],
            ["kind", "stage_id", "state"],
            ["__count"],
        )
        table = {}
        for kind, stage, state, count in rows:
            key = (kinds[kind], stage.name or "")
            total, accepted = table.get(key, (0, 0))
            if state == "accepted":
                accepted += count
            table[key] = (total + count, accepted)
        return [(kind, stage, *table[(kind, stage)]) for kind, stage in sorted(table)]

    def action_view_feedback(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_process_framework.sales_pilot_feedback_action"
        )
        action["domain"] = [("version_id", "=", self.id)]
        action["context"] = {"default_version_id": self.id}
        return action
