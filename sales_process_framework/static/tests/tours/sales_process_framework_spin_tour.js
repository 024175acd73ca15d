/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_process_framework_spin_tour", {
    steps: () => [
        {
            content: "Open the SPIN Diagnosis tab of the opportunity",
            trigger: ".o_notebook a[name=spin_diagnosis]",
            run: "click",
        },
        {
            content: "Load the question bank's questions for the customer's industry",
            trigger: "button[name=action_spin_load_questions]",
            run: "click",
        },
        {
            content: "The manufacturing questions are on the tab",
            trigger:
                "div[name=spin_question_ids] .o_data_row:contains('How do you plan the shifts of your production lines today?')",
        },
        {
            content: "Write the background record",
            trigger: "div[name=spin_background] textarea",
            run: "edit Three lines in two shifts, planned in Excel",
        },
        {
            content: "Name a pain",
            trigger: "div[name=spin_pain_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The pain's name",
            trigger: "div[name=spin_pain_ids] .o_selected_row div[name=name] input",
            run: "edit Unplanned stops",
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
