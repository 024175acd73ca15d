/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_talent_pool_tour", {
    steps: () => [
        {
            content: "Open the Performance menu of CRM",
            trigger:
                ".o_menu_sections [data-menu-xmlid='sales_team_performance.sales_team_performance_menu_root']",
            run: "click",
        },
        {
            content: "Open the talent pool",
            trigger:
                ".dropdown-item[data-menu-xmlid='sales_team_performance.sales_team_performance_menu_talent']",
            run: "click",
        },
        {
            content: "The pool shows every nine-box cell, stars first",
            trigger: ".o_kanban_group:first-child .o_column_title:contains('Star')",
        },
        {
            content: "Open Li Wei's review, flagged core talent",
            trigger: ".o_kanban_record:contains('Li Wei'):contains('Core Talent')",
            run: "click",
        },
        {
            content: "Rate his potential low",
            trigger: ".o_field_widget[name=potential] select",
            run: 'select "1"',
        },
        {
            content: "He leaves the core talent",
            trigger: ".o_field_widget[name=is_core_talent] input:not(:checked)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
    ],
});
