/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {Component, onWillStart, useState} from "@odoo/owl";
import {
    deserializeDate,
    deserializeDateTime,
    formatDate,
    formatDateTime,
} from "@web/core/l10n/dates";
import {formatCurrency} from "@web/core/currency";
import {formatFloat} from "@web/core/utils/numbers";
import {Layout} from "@web/search/layout";
import {registry} from "@web/core/registry";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {useService} from "@web/core/utils/hooks";

/**
 * My Performance: what a salesperson looks at every morning, and the team
 * for its leader. One read-only call brings everything the page shows.
 */
export class MyPerformance extends Component {
    static template = "sales_team_performance.MyPerformance";
    static components = {Layout};
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({page: null});
        onWillStart(async () => {
            this.state.page = await this.orm.call(
                "sales.performance.dashboard",
                "get_page",
                []
            );
        });
    }

    get display() {
        return {controlPanel: {}};
    }

    // Formatting, in the user's language ----------------------------------
    date(value) {
        return value ? formatDate(deserializeDate(value)) : "";
    }
    dateTime(value) {
        return value ? formatDateTime(deserializeDateTime(value), {showSeconds: false}) : "";
    }
    money(value) {
        return formatCurrency(value, this.state.page.currency_id);
    }
    amount(line, value) {
        return line.monetary
            ? this.money(value)
            : formatFloat(value, {digits: [16, 0]});
    }
    percent(value) {
        return `${formatFloat(value || 0, {digits: [16, 0]})}%`;
    }
    barWidth(value) {
        return `width: ${Math.min(Math.max(value || 0, 0), 100)}%;`;
    }
    markerLeft(value) {
        return `left: ${Math.min(Math.max(value || 0, 0), 100)}%;`;
    }

    // Links ----------------------------------------------------------------
    openRecord(resModel, resId) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: resModel,
            res_id: resId,
            views: [[false, "form"]],
            target: "current",
        });
    }
    openMemberTargets(member) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: member.name,
            res_model: "sales.target.line",
            domain: [
                ["user_id", "=", member.id],
                ["plan_id.state", "=", "active"],
            ],
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }
}

registry.category("actions").add("sales_team_performance.my_performance", MyPerformance);
