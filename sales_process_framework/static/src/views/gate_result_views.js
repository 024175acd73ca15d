/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {Component, onMounted, onWillStart} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";
import {useService} from "@web/core/utils/hooks";
import {graphView} from "@web/views/graph/graph_view";
import {GraphRenderer} from "@web/views/graph/graph_renderer";
import {pivotView} from "@web/views/pivot/pivot_view";
import {PivotRenderer} from "@web/views/pivot/pivot_renderer";

// The message of a refresh, shown by the button of the reloaded view, so that
// it appears once the view shows the new results.
let pendingMessage = null;

/** "Refresh" of the blocked-opportunities report, for process managers. */
export class GateResultRefreshButton extends Component {
    static template = "sales_process_framework.GateResultRefreshButton";
    static props = {};

    setup() {
        this.orm = useService("orm");
        onWillStart(async () => {
            this.isManager = await user.hasGroup(
                "sales_process_framework.group_process_manager"
            );
        });
        onMounted(() => {
            if (pendingMessage) {
                this.env.services.notification.add(pendingMessage, {type: "success"});
                pendingMessage = null;
            }
        });
    }

    async onClick() {
        // the services of the environment: this button is rebuilt by the reload
        const {action} = this.env.services;
        const result = await this.orm.call("sales.gate.result", "action_refresh", [[]]);
        pendingMessage = result.params.message;
        await action.doAction(result.params.next);
    }
}

export class GateResultPivotRenderer extends PivotRenderer {
    static components = {...PivotRenderer.components, GateResultRefreshButton};
}

export class GateResultGraphRenderer extends GraphRenderer {
    static components = {...GraphRenderer.components, GateResultRefreshButton};
}

registry.category("views").add("sales_gate_result_pivot", {
    ...pivotView,
    Renderer: GateResultPivotRenderer,
    buttonTemplate: "sales_process_framework.GateResultPivotButtons",
});

registry.category("views").add("sales_gate_result_graph", {
    ...graphView,
    Renderer: GateResultGraphRenderer,
    buttonTemplate: "sales_process_framework.GateResultGraphButtons",
});
