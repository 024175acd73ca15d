from . import sales_measure
from . import mail_activity_type
from . import mail_activity
from . import crm_lost_reason
from . import res_company
from . import res_config_settings
from . import sales_target
from . import sales_commission_plan
from . import sales_commission_statement
from . import sales_commission_line_label
from . import gamification_challenge
from . import sales_scorecard
from . import sales_performance_review
from . import sales_coaching
from . import sales_skill
from . import sales_performance_dashboard

# forecasting
from . import sales_measure_forecast
from . import crm_lead_forecast
from . import sales_forecast
from . import res_company_forecast
from . import sales_role
from . import sales_talent
from . import sales_meeting
from . import calendar_event
from . import sales_okr
from . import sales_measure_manager
from . import sales_performance_review_done
from . import res_company_manager_scorecard
from . import sales_manager_scorecard
from . import res_company_retention
from . import sales_commission_ramp
from . import sales_commission_retention_award
from . import sales_commission_award_clawback

# appraisal weights
from . import res_company_appraisal
from . import sales_scorecard_appraisal

# appraisal: improvement suggestion rewards on commission statements
from . import sales_commission_suggestion_reward
