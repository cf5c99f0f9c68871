"""Time series of events per dyad or actor, and the shift detector.

Series count *clusters* (:mod:`geopol.analysis.clusters`), not reports: the same event reported
by ten articles is one event in its period, with ten articles and its mentions. A cluster falls
in the period of its first day. Per period: ``events`` (clusters), ``mentions``, ``articles``
(distinct), ``goldstein_sum`` and ``goldstein_mean`` (Goldstein weight of each cluster's code;
the PLOVER spec has no intensity score of its own, so Goldstein stands in for it), and counts per
quad class. Periods are calendar days, ISO weeks (starting Monday), months or years, labelled by
their first day; with ``by=None`` every period between the first and last (or the ``start``/``end``
filters) is present, empty ones with zero counts and no mean.

Shift detector (:func:`shifts`), per directed dyad:

- the *recent window* is the last ``recent`` periods up to the period of ``end`` (default: the
  latest period with data in the selection); the *baseline* is the ``baseline`` periods just
  before it (``0``: every earlier period);
- Goldstein metric: ``z = (recent_mean - baseline_mean) / max(baseline_std, 1.0)``, where
  ``recent_mean`` pools every recent cluster's Goldstein weight, and ``baseline_mean`` /
  ``baseline_std`` (sample standard deviation) are taken over the per-period means of the baseline
  periods that have events; at least 3 such periods are required, else ``z`` is empty;
- count metric: ``z_count = (recent_rate - baseline_rate) / max(baseline_rate_std, 1.0)`` on
  clusters per period, empty baseline periods counting as zero;
- a dyad is flagged when ``|z| >= threshold`` (default 2) on the chosen metric and the recent
  window holds at least ``min_events`` clusters (for the count metric: the recent window or the
  baseline does, so a dyad that fell silent is flagged too).

The standard-deviation floor of 1.0 (one Goldstein point; one event per period) keeps dyads with a
near-constant baseline from being flagged for tiny moves. Limits: no seasonality or trend model,
no correction for testing many dyads at once; periods are calendar periods, not rolling windows.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from geopol.analysis import QueryError
from geopol.analysis.clusters import Rows, check_window, cluster_ctes

FREQS = ("day", "week", "month", "year")
BY = (None, "plover", "quad_class")
METRICS = ("goldstein", "count")
MIN_BASELINE_PERIODS = 3
MIN_STD = 1.0
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
TIMELINE_COLUMNS = ("period", "events", "mentions", "articles", "goldstein_sum", "goldstein_mean", *QUADS)


def check_freq(freq: str) -> str:
    if freq not in FREQS:
        raise QueryError(f"frequency {freq!r} is unknown; use one of {', '.join(FREQS)}")
    return freq


def period_of(day: dt.date, freq: str) -> dt.date:
    """The first day of the period holding ``day``."""
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def shift_period(start: dt.date, freq: str, k: int) -> dt.date:
    """The period ``k`` periods after (negative: before) the one starting on ``start``."""
    if freq == "day":
        return start + dt.timedelta(days=k)
    if freq == "week":
        return start + dt.timedelta(weeks=k)
    if freq == "month":
        months = start.year * 12 + start.month - 1 + k
        return dt.date(months // 12, months % 12 + 1, 1)
    return dt.date(start.year + k, 1, 1)


def period_starts(first: dt.date, last: dt.date, freq: str) -> list[dt.date]:
    out, p = [], period_of(first, freq)
    end = period_of(last, freq)
    while p <= end:
        out.append(p)
        p = shift_period(p, freq, 1)
    return out


def timeline(con: duckdb.DuckDBPyConnection, rows: Rows, freq: str = "month", by: str | None = None,
             window: int = 1, key: str = "root", start: dt.date | None = None,
             end: dt.date | None = None) -> pd.DataFrame:
    """Counts and Goldstein sums/means of the clusters among ``rows``, per period (and ``by``)."""
    check_freq(freq)
    if by not in BY:
        raise QueryError(f"by {by!r} is unknown; use plover or quad_class (or nothing)")
    sql, params = rows
    by_key = {None: "", "plover": ", plover", "quad_class": ", quad_class"}[by]
    by_p = by_key.replace(", ", ", p.")
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {i + 1}) AS {name}"
                      for i, name in enumerate(QUADS))
    query = f"""
        WITH {cluster_ctes(sql, key, with_lists=False)},
        p AS (SELECT CAST(date_trunc($freq, date) AS DATE) AS period, cluster_id,
                     coalesce(plover, '') AS plover, quad_class, goldstein, mentions
              FROM clusters WHERE date IS NOT NULL),
        per_period AS (SELECT period{by_key}, count(*) AS events, sum(mentions)::BIGINT AS mentions,
                       round(sum(goldstein), 3) AS goldstein_sum, round(avg(goldstein), 3) AS goldstein_mean,
                       {quads}
                FROM p GROUP BY period{by_key}),
        period_articles AS (SELECT p.period{by_p}, count(DISTINCT a.article_id) AS articles
                            FROM p JOIN assigned a USING (cluster_id) GROUP BY p.period{by_p})
        SELECT period{by_key}, events, mentions, articles, goldstein_sum, goldstein_mean, {', '.join(QUADS)}
        FROM per_period JOIN period_articles USING (period{by_key}) ORDER BY period{by_key}"""
    df = con.execute(query, {**params, "window": check_window(window), "freq": freq}).df()
    if by is not None:
        return df
    return _fill(df, freq, start, end)


def _fill(df: pd.DataFrame, freq: str, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Every period between the first and last (or start/end): empty ones with zero counts."""
    days = [d.date() for d in pd.to_datetime(df["period"])]
    first = start or (min(days) if days else None)
    last = end or (max(days) if days else None)
    if first is None or last is None:
        return df
    index = pd.DatetimeIndex([pd.Timestamp(p) for p in period_starts(first, last, freq)], name="period")
    df = df.set_index(pd.DatetimeIndex(pd.to_datetime(df["period"]), name="period")).drop(columns="period")
    df = df[(df.index >= index.min()) & (df.index <= index.max())].reindex(index)
    for col in ("events", "mentions", "articles", *QUADS):
        df[col] = df[col].fillna(0).astype("int64")
    df["goldstein_sum"] = df["goldstein_sum"].fillna(0.0)
    return df.reset_index()[list(TIMELINE_COLUMNS)]


SHIFT_COLUMNS = ("source", "target", "recent_from", "recent_to", "baseline_from", "baseline_periods",
                 "baseline_mean", "baseline_std", "recent_events", "recent_mean", "z", "baseline_rate",
                 "baseline_rate_std", "recent_rate", "z_count", "change", "flagged")


def shifts(con: duckdb.DuckDBPyConnection, rows: Rows, freq: str = "month", recent: int = 3,
           baseline: int = 12, threshold: float = 2.0, min_events: int = 3, metric: str = "goldstein",
           all_dyads: bool = False, window: int = 1, end: dt.date | None = None) -> pd.DataFrame:
    """Dyads whose recent window departs from their baseline (method in the module docstring)."""
    check_freq(freq)
    if metric not in METRICS:
        raise QueryError(f"metric {metric!r} is unknown; use goldstein or count")
    for name, value, low in (("recent", recent, 1), ("baseline", baseline, 0), ("min_events", min_events, 0)):
        if not isinstance(value, int) or value < low:
            raise QueryError(f"{name} {value!r} is invalid; give a whole number of at least {low}")
    if threshold <= 0:
        raise QueryError(f"threshold {threshold!r} is invalid; give a positive number of standard deviations")
    sql, params = rows
    df = con.execute(f"""
        WITH {cluster_ctes(sql, with_lists=False)}
        SELECT source, target, CAST(date_trunc($freq, date) AS DATE) AS period, count(*) AS n,
               sum(goldstein) AS gsum
        FROM clusters WHERE date IS NOT NULL GROUP BY ALL ORDER BY ALL""",
                     {**params, "window": check_window(window), "freq": freq}).df()
    if df.empty:
        return pd.DataFrame(columns=list(SHIFT_COLUMNS))
    df["period"] = pd.to_datetime(df["period"])
    last = pd.Timestamp(period_of(end, freq)) if end else df["period"].max()
    recent_from = pd.Timestamp(shift_period(last.date(), freq, -(recent - 1)))
    base_from = (pd.Timestamp(shift_period(recent_from.date(), freq, -baseline)) if baseline
                 else min(df["period"].min(), recent_from))
    n_base = max(len(period_starts(base_from.date(), recent_from.date(), freq)) - 1, 0)
    key = ["source", "target"]
    rec = df[(df["period"] >= recent_from) & (df["period"] <= last)].groupby(key)[["n", "gsum"]].sum()
    base = df[(df["period"] >= base_from) & (df["period"] < recent_from)].copy()
    base["m"] = base["gsum"] / base["n"]
    base["n2"] = base["n"] ** 2
    b = base.groupby(key).agg(baseline_periods=("m", "size"), baseline_mean=("m", "mean"),
                              baseline_std=("m", "std"), base_n=("n", "sum"), base_n2=("n2", "sum"))
    out = b.join(rec, how="outer").reset_index()
    out["recent_events"] = out["n"].fillna(0).astype("int64")
    out["base_n"] = out["base_n"].fillna(0)
    out["base_n2"] = out["base_n2"].fillna(0)
    out["baseline_periods"] = out["baseline_periods"].fillna(0).astype("int64")
    out["recent_mean"] = np.where(out["recent_events"] > 0, out["gsum"] / out["n"], np.nan)
    enough = out["baseline_periods"] >= MIN_BASELINE_PERIODS
    out["z"] = np.where(enough, (out["recent_mean"] - out["baseline_mean"])
                        / np.maximum(out["baseline_std"].fillna(0.0), MIN_STD), np.nan)
    if n_base:
        rate = out["base_n"] / n_base
        var = (out["base_n2"] - n_base * rate ** 2) / max(n_base - 1, 1)
        out["baseline_rate"] = rate
        out["baseline_rate_std"] = np.sqrt(np.maximum(var, 0.0))
    else:
        out["baseline_rate"] = np.nan
        out["baseline_rate_std"] = np.nan
    out["recent_rate"] = out["recent_events"] / recent
    spread = np.maximum(out["baseline_rate_std"], MIN_STD)
    out["z_count"] = (out["recent_rate"] - out["baseline_rate"]) / spread
    if metric == "goldstein":
        score = out["z"]
        out["flagged"] = (score.abs() >= threshold) & (out["recent_events"] >= min_events)
        out["change"] = np.where(score > 0, "more cooperative", np.where(score < 0, "more conflictual", ""))
    else:
        score = out["z_count"]
        busy = np.maximum(out["recent_events"], out["base_n"]) >= min_events
        out["flagged"] = (score.abs() >= threshold) & busy
        out["change"] = np.where(score > 0, "more events", np.where(score < 0, "fewer events", ""))
    out["flagged"] = out["flagged"].fillna(False).astype(bool)
    out["recent_from"], out["recent_to"], out["baseline_from"] = recent_from, last, base_from
    for col in ("baseline_mean", "baseline_std", "recent_mean", "z", "baseline_rate", "baseline_rate_std",
                "recent_rate", "z_count"):
        out[col] = out[col].astype(float).round(3)
    out["_abs"] = score.abs().fillna(-1.0)
    if not all_dyads:
        out = out[out["flagged"]]
    out = out.sort_values(["_abs", "source", "target"], ascending=[False, True, True])
    return out[list(SHIFT_COLUMNS)].reset_index(drop=True)
