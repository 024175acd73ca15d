/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_team_performance_team_zh_tour", {
    steps: () => [
        {
            content: "Open the Performance menu of CRM",
            trigger:
                ".o_menu_sections [data-menu-xmlid='sales_team_performance.sales_team_performance_menu_root']",
            run: "click",
        },
        {
            content: "Open My Performance",
            trigger:
                ".dropdown-item[data-menu-xmlid='sales_team_performance.sales_team_performance_menu_dashboard']",
            run: "click",
        },
        {
            content: "Today's date in the Chinese format",
            trigger: ".o_mp_today:contains('年'):contains('日')",
        },
        {
            content: "The pace chart is labelled in Chinese",
            trigger: ".o_mp_pace .card-header:contains('目标进度')",
        },
        {
            content: "The team: Li Wei is marked behind pace, in Chinese",
            trigger: ".o_mp_team .o_mp_member.btn-danger:contains('Li Wei'):contains('进度落后')",
        },
        {
            content: "Wang Fang is on pace",
            trigger: ".o_mp_team .o_mp_member:not(.btn-danger):contains('Wang Fang')",
        },
        {
            content: "Open Li Wei's targets",
            trigger: ".o_mp_team .o_mp_member.btn-danger:contains('Li Wei')",
            run: "click",
        },
        {
            content: "Li Wei's targets are listed",
            trigger: ".o_list_view .o_data_row:contains('Li Wei')",
        },
    ],
});
