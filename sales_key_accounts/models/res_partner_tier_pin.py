# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.sales_process_framework.tools.periods import today_in

from .res_partner import ResPartner


class ResPartnerTierPin(models.Model):
    """A key-account manager's pin of customers to a tier, for a reason and
    until a date, which the re-tiering respects."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    account_tier_pinned_id = fields.Many2one(
        "sales.account.tier",
        string="Pinned Tier",
        copy=False,
        tracking=True,
        prefetch="key_account",
    )
    account_pin_reason = fields.Char(
        string="Pin Reason",
        copy=False,
        prefetch="key_account",
    )
    account_pin_until = fields.Date(
        string="Pinned Until",
        copy=False,
        prefetch="key_account",
    )

    # set by the pin wizard only, which leaves a history row and a note
    _action_fields = (
        *ResPartner._action_fields,
        "account_tier_pinned_id",
        "account_pin_reason",
        "account_pin_until",
    )

    def action_pin_tier(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.account.tier.pin.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    def _check_pin(self, tier, reason):
        if not self.env.user.has_group("sales_key_accounts.group_key_account_manager"):
            raise UserError(self.env._("Only key-account managers can pin a tier."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for pinning the tier."))
        if not tier:
            raise UserError(self.env._("Choose the tier to pin."))

    def _pin_tier(self, tier, reason, date_until):
        """Pin customers to a tier: a history row and a chatter note each."""
        self._check_pin(tier, reason)
        before = {partner.id: partner.account_tier_id for partner in self}
        self._write_by_action(
            {
                "account_tier_pinned_id": tier.id,
                "account_pin_reason": reason,
                "account_pin_until": date_until,
            }
        )
        day = today_in(self.env)
        Tiering = self.env["sales.account.tiering"]
        for company, group in self._by_account_company().items():
            inputs = Tiering._score_inputs(company, day, partners=group)
            Tiering._retier(group, company, inputs, day=day)
        # the re-tiering logs the customers whose tier changed; log the others
        same = self.filtered(lambda partner: before[partner.id] == tier)
        if same:
            self.env["sales.account.tier.history"]._log_changes(
                [
                    {
                        "partner_id": partner.id,
                        "from_tier_id": tier.id,
                        "to_tier_id": tier.id,
                        "date": day,
                        "score": partner.account_score,
                        "reason": Tiering._pin_reason(date_until, reason),
                        "pinned": True,
                        "pin_until": date_until,
                        "pin_reason": reason,
                    }
                    for partner in same
                ]
            )
