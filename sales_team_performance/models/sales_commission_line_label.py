# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Commission line texts in the reader's language.

The nightly computation writes a line's description in the language of the
scheduled action. A computed line also keeps what its text says (revenue and
tier, achievement, team, reopened deal and date), and its *Description* is
written from them when read, in the reader's language. Lines written by hand
show their own text.
"""

from odoo import api, fields, models

from odoo.addons.sales_process_framework.tools.dates import date_label


class SalesCommissionStatementLine(models.Model):
    _inherit = "sales.commission.statement.line"  # pylint: disable=consider-merging-classes-inherited

    name_args = fields.Json(
        string="Description Values",
        readonly=True,
        copy=False,
        help="What the computed description says, written in the reader's language.",
    )
    label = fields.Char(
        string="Description Shown",
        compute="_compute_label",
        inverse="_inverse_label",
    )

    @api.depends("name", "name_args", "kind")
    @api.depends_context("lang")
    def _compute_label(self):
        records = self._label_records()
        for line in self:
            args = line.name_args
            line.label = (
                line._render_label(args, records) if args else None
            ) or line.name

    def _inverse_label(self):
        for line in self:
            if not line.name_args:
                line.name = line.label

    def _label_records(self):
        """{(model, id): record} of what the lines' texts name, read at once."""
        wanted = {
            "sales.commission.tier": "tier_id",
            "crm.team": "team_id",
            "crm.lead": "lead_id",
        }
        records = {}
        for model, key in wanted.items():
            ids = {line.name_args.get(key) for line in self if line.name_args} - {
                None,
                False,
            }
            for record in self.env[model].sudo().browse(ids).exists():
                # sudo: names the line already holds, in another language
                records[model, record.id] = record
        return records

    def _render_label(self, args, records):
        def name(model, key):
            record = records.get((model, args.get(key)))
            return record.display_name if record else None

        if self.kind == "commission" and "revenue" in args:
            tier = (
                name("sales.commission.tier", "tier_id")
                if args.get("tier_id")
                else self.env._("no tier")
            )
            if tier is None:
                return None
            currency = self.currency_id
            revenue = args["revenue"]
            return self.env._(
                "Commission on %(revenue)s (%(tier)s)",
                revenue=currency.format(revenue) if currency else revenue,
                tier=tier,
            )
        if self.kind == "individual_award" and "pct" in args:
            return self.env._(
                "Individual award: %(pct).1f%% of target", pct=args["pct"]
            )
        if self.kind == "team_award" and name("crm.team", "team_id"):
            return self.env._(
                "Team award: %(team)s reached its target",
                team=name("crm.team", "team_id"),
            )
        if self.kind == "adjustment" and name("crm.lead", "lead_id"):
            return self.env._(
                "%(deal)s changed after the statement of %(date)s",
                deal=name("crm.lead", "lead_id"),
                date=date_label(self.env, fields.Date.to_date(args.get("date"))),
            )
        return None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a line written by hand in the list gives its text as Description
            if vals.get("label") and not vals.get("name"):
                vals["name"] = vals["label"]
        return super().create(vals_list)
