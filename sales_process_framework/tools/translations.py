# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def copy_translations(records, link_field, field_names):
    """Copy the translated fields of records from the record their link_field
    points to, in every language at once: one statement per model, whatever
    the number of records, and no row whose values are already the same.

    The fields hold the same name on both models; the link is a many2one.
    """
    if not records:
        return
    source = records.env[records._fields[link_field].comodel_name]
    records.flush_recordset()
    source.flush_model(field_names)
    records.env.cr.execute(
        SQL(
            "UPDATE %(target)s AS t SET %(sets)s FROM %(source)s AS s"
            " WHERE t.%(link)s = s.id AND t.id = ANY(%(ids)s) AND (%(changed)s)",
            target=SQL.identifier(records._table),
            source=SQL.identifier(source._table),
            link=SQL.identifier(link_field),
            ids=list(records.ids),
            sets=SQL(", ").join(
                SQL("%s = s.%s", SQL.identifier(name), SQL.identifier(name))
                for name in field_names
            ),
            changed=SQL(" OR ").join(
                SQL("t.%s IS DISTINCT FROM s.%s", SQL.identifier(n), SQL.identifier(n))
                for n in field_names
            ),
        )
    )
    records.invalidate_recordset(field_names)
