/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const BLOCKED = "Wuxi Taihu — Bearing line vibration monitoring";
const KAIDA = "Shenzhen Kaida — Custom wafer test bench";
const column = (stage) => `.o_kanban_group:has(.o_column_title:contains('${stage}'))`;

registry.category("web_tour.tours").add("sales_process_framework_gate_statusbar_tour", {
    steps: () => [
        {
            content: "The opportunity is in Solution Presentation",
            trigger: ".o_field_widget[name=stage_id] .o_arrow_button_current:contains('Solution Presentation')",
        },
        {
            content: "Try to move it to Negotiation from the status bar",
            trigger: ".o_field_widget[name=stage_id] button:contains('Negotiation')",
            run: "click",
        },
        {
            content: "The refusal lists what is missing, per stage",
            trigger: ".modal:contains('Cannot move to “Negotiation” yet'):contains('“Solution Presentation”, exit criteria:'):contains('Solution proposal attached')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The status bar is back on the saved stage",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=stage_id] .o_arrow_button_current:contains('Solution Presentation')",
        },
        {
            content: "Nothing is left to save",
            trigger: ".o_form_view:has(.o_form_status_indicator_buttons.invisible) .o_field_widget[name=stage_id]",
        },
        {
            // after a refused move the checklist at times shows no item until
            // the page is reloaded (its options are loaded again for the stage
            // the status bar tried): what is checked here is the saved record
            content: "Open the opportunity again, as saved",
            trigger: ".o_form_view .o_field_widget[name=stage_id]",
            run() {
                location.reload();
            },
        },
        {
            content: "Open the stage gate tab",
            trigger: ".o_notebook .nav-link:contains('Stage Gate')",
            run: "click",
        },
        {
            content: "The criteria are those of the saved stage",
            trigger: ".o_field_widget[name=gate_checked_ids]:contains('Decision makers attended the presentation')",
        },
        {
            content: "Leave the opportunity",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Back on the pipeline, the card is where it was",
            trigger: `${column("Solution Presentation")} .o_kanban_record:contains('${BLOCKED}')`,
        },
        {
            content: "and leaving tried no second move: no error",
            trigger: "body:not(:has(.modal)) .o_kanban_view",
        },
    ],
});

registry.category("web_tour.tours").add("sales_process_framework_gate_drag_override_tour", {
    steps: () => [
        {
            content: "The manager's deal waits in Negotiation",
            trigger: `${column("Negotiation")} .o_kanban_record:contains('${KAIDA}')`,
        },
        {
            content: "Scroll the pipeline until Contract Signing is in view",
            trigger: column("Contract Signing"),
            run() {
                this.anchor.scrollIntoView({block: "nearest", inline: "center"});
            },
        },
        {
            content: "Drag it to Contract Signing",
            trigger: `${column("Negotiation")} .o_kanban_record:contains('${KAIDA}')`,
            run: `drag_and_drop (${column("Contract Signing")})`,
        },
        {
            content: "The gate refuses and offers the flexible node",
            trigger: ".modal:contains('Contract review form attached') .modal-footer button:contains('Override with a Reason')",
            run: "click",
        },
        {
            content: "The wizard shows what is missing",
            trigger: ".modal .o_field_widget[name=issues_html]:contains('Contract review form attached')",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Legal reviews the contract in parallel for this strategic customer",
        },
        {
            content: "Override and move",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The move is confirmed",
            trigger: ".o_notification:contains('Moved to “Contract Signing” past the gate')",
        },
        {
            content: "The card stands in Contract Signing",
            trigger: `body:not(:has(.modal)) ${column("Contract Signing")} .o_kanban_record:contains('${KAIDA}')`,
        },
        {
            content: "and no longer in Negotiation",
            trigger: `${column("Negotiation")}:not(:has(.o_kanban_record:contains('${KAIDA}')))`,
        },
    ],
});

registry.category("web_tour.tours").add("sales_process_framework_gate_report_refresh_tour", {
    steps: () => [
        {
            content: "The blocked opportunities open as a pivot",
            trigger: ".o_pivot_view .o_gate_result_refresh",
            run: "click",
        },
        {
            content: "Refreshed from the pivot, without error",
            trigger: "body:not(:has(.o_error_dialog)) .o_notification:contains('The gate results are up to date') .o_notification_close",
            run: "click",
        },
        {
            content: "The message is closed",
            trigger: "body:not(:has(.o_notification)) .o_pivot_view",
        },
        {
            content: "The pivot is shown again",
            trigger: ".o_pivot_view .o_pivot",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "Refresh from the graph",
            trigger: ".o_graph_view .o_gate_result_refresh",
            run: "click",
        },
        {
            content: "Refreshed from the graph, without error",
            trigger: "body:not(:has(.o_error_dialog)) .o_notification:contains('The gate results are up to date') .o_notification_close",
            run: "click",
        },
        {
            content: "The message is closed",
            trigger: "body:not(:has(.o_notification)) .o_graph_view",
        },
        {
            content: "The graph is shown again",
            trigger: ".o_graph_view .o_graph_canvas_container",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Refresh from the list",
            trigger: ".o_list_view .o_control_panel button:contains('Refresh')",
            run: "click",
        },
        {
            content: "Refreshed from the list, without error",
            trigger: "body:not(:has(.o_error_dialog)) .o_notification:contains('The gate results are up to date')",
        },
        {
            content: "The list is shown again",
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
