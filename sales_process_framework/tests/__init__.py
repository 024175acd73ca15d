from . import test_demo_data
from . import test_security
from . import test_ui
