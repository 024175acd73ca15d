from . import sales_gate_override_wizard
