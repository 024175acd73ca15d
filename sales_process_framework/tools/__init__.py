# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import dates
from . import numbers
from . import translations
from . import working_time
from . import figure
from . import measure_definition
from . import periods
from . import chatter
