# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working time of a company calendar: the one rule of the suite.

SLA deadlines, due times and "working days in a period" all come from the
calendar's work intervals (attendances less leaves, so public holidays
entered as global time off do not count).
"""

from bisect import bisect_left
from datetime import datetime, time, timedelta

from pytz import timezone, utc


def naive_utc(value):
    return value.astimezone(utc).replace(tzinfo=None)


class WorkingTime:
    """Deadlines counted in the working time of one calendar, for many starts.

    The calendar's work intervals (attendances less leaves) are read once for
    the whole span of the batch, then each deadline is found in Python: a
    thousand leads cost the same queries as one. A lead at 17:55 on Friday
    with a 3-hour SLA on a 9-to-5 calendar is due on Monday. Without a
    calendar, elapsed time is used.
    """

    # How far after the latest start the intervals are read; longer SLAs fall
    # back to the calendar's own planning.
    HORIZON = timedelta(days=120)

    def __init__(self, calendar, starts):
        self.calendar = calendar
        self.intervals = []
        starts = [s for s in starts if s]
        if calendar and starts:
            low = utc.localize(min(starts))
            high = utc.localize(max(starts)) + self.HORIZON
            self.intervals = [
                (naive_utc(a), naive_utc(b))
                for a, b, _meta in calendar._work_intervals_batch(low, high)[False]
            ]

    def deadline(self, start, value, unit):
        if not start or not value:
            return False
        if not self.calendar:
            hours = {"minutes": 1 / 60, "hours": 1, "days": 24}[unit] * value
            return start + timedelta(hours=hours)
        found = (
            self._days(start, value)
            if unit == "days"
            else self._hours(start, value / 60 if unit == "minutes" else value)
        )
        if found:
            return found
        if unit == "days":
            return self.calendar.plan_days(value, start, compute_leaves=True)
        return self.calendar.plan_hours(
            value / 60 if unit == "minutes" else value, start, compute_leaves=True
        )

    def _hours(self, start, hours):
        left = timedelta(hours=hours)
        first = max(bisect_left(self.intervals, (start,)) - 1, 0)
        for low, high in self.intervals[first:]:
            if high <= start:
                continue
            low = max(low, start)
            if high - low >= left:
                return low + left
            left -= high - low
        return None

    def _days(self, start, days):
        tz = timezone(self.calendar.tz or "UTC")
        seen, last_end = [], None
        for low, high in self.intervals:
            if high <= start:
                continue
            day = utc.localize(low).astimezone(tz).date()
            if day not in seen:
                if len(seen) == days:
                    return last_end
                seen.append(day)
            last_end = high
        return last_end if len(seen) == days else None

    @classmethod
    def working_days(cls, calendar, start, end):
        """Days of ``calendar`` with working time in [start, end) (dates).

        Without a calendar, Monday to Friday count.
        """
        if end <= start:
            return 0
        if not calendar:
            days = (end - start).days
            return sum(1 for i in range(days) if (start + timedelta(i)).weekday() < 5)
        tz = timezone(calendar.tz or "UTC")
        low = tz.localize(datetime.combine(start, time.min))
        high = tz.localize(datetime.combine(end, time.min))
        intervals = calendar._work_intervals_batch(low, high)[False]
        return len({a.astimezone(tz).date() for a, _b, _meta in intervals})

    @classmethod
    def working_hours(cls, calendar, start, end):
        """Working hours of ``calendar`` between two naive UTC datetimes.

        Without a calendar, elapsed hours count.
        """
        if not start or not end or end <= start:
            return 0.0
        if not calendar:
            return (end - start).total_seconds() / 3600
        intervals = calendar._work_intervals_batch(
            utc.localize(start), utc.localize(end)
        )[False]
        return sum((b - a).total_seconds() for a, b, _meta in intervals) / 3600
