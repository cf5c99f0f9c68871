"""Resolving date expressions in news text against the publication date.

Handles weekday names ("on Tuesday": the latest such day on or before publication),
"today", "yesterday", "tomorrow", "N days/weeks ago", "next Monday", and absolute dates
("November 30", "Nov. 30, 2020", "30 November 2020", "2020-11-30"). Unresolvable or
unsupported expressions give ``None``; nothing is guessed without a publication date
except absolute dates with a year.
"""

from __future__ import annotations

import datetime as dt
import re

_WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven)\s+(day|week)s?\s+ago\b", re.I)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    candidate = _safe(published.year, month, day)
    # News reports the recent past: a date more than a month after publication is last year's.
    if candidate and candidate > published + dt.timedelta(days=31):
        candidate = _safe(published.year - 1, month, day)
    return candidate


def resolve(expression: str, published: dt.date | None) -> dt.date | None:
    """The calendar date an expression denotes, or ``None`` if it cannot be pinned to a day."""
    text = expression.strip().lower()
    match = _ISO.search(text)
    if match:
        return _safe(int(match[1]), int(match[2]), int(match[3]))
    for pattern, order in ((_MDY, "md"), (_DMY, "dm")):
        match = pattern.search(expression)
        if match:
            month_word, day_text = (match[1], match[2]) if order == "md" else (match[2], match[1])
            month, day = _MONTHS[month_word.lower()], int(day_text)
            if match[3]:
                return _safe(int(match[3]), month, day)
            return _infer_year(month, day, published)
    if published is None:
        return None
    words = re.findall(r"[a-z]+", text)
    if "today" in words or "tonight" in words:
        return published
    if "yesterday" in words:
        return published - dt.timedelta(days=1)
    if "tomorrow" in words:
        return published + dt.timedelta(days=1)
    match = _AGO.search(text)
    if match:
        count = int(match[1]) if match[1].isdigit() else _SMALL[match[1].lower()]
        return published - dt.timedelta(days=count * (7 if match[2].lower() == "week" else 1))
    for word in words:
        if word in _WEEKDAYS:
            back = (published.weekday() - _WEEKDAYS[word]) % 7
            if "next" in words:
                return published + dt.timedelta(days=(7 - back) % 7 or 7)
            if "last" in words and back == 0:
                back = 7
            return published - dt.timedelta(days=back)
    return None
