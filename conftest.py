# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Suite-wide pytest policy: a skipped test is a failed run.

Odoo skips a browser tour when its prerequisites are missing (no Chromium,
no websocket-client) while the run still "passes"; here that fails the run.
"""


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.write_line(
            f"{len(skipped)} test(s) skipped: a skip fails this suite (reasons above)",
            red=True,
        )
        session.exitstatus = 1
