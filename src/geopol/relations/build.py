"""Relations of one article: membership facts and the relations its events imply.

People, agents and documents are rolled up to the state or IGO they act for, so relations are
between states, IGOs and groups. Negated events and events only claimed by a third party make
no relation (their accusation, if any, does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from geopol.model import Actor, Event, Relation
from geopol.relations.rules import MODALITY_WEIGHT, Rule, rule_for


@dataclass
class _Tie:
    directed: bool
    basis: str
    events: list[str] = field(default_factory=list)
    weight: float = 0.0
    dates: list[dt.date] = field(default_factory=list)


def build_relations(actors: dict[str, Actor], events: list[Event], rules: tuple[Rule, ...],
                    side: Callable[[str], str | None], published: dt.date | None) -> list[Relation]:
    acc: dict[tuple[str, str, str], _Tie] = {}

    def add(src: str, tgt: str, kind: str, directed: bool, event: Event | None, weight: float,
            basis: str, when: dt.date | None) -> None:
        if src == tgt:
            return
        if not directed and tgt < src:
            src, tgt = tgt, src
        tie = acc.setdefault((src, tgt, kind), _Tie(directed, basis))
        if event is not None:
            tie.events.append(event.id)
        tie.weight += weight
        if when:
            tie.dates.append(when)

    for actor in actors.values():
        for member in actor.members:
            add(member, actor.id, "member", True, None, 1.0, "knowledge", published)
    for event in events:
        if event.modality == "negated" or event.claimed_by is not None:
            continue
        rule = rule_for(rules, event.pattern, event.cameo)
        if rule is None:
            continue
        weight = MODALITY_WEIGHT.get(event.modality, 0.0)
        pairs: set[tuple[str, str]] = set()
        for s in event.source:
            for t in event.target:
                src, tgt = side(s), side(t)
                if src and tgt and src != tgt:
                    pairs.add((src, tgt) if rule.directed or src < tgt else (tgt, src))
        for src, tgt in sorted(pairs):
            add(src, tgt, rule.kind, rule.directed, event, weight, "events", event.date)
    out = []
    for (src, tgt, kind), tie in sorted(acc.items()):
        dates = sorted(tie.dates)
        out.append(Relation(
            source=src, target=tgt, kind=kind, events=tuple(dict.fromkeys(tie.events)), weight=round(tie.weight, 3),
            directed=tie.directed, basis=tie.basis, first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
        ))
    return out
