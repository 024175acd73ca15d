/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const CARD = ".o_kanban_record:contains('Kunshan Yida — Mold temperature monitoring')";

registry.category("web_tour.tours").add("sales_process_framework_journey_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM pipeline",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        {
            content: "The card shows its next touchpoint and a breach marker",
            trigger: `${CARD}:has(.o_next_touchpoint:contains('1:1 call')) .o_sla_breached`,
        },
        {
            content: "Log the touchpoint from the card",
            trigger: `${CARD} .o_log_touchpoint`,
            run: "click",
        },
        {
            content: "The breach marker is gone",
            trigger: `${CARD}:not(:has(.o_sla_breached)):not(:has(.o_next_touchpoint))`,
        },
    ],
});
