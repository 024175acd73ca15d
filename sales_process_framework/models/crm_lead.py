# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools.numbers import check_number_values

# Opportunities per batch of the scheduled refresh of the stored card fields.
REFRESH_BATCH = 1000


class CrmLead(models.Model):
    """Ways in (create, write, won, lost), pipelines per team and the card refresh."""

    _inherit = "crm.lead"

    # Customer satisfaction, for the NPS health metric
    nps_score = fields.Selection(
        [(str(score), str(score)) for score in range(11)],
        string="NPS Score",
        tracking=True,
        help="How likely the customer is to recommend us (0-10), asked when the "
        "opportunity is won or lost.",
    )
    card_refresh_pending = fields.Boolean(
        copy=False,
        index=True,
        readonly=True,
        help="The gate progress or the journey of the card waits for the scheduled "
        "refresh after a change of the criteria or of the journey.",
    )
    pipeline_stage_ids = fields.Many2many(
        "crm.stage",
        compute="_compute_pipeline_stage_ids",
        string="Pipeline Stages",
        help="The stages of the pipeline of the opportunity's team.",
    )

    @api.depends("team_id")
    def _compute_pipeline_stage_ids(self):
        teams = self.team_id._origin
        pipelines = self.env["crm.stage"]._pipelines(teams)
        for lead in self:
            lead.pipeline_stage_ids = pipelines.get(lead.team_id._origin, False)

    # ------------------------------------------------------------------
    # Enforcement: every stage change goes through write or create.
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # revenue and probability feed every figure of the suite
        check_number_values(self, vals_list)
        leads = super().create(vals_list)
        leads._start_first_response_clock()
        leads._enforce_gates(dict.fromkeys(leads.ids, False), created=True)
        return leads

    def write(self, vals):
        check_number_values(self, [vals])
        moving = "stage_id" in vals
        # a change of team or company is a move into the new pipeline
        regrouping = any(
            lead[name].id != (vals[name] or False)
            for name in ("team_id", "company_id")
            if name in vals
            for lead in self
        )
        losing = "active" in vals and not vals["active"]
        # only a stored value can change what a criterion reads: assigning a
        # computed field (Odoo's status durations) costs no criteria lookup
        stored = [
            name for name in vals if name in self._fields and self._fields[name].store
        ]
        criteria = self.env["sales.gate.criterion"]
        if (
            self
            and stored
            and not moving
            and not criteria._lead_fields_read().isdisjoint(stored)
        ):
            # a field or condition criterion reads a field being written
            self._refresh_gate_progress()
        if not self or not (moving or regrouping or losing):
            return super().write(vals)
        # plain ids, read once for the batch: the gates compare them after
        owned = ("stage_id", "team_id", "company_id")
        before = self._plain_values(owned)
        active_before = self.filtered("active") if losing else self.browse()
        if regrouping:
            res = self._write_into_pipelines(vals)
        else:
            res = super().write(vals)
        after = self._plain_values(owned)
        regrouped = self.browse(
            lead_id
            for lead_id, (_stage, *owner) in after.items()
            if tuple(owner) != before[lead_id][1:]
        )
        if moving or regrouped:
            self._enforce_gates(
                {lead_id: values[0] for lead_id, values in before.items()},
                regrouped=regrouped,
                owners=after,
            )
        if losing:
            active_before._enforce_lost_gates()
        return res

    def _plain_values(self, names):
        """{lead id: (value of each field)}, many-to-ones as ids (False when
        empty), many-to-manys as tuples of ids.

        The hot paths (a move of a thousand opportunities) compare plain
        values instead of building a record per opportunity and per field.
        The values come from the cache, which the batch's first read fills in
        one query for every field, as any read of the records does.
        """
        if not self:
            return {}
        fields_ = [self._fields[name] for name in names]
        columns = []
        for field in fields_:
            values = list(self.env.cache.get_values(self, field))
            if len(values) != len(self._ids):
                # not read yet: one read prefetches the batch, as Odoo does
                next(iter(self))[field.name]  # noqa: B018 - its batch with it
                values = list(self.env.cache.get_values(self, field))
            if len(values) != len(self._ids):
                # more records than one prefetch reads
                self.fetch([field.name])
                values = list(self.env.cache.get_values(self, field))
            if len(values) != len(self._ids):
                # still missing (a record deleted meanwhile): record by record
                values = [
                    field.convert_to_cache(lead[field.name], lead) for lead in self
                ]
            if field.type == "many2one":
                values = [value or False for value in values]
            columns.append(values)
        return dict(zip(self._ids, zip(*columns, strict=True), strict=True))

    def _write_into_pipelines(self, vals):
        """Write a change of team or company; an opportunity whose stage is
        not in its new team's pipeline, and that is not given another stage,
        goes to the pipeline's first stage, or its first won stage when it is
        won. The gates on the way are checked after the write, as for any
        move from outside the pipeline."""
        if "team_id" not in vals:
            return super().write(vals)
        new_team = self.env["crm.team"].browse(vals["team_id"])

        def stranded_by_the_change(lead):
            stage = lead.stage_id
            return (
                stage
                and lead.team_id != new_team
                and vals.get("stage_id", stage.id) == stage.id
                and not stage._in_pipeline_of(new_team)
            )

        stranded = self._gate_enforced().filtered(stranded_by_the_change)
        by_stage = defaultdict(lambda: self.browse())
        by_stage[None] = self - stranded
        if stranded:
            pipeline = self.env["crm.stage"]._pipelines(new_team)[new_team]
            for lead in stranded:
                by_stage[lead._pipeline_entry_stage(pipeline, new_team)] |= lead
        res = True
        for stage, leads in by_stage.items():
            if leads:
                values = dict(vals, stage_id=stage.id) if stage else dict(vals)
                res = super(CrmLead, leads).write(values)
        return res

    def _pipeline_entry_stage(self, pipeline, team):
        """Where this opportunity enters the pipeline of team."""
        self.ensure_one()
        if self.stage_id.is_won:
            stage = next((s for s in pipeline if s.is_won), None)
        else:
            stage = next(
                (s for s in pipeline if not s.fold and not s.is_won), None
            ) or next(iter(pipeline), None)
        if not stage:
            raise UserError(
                self.env._(
                    "“%(lead)s” cannot go to the pipeline of “%(team)s”: it has "
                    "no won stage for a won opportunity. Mark one of its stages "
                    "as won, or choose another sales team.",
                    lead=self.display_name,
                    team=team.name,
                )
                if self.stage_id.is_won
                else self.env._(
                    "“%(lead)s” cannot go to the pipeline of “%(team)s”: it has "
                    "no stage. Give the team its stages, or choose another "
                    "sales team.",
                    lead=self.display_name,
                    team=team.name,
                )
            )
        return stage

    def action_set_lost(self, **additional_values):
        # Odoo archives first and writes the lost reason after; write the values
        # first so that "when lost" criteria see them.
        if additional_values:
            self.write(dict(additional_values))
        return super().action_set_lost(**additional_values)

    # ------------------------------------------------------------------
    # Pipelines: each opportunity follows the stages of its own team.
    # ------------------------------------------------------------------
    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """Odoo's stage lookup, on the pipelines of the leads' teams: a stage
        belongs to its team and to its pipeline teams; the stages without any
        team are shared by the teams that do not use their own stages only."""
        teams = self.team_id
        if team_id:
            teams |= self.env["crm.team"].browse(team_id)
        search_domain = self.env["crm.stage"]._pipeline_domain(teams)
        if domain:
            search_domain = expression.AND([search_domain, list(domain)])
        return self.env["crm.stage"].search(search_domain, order=order, limit=limit)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The kanban columns of the pipeline of the team in the context, or
        else of the user's own team when it uses its own stages only (the
        other teams see the shared stages, as in Odoo)."""
        team = self.env["crm.team"].browse(self.env.context.get("default_team_id"))
        if not team and self.env.user.sale_team_id.pipeline_own_stages:
            team = self.env.user.sale_team_id
        search_domain = expression.OR(
            [
                [("id", "in", stages.ids)],
                self.env["crm.stage"]._pipeline_domain(team.exists()),
            ]
        )
        stage_ids = stages.sudo()._search(search_domain, order=stages._order)
        return stages.browse(stage_ids)

    def action_set_won(self):
        """Won lands in a won stage of each opportunity's own pipeline.

        Odoo looks the won stages up for the teams of all the opportunities
        at once; here each team's opportunities use their own team's, so a
        batch never sends one team's deal into another team's won stage.
        """
        won_stages = {}
        by_stage = defaultdict(lambda: self.browse())
        for lead in self:
            if lead.team_id not in won_stages:
                won_stages[lead.team_id] = lead._stage_find(
                    domain=[("is_won", "=", True)], limit=None
                )
            stages = won_stages[lead.team_id]
            if not stages:
                raise UserError(
                    self.env._(
                        "“%(lead)s” cannot be marked as won: the pipeline of "
                        "“%(team)s” has no won stage. Mark one of its stages as "
                        "won, or choose another sales team.",
                        lead=lead.display_name,
                        team=lead.team_id.name,
                    )
                    if lead.team_id
                    else self.env._(
                        "“%s” cannot be marked as won: no stage shared by the "
                        "opportunities without a sales team is marked as won. "
                        "Choose the opportunity's sales team first.",
                        lead.display_name,
                    )
                )
            stage = next(
                (s for s in stages if s.sequence > lead.stage_id.sequence), None
            ) or next(
                (s for s in reversed(stages) if s.sequence <= lead.stage_id.sequence),
                stages,
            )
            by_stage[stage] |= lead
        self.action_unarchive()
        for stage, leads in by_stage.items():
            leads.write({"stage_id": stage.id, "probability": 100})
        return True

    # ------------------------------------------------------------------
    # Scheduled action: refresh the stored card fields after a change of the
    # criteria or of the journey
    # ------------------------------------------------------------------
    @api.model
    def _mark_cards_stale(self):
        """The open opportunities' gate progress and journey wait for a refresh.

        One statement whatever the number of opportunities; the scheduled
        refresh is triggered to run as soon as a worker is free.
        """
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE crm_lead SET card_refresh_pending = TRUE
                WHERE active AND type = 'opportunity'
                  AND card_refresh_pending IS NOT TRUE"""
        )
        self.invalidate_model(["card_refresh_pending"])
        cron = self.env.ref(
            "sales_process_framework.ir_cron_sales_card_refresh",
            raise_if_not_found=False,
        )
        if cron:
            cron._trigger()

    @api.model
    def _cron_refresh_cards(self, batch=REFRESH_BATCH):
        """Recompute the stored gate progress and journey of a batch of the
        opportunities marked stale; the scheduler calls again while some
        remain. Idempotent: a refreshed opportunity is no longer marked."""
        leads = self.with_context(active_test=False).search(
            [("card_refresh_pending", "=", True)], order="id", limit=batch
        )
        leads._refresh_gate_progress()
        leads._refresh_journey()
        leads.flush_recordset()
        if leads:
            self.env.cr.execute(
                "UPDATE crm_lead SET card_refresh_pending = FALSE WHERE id IN %s",
                [tuple(leads.ids)],
            )
            leads.invalidate_recordset(["card_refresh_pending"])
        remaining = self.with_context(active_test=False).search_count(
            [("card_refresh_pending", "=", True)]
        )
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=remaining)
        return remaining

    @api.model
    def _refresh_stale_cards(self):
        """Refresh every card marked stale now, batch after batch."""
        while self._cron_refresh_cards():
            self.env.invalidate_all()
