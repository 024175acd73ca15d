/** @odoo-module **/
/* Copyright 2026 Sales Excellence Contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {patch} from "@web/core/utils/patch";
import {StatusBarField} from "@web/views/fields/statusbar/statusbar_field";

/**
 * A stage move refused by a gate leaves the opportunity as it was: the status
 * bar, the checklist and the criteria stay on the saved stage, the form is not
 * dirty, and leaving the page does not try the refused move again.
 */
patch(StatusBarField.prototype, {
    async selectItem(item) {
        const {name, record} = this.props;
        if (record.resModel !== "crm.lead" || record.isNew) {
            return super.selectItem(...arguments);
        }
        const wasDirty = record.dirty;
        const previous = record.data[name];
        const value = this.field.type === "many2one" ? [item.value, item.label] : item.value;
        await record.update({[name]: value});
        return record.save({
            onError: async (error, {discard}) => {
                if (wasDirty) {
                    // keep the user's other edits, put the stage back
                    await record.update({[name]: previous});
                } else {
                    // nothing else to keep: read the saved opportunity again,
                    // so the status bar, checklist and criteria all show it
                    // whatever the browser computed meanwhile (still inside
                    // this save, hence not through the queued load())
                    discard();
                    await record._load();
                }
                throw error;
            },
        });
    },
});
