# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

BATCH_SIZE = 1000


class SalesGateResult(models.Model):
    """Where each open opportunity stands against its stage's exit criteria.

    Rebuilt in batches by a scheduled action (and on demand), so managers can
    pivot on the criteria that hold opportunities back.
    """

    _name = "sales.gate.result"
    _description = "Stage Gate Result"
    _order = "stage_id, criterion_id, lead_id"

    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one(
        "sales.gate.criterion", required=True, ondelete="cascade"
    )
    stage_id = fields.Many2one("crm.stage", required=True)
    team_id = fields.Many2one("crm.team", string="Sales Team")
    user_id = fields.Many2one("res.users", string="Salesperson")
    company_id = fields.Many2one("res.company", index=True)
    kind = fields.Selection(related="criterion_id.kind", store=True)
    mode = fields.Selection(related="criterion_id.mode", store=True)
    is_met = fields.Boolean(string="Met")
    is_blocking = fields.Boolean(
        string="Blocking", help="Not met, and the criterion blocks the move."
    )

    _sql_constraints = [
        (
            "lead_criterion_uniq",
            "unique(lead_id, criterion_id)",
            "One result per opportunity and criterion.",
        ),
    ]

    @api.model
    def _refresh(self, leads):
        """Replace the results of these leads by a fresh evaluation."""
        progress = self.env["sales.gate.evaluator"]._progress_by_lead(leads)
        self.search([("lead_id", "in", leads.ids)]).unlink()
        vals_list = []
        for lead in leads:
            criteria, met = progress[lead.id]
            vals_list += [
                {
                    "lead_id": lead.id,
                    "criterion_id": criterion.id,
                    "stage_id": lead.stage_id.id,
                    "team_id": lead.team_id.id,
                    "user_id": lead.user_id.id,
                    "company_id": lead.company_id.id,
                    "is_met": criterion in met,
                    "is_blocking": criterion not in met and criterion.mode == "block",
                }
                for criterion in criteria
            ]
        return self.create(vals_list)

    @api.model
    def _open_opportunity_domain(self):
        return [
            ("active", "=", True),
            ("type", "=", "opportunity"),
            ("stage_id.is_won", "=", False),
        ]

    def action_refresh(self):
        """Rebuild every result now, then show them (managers' button).

        Called from the list with the selected or shown results, or from the
        pivot and graph with none: it always rebuilds them all, then reloads
        the view it was called from.
        """
        if not self.env.user.has_group("sales_process_framework.group_process_manager"):
            raise AccessError(
                self.env._("Only process managers can refresh the gate results.")
            )
        self._cron_refresh()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The gate results are up to date."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_refresh(self):
        Lead = self.env["crm.lead"]
        domain = self._open_opportunity_domain()
        # Results of opportunities that left the pipeline (won, lost, deleted).
        self.search([("lead_id", "not any", domain)]).unlink()
        lead_ids = Lead._search(domain, order="id")
        lead_ids = list(lead_ids)
        done = 0
        cron = self.env["ir.cron"]
        for start in range(0, len(lead_ids), BATCH_SIZE):
            batch = Lead.browse(lead_ids[start : start + BATCH_SIZE])
            self._refresh(batch)
            done += len(batch)
            cron._notify_progress(done=done, remaining=len(lead_ids) - done)
            Lead.env.invalidate_all()
        return done
