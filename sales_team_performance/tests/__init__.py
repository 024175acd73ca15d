from . import test_security
from . import test_access_matrix
from . import test_commission
from . import test_targets
from . import test_contests
from . import test_people
from . import test_ui
from . import test_playbook_templates
