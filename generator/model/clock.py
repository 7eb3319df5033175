"""The one clock residents read: China time (Asia/Shanghai, UTC+8, no daylight saving since 1991).

Contract: every date or time the generator shows, prints or feeds (commit times of the change
history, the default as-of day of a build, feed timestamps, the log) goes through here, so a
commit made at 2026-12-03T20:50Z reads 2026-12-04 04:50 on the compound home, on
``/updates/`` and in the feeds alike. A fixed +08:00 offset, so no time-zone database is
needed on the build machine.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def china(when: datetime) -> datetime:
    """``when`` (with its offset) in China time."""
    return when.astimezone(CHINA)


def china_day(when: datetime) -> date:
    return china(when).date()


def china_today(now: datetime | None = None) -> date:
    """Today in China (a CI runner's clock is UTC: at 17:00 UTC it is already tomorrow here)."""
    return (now or datetime.now(timezone.utc)).astimezone(CHINA).date()
