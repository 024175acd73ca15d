/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const STAGES = [
    "Lead Acquisition",
    "Lead Nurturing",
    "Needs Diagnosis",
    "Solution Presentation",
    "Negotiation",
    "Contract Signing",
    "Delivery",
    "After-sales Follow-up",
];

registry.category("web_tour.tours").add("sales_process_framework_pipeline_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM app",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        ...STAGES.map((stage) => ({
            content: `The pipeline has the stage ${stage} with opportunities in it`,
            trigger: `.o_opportunity_kanban .o_kanban_group:has(.o_column_title:contains('${stage}')) .o_kanban_record`,
        })),
        {
            content: "Only the eight process stages are columns of the pipeline",
            trigger: ".o_opportunity_kanban",
            run() {
                const titles = [
                    ...document.querySelectorAll(".o_kanban_group .o_column_title"),
                ].map((el) => el.textContent.trim());
                if (JSON.stringify(titles) !== JSON.stringify(STAGES)) {
                    throw new Error(`Unexpected pipeline columns: ${titles.join(", ")}`);
                }
            },
        },
        {
            content: "Open an opportunity in needs diagnosis",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Needs Diagnosis')) .o_kanban_record",
            run: "click",
        },
        {
            content: "The form shows the opportunity in its stage",
            trigger:
                ".o_form_view .o_field_widget[name=stage_id] .o_arrow_button_current:contains('Needs Diagnosis')",
        },
    ],
});
