"""Who is who in a store: each actor id's display name, kind, country and UN region.

Built once per app from the ``actors`` table plus every id the ``dyads`` and ``relations``
tables name (sides rolled up from people can be states the article never names), so pages
can label any id without a query. The store is opened read-only for the life of the app
(DuckDB then refuses writers), so the directory cannot go stale while it is served.

Regions are the UN M49 sub-regions of ``actors/states.tsv`` grouped into their continents;
IGOs and groupings without a country are ``International``.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from geopol.actors.kb import KnowledgeBase, load_kb

INTERNATIONAL = "International"

# UN M49: sub-region -> continent, for the sub-regions states.tsv uses.
CONTINENTS: dict[str, str] = {
    "Northern Africa": "Africa",
    "Eastern Africa": "Africa",
    "Middle Africa": "Africa",
    "Southern Africa": "Africa",
    "Western Africa": "Africa",
    "Caribbean": "Americas",
    "Central America": "Americas",
    "South America": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """One actor id as pages show it; ``articles`` counts the articles that mention it."""

    id: str
    name: str
    kind: str | None
    country: str | None
    region: str | None
    articles: int = 0
    mentions: int = 0

    def brief(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "kind": self.kind}


class Directory:
    """Actor ids to names, kinds and regions, with region membership and name search."""

    def __init__(self, actors: dict[str, ActorInfo]) -> None:
        self.actors = actors
        by_region: dict[str, list[str]] = {}
        for info in actors.values():
            if info.region:
                by_region.setdefault(info.region, []).append(info.id)
                continent = CONTINENTS.get(info.region)
                if continent:
                    by_region.setdefault(continent, []).append(info.id)
        self._by_region = {k: sorted(v) for k, v in by_region.items()}

    def get(self, actor_id: str) -> ActorInfo | None:
        return self.actors.get(actor_id)

    def brief(self, actor_id: str | None) -> dict[str, str | None] | None:
        if actor_id is None:
            return None
        info = self.actors.get(actor_id)
        return info.brief() if info else {"id": actor_id, "name": actor_id, "kind": None}

    def name(self, actor_id: str) -> str:
        info = self.actors.get(actor_id)
        return info.name if info else actor_id

    def regions(self) -> list[dict[str, object]]:
        """Continents present in the store, each with its sub-regions, then International."""
        out: dict[str, list[str]] = {}
        for region in sorted(self._by_region):
            continent = CONTINENTS.get(region)
            if continent:
                out.setdefault(continent, []).append(region)
        groups: list[dict[str, object]] = [{"name": c, "subregions": subs} for c, subs in sorted(out.items())]
        if INTERNATIONAL in self._by_region:
            groups.append({"name": INTERNATIONAL, "subregions": []})
        return groups

    def region_names(self) -> set[str]:
        return set(self._by_region)

    def in_region(self, region: str) -> list[str]:
        return self._by_region.get(region, [])

    def top(self, limit: int) -> list[ActorInfo]:
        ranked = sorted(
            (a for a in self.actors.values() if a.articles), key=lambda a: (-a.articles, -a.mentions, a.id)
        )
        return ranked[:limit]

    def search(self, query: str, limit: int) -> list[ActorInfo]:
        """Actors whose name or id contains ``query`` (case-folded); prefix matches first."""
        q = query.casefold()
        hits = []
        for info in self.actors.values():
            name, ident = info.name.casefold(), info.id.casefold()
            if q in name or q in ident:
                rank = 0 if name.startswith(q) or ident.split(":", 1)[-1].startswith(q) else 1
                hits.append((rank, -info.articles, info.name, info))
        hits.sort(key=lambda h: h[:3])
        return [h[3] for h in hits[:limit]]


def _region(kb: KnowledgeBase, actor_id: str, kind: str | None, country: str | None) -> str | None:
    if actor_id.startswith("state:") and actor_id[6:] in kb.states:
        return kb.states[actor_id[6:]].region or None
    if country and country in kb.states:
        return kb.states[country].region or None
    if actor_id.startswith("igo:") or kind in ("igo", "group"):
        return INTERNATIONAL
    return None


def _fallback(kb: KnowledgeBase, actor_id: str) -> tuple[str, str | None, str | None]:
    prefix, _, key = actor_id.partition(":")
    if prefix == "state" and key in kb.states:
        return kb.states[key].name, "state", key
    if prefix == "igo" and key in kb.igos:
        return kb.igos[key].name, "igo", None
    return actor_id, None, None


def load_directory(con: duckdb.DuckDBPyConnection, kb: KnowledgeBase | None = None) -> Directory:
    kb = kb or load_kb()
    actors: dict[str, ActorInfo] = {}
    rows = con.execute("""
        SELECT actor_id, mode(name), mode(kind), mode(country),
               count(DISTINCT article_id) FILTER (WHERE mentions > 0), coalesce(sum(mentions), 0)
        FROM actors GROUP BY actor_id""").fetchall()
    for actor_id, name, kind, country, articles, mentions in rows:
        actors[actor_id] = ActorInfo(
            actor_id,
            name or actor_id,
            kind,
            country,
            _region(kb, actor_id, kind, country),
            int(articles),
            int(mentions),
        )
    others = con.execute("""
        SELECT source FROM dyads UNION SELECT target FROM dyads
        UNION SELECT source FROM relations UNION SELECT target FROM relations""").fetchall()
    for (actor_id,) in others:
        if actor_id and actor_id not in actors:
            name, kind, country = _fallback(kb, actor_id)
            actors[actor_id] = ActorInfo(actor_id, name, kind, country, _region(kb, actor_id, kind, country))
    return Directory(actors)
