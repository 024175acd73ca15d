# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reward of accepted process-improvement suggestions on the commission
statement: when the company sets a reward amount, the statement of the
period in which a suggestion was accepted pays it, on a computed line."""

from odoo import fields, models

SUGGESTIONS = "suggestions_accepted"


class SalesCommissionStatement(models.Model):
    _inherit = "sales.commission.statement"  # pylint: disable=consider-merging-classes-inherited

    def _suggestion_rewards(self):
        """{user id: (suggestions, reward amount)} of the suggestions the
        engine's measure counts over the statements' period: the same
        population, read once with the amounts they earned."""
        Measure = self.env["sales.measure"]
        company = self[0].company_id
        definition = Measure.definition(SUGGESTIONS)
        domain = Measure.population_domain(definition, self._bounds(), company) + [
            ("author_id", "in", self.user_id.ids),
            ("reward_amount", ">", 0),
        ]
        return {
            author.id: (count, amount)
            for author, count, amount in Measure.grouped(
                definition.model,
                domain,
                ["author_id"],
                ["__count", "reward_amount:sum"],
            )
        }

    def _compute_period(self):
        result = super()._compute_period()
        company = self[0].company_id
        if not company.suggestion_reward_amount:
            return result
        rewards = self._suggestion_rewards()
        currency = company.currency_id
        to_create = []
        for statement in self:
            count, amount = rewards.get(statement.user_id.id, (0, 0.0))
            if count:
                to_create.append(
                    {
                        "statement_id": statement.id,
                        "is_computed": True,
                        "kind": "suggestion_reward",
                        "name": self._suggestion_label(count),
                        "name_args": {"suggestions": count},
                        "amount": currency.round(amount),
                    }
                )
        self.env["sales.commission.statement.line"].create(to_create)
        return result

    def _suggestion_label(self, count):
        return self.env._(
            "Improvement suggestions accepted: %(count)s", count=int(count)
        )


class SalesCommissionStatementLine(models.Model):
    _inherit = "sales.commission.statement.line"  # pylint: disable=consider-merging-classes-inherited

    kind = fields.Selection(
        selection_add=[("suggestion_reward", "Improvement suggestion reward")],
        ondelete={"suggestion_reward": "cascade"},
    )

    def _render_label(self, args, records):
        if self.kind == "suggestion_reward" and "suggestions" in args:
            return self.statement_id._suggestion_label(args["suggestions"])
        return super()._render_label(args, records)
