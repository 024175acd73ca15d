# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools.translate import LazyTranslate

from ..tools.measure_definition import MeasureDefinition

_lt = LazyTranslate(__name__)

SCRIPT_WIN_RATE = "script_win_rate"
# the scope level of a script's figure: the opportunities that used it
SCRIPT_SCOPE = "script"


class SalesMeasure(models.AbstractModel):
    _inherit = "sales.measure"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def definitions(self):
        definitions = super().definitions()
        # the engine's win rate (won among closed), with the scripts used on
        # the opportunities as its scope; every closed one, whenever closed:
        # closed is what the win rate's period bounds, a closing date
        win_rate = definitions["win_rate"]
        definitions[SCRIPT_WIN_RATE] = MeasureDefinition(
            SCRIPT_WIN_RATE,
            _lt("Script win rate"),
            domain=win_rate.domain + ((win_rate.date_field, "!=", False),),
            date_field=None,
            split=win_rate.split,
            weight=win_rate.weight,
            denominator=win_rate.denominator,
            unit=win_rate.unit,
            scope_fields={SCRIPT_SCOPE: "sales_script_ids"},
        )
        return definitions
