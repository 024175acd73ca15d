# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tracked stages in the reader's language.

Odoo stores a tracked many-to-one as the record's id and its name in the
writer's language at the time of the change, and shows that name to every
reader: a stage moved by a Chinese-speaking salesperson reads in Chinese to
everyone, and the other way round. Where the related record's name is
translatable (a stage, a journey phase, a tier), the name is the same label
in another language, so the chatter shows it in the reader's language; a
record since deleted keeps the stored name.
"""

from collections import defaultdict

from odoo import models


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    def _tracking_value_format_model(self, model):
        formatted = super()._tracking_value_format_model(model)
        trackings = self.browse(
            [value["id"] for value in formatted if value["fieldType"] == "many2one"]
        )
        wanted = defaultdict(set)
        for tracking in trackings:
            comodel = tracking.field_id.relation
            if self._has_translated_name(comodel):
                wanted[comodel].update(
                    {tracking.old_value_integer, tracking.new_value_integer} - {0}
                )
        names = {}
        for comodel, ids in wanted.items():
            # sudo: only names of records the message already names, in
            # another language
            for record in self.env[comodel].sudo().browse(ids).exists():
                names[comodel, record.id] = record.display_name
        if not names:
            return formatted
        by_id = {tracking.id: tracking for tracking in trackings}
        for value in formatted:
            tracking = by_id.get(value["id"])
            if not tracking:
                continue
            comodel = tracking.field_id.relation
            for key, id_field in (
                ("oldValue", "old_value_integer"),
                ("newValue", "new_value_integer"),
            ):
                name = names.get((comodel, tracking[id_field]))
                if name:
                    value[key]["value"] = name
        return formatted

    def _has_translated_name(self, comodel):
        if not comodel or comodel not in self.env:
            return False
        Comodel = self.env[comodel]
        field = Comodel._fields.get(Comodel._rec_name or "")
        return bool(field and field.translate)
