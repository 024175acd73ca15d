/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {formatFloat} from "@web/core/utils/numbers";
import {graphView} from "@web/views/graph/graph_view";
import {GraphRenderer} from "@web/views/graph/graph_renderer";

/**
 * The Pareto pie with each slice's share written out beside it: a pie alone
 * cannot be read as "20% of the accounts bring 80% of the revenue".
 */
export class ParetoGraphRenderer extends GraphRenderer {
    static template = "sales_key_accounts.ParetoGraphRenderer";

    get shares() {
        const {labels, datasets} = this.model.data;
        if (this.model.metaData.mode !== "pie" || datasets.length !== 1) {
            return [];
        }
        const values = datasets[0].data;
        const total = values.reduce((sum, value) => sum + value, 0);
        return labels.map((label, index) => ({
            label: Array.isArray(label) ? label.join(" / ") : label,
            value: formatFloat(values[index], {digits: [16, 0]}),
            share: total
                ? `${formatFloat((100 * values[index]) / total, {digits: [16, 1]})}%`
                : "",
        }));
    }
}

registry.category("views").add("sales_key_accounts_pareto_graph", {
    ...graphView,
    Renderer: ParetoGraphRenderer,
});
