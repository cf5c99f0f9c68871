from __future__ import annotations

import datetime as dt

import pytest

from geopol.ingest.dates import resolve

PUB = dt.date(2020, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("Tuesday", dt.date(2020, 12, 1)),
        ("on Monday", dt.date(2020, 11, 30)),
        ("last Tuesday", dt.date(2020, 11, 24)),
        ("next Friday", dt.date(2020, 12, 4)),
        ("yesterday", dt.date(2020, 11, 30)),
        ("today", PUB),
        ("three days ago", dt.date(2020, 11, 28)),
        ("2 weeks ago", dt.date(2020, 11, 17)),
        ("November 30", dt.date(2020, 11, 30)),
        ("Nov. 30, 2019", dt.date(2019, 11, 30)),
        ("30 November 2018", dt.date(2018, 11, 30)),
        ("December 28", dt.date(2020, 12, 28)),
        ("2021-03-04", dt.date(2021, 3, 4)),
    ],
)
def test_dates_resolve_against_publication(expr: str, expected: dt.date) -> None:
    assert resolve(expr, PUB) == expected


@pytest.mark.parametrize("expr", ["over a decade", "last week", "the first time", "February 30"])
def test_dates_unpinnable_expressions_give_none(expr: str) -> None:
    assert resolve(expr, PUB) is None


def test_dates_month_day_far_after_publication_is_last_year() -> None:
    assert resolve("June 5", dt.date(2020, 1, 10)) == dt.date(2019, 6, 5)


def test_dates_relative_needs_publication_date() -> None:
    assert resolve("on Monday", None) is None
    assert resolve("March 3, 2022", None) == dt.date(2022, 3, 3)
