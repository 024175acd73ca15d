/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sales_key_accounts_pareto_tour", {
    steps: () => [
        {
            content: "The Pareto pie is drawn",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Each tier's share of the revenue is written out",
            trigger: ".o_pareto_shares tr:contains('Key Account') .o_pareto_share:contains('%')",
        },
        {
            content: "... for every tier",
            trigger: ".o_pareto_shares tbody:has(tr:nth-child(4) .o_pareto_share:contains('%'))",
        },
    ],
});
