from . import test_team_defaults
