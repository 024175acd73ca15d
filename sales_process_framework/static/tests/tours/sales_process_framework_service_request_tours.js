/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const ASK = "Case of a robotic welding cell in auto parts";
const ROW = `.o_data_row:contains('${ASK}')`;

function attachFile(field, name) {
    const input = field.querySelector("input[type=file]");
    if (!input) {
        throw new Error("No file input in the binary field");
    }
    const transfer = new DataTransfer();
    transfer.items.add(new File(["A tailored customer case"], name, {type: "text/plain"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

// The salesperson asks marketing for a tailored case from his opportunity.
registry.category("web_tour.tours").add("sales_process_framework_service_ask_tour", {
    steps: () => [
        {
            content: "Ask a department from the opportunity",
            trigger: ".o_form_view button[name=action_request_service]",
            run: "click",
        },
        {
            content: "Say what is asked",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${ASK}`,
        },
        {
            content: "Choose marketing",
            trigger: ".o_form_view .o_field_widget[name=department_id] input",
            run: "edit Marketing",
        },
        {
            content: "Marketing is offered",
            trigger: ".o-autocomplete--dropdown-item a:contains('Marketing')",
            run: "click",
        },
        {
            content: "Its first request type, a tailored case, is proposed",
            trigger: ".o_form_view .o_field_widget[name=request_type_id] input:value('Tailored Customer Case')",
        },
        {
            content: "Submit the request",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The request is submitted with its due time",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Submitted')",
        },
        {
            content: "Its due time is shown",
            trigger: ".o_form_view .o_field_widget[name=date_due]:not(:empty)",
        },
    ],
});

// A marketing employee delivers the case with its document.
registry.category("web_tour.tours").add("sales_process_framework_service_deliver_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Service Requests app",
            trigger:
                ".o_app[data-menu-xmlid='sales_process_framework.sales_process_framework_menu_service_root']",
            run: "click",
        },
        {
            content: "Open the request asked of marketing",
            trigger: `${ROW} td[name=name]`,
            run: "click",
        },
        {
            content: "Start it",
            trigger: ".o_form_view button[name=action_start]",
            run: "click",
        },
        {
            content: "The request is in progress",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('In Progress')",
        },
        {
            content: "Open the delivery tab",
            trigger: ".o_notebook .nav-link[name=delivery]",
            run: "click",
        },
        {
            content: "Attach the case",
            trigger: ".o_form_view .o_field_widget[name=document]",
            run() {
                attachFile(this.anchor, "tailored_case.txt");
            },
        },
        {
            content: "The file is in",
            trigger: ".o_form_view .o_field_widget[name=document] .o_clear_file_button",
        },
        {
            content: "Deliver",
            trigger: ".o_form_view button[name=action_deliver]",
            run: "click",
        },
        {
            content: "The request is delivered",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Delivered')",
        },
    ],
});

// The salesperson finds it delivered among his requests.
registry.category("web_tour.tours").add("sales_process_framework_service_delivered_tour", {
    steps: () => [
        {
            content: "The request reads delivered",
            trigger: `${ROW} td[name=state]:contains('Delivered')`,
            run: "click",
        },
        {
            content: "Its document is there",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Delivered')",
        },
    ],
});
