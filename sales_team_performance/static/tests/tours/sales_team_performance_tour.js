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
            content: "The page is a page, not a record with a pager",
            trigger: ".o_my_performance:not(:has(.o_pager))",
        },
        {
            content: "The revenue target is drawn behind pace, with its projection",
            trigger:
                ".o_mp_pace .o_mp_target.o_mp_behind:contains('Revenue'):contains('Projected') .o_mp_behind_badge",
        },
        {
            content: "The next tier: how much more revenue, and what it pays",
            trigger:
                ".o_mp_next_tier:contains('%') .o_mp_next_tier_extra",
        },
        {
            content: "My rank in the running contest",
            trigger: ".o_mp_contest:contains('Year-end sprint') .o_mp_rank",
        },
        {
            content: "Open the behind-pace target from the page",
            trigger: ".o_mp_pace .o_mp_target.o_mp_behind .o_mp_target_link",
            run: "click",
        },
        {
            content: "The target itself opens",
            trigger: ".o_form_view .o_field_widget[name=target]",
        },
    ],
});
