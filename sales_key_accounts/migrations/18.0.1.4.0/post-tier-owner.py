# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0: a tier change keeps who owned the customer then, so that an
upgrade counts for that salesperson and team. Changes recorded before knew no
owner: they get the customer's owner at the upgrade, the best record left."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE sales_account_tier_history h
           SET user_id = p.user_id, team_id = u.sale_team_id
          FROM res_partner p
          LEFT JOIN res_users u ON u.id = p.user_id
         WHERE p.id = h.partner_id
           AND h.user_id IS NULL
           AND h.team_id IS NULL
        """
    )
