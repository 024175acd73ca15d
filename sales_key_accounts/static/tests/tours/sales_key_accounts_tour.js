/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const VISIT = "div[name=account_visit_ids] .o_data_row:contains('Present the line 3 retrofit offer')";

registry.category("web_tour.tours").add("sales_key_accounts_tour", {
    steps: () => [
        {
            content: "Open the key account tab",
            trigger: ".o_notebook .nav-link:contains('Key Account')",
            run: "click",
        },
        {
            content: "The tier and why",
            trigger: ".o_field_widget[name=account_tier_why]:contains('score')",
        },
        {
            content: "It is a key account",
            trigger: ".o_field_widget[name=account_tier_id]:contains('Key Account')",
        },
        {
            content: "The plan's objective progress",
            trigger: "div[name=account_plan_ids] .o_data_row .o_progressbar",
        },
        {
            content: "The next planned visit",
            trigger: ".o_field_widget[name=account_next_visit_date]:not(:empty)",
        },
        {
            content: "Open the overdue visit to log its result",
            trigger: `${VISIT} td[name=result]`,
            run: "click",
        },
        {
            content: "Write the result",
            trigger: "div[name=account_visit_ids] .o_selected_row .o_field_widget[name=result] textarea",
            run: "edit Retrofit offer presented; trial on line 3 agreed",
        },
        {
            content: "Mark the visit done",
            trigger: "div[name=account_visit_ids] .o_selected_row button[name=action_done]",
            run: "click",
        },
        {
            content: "The visit is done",
            trigger: "div[name=account_visit_ids] .o_data_row:contains('Present the line 3 retrofit offer'):contains('Done')",
        },
    ],
});
