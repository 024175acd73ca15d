from . import sales_target_spread_wizard
from . import sales_manager_scorecard_wizard
from . import sales_forecast_adjust_wizard
