# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

SPIN_TYPES = ("situation", "problem", "implication", "need_payoff")


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "sales.guard.mixin"]

    sales_gate_enforcement = fields.Boolean(
        string="Enforce Stage Gates",
        default=True,
        help="When off, stage gates neither block nor warn (for migration days); "
        "their configuration is kept.",
        prefetch="sales_settings",
    )
    # Customer journey: response SLAs and alerts (playbook steps 2 and 6).
    first_response_sla_value = fields.Float(
        string="New-Lead Response SLA",
        default=3,
        help="Time to respond to a new lead, in working time. 0: no clock.",
        prefetch="sales_settings",
    )
    first_response_sla_unit = fields.Selection(
        [
            ("minutes", "Working Minutes"),
            ("hours", "Working Hours"),
            ("days", "Working Days"),
        ],
        default="minutes",
        required=True,
        prefetch="sales_settings",
    )
    journey_due_soon_hours = fields.Float(
        string="Due Soon Window (Hours)",
        default=4,
        help="A touchpoint is due soon this many hours before its deadline.",
        prefetch="sales_settings",
    )
    journey_grace_hours = fields.Float(
        string="Escalation Grace (Hours)",
        default=24,
        help="Hours past a deadline before the sales manager is alerted too.",
        prefetch="sales_settings",
    )
    journey_alerts = fields.Boolean(
        string="Touchpoint SLA Alerts",
        default=True,
        prefetch="sales_settings",
    )
    deliverable_alerts = fields.Boolean(
        string="Stale Deliverable Alerts",
        default=True,
        prefetch="sales_settings",
    )
    deliverable_stale_days = fields.Integer(
        string="Deliverable Stale After (Days)",
        default=3,
        help="Alert the sales manager when a deliverable required by the stage has "
        "not been updated for longer than this.",
        prefetch="sales_settings",
    )
    journey_alert_user_ids = fields.Many2many(
        "res.users",
        "res_company_journey_alert_user_rel",
        "company_id",
        "user_id",
        string="Also Alert",
        help="Receive the escalations besides the sales team's leader.",
    )

    @api.model
    @tools.ormcache("company_id")
    def _period_tz(self, company_id):
        """The time zone periods are cut in (tools/periods.py): the company's
        address's, else its working calendar's, else UTC. Cached, as every
        figure reads it; the writes that change it clear the cache."""
        # sudo: a time zone name, read for any reader of figures
        company = self.sudo().browse(company_id)
        return company.partner_id.tz or company.resource_calendar_id.tz or "UTC"

    @api.model
    @tools.ormcache()
    def _gate_relaxed_ids(self):
        """Ids of the companies that do not enforce stage gates. Cached: every
        stage move asks; creating a company or changing the setting clears it."""
        return frozenset(
            self.sudo()
            .with_context(active_test=False)
            .search([("sales_gate_enforcement", "=", False)])
            .ids
        )

    @api.model
    @tools.ormcache("company_id")
    def _journey_due_soon_hours(self, company_id):
        """A company's due-soon window in hours. Cached: every card with a
        deadline reads it; changing the setting clears it."""
        return self.sudo().browse(company_id).journey_due_soon_hours

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # a company enforces gates by default: only one created relaxed
        # changes the cached ids
        if any(
            "sales_gate_enforcement" in vals and not vals["sales_gate_enforcement"]
            for vals in vals_list
        ):
            self.env.registry.clear_cache()  # _gate_relaxed_ids
        return companies

    def write(self, vals):
        res = super().write(vals)
        if {
            "partner_id",
            "resource_calendar_id",
            "sales_gate_enforcement",
            "journey_due_soon_hours",
        } & set(vals):
            self.env.registry.clear_cache()
        # what the cards' stored gate progress and journey are computed from
        if any(
            name in vals for name in ("journey_due_soon_hours", "resource_calendar_id")
        ) or any(name.startswith("spin_") for name in vals):
            self.env["crm.lead"]._mark_cards_stale()
        return res

    @api.constrains(
        "first_response_sla_value",
        "journey_due_soon_hours",
        "journey_grace_hours",
        "deliverable_stale_days",
    )
    def _check_journey_settings(self):
        for company in self:
            for fname in (
                "first_response_sla_value",
                "journey_due_soon_hours",
                "journey_grace_hours",
                "deliverable_stale_days",
            ):
                if company[fname] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s cannot be negative; use 0 to turn it off.",
                            setting=self._fields[fname].get_description(self.env)[
                                "string"
                            ],
                        )
                    )

    # The SPIN standard of the needs-diagnosis playbook (template 3).
    spin_situation_min = fields.Integer(
        string="SPIN Situation Questions (Minimum)",
        default=5,
        prefetch="sales_settings",
    )
    spin_situation_max = fields.Integer(
        string="SPIN Situation Questions (Maximum)",
        default=8,
        prefetch="sales_settings",
    )
    spin_problem_min = fields.Integer(
        string="SPIN Problem Questions (Minimum)",
        default=3,
        prefetch="sales_settings",
    )
    spin_problem_max = fields.Integer(
        string="SPIN Problem Questions (Maximum)",
        default=5,
        prefetch="sales_settings",
    )
    spin_implication_min = fields.Integer(
        string="SPIN Implication Questions (Minimum)",
        default=2,
        prefetch="sales_settings",
    )
    spin_implication_max = fields.Integer(
        string="SPIN Implication Questions (Maximum)",
        default=3,
        prefetch="sales_settings",
    )
    spin_need_payoff_min = fields.Integer(
        string="SPIN Need-payoff Questions (Minimum)",
        default=2,
        prefetch="sales_settings",
    )
    spin_need_payoff_max = fields.Integer(
        string="SPIN Need-payoff Questions (Maximum)",
        default=3,
        prefetch="sales_settings",
    )

    @api.constrains(*[f"spin_{t}_{b}" for t in SPIN_TYPES for b in ("min", "max")])
    def _check_spin_standard(self):
        labels = self.env["crm.lead.spin.question"]._type_labels()
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
