# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .res_company import SPIN_TYPES


class SalesPlaybook(models.Model):
    """A sales process a company applies to a sales team and then adapts:
    stages with their gates and guidance, a customer journey, and the SPIN
    standard of its needs diagnosis."""

    _name = "sales.playbook"
    _description = "Sales Playbook"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Empty: a playbook every company of the database may apply.",
    )
    description = fields.Text(translate=True)
    stage_ids = fields.One2many("sales.playbook.stage", "playbook_id", string="Stages")
    phase_ids = fields.One2many(
        "sales.playbook.phase", "playbook_id", string="Journey Phases"
    )
    # The SPIN standard the playbook's needs diagnosis asks for (template 3);
    # applied to the team's company when the playbook has a SPIN criterion.
    spin_situation_min = fields.Integer(string="Situation Questions (Minimum)")
    spin_situation_max = fields.Integer(string="Situation Questions (Maximum)")
    spin_problem_min = fields.Integer(string="Problem Questions (Minimum)")
    spin_problem_max = fields.Integer(string="Problem Questions (Maximum)")
    spin_implication_min = fields.Integer(string="Implication Questions (Minimum)")
    spin_implication_max = fields.Integer(string="Implication Questions (Maximum)")
    spin_need_payoff_min = fields.Integer(string="Need-payoff Questions (Minimum)")
    spin_need_payoff_max = fields.Integer(string="Need-payoff Questions (Maximum)")
    has_spin = fields.Boolean(
        compute="_compute_has_spin",
        string="Has a SPIN Gate",
        help="One of its criteria asks for the SPIN standard.",
    )

    @api.depends("stage_ids.criterion_ids.kind")
    def _compute_has_spin(self):
        for playbook in self:
            playbook.has_spin = "spin" in playbook.stage_ids.criterion_ids.mapped(
                "kind"
            )

    @api.constrains(*[f"spin_{t}_{b}" for t in SPIN_TYPES for b in ("min", "max")])
    def _check_spin_standard(self):
        for playbook in self:
            for spin_type in SPIN_TYPES:
                low = playbook[f"spin_{spin_type}_min"]
                high = playbook[f"spin_{spin_type}_max"]
                if low < 0 or high < low:
                    label = self._fields[f"spin_{spin_type}_min"].get_description(
                        self.env
                    )["string"]
                    raise ValidationError(
                        self.env._(
                            "Playbook “%(playbook)s”, %(field)s: give a minimum of 0 "
                            "or more and a maximum not below it.",
                            playbook=playbook.name,
                            field=label,
                        )
                    )

    def _spin_standard_values(self):
        """The company values of the playbook's SPIN standard."""
        self.ensure_one()
        return {
            f"spin_{t}_{b}": self[f"spin_{t}_{b}"]
            for t in SPIN_TYPES
            for b in ("min", "max")
        }

    def action_apply(self):
        """The wizard that applies this playbook to a sales team."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "sales_process_framework.sales_playbook_apply_action"
        )
        action["context"] = {"default_playbook_id": self.id}
        return action

    def apply_to_team(self, team_id, xmlid_prefix=None):
        """Apply this playbook to a sales team as the Apply Playbook wizard
        does with its proposed mapping: the team's stages of the same names
        take the playbook's settings, the others are created, with their
        gates, journey and SPIN standard. Applying it again changes nothing.

        :param int team_id: the sales team
        :param str xmlid_prefix: for a module's data files only: give each
            record the team follows from the playbook an external id after
            the playbook line it comes from, with this prefix instead of the
            line's first word (``b2b_stage_offer`` gives ``<prefix>stage_offer``),
            for the module's other records to refer to.
        :return: True
        """
        self.ensure_one()
        if xmlid_prefix is not None and not self.env.is_superuser():
            raise AccessError(
                self.env._(
                    "External IDs of a playbook's records are given by a module's "
                    "data files only; apply the playbook without them."
                )
            )
        team = self.env["crm.team"].browse(team_id)
        wizard = self.env["sales.playbook.apply"].create(
            {
                "playbook_id": self.id,
                "team_id": team.id,
                "company_id": team.company_id.id or self.env.company.id,
            }
        )
        stages = wizard._check_and_apply()
        if xmlid_prefix is not None:
            wizard.sudo()._name_team_records(stages, xmlid_prefix)
        return True
