/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const performanceMenu = [
    {
        content: "Open the Performance menu of CRM",
        trigger:
            ".o_menu_sections [data-menu-xmlid='sales_team_performance.sales_team_performance_menu_root']",
        run: "click",
    },
];

registry.category("web_tour.tours").add("sales_forecast_salesperson_tour", {
    steps: () => [
        {
            content: "The opportunity shows its forecast category, Pipeline by default",
            trigger:
                ".o_form_view .o_field_widget[name=forecast_category] input[data-value=pipeline]:checked",
        },
        {
            content: "Call it: this one will close, Commit",
            trigger:
                ".o_form_view .o_field_widget[name=forecast_category] input[data-value=commit]",
            run: "click",
        },
        {
            content: "Save the opportunity",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        ...performanceMenu,
        {
            content: "Open My Forecast",
            trigger:
                ".dropdown-item[data-menu-xmlid='sales_team_performance.sales_team_performance_menu_my_forecast']",
            run: "click",
        },
        {
            content: "My forecast of this month is not submitted yet",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=draft]",
        },
        {
            content: "The commit deals are beside it",
            trigger: ".o_form_view .o_field_widget[name=commit_amount]",
        },
        {
            content: "Enter the revenue I expect to win this month",
            trigger: ".o_form_view .o_field_widget[name=submitted_amount] input",
            run: "edit 1200000",
        },
        {
            content: "Submit it",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "It is submitted",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=submitted]",
        },
    ],
});

registry.category("web_tour.tours").add("sales_forecast_manager_tour", {
    steps: () => [
        ...performanceMenu,
        {
            content: "Open the team's forecasts",
            trigger:
                ".dropdown-item[data-menu-xmlid='sales_team_performance.sales_team_performance_menu_forecasts']",
            run: "click",
        },
        {
            content: "Who has not submitted this period is plain to see",
            trigger:
                ".o_list_view .o_data_row:contains('Zhang Min') .o_field_badge:contains('Not submitted')",
        },
        {
            content: "Li Wei has submitted",
            trigger:
                ".o_list_view .o_data_row:contains('Li Wei') .o_field_badge:contains('Submitted')",
        },
        {
            content: "Open Li Wei's forecast",
            trigger: ".o_list_view .o_data_row:contains('Li Wei') td[name=user_id]",
            run: "click",
        },
        {
            content: "Adjust it",
            trigger: ".o_form_view button[name=action_open_adjust]",
            run: "click",
        },
        {
            content: "The adjusted forecast",
            trigger: ".modal .o_field_widget[name=amount] input",
            run: "edit 900000",
        },
        {
            content: "And why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The hospital tender moves to next quarter",
        },
        {
            content: "Confirm the adjustment",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The adjustment is in the history",
            trigger:
                ".o_form_view .o_field_widget[name=adjustment_ids] .o_data_row:contains('The hospital tender moves to next quarter')",
        },
    ],
});
