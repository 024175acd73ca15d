# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cross-department service requests (playbook step 4, risk "cross-department
blockage"): a salesperson asks marketing, legal, product or a technical
consultant for what an opportunity needs, under the department's SLA."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from ..tools.working_time import WorkingTime

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("in_progress", "In Progress"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("submitted", "in_progress")
# what the department answers, while the request is open
DELIVERY_FIELDS = ("document", "document_name", "delivery_note")
# Requests per batch of the escalation.
ESCALATION_BATCH = 500


class SalesServiceRequest(models.Model):
    _name = "sales.service.request"
    _description = "Cross-Department Service Request"
    _order = "id desc"
    _inherit = ["sales.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _check_company_auto = True

    # only the actions below change them
    _action_fields = (
        "state",
        "requester_id",
        "date_submitted",
        "date_due",
        "date_started",
        "date_delivered",
        "response_hours",
        "breached",
        "escalated_date",
        "touchpoint_id",
    )
    # what the requester describes while drafting, what the department delivers
    _writable_fields = {
        "sales_process_framework.group_process_user": (
            "name",
            "description",
            "lead_id",
            "department_id",
            "request_type_id",
            "responsible_id",
        ),
        "base.group_user": ("document", "document_name", "delivery_note"),
    }
    # made by hand with the same fields, no context default beyond them
    _create_fields = {}

    name = fields.Char(string="Request", required=True, tracking=True)
    description = fields.Text(string="Details")
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('type', '=', 'opportunity')]",
    )
    # the opportunity as department members read it (they may not read CRM)
    lead_name = fields.Char(related="lead_id.name", string="Opportunity Name")
    partner_name = fields.Char(
        related="lead_id.partner_id.display_name", string="Customer"
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    department_id = fields.Many2one(
        "sales.service.department",
        string="Department",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    request_type_id = fields.Many2one(
        "sales.service.request.type",
        string="Request Type",
        required=True,
        check_company=True,
        domain="[('department_id', '=', department_id)]",
        tracking=True,
    )
    requester_id = fields.Many2one(
        "res.users",
        string="Requester",
        required=True,
        default=lambda self: self.env.user,
        index=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        help="Who answers in the department; by default its manager.",
    )
    touchpoint_id = fields.Many2one(
        "sales.journey.touchpoint",
        string="Touchpoint",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The journey touchpoint that asked for it.",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, index=True
    )
    date_submitted = fields.Datetime(string="Submitted On", readonly=True)
    date_due = fields.Datetime(
        string="Due",
        readonly=True,
        help="Submission plus the request type's SLA, in the working time of "
        "the company calendar.",
    )
    date_started = fields.Datetime(string="Started On", readonly=True)
    date_delivered = fields.Datetime(string="Delivered On", readonly=True)
    response_hours = fields.Float(
        string="Response Time (working hours)",
        readonly=True,
        aggregator="avg",
        help="Working hours from submission to delivery.",
    )
    breached = fields.Boolean(
        string="SLA Breached",
        readonly=True,
        help="Delivered after its due time, or still open after it.",
    )
    breach_count = fields.Integer(
        string="Breaches", compute="_compute_breach_count", store=True
    )
    escalated_date = fields.Datetime(
        string="Escalated On",
        readonly=True,
        help="When the department's manager was told of the breach (once).",
    )
    document = fields.Binary(string="Delivered Document", attachment=True, copy=False)
    document_name = fields.Char()
    delivery_note = fields.Text()
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_overdue")

    _sql_constraints = [
        (
            "touchpoint_unique",
            "unique(lead_id, touchpoint_id)",
            "A touchpoint asks a department once per opportunity.",
        )
    ]

    @api.depends("breached")
    def _compute_breach_count(self):
        for request in self:
            request.breach_count = int(request.breached)

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            request.is_overdue = (
                request.state in OPEN_STATES
                and bool(request.date_due)
                and request.date_due < now
            )

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue requests with = or !=."))
        overdue = [
            ("state", "in", OPEN_STATES),
            ("date_due", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    @api.constrains("request_type_id", "department_id")
    def _check_request_type(self):
        for request in self:
            if request.request_type_id.department_id != request.department_id:
                raise ValidationError(
                    self.env._(
                        "Request type “%(type)s” belongs to %(department)s: "
                        "choose a type of the department “%(chosen)s”.",
                        type=request.request_type_id.name,
                        department=request.request_type_id.department_id.name,
                        chosen=request.department_id.name,
                    )
                )

    @api.constrains("responsible_id", "department_id")
    def _check_responsible(self):
        for request in self.filtered("responsible_id"):
            department = request.department_id
            if (
                request.responsible_id
                not in department.member_ids | department.manager_id
            ):
                raise ValidationError(
                    self.env._(
                        "Responsible: %(user)s is not in the department "
                        "“%(department)s”; choose one of its members or add "
                        "him to the department.",
                        user=request.responsible_id.name,
                        department=department.name,
                    )
                )

    @api.onchange("department_id")
    def _onchange_department_id(self):
        department = self.department_id
        if self.request_type_id.department_id != department:
            self.request_type_id = department.request_type_ids[:1]
        if self.responsible_id not in department.member_ids | department.manager_id:
            self.responsible_id = department.manager_id or department.member_ids[:1]

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._check_lead_access()
        requests.filtered(
            lambda r: any(r[name] for name in DELIVERY_FIELDS)
        )._check_delivery()
        return requests

    def _check_delivery(self):
        """Only the department fills in its delivery, while the request is
        open: a delivered or cancelled request keeps what was delivered."""
        if self.env.su:
            return
        self._check_state(OPEN_STATES, self.env._("Deliver"))
        self._check_department_member(self.env._("Deliver"))

    def _check_lead_access(self):
        """A request shows its opportunity's name and customer to whoever
        reads it: only one who may read the opportunity asks on it (a value
        or a context default alike)."""
        if not self.env.su:
            self.lead_id.check_access("read")

    def write(self, vals):
        asked = set(vals) & {
            "name",
            "description",
            "lead_id",
            "department_id",
            "request_type_id",
        }
        if asked and not self.env.su and any(r.state != "draft" for r in self):
            raise UserError(
                self.env._(
                    "A submitted request keeps what was asked: cancel it and "
                    "make a new one to ask something else."
                )
            )
        if set(vals) & set(DELIVERY_FIELDS):
            self._check_delivery()
        if "responsible_id" in vals and any(r.state != "draft" for r in self):
            # once submitted, who answers is the department's call
            self._check_department_member(self.env._("Reassign"))
        result = super().write(vals)
        if vals.get("lead_id"):
            self._check_lead_access()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_state(self, states, action):
        wrong = self.filtered(lambda r: r.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "%(action)s: request “%(request)s” is %(state)s.",
                    action=action,
                    request=wrong[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def _check_department_member(self, action):
        """Only the department's members and manager (or a process
        administrator) answer its requests."""
        if self.env.su or self.env.user.has_group(
            "sales_process_framework.group_process_manager"
        ):
            return
        for request in self:
            department = request.department_id
            if self.env.user not in department.member_ids | department.manager_id:
                raise AccessError(
                    self.env._(
                        "%(action)s is reserved to the members of the "
                        "department “%(department)s”.",
                        action=action,
                        department=department.name,
                    )
                )

    def action_submit(self):
        self._check_action_group(
            "sales_process_framework.group_process_user", self.env._("Submit")
        )
        self._check_state(("draft",), self.env._("Submit"))
        self._submit()
        return True

    def _submit(self):
        """Due times in each company's working time, one calendar read per
        company; the responsible gets an activity due then."""
        now = fields.Datetime.now()
        for request in self.filtered(lambda r: not r.responsible_id):
            department = request.department_id
            responsible = department.manager_id or department.member_ids[:1]
            if not responsible:
                raise UserError(
                    self.env._(
                        "Department “%s” has nobody to answer: set its manager "
                        "or members in Settings > Cross-department SLAs.",
                        department.name,
                    )
                )
            request.responsible_id = responsible
        by_company = defaultdict(lambda: self.browse())
        for request in self:
            by_company[request.company_id or self.env.company] |= request
        for company, requests in by_company.items():
            clock = WorkingTime(company.resource_calendar_id, [now])
            for request in requests:
                request_type = request.request_type_id
                request._write_by_action(
                    {
                        "state": "submitted",
                        "date_submitted": now,
                        "date_due": clock.deadline(
                            now, request_type.sla_value, request_type.sla_unit
                        ),
                    }
                )
        self._schedule_answer_activity()

    def _schedule_answer_activity(self):
        self._create_activities(
            "sales_process_framework.mail_activity_type_service_request",
            lambda request: request.responsible_id,
            lambda request, reader, due: (
                reader._(
                    "%(type)s for %(opportunity)s",
                    type=request.request_type_id.name,
                    opportunity=request.lead_name,
                ),
                reader._("Due by %s.", due),
            ),
            deadline=True,
        )

    def _create_activities(self, xmlid, user_of, texts, deadline=False, mail=True):
        """One activity per request, in one create: the summary and note in
        the language and time zone of their user, due on the request's due
        day (``deadline``) or today; ``mail``: each user is also mailed."""
        activity_type = self.env.ref(xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for request in self:
            user = user_of(request)
            if not user:
                continue
            reader = request.with_context(lang=user.lang or self.env.lang).env
            tz = user.tz or request.company_id.partner_id.tz or "UTC"
            due = format_datetime(reader, request.date_due, tz=tz, dt_format="short")
            summary, note = texts(request, reader, due)
            day = (
                fields.Datetime.context_timestamp(
                    request.with_context(tz=tz), request.date_due
                ).date()
                if deadline
                else fields.Date.context_today(request.with_context(tz=tz))
            )
            values.append(
                {
                    "res_model_id": model_id,
                    "res_id": request.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": day,
                    "summary": summary,
                    "note": note,
                    # scheduled by the suite: closed by it too (activity_unlink)
                    "automated": True,
                }
            )
        Activity = self.env["mail.activity"]
        if not mail:
            # as the journey's reminders: no "assigned to you" mail per activity
            Activity = Activity.with_context(mail_activity_quick_update=True)
        return Activity.create(values)

    def action_start(self):
        self._check_department_member(self.env._("Start"))
        self._check_state(("submitted",), self.env._("Start"))
        self._write_by_action(
            {"state": "in_progress", "date_started": fields.Datetime.now()}
        )
        return True

    def action_deliver(self):
        self._check_department_member(self.env._("Deliver"))
        self._check_state(OPEN_STATES, self.env._("Deliver"))
        missing = self.filtered(lambda r: not r.document)
        if missing:
            raise UserError(
                self.env._(
                    "Delivered Document: attach what the department delivers "
                    "to “%s” before delivering it.",
                    missing[0].name,
                )
            )
        now = fields.Datetime.now()
        for request in self:
            calendar = request.company_id.resource_calendar_id
            request._write_by_action(
                {
                    "state": "delivered",
                    "date_delivered": now,
                    "response_hours": WorkingTime.working_hours(
                        calendar, request.date_submitted, now
                    ),
                    "breached": request.breached or now > request.date_due,
                }
            )
        self._close_activities()
        for request in self:
            request.message_post(
                body=self.env._(
                    "%(type)s delivered: %(document)s.",
                    type=request.request_type_id.name,
                    document=request.document_name or request.name,
                ),
                partner_ids=request.requester_id.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_cancel(self):
        self._check_action_group(
            "sales_process_framework.group_process_user", self.env._("Cancel")
        )
        self._check_state(("draft", *OPEN_STATES), self.env._("Cancel"))
        self._write_by_action({"state": "cancelled"})
        self._close_activities()
        return True

    def _close_activities(self):
        self.activity_unlink(
            [
                "sales_process_framework.mail_activity_type_service_request",
                "sales_process_framework.mail_activity_type_service_breach",
            ]
        )

    # ------------------------------------------------------------------
    # Scheduled action: escalation of breaches
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate_breaches(self):
        """Tell each department's manager, once, of the requests past due.

        Set-based: one search of the breached requests not yet escalated;
        idempotent (the escalation date is stored); batched with progress.
        """
        breached = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("date_due", "<", fields.Datetime.now()),
                ("escalated_date", "=", False),
            ],
            order="id",
        )
        cron = self.env["ir.cron"]
        for start in range(0, len(breached), ESCALATION_BATCH):
            batch = breached[start : start + ESCALATION_BATCH]
            batch._escalate()
            done = start + len(batch)
            cron._notify_progress(done=done, remaining=len(breached) - done)
        return len(breached)

    def _escalate(self):
        # the flag first: a breach counts even where nobody manages the department
        self._write_by_action({"breached": True})
        escalated = self.filtered("department_id.manager_id")
        escalated._create_activities(
            "sales_process_framework.mail_activity_type_service_breach",
            lambda request: request.department_id.manager_id,
            lambda request, reader, due: (
                reader._("Request past due: %s", request.name),
                reader._(
                    "%(type)s for %(opportunity)s was due by %(due)s "
                    "(responsible: %(responsible)s).",
                    type=request.request_type_id.name,
                    opportunity=request.lead_name,
                    due=due,
                    responsible=request.responsible_id.name or "-",
                ),
            ),
            # the scheduled action: the activity, in the manager's to-do list
            mail=False,
        )
        escalated._write_by_action({"escalated_date": fields.Datetime.now()})
