/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const BLOCKED = "Wuxi Taihu — Bearing line vibration monitoring";
const column = (stage) => `.o_kanban_group:has(.o_column_title:contains('${stage}'))`;

function attachFile(field, name) {
    const input = field.querySelector("input[type=file]");
    if (!input) {
        throw new Error("No file input in the binary field");
    }
    const transfer = new DataTransfer();
    transfer.items.add(new File(["Proposal for the pilot"], name, {type: "text/plain"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

registry.category("web_tour.tours").add("sales_process_framework_gate_rep_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM pipeline",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        {
            content: "The blocked card shows its gate progress",
            trigger: `${column("Solution Presentation")} .o_kanban_record:contains('${BLOCKED}') .o_gate_progress:contains('0/2')`,
        },
        {
            content: "Scroll the pipeline until Negotiation is in view",
            trigger: column("Negotiation"),
            run() {
                this.anchor.scrollIntoView({block: "nearest", inline: "center"});
            },
        },
        {
            content: "Drag the blocked card to Negotiation",
            trigger: `${column("Solution Presentation")} .o_kanban_record:contains('${BLOCKED}')`,
            run: `drag_and_drop (${column("Negotiation")})`,
        },
        {
            content: "The refusal lists exactly what is missing",
            trigger: ".modal:contains('Cannot move to “Negotiation” yet'):contains('Solution proposal attached'):contains('Decision makers attended the presentation')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The card stayed in Solution Presentation; open it",
            trigger: `${column("Solution Presentation")} .o_kanban_record:contains('${BLOCKED}')`,
            run: "click",
        },
        {
            content: "Open the stage gate tab",
            trigger: ".o_notebook .nav-link:contains('Stage Gate')",
            run: "click",
        },
        {
            content: "The guidance of the stage is shown",
            trigger: ".o_notebook .alert:contains('Key actions')",
        },
        {
            content: "Tick the checklist item",
            trigger: ".o_field_many2many_checkboxes .form-check:contains('Decision makers attended the presentation') input",
            run: "click",
        },
        {
            content: "Add the deliverable",
            trigger: "div[name=deliverable_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the deliverable type",
            trigger: "div[name=deliverable_ids] .o_data_row .o_field_widget[name=type_id] input",
            run: "edit Solution Proposal",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains('Solution Proposal')",
            run: "click",
        },
        {
            content: "Attach the proposal",
            trigger: "div[name=deliverable_ids] .o_data_row .o_field_binary",
            run() {
                attachFile(this.anchor, "proposal.txt");
            },
        },
        {
            content: "The file is in",
            trigger: "div[name=deliverable_ids] .o_data_row .o_field_binary .o_clear_file_button",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Both exit criteria are met now",
            trigger: ".o_form_saved .o_field_widget[name=gate_exit_done]:contains('2')",
        },
        {
            content: "Move to Negotiation from the status bar",
            trigger: ".o_field_widget[name=stage_id] button:contains('Negotiation')",
            run: "click",
        },
        {
            content: "The move succeeded",
            trigger: ".o_field_widget[name=stage_id] .o_arrow_button_current:contains('Negotiation')",
        },
        {
            content: "Back to the pipeline",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The card is in Negotiation now",
            trigger: `${column("Negotiation")} .o_kanban_record:contains('${BLOCKED}')`,
        },
    ],
});

registry.category("web_tour.tours").add("sales_process_framework_gate_override_tour", {
    steps: () => [
        {
            content: "The opportunity is blocked at the budget criterion",
            trigger: ".o_field_widget[name=stage_id] .o_arrow_button_current:contains('Lead Nurturing')",
        },
        {
            content: "Open the flexible node",
            trigger: ".o_form_view button[name=action_open_gate_override]",
            run: "click",
        },
        {
            content: "Choose the stage to move to",
            trigger: ".modal .o_field_widget[name=stage_id] input",
            run: "edit Needs Diagnosis",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains('Needs Diagnosis')",
            run: "click",
        },
        {
            content: "The wizard shows what is missing",
            trigger: ".modal .o_field_widget[name=issues_html]:contains('Budget of at least 500,000')",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Customer needs a custom-solution approval before budgeting",
        },
        {
            content: "Override and move",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The opportunity moved past the gate",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=stage_id] .o_arrow_button_current:contains('Needs Diagnosis')",
        },
        {
            content: "The override is recorded on the opportunity",
            trigger: ".o_notebook .nav-link:contains('Stage Gate')",
            run: "click",
        },
        {
            content: "With its reason",
            trigger: "div[name=gate_override_ids] .o_data_row:contains('custom-solution approval')",
        },
    ],
});
