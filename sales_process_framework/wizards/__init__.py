from . import sales_gate_override_wizard
from . import sales_playbook_apply
