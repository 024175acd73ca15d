# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales contests get a company, so other companies no longer see them.

A contest created before belongs to the company of the user who runs it
(or who created it); its prizes and leaderboard lines follow it.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE gamification_challenge c
           SET company_id = u.company_id
          FROM res_users u
         WHERE u.id = COALESCE(c.manager_id, c.create_uid)
           AND c.is_sales_contest
        """
    )
    cr.execute(
        """
        UPDATE sales_contest_prize p
           SET company_id = c.company_id
          FROM gamification_challenge c
         WHERE c.id = p.challenge_id
        """
    )
    cr.execute(
        """
        UPDATE sales_contest_score s
           SET company_id = c.company_id
          FROM gamification_challenge c
         WHERE c.id = s.challenge_id
        """
    )
