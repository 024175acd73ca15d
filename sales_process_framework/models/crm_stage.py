# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression


class CrmStage(models.Model):
    _inherit = "crm.stage"

    gate_criterion_ids = fields.One2many(
        "sales.gate.criterion", "stage_id", string="Gate Criteria"
    )
    gate_criterion_count = fields.Integer(compute="_compute_gate_criterion_count")
    rotting_days = fields.Integer(
        help="An opportunity idle in this stage for longer than this many days "
        "(no stage change, no logged activity, no message) is shown as rotting. "
        "0: never.",
    )
    gate_no_skip = fields.Boolean(
        string="Cannot Be Skipped",
        help="Opportunities may not jump forward over this stage.",
    )
    gate_no_backward = fields.Boolean(
        string="No Moving Back",
        help="Opportunities may not move back to an earlier stage from this one.",
    )
    gate_optional = fields.Boolean(
        string="Optional Stage",
        help="Opportunities may pass over this stage without meeting its entry "
        "and exit criteria. Its criteria still apply to the opportunities that "
        "enter or leave it.",
    )
    pipeline_team_ids = fields.Many2many(
        "crm.team",
        "crm_stage_pipeline_team_rel",
        "stage_id",
        "team_id",
        string="Pipelines",
        help="The sales teams whose pipeline holds this stage, besides its own "
        "team. A stage with neither belongs to every team that does not use "
        "its own stages only.",
    )

    sales_guidance = fields.Html(
        string="Guidance",
        translate=True,
        sanitize_style=True,
        help="Key actions, standards and deliverables of the stage, shown to the "
        "salesperson on the Stage Gate tab of the opportunity, in the user's "
        "language.",
        prefetch=False,
    )
    playbook_stage_id = fields.Many2one(
        "sales.playbook.stage",
        string="Playbook Stage",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The playbook stage this stage was made from or mapped onto, when "
        "a playbook was applied: applying it again leaves the stage alone.",
    )

    @api.depends("gate_criterion_ids")
    def _compute_gate_criterion_count(self):
        counts = dict(
            self.env["sales.gate.criterion"]._read_group(
                [("stage_id", "in", self.ids)], ["stage_id"], ["__count"]
            )
        )
        for stage in self:
            stage.gate_criterion_count = counts.get(stage, 0)

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _gate_threshold
        return super().create(vals_list)

    def write(self, vals):
        if {
            "sequence",
            "gate_no_skip",
            "gate_no_backward",
            "gate_optional",
            "team_id",
            "pipeline_team_ids",
        } & set(vals):
            # _gate_threshold, _gate_rules, _pipeline_ids
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()  # _gate_threshold, _pipeline_ids
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _gate_rules(self):
        """{stage id: (sequence, no skipping, no moving back, optional)} of
        every stage: what a move compares, without a query. Cleared as
        _pipeline_ids, and when a stage's rules change."""
        self.flush_model(
            ["sequence", "gate_no_skip", "gate_no_backward", "gate_optional"]
        )
        self.env.cr.execute(
            "SELECT id, sequence, gate_no_skip, gate_no_backward, gate_optional"
            " FROM crm_stage"
        )
        return {
            stage_id: (sequence or 0, bool(no_skip), bool(no_back), bool(optional))
            for stage_id, sequence, no_skip, no_back, optional in self.env.cr.fetchall()
        }

    @api.model
    @tools.ormcache()
    def _gate_threshold(self):
        """(sequence, id) of the first stage, in pipeline order, that carries
        a gate: an active criterion, or a rule against skipping or moving
        back; None without any. A move that stays before it meets no gate,
        so the moves of stock Odoo's pipelines cost no gate query."""
        self.env["sales.gate.criterion"].flush_model(["stage_id", "active"])
        self.flush_model(["sequence", "gate_no_skip", "gate_no_backward"])
        # one query, whatever the number of stages and criteria
        self.env.cr.execute(
            """
            SELECT s.sequence, s.id
              FROM crm_stage s
             WHERE s.gate_no_skip
                OR s.gate_no_backward
                OR EXISTS (
                    SELECT 1 FROM sales_gate_criterion c
                     WHERE c.stage_id = s.id AND c.active
                )
          ORDER BY s.sequence, s.id
             LIMIT 1
            """
        )
        row = self.env.cr.fetchone()
        return tuple(row) if row else None

    @api.model
    def _pipeline_domain(self, teams):
        """The stages of the pipelines of these teams (empty: no team).

        A stage belongs to its team and to its pipeline teams; a stage with
        neither is shared by every team, except the teams that use their own
        stages only.
        """
        shared = [("team_id", "=", False), ("pipeline_team_ids", "=", False)]
        if not teams:
            return shared
        own = [
            "|",
            ("team_id", "in", teams.ids),
            ("pipeline_team_ids", "in", teams.ids),
        ]
        if all(team.pipeline_own_stages for team in teams):
            return own
        return expression.OR([own, shared])

    @api.model
    def _pipelines(self, teams):
        """{team: its stages in pipeline order} for these teams and for "no
        team" (the empty recordset). The stages of each pipeline are cached
        (_pipeline_ids): a move looks none of them up."""
        Stage = self.sudo()
        return {
            team: Stage.browse(self._pipeline_ids(team.id))
            for team in [teams.browse(), *teams]
        }

    @api.model
    @tools.ormcache("team_id")
    def _pipeline_ids(self, team_id):
        """Ids of the stages of the pipeline of a team (False: no team), in
        pipeline order. Cleared by the writes that change a pipeline: a stage
        created, deleted, reordered or given other teams, or a team's "own
        stages only"."""
        team = self.env["crm.team"].sudo().browse(team_id or ())
        stages = self.sudo().search([], order="sequence, id")
        return tuple(stage.id for stage in stages if stage._in_pipeline_read(team))

    def _shared_by_every_team(self):
        """Whether this stage names no team: the stage of every team that does
        not use its own stages only (as Odoo's default stages)."""
        self.ensure_one()
        return not self.team_id and not self.pipeline_team_ids

    def _in_pipeline_of(self, team):
        """Whether this stage belongs to the pipeline of team (empty: no team)."""
        self.ensure_one()
        if isinstance(self.id, int) and isinstance(team.id or 0, int):
            return self.id in self._pipeline_ids(team.id)
        return self._in_pipeline_read(team)

    def _in_pipeline_read(self, team):
        """Whether this stage belongs to the pipeline of team, read from the
        stage and the team as they are now."""
        if self._shared_by_every_team():
            return not (team and team.pipeline_own_stages)
        return bool(team) and (self.team_id == team or team in self.pipeline_team_ids)

    @api.constrains("rotting_days")
    def _check_rotting_days(self):
        for stage in self:
            if stage.rotting_days < 0:
                raise ValidationError(
                    self.env._(
                        "Stage “%s”: rotting days cannot be negative; use 0 for a "
                        "stage where opportunities never rot.",
                        stage.name,
                    )
                )
