/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const SCRIPT = "Price objection: the ROI answer";
const BLOCKED = "Wuxi Taihu — Bearing line vibration monitoring";

registry.category("web_tour.tours").add("sales_process_framework_library_rep_tour", {
    steps: () => [
        {
            content: "The opportunity is in Solution Presentation",
            trigger: ".o_field_widget[name=stage_id] .o_arrow_button_current:contains('Solution Presentation')",
        },
        {
            content: "The reference cases of the customer's industry are one click away",
            trigger: "button[name=action_view_reference_cases]:contains('1')",
        },
        {
            content: "Open the stage gate tab",
            trigger: ".o_notebook .nav-link:contains('Stage Gate')",
            run: "click",
        },
        {
            content: "The stage requires the solution proposal: its template is offered for download",
            trigger: ".o_field_widget[name=gate_template_ids] tr:contains('Solution Proposal') a.o_form_uri:has(.fa-download):contains('solution_proposal.md')",
        },
        {
            content: "Mark the script used with this customer",
            trigger: ".o_field_widget[name=sales_script_ids] input",
            run: "edit ROI",
        },
        {
            content: "Pick the script in use for this stage",
            trigger: `.o-autocomplete--dropdown-menu li a:contains('${SCRIPT}')`,
            run: "click",
        },
        {
            content: "The script is on the opportunity",
            trigger: `.o_field_widget[name=sales_script_ids] .o_tag:contains('${SCRIPT}')`,
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("sales_process_framework_library_manager_tour", {
    steps: () => [
        {
            content: "The script's win rate, from the engine, on its button",
            trigger: ".o_form_view button[name=action_view_opportunities] .o_stat_value:contains('66.7')",
        },
        {
            content: "Open the usage tab",
            trigger: ".o_notebook .nav-link:contains('Usage')",
            run: "click",
        },
        {
            content: "The salesperson's opportunity is among those that used it",
            trigger: `.o_field_widget[name=lead_ids] td:contains('${BLOCKED}')`,
        },
        {
            content: "Who uses it",
            trigger: ".o_field_widget[name=user_ids] .o_tag, .o_field_widget[name=user_ids] img",
        },
        {
            content: "Open the opportunities behind the win rate",
            trigger: "button[name=action_view_opportunities]",
            run: "click",
        },
        {
            content: "The drill-down lists the closed opportunities the figure counts",
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
