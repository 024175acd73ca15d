/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const TILE =
    ".o_kanban_group:has(.o_column_title:contains('B2B Direct Sales')) .o_kanban_record:has(.o_health_alert):contains('First-response time')";

registry.category("web_tour.tours").add("sales_process_framework_health_tour", {
    steps: () => [
        {
            content: "The dashboard shows healthy tiles",
            trigger: ".o_health_tile.o_health_healthy",
        },
        {
            content: "and an alert tile with its improvement direction",
            trigger: `${TILE}:contains('Route new leads to a salesperson at once')`,
        },
        {
            content: "Drill down to the opportunities behind the number",
            trigger: `${TILE} .o_health_drill_down`,
            run: "click",
        },
        {
            content: "The opportunities behind the alert are listed",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Under the tile's name",
            trigger: ".o_breadcrumb:contains('First-response time')",
        },
    ],
});
