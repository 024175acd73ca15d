from . import test_security
from . import test_access_matrix
from . import test_key_accounts
from . import test_ui
from . import test_company_defaults
from . import test_retiering
from . import test_account_figures
from . import test_pareto_ui
