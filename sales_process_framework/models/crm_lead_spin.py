# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import api, fields, models
from odoo.tools import SQL

from .crm_lead_spin_pain import SPIN_MIN_PAINS
from .res_company import SPIN_TYPES


class CrmLead(models.Model):
    """SPIN needs diagnosis (template 3): the questions asked, the record of
    each step and its exit, and the company's standard."""

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
    # the record of each step: background record, pain list with its impact
    # analysis, needs confirmation
    spin_background = fields.Text(
        string="Background Record",
        help="The customer's current situation as they described it: "
        "processes, tools, volumes. The situation step ends when it is written.",
    )
    spin_pain_ids = fields.One2many("crm.lead.spin.pain", "lead_id", string="Pain List")
    spin_needs_confirmation = fields.Text(
        string="Needs Confirmation",
        help="The needs and expected results the customer confirmed.",
    )
    spin_status = fields.Char(compute="_compute_spin", string="SPIN Status")
    spin_met = fields.Boolean(compute="_compute_spin", string="SPIN Standard Met")
    spin_warning = fields.Char(
        compute="_compute_spin",
        string="SPIN Warning",
        help="Question types with more answered questions than the standard's "
        "maximum: a diagnosis that asks too much of one kind.",
    )
    spin_over_max = fields.Boolean(
        compute="_compute_spin",
        search="_search_spin_over_max",
        string="Too Many SPIN Questions",
        help="More answered questions of a type than the standard's maximum.",
    )
    spin_situation_done = fields.Boolean(
        compute="_compute_spin", string="Situation Step Done"
    )
    spin_problem_done = fields.Boolean(
        compute="_compute_spin", string="Problem Step Done"
    )
    spin_implication_done = fields.Boolean(
        compute="_compute_spin", string="Implication Step Done"
    )
    spin_need_payoff_done = fields.Boolean(
        compute="_compute_spin", string="Need-payoff Step Done"
    )

    @api.depends(
        "spin_question_ids.answer",
        "spin_question_ids.question_type",
        "spin_target",
        "spin_background",
        "spin_pain_ids.severity_agreed",
    )
    @api.depends_context("lang")
    def _compute_spin(self):
        summary = self._origin.filtered("id")._spin_summary()
        for lead in self:
            info = summary.get(lead._origin.id) or lead._spin_info({})
            lead.spin_status = info["status"]
            lead.spin_met = info["met"]
            lead.spin_warning = info["warning"]
            lead.spin_over_max = bool(info["warning"])
            for spin_type in SPIN_TYPES:
                lead[f"spin_{spin_type}_done"] = spin_type in info["done"]

    def _search_spin_over_max(self, operator, value):
        """The opportunities with more answered questions of a type than their
        company's standard allows: one grouped query."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                self.env._("Search “Too Many SPIN Questions” as set or not set.")
            )
        self.env["crm.lead.spin.question"].flush_model(
            ["lead_id", "question_type", "answer"]
        )
        self.flush_model(["company_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT q.lead_id
                  FROM crm_lead_spin_question q
                  JOIN crm_lead l ON l.id = q.lead_id
                  JOIN res_company c ON c.id = COALESCE(l.company_id, %(company)s)
                 WHERE q.answer != ''
              GROUP BY q.lead_id, q.question_type, c.id
                HAVING COUNT(*) > CASE q.question_type
                        WHEN 'situation' THEN MAX(c.spin_situation_max)
                        WHEN 'problem' THEN MAX(c.spin_problem_max)
                        WHEN 'implication' THEN MAX(c.spin_implication_max)
                        ELSE MAX(c.spin_need_payoff_max) END
                """,
                company=self.env.company.id,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def _spin_summary(self):
        """{lead id: {"met", "gap", "status", "warning", "done", "counts"}}:
        one grouped query for the answered questions and the pains."""
        counts = {}
        if self:
            self.env["crm.lead.spin.question"].flush_model(
                ["lead_id", "question_type", "answer"]
            )
            self.env["crm.lead.spin.pain"].flush_model(["lead_id", "severity_agreed"])
            self.env.cr.execute(
                SQL(
                    """
                    SELECT lead_id, question_type, COUNT(*)
                      FROM crm_lead_spin_question
                     WHERE lead_id = ANY(%(ids)s) AND answer != ''
                  GROUP BY lead_id, question_type
                 UNION ALL
                    SELECT lead_id,
                           CASE WHEN severity_agreed THEN 'pain_agreed'
                                ELSE 'pain' END,
                           COUNT(*)
                      FROM crm_lead_spin_pain
                     WHERE lead_id = ANY(%(ids)s)
                  GROUP BY 1, 2
                    """,
                    ids=self.ids,
                )
            )
            for lead_id, key, count in self.env.cr.fetchall():
                counts.setdefault(lead_id, {})[key] = count
        # what every lead's summary reads alike, once for the batch
        labels = self.env["crm.lead.spin.question"]._type_labels()
        standards = {}

        def standard(company):
            # keyed by the plain id: hashing a record costs more than the rest
            if company.id not in standards:
                standards[company.id] = company._spin_standard()
            return standards[company.id]

        return {
            lead.id: lead._spin_info(
                counts.get(lead.id, {}),
                labels=labels,
                standard=standard(lead.company_id or self.env.company),
            )
            for lead in self
        }

    def _spin_info(self, counts, labels=None, standard=None):
        """The standard (minimum answered questions per type), each step's exit
        and the maximums, from counts {type or "pain"/"pain_agreed": count}.

        :param labels: the question types' labels, when the caller has them
        :param standard: the company's standard, when the caller has it
        """
        self.ensure_one()
        if standard is None:
            standard = (self.company_id or self.env.company)._spin_standard()
        labels = labels or self.env["crm.lead.spin.question"]._type_labels()
        agreed = counts.get("pain_agreed", 0)
        pains = counts.get("pain", 0) + agreed
        # each step's exit (template 3), beside its questions
        exits = {
            "situation": bool(self.spin_background and self.spin_background.strip()),
            "problem": pains >= SPIN_MIN_PAINS,
            "implication": bool(agreed),
            "need_payoff": bool(self.spin_target),
        }
        # the words of the exits not met only: a thousand leads' summaries
        # translate what they tell, not every sentence
        exit_gaps = {
            "situation": lambda: self.env._("the background record is empty"),
            "problem": lambda: self.env._(
                "%(count)s more pain(s) to name", count=SPIN_MIN_PAINS - pains
            ),
            "implication": lambda: self.env._(
                "no pain's severity is agreed by the customer"
            ),
            "need_payoff": lambda: self.env._("the customer's target is not stated"),
        }
        gaps, status, warnings, done = [], [], [], []
        for spin_type in SPIN_TYPES:
            low, high = standard[spin_type]
            have = counts.get(spin_type, 0)
            line = f"{labels[spin_type]} {have}/{low}"
            if have > high:
                line = self.env._("%(line)s (max %(max)s)", line=line, max=high)
                warnings.append(
                    self.env._(
                        "%(count)s %(type)s questions, the standard's maximum "
                        "is %(max)s",
                        count=have,
                        type=labels[spin_type],
                        max=high,
                    )
                )
            status.append(line)
            if have < low:
                gaps.append(
                    self.env._(
                        "%(count)s more %(type)s question(s)",
                        count=low - have,
                        type=labels[spin_type],
                    )
                )
            if have >= low and exits[spin_type]:
                done.append(spin_type)
        gaps += [exit_gaps[t]() for t in SPIN_TYPES if not exits[t]]
        return {
            "met": not gaps,
            "gap": ", ".join(gaps),
            "status": " · ".join(status),
            "warning": "; ".join(warnings),
            "done": done,
            "counts": counts,
        }

    def action_spin_load_questions(self):
        """Add the question bank's questions for the customer's industry (and
        the questions for any industry) that the opportunity does not have
        yet. The salesperson's own rights apply: only on an opportunity they
        may change."""
        self.check_access("write")
        # the bank's active questions only, whatever the caller's context
        Template = self.env["sales.spin.question.template"].with_context(
            active_test=True
        )
        Question = self.env["crm.lead.spin.question"]
        bank = Template.search(
            [("company_id", "in", [False, *self.company_id.ids])]
        ).sorted(lambda t: (SPIN_TYPES.index(t.question_type), t.sequence, t.id))
        values = []
        for lead in self:
            industry = (
                lead.partner_id.industry_id
                or lead.partner_id.commercial_partner_id.industry_id
            )
            have = {
                (q.question_type, (q.question or "").strip().lower())
                for q in lead.spin_question_ids
            }
            loaded = lead.spin_question_ids.template_id
            sequence = max(lead.spin_question_ids.mapped("sequence"), default=0)
            for template in bank:
                if template.industry_id not in (industry, Template.industry_id):
                    continue
                if template.company_id not in (lead.company_id, Template.company_id):
                    continue
                key = (template.question_type, template.question.strip().lower())
                if template in loaded or key in have:
                    continue
                have.add(key)
                sequence += 1
                values.append(
                    {
                        "lead_id": lead.id,
                        "question_type": template.question_type,
                        "question": template.question,
                        "template_id": template.id,
                        "sequence": sequence,
                    }
                )
        Question.create(values)
        return True
