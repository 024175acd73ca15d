from . import sales_target_spread_wizard
