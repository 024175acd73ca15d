/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_team_performance_tour", {
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
            content: "The pace warning is there, with its projection",
            trigger: ".o_pace_warning:contains('Behind pace'):contains('Projected')",
        },
        {
            content: "The behind-pace target is flagged in the list",
            trigger: "div[name=target_line_ids] .o_data_row.text-danger",
        },
        {
            content: "The next tier: how much more revenue",
            trigger: ".o_field_widget[name=next_tier]:contains('%')",
        },
        {
            content: "... and what it pays",
            trigger: ".o_field_widget[name=next_tier_extra]:not(:contains('0.00'))",
        },
        {
            content: "Open the contests",
            trigger: ".o_notebook .nav-link:contains('Contests')",
            run: "click",
        },
        {
            content: "The running contest's leaderboard, with my line",
            trigger:
                ".o_contest_leaderboard .o_data_row.fw-bold:contains('Year-end sprint'):contains('Liu Yang')",
        },
    ],
});
