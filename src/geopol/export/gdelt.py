"""Event clusters as a GDELT 2.0 event table (tab-separated, with a header row).

GDELT's event table has one row per de-duplicated event, so geopol writes one row per
cross-article cluster (:mod:`geopol.analysis.clusters`) with the 61 columns of the GDELT 2.0 event
codebook, in its order. Filled (docs/exports.md gives each rule):

- ``GlobalEventID`` (the cluster id's first 15 hex digits as an integer), ``Day``,
  ``MonthYear``, ``Year``, ``FractionDate`` (year + day of year / 365, 4 decimals);
- ``Actor1*``/``Actor2*`` ``Code``, ``Name`` (upper case, as GDELT writes names),
  ``CountryCode``, ``KnownGroupCode`` and ``Type1Code`` (``IGO`` for IGOs), from the sides;
- ``EventCode``, ``EventBaseCode``, ``EventRootCode``, ``QuadClass``, ``GoldsteinScale``;
- ``NumMentions``, ``NumSources``, ``NumArticles`` from the cluster's counts;
- ``SOURCEURL``: the URL of the cluster's first article (by date, then id), else where it was read.

Left empty, because geopol does not produce them: ``IsRootEvent``, ``AvgTone``, ethnic and
religion codes, ``Type2Code``/``Type3Code``, every geography column and ``DATEADDED``.
Limits: GDELT files have no header row; this one does, so readers must skip or use it.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any, TextIO

import duckdb
import pandas as pd

from geopol.analysis.clusters import Rows, cluster_table_sql

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)

_SIDES_SQL = """
    SELECT actor_id, min(name) AS name, min(kind) AS kind, min(country) AS country, min(cameo) AS cameo
    FROM actors WHERE actor_id IN (SELECT unnest($ids)) GROUP BY actor_id"""

_URLS_SQL = """
    SELECT a.id, coalesce(a.url, min(s.source)) AS url
    FROM articles a LEFT JOIN sources s ON s.article_id = a.id
    WHERE a.id IN (SELECT unnest($ids)) GROUP BY a.id, a.url"""


def _side(actor_id: str, info: dict[str, Any]) -> dict[str, str]:
    prefix, _, rest = actor_id.partition(":")
    cameo = info.get("cameo") or ""
    out = {"Code": cameo or (rest if prefix == "state" else ""), "Name": (info.get("name") or rest).upper()}
    if prefix == "state":
        out["CountryCode"] = cameo[:3] if cameo else rest
    elif info.get("country"):
        out["CountryCode"] = info["country"]
    if prefix == "igo":
        out["Type1Code"] = "IGO"
        if cameo.startswith("IGO") and len(cameo) >= 6:
            out["KnownGroupCode"] = cameo[-3:]
    return out


def _fraction(day: dt.date) -> str:
    return f"{day.year + day.timetuple().tm_yday / 365:.4f}"


def gdelt_rows(con: duckdb.DuckDBPyConnection, rows: Rows, window: int = 1) -> list[dict[str, str]]:
    """One GDELT row (column name -> text, empty when unknown) per cluster among ``rows``."""
    sql, params = rows
    clusters: pd.DataFrame = con.execute(cluster_table_sql(sql, "root", with_sources=True),
                                         {**params, "window": window}).df()
    if clusters.empty:
        return []
    ids = sorted(set(clusters["source"]) | set(clusters["target"]))
    sides = {r[0]: {"name": r[1], "kind": r[2], "country": r[3], "cameo": r[4]}
             for r in con.execute(_SIDES_SQL, {"ids": ids}).fetchall()}
    articles = sorted({a for ids_ in clusters["article_ids"] for a in ids_})
    urls = dict(con.execute(_URLS_SQL, {"ids": articles}).fetchall())
    published = dict(con.execute("SELECT id, published FROM articles WHERE id IN (SELECT unnest($ids))",
                                 {"ids": articles}).fetchall())
    out = []
    for c in clusters.itertuples(index=False):
        row = dict.fromkeys(GDELT_COLUMNS, "")
        if pd.notna(c.date):
            day = pd.Timestamp(c.date).date()
            row.update(Day=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"), Year=str(day.year),
                       FractionDate=_fraction(day))
        row["GlobalEventID"] = str(int(c.cluster_id[:15], 16))
        for n, side in ((1, c.source), (2, c.target)):
            for field, value in _side(side, sides.get(side, {})).items():
                row[f"Actor{n}{field}"] = value
        row.update(EventCode=c.cameo, EventBaseCode=c.cameo[:3], EventRootCode=c.cameo[:2],
                   QuadClass=str(int(c.quad_class)), GoldsteinScale=f"{float(c.goldstein):g}",
                   NumMentions=str(int(c.mentions)), NumSources=str(int(c.sources)),
                   NumArticles=str(int(c.articles)))
        first = min(c.article_ids, key=lambda a: (published.get(a) or dt.date.max, a))
        row["SOURCEURL"] = urls.get(first) or ""
        out.append(row)
    return out


def write_gdelt(con: duckdb.DuckDBPyConnection, out: TextIO, rows: Rows, window: int = 1) -> int:
    """Write the GDELT table to ``out``; returns the number of event rows."""
    writer = csv.DictWriter(out, fieldnames=list(GDELT_COLUMNS), delimiter="\t", lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    data = gdelt_rows(con, rows, window)
    writer.writerows(data)
    return len(data)
