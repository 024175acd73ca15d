/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {RedirectWarningDialog} from "@web/core/errors/error_dialogs";
import {patch} from "@web/core/utils/patch";

/**
 * A refused move offers the override wizard; once the override has moved the
 * opportunity, the view behind (the pipeline after a drag, or the form) is
 * reloaded so that the card stands in its new column.
 */
patch(RedirectWarningDialog.prototype, {
    async onClick() {
        if (!this.additionalContext?.sales_gate_refused_move) {
            return super.onClick(...arguments);
        }
        const actionService = this.env.services.action;
        await this.actionService.doAction(this.actionId, {
            additionalContext: this.additionalContext,
            onClose: (infos) => {
                if (infos?.sales_gate_overridden) {
                    return actionService.doAction({
                        type: "ir.actions.client",
                        tag: "soft_reload",
                    });
                }
            },
        });
        this.props.close();
    },
});
