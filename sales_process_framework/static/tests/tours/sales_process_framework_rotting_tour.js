/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const IDLE = ".o_kanban_record:contains('Idle for a month')";
const FRESH = ".o_kanban_record:contains('Moved this morning')";

registry.category("web_tour.tours").add("sales_process_framework_rotting_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM pipeline",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        {
            content: "The idle card is marked rotting, with its days idle",
            trigger: `${IDLE} .o_rotting .o_idle_days:contains('30')`,
        },
        {
            content: "The card moved today is not",
            trigger: `${FRESH}:not(:has(.o_rotting))`,
        },
    ],
});
