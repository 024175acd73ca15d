# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A review's satisfaction is now the engine's net promoter score (-100 to
100), no longer the mean of the raw 0-10 answers: the stored figures of the
reviews are measured again, each over the 12 months before its meeting, so
that no review shows a mean under the new label. Its other figures stay as
they were prepared."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    reviews = env["sales.account.review"].with_context(active_test=False).search([])
    for day, group in reviews.grouped("date").items():
        group._prepare_figures(day, ["satisfaction"])
