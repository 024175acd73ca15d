# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sales_process_framework.tools.figure import Figure
from odoo.addons.sales_process_framework.tools.periods import (
    period_bounds,
    period_step,
    today_in,
)

# the playbook's targets of the shipped tiers, by code: (retention, churn) %;
# companies lose 10-15% of their customers a year, key accounts least
PLAYBOOK_TARGETS = {
    "KA": (95.0, 5.0),
    "A": (90.0, 10.0),
    "B": (85.0, 15.0),
    "C": (80.0, 20.0),
}
DEFAULT_TARGETS = (90.0, 10.0)


class SalesAccountTier(models.Model):
    """Each tier's retention target and acceptable churn (the guide: set an
    acceptable churn level and a retention target, then track them)."""

    _inherit = "sales.account.tier"

    retention_target = fields.Float(
        string="Retention Target (%)",
        default=DEFAULT_TARGETS[0],
        aggregator=False,
        help="The share of the tier's customers active at the start of a "
        "quarter that should still buy at its end.",
    )
    churn_acceptable = fields.Float(
        string="Acceptable Churn (%)",
        default=DEFAULT_TARGETS[1],
        aggregator=False,
        help="The share of the tier's customers the company accepts to lose "
        "in a quarter; above it, the key-account managers are alerted.",
    )

    @api.constrains("retention_target", "churn_acceptable")
    def _check_retention_target(self):
        for tier in self:
            if not (
                0 <= tier.retention_target <= 100 and 0 <= tier.churn_acceptable <= 100
            ):
                raise ValidationError(
                    self.env._(
                        "Tier “%s”: the retention target and the acceptable churn "
                        "are percentages; give values between 0 and 100.",
                        tier.name,
                    )
                )

    @api.model
    def _apply_playbook_targets(self):
        """Give the tiers of the playbook's codes, in every company, its
        targets, unless a company changed them already."""
        for code, (retention, churn) in PLAYBOOK_TARGETS.items():
            self.search(
                [
                    ("code", "=", code),
                    ("retention_target", "=", DEFAULT_TARGETS[0]),
                    ("churn_acceptable", "=", DEFAULT_TARGETS[1]),
                ]
            ).write({"retention_target": retention, "churn_acceptable": churn})


class SalesAccountRetentionAlert(models.Model):
    """A tier whose retention fell below its target (or whose churn rose
    above the acceptable level) in a period: raised once per tier and
    period, for the key-account managers to find the root cause."""

    _name = "sales.account.retention.alert"
    _description = "Retention Alert"
    _order = "period_start desc, tier_id"
    _inherit = ["mail.thread", "mail.activity.mixin", "sales.guard.mixin"]
    # the figures of the period as the check found them: managers discuss
    # them in the chatter, nobody edits them
    _writable_fields = {}
    _create_fields = {}

    company_id = fields.Many2one("res.company", required=True, index=True)
    tier_id = fields.Many2one("sales.account.tier", required=True, ondelete="cascade")
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    active_count = fields.Integer(string="Active at Start")
    retention_rate = fields.Float(string="Retention (%)")
    churn_rate = fields.Float(string="Churn (%)")
    retention_target = fields.Float(string="Retention Target (%)")
    churn_acceptable = fields.Float(string="Acceptable Churn (%)")

    _sql_constraints = [
        (
            "tier_period_uniq",
            "unique(tier_id, period_start)",
            "A tier is alerted once per period.",
        ),
    ]

    @api.depends("tier_id", "period_start")
    def _compute_display_name(self):
        for alert in self:
            alert.display_name = f"{alert.tier_id.name} {alert.period_start or ''}"

    def action_open_exit_interviews(self):
        """The exit interviews of the tier's customers who left in the period."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_key_accounts.sales_account_exit_interview_action"
        )
        action["domain"] = [
            ("tier_id", "=", self.tier_id.id),
            ("period_start", "=", self.period_start),
        ]
        action["context"] = {}
        return action

    @api.model
    def action_check_targets(self):
        """The button of the retention alerts: check the last completed
        quarter of the current company now (those who may create alerts)."""
        self.check_access("create")
        self._check_targets(self.env.company)
        return self.env["ir.actions.act_window"]._for_xml_id(
            "sales_key_accounts.sales_account_retention_alert_action"
        )

    @api.model
    def _cron_retention_alerts(self):
        """Each company's last completed quarter against its tiers' targets."""
        companies = self.env["sales.account.tier"].search([]).company_id
        alerts = self.browse()
        for done, company in enumerate(companies, 1):
            alerts |= self._check_targets(company)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(companies) - done
            )
        return alerts

    @api.model
    def _check_targets(self, company, day=None):
        """Alert each tier below target in the quarter before day; once per
        tier and period (idempotent through the unique key)."""
        day = day or today_in(self.env)
        end, _next = period_bounds(day, "quarter")
        start = end - period_step("quarter")
        figures, _churned = self.env["sales.account.retention"]._tier_figures(
            company, start, end
        )
        by_tier = defaultdict(Figure)
        for (tier_id, _team_id), figure in figures.items():
            if tier_id:
                by_tier[tier_id] += figure
        # sudo: alerts are raised for the company whoever runs the check;
        # managers read them under the company rule
        Alert = self.sudo()
        alerted = set(
            Alert.search(
                [("tier_id", "in", list(by_tier)), ("period_start", "=", start)]
            ).tier_id.ids
        )
        # sudo: the targets of the company's tiers, read under the same reason
        tiers = self.env["sales.account.tier"].sudo().browse(list(by_tier))
        vals_list = []
        for tier in tiers:
            rate = by_tier[tier.id].value(100.0)
            if tier.id in alerted or rate is None:
                continue
            if rate >= tier.retention_target and 100 - rate <= tier.churn_acceptable:
                continue
            vals_list.append(
                {
                    "company_id": company.id,
                    "tier_id": tier.id,
                    "period_start": start,
                    "period_end": end - timedelta(days=1),
                    "active_count": int(by_tier[tier.id].denominator),
                    "retention_rate": round(rate, 1),
                    "churn_rate": round(100 - rate, 1),
                    "retention_target": tier.retention_target,
                    "churn_acceptable": tier.churn_acceptable,
                }
            )
        alerts = Alert.create(vals_list)
        alerts._notify_managers()
        return alerts

    def _notify_managers(self):
        """A note on each alert and an activity for each key-account manager
        of its company."""
        # sudo: the members of the managers' group, which only administrators
        # read; nothing of them is returned
        managers = (
            self.env.ref("sales_key_accounts.group_key_account_manager")
            .sudo()
            .users.filtered(lambda u: not u.share and u.active and u.id != 1)
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        activities = []
        for alert in self:
            text = self.env._(
                "Retention of the tier %(tier)s: %(rate)s%% against a target of "
                "%(target)s%% (churn %(churn)s%%, acceptable %(acceptable)s%%) "
                "over %(count)s customers. Ask the customers who left why: see "
                "their exit interviews.",
                tier=alert.tier_id.name,
                rate=alert.retention_rate,
                target=alert.retention_target,
                churn=alert.churn_rate,
                acceptable=alert.churn_acceptable,
                count=alert.active_count,
            )
            alert.message_post(
                body=Markup("<p>%s</p>") % text, subtype_xmlid="mail.mt_note"
            )
            for manager in managers.filtered(
                lambda u, alert=alert: alert.company_id in u.company_ids
            ):
                reader = self.with_context(lang=manager.lang or self.env.lang)
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": alert.id,
                        "activity_type_id": activity_type.id,
                        "automated": True,
                        "user_id": manager.id,
                        "summary": reader.env._(
                            "Retention below target: %s", alert.tier_id.name
                        ),
                    }
                )
        # sudo: the managers' to-dos on the alert, whoever runs the check
        self.env["mail.activity"].sudo().create(activities)
