/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_okr_check_in_tour", {
    steps: () => [
        {
            content: "Open the Performance menu of CRM",
            trigger:
                ".o_menu_sections [data-menu-xmlid='sales_team_performance.sales_team_performance_menu_root']",
            run: "click",
        },
        {
            content: "Open the OKRs",
            trigger:
                ".dropdown-item[data-menu-xmlid='sales_team_performance.sales_team_performance_menu_okr']",
            run: "click",
        },
        {
            content: "Open the salesperson's own objective",
            trigger: ".o_kanban_record:contains('Open the new-customer segment')",
            run: "click",
        },
        {
            content: "The KPIs of the period are shown beside the key results",
            trigger: ".o_field_widget[name=kpi_line_ids] .o_data_row:contains('Visits')",
        },
        {
            content: "Open the check-ins of the key result entered by hand",
            trigger:
                ".o_field_widget[name=key_result_ids] .o_data_row:contains('Referrals') button[name=action_check_ins]",
            run: "click",
        },
        {
            content: "Check in",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Enter the value reached",
            trigger: ".o_data_row .o_field_widget[name=value] input",
            run: "edit 3",
        },
        {
            content: "Save the check-in",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The check-in is saved, signed by the salesperson",
            trigger: ".o_data_row:not(.o_selected_row) .o_data_cell[name=user_id]:contains('Li Wei')",
        },
        {
            content: "Back to the objective",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Open the new-customer segment')",
            run: "click",
        },
        {
            content: "The key result shows the value checked in",
            trigger:
                ".o_field_widget[name=key_result_ids] .o_data_row:contains('Referrals') .o_data_cell[name=current_value]:contains('3.00')",
        },
    ],
});
