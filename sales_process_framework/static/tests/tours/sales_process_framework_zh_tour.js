/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A salesperson who works in Simplified Chinese: the pipeline, the stage and
// the stage-gate tab read in the playbook's Chinese, not in English.
registry.category("web_tour.tours").add("sales_process_framework_zh_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM app",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        {
            content: "The needs-diagnosis column is titled in Chinese",
            trigger:
                ".o_opportunity_kanban .o_kanban_group:has(.o_column_title:contains('需求诊断')) .o_kanban_record",
        },
        {
            content: "No English stage title is left in the pipeline",
            trigger: ".o_opportunity_kanban",
            run() {
                const titles = [
                    ...document.querySelectorAll(".o_kanban_group .o_column_title"),
                ].map((el) => el.textContent.trim());
                const english = titles.filter((title) => /[A-Za-z]{3,}/.test(title));
                if (english.length) {
                    throw new Error(`Stage titles left in English: ${english.join(", ")}`);
                }
            },
        },
        {
            content: "Open an opportunity in needs diagnosis",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('需求诊断')) .o_kanban_record",
            run: "click",
        },
        {
            content: "The status bar names the stage in Chinese",
            trigger:
                ".o_form_view .o_field_widget[name=stage_id] .o_arrow_button_current:contains('需求诊断')",
        },
        {
            content: "Open the stage-gate tab",
            trigger: ".o_notebook .nav-link:contains('阶段关卡')",
            run: "click",
        },
        {
            content: "The gate's criteria and checklist are labelled in Chinese",
            trigger: ".o_notebook .tab-pane.active .o_horizontal_separator:contains('交付物')",
        },
    ],
});
