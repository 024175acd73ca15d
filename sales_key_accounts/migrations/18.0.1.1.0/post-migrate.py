# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Account-team members get a company, so other companies no longer see them.

A member added before belongs to the customer's company, or for a customer
shared by all companies, to the member's own company.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE sales_account_team_member m
           SET company_id = COALESCE(p.company_id, u.company_id)
          FROM res_partner p, res_users u
         WHERE p.id = m.partner_id
           AND u.id = m.user_id
        """
    )
