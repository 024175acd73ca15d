from . import test_demo_data
from . import test_security
from . import test_access_matrix
from . import test_stage_gates
from . import test_gate_display
from . import test_journey
from . import test_health
from . import test_ui
