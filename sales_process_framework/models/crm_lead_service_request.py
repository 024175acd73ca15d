# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmLead(models.Model):
    """The service requests of an opportunity, and the ones its journey asks."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    service_request_ids = fields.One2many(
        "sales.service.request", "lead_id", string="Service Requests"
    )
    service_request_count = fields.Integer(compute="_compute_service_request_count")

    def _compute_service_request_count(self):
        counts = dict(
            self.env["sales.service.request"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.service_request_count = counts.get(lead, 0)

    def action_view_service_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_process_framework.sales_service_request_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action

    def action_request_service(self):
        """A new request of this opportunity, in a dialog."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request from Department"),
            "res_model": "sales.service.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_lead_id": self.id},
        }

    # ------------------------------------------------------------------
    # Journey: touchpoints another department answers
    # ------------------------------------------------------------------
    def _journey_alert_batch(self, now=None):
        self._request_department_touchpoints()
        return super()._journey_alert_batch(now=now)

    def _request_department_touchpoints(self):
        """One submitted request per opportunity and touchpoint that names a
        request type, once the opportunity is in the touchpoint's phase.

        Idempotent: a request of the pair, in any state, is never made again
        (a unique constraint keeps two workers from doing it twice).
        """
        phases = self.env["sales.journey.phase"]._phase_by_lead(self)
        pairs = {
            (lead_id, touchpoint)
            for lead_id, phase in phases.items()
            if phase
            for touchpoint in phase.touchpoint_ids
            if touchpoint.active and touchpoint.service_request_type_id
        }
        if not pairs:
            return self.env["sales.service.request"]
        Request = self.env["sales.service.request"].sudo()
        existing = {
            (lead.id, touchpoint)
            for lead, touchpoint in Request._read_group(
                [
                    ("lead_id", "in", [lead_id for lead_id, _t in pairs]),
                    ("touchpoint_id", "in", [t.id for _l, t in pairs]),
                ],
                ["lead_id", "touchpoint_id"],
            )
        }
        leads = self.browse({lead_id for lead_id, _t in pairs})
        wanted = [
            (lead, touchpoint)
            for lead in leads
            for lead_id, touchpoint in sorted(pairs, key=lambda p: (p[0], p[1].id))
            if lead_id == lead.id
            and (lead.id, touchpoint) not in existing
            and lead.active
            and lead.user_id
        ]
        if not wanted:
            return Request.browse()
        values = [
            touchpoint._service_request_values(lead) for lead, touchpoint in wanted
        ]
        # a department with nobody to answer waits until Settings name someone
        values = [vals for vals in values if vals["responsible_id"]]
        if not values:
            return Request.browse()
        # sudo: the scheduled action makes them on behalf of each salesperson
        requests = Request.create(values)
        requests._submit()
        return requests

    @api.model
    def _journey_reminded_touchpoint(self, touchpoint):
        """Whether the salesperson is reminded of a due touchpoint: not when
        a department answers it through a service request."""
        return not touchpoint.service_request_type_id
