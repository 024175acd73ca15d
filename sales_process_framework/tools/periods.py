# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Periods of the suite: calendar weeks, months, quarters and years cut in
the company's time zone, whoever looks at them.

A period is [first day, first day of the next period) of local dates; the
engine turns it into naive UTC datetimes (as Odoo stores them) with
utc_bounds.
"""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from pytz import timezone, utc

PERIODS = [
    ("week", "Week"),
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
]


def period_start(day, period):
    """First day of the period that contains day."""
    if period == "week":
        return day - relativedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def period_step(period):
    """The length of one period, to step to the next or the previous one."""
    return {
        "week": relativedelta(weeks=1),
        "month": relativedelta(months=1),
        "quarter": relativedelta(months=3),
        "year": relativedelta(years=1),
    }[period]


def period_bounds(day, period):
    """(first day, first day of the next period) of the period containing day."""
    start = period_start(day, period)
    return start, start + period_step(period)


def tz_name(env, company=None):
    """The time zone periods are cut in: the company's (its address's, else
    its working calendar's), so every reader sees the same figures; UTC when
    the company has none."""
    return env["res.company"]._period_tz((company or env.company).id)


def utc_bounds(start, end, zone):
    """Local calendar days [start, end) as naive UTC datetimes, as stored."""
    tz = timezone(zone or "UTC")

    def convert(day):
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(utc).replace(tzinfo=None)

    return convert(start), convert(end)


def local_day(value, zone):
    """The local date of a naive UTC datetime in zone."""
    return utc.localize(value).astimezone(timezone(zone or "UTC")).date()


def today_in(env, company=None):
    """Today in the time zone periods are cut in (see tz_name)."""
    return datetime.now(timezone(tz_name(env, company))).date()
