# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tests on a database installed without demo data, as a company installs the
suite from Apps (bin/suite test builds it and runs this package on it)."""

from . import test_apply_playbook
from . import test_spin_question_bank
from . import test_journey_personas
from . import test_team_defaults
from . import test_team_structure
from . import test_okr
from . import test_manager_scorecard
from . import test_pilot_feedback
from . import test_commission_ramp
from . import test_commission_lines
from . import test_contest_ranking
from . import test_retention_management
from . import test_appraisal
from . import test_content_library
from . import test_process_review
from . import test_process_rollout
from . import test_service_requests
