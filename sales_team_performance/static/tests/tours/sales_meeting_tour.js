/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_meeting_tour", {
    steps: () => [
        {
            content: "Open the Performance menu of CRM",
            trigger:
                ".o_menu_sections [data-menu-xmlid='sales_team_performance.sales_team_performance_menu_root']",
            run: "click",
        },
        {
            content: "Open the team's sales meetings",
            trigger:
                ".dropdown-item[data-menu-xmlid='sales_team_performance.sales_team_performance_menu_meetings']",
            run: "click",
        },
        {
            content: "Open last week's meeting",
            trigger: ".o_data_row:contains('Weekly sales meeting') td[name=name]",
            run: "click",
        },
        {
            content: "An attendee reads the meeting but does not change it",
            trigger: ".o_form_view .o_field_widget[name=name].o_readonly_modifier",
        },
        {
            content: "Open the action items",
            trigger: ".o_notebook a.nav-link:contains('Action Items')",
            run: "click",
        },
        {
            content: "My action item is in progress",
            trigger:
                ".o_field_widget[name=action_ids] .o_data_row:contains('finance manager'):contains('In progress')",
        },
        {
            content: "Mark my action item's activity done",
            trigger:
                ".o-mail-Activity:contains('finance manager') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label='Done']",
            run: "click",
        },
        {
            content: "The activity is done",
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Activity:contains('finance manager')))",
        },
    ],
});
