from . import sales_account_tier_pin_wizard
