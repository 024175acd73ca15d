/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const CUSTOMER = "Wuxi Lianfa Textiles";

registry.category("web_tour.tours").add("sales_key_accounts_exit_interview_tour", {
    steps: () => [
        {
            content: "Open the key accounts menu",
            trigger: ".o_menu_sections [data-menu-xmlid='sales_key_accounts.sales_key_accounts_menu_root']",
            run: "click",
        },
        {
            content: "Open the exit interviews",
            trigger: "[data-menu-xmlid='sales_key_accounts.sales_key_accounts_menu_exit_interviews']",
            run: "click",
        },
        {
            content: "Open the interview of the customer who left",
            trigger: `.o_data_row td:contains('${CUSTOMER}')`,
            run: "click",
        },
        {
            content: "Write why they left",
            trigger: ".o_field_widget[name=reason] textarea",
            run: "edit The new owner closed the dyeing line and moved production inland.",
        },
        {
            content: "Choose the root cause",
            trigger: ".o_field_widget[name=cause_id] input",
            run: "edit Product",
        },
        {
            content: "... product or quality",
            trigger: ".o-autocomplete--dropdown-item:contains('Product or quality')",
            run: "click",
        },
        {
            content: "The win-back attempt",
            trigger: ".o_field_widget[name=winback] textarea",
            run: "edit Offered the controls for their inland plant.",
        },
        {
            content: "The lesson for the team",
            trigger: ".o_field_widget[name=lesson] textarea",
            run: "edit Follow ownership changes at A customers.",
        },
        {
            content: "The follow-up is done",
            trigger: ".o_field_widget[name=followup_done] input",
            run: "click",
        },
        {
            content: "Mark the interview done",
            trigger: "button[name=action_done]",
            run: "click",
        },
        {
            content: "The interview is done",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('Done')",
        },
    ],
});

registry.category("web_tour.tours").add("sales_key_accounts_churn_reasons_tour", {
    steps: () => [
        {
            content: "The churn reasons are counted by root cause",
            trigger: ".o_pivot th:contains('Product or quality')",
        },
        {
            content: "... beside the other causes",
            trigger: ".o_pivot th:contains('Price')",
        },
    ],
});
