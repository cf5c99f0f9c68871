"""The actor stage: recognise, resolve coreference, and freeze the result as :class:`ActorFrame`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from geopol.actors.coref import RegionWords, resolve
from geopol.actors.drafts import Found
from geopol.actors.kb import KnowledgeBase
from geopol.actors.recognize import Recognizer, phrase_matcher
from geopol.model import Actor, Span


@dataclass(frozen=True)
class ActorFrame:
    """Actors of one document and where each token's actor is, for the later stages."""

    actors: dict[str, Actor]
    mentions: tuple[Found, ...]
    by_token: dict[int, Found] = field(default_factory=dict)
    places: dict[int, str] = field(default_factory=dict)

    def place_at(self, i: int) -> str | None:
        """ISO3 of the country of a place name at token ``i`` ("Kirkuk" -> IRQ), if any."""
        return self.places.get(i)

    def at(self, i: int) -> str | None:
        found = self.by_token.get(i)
        return found.actor if found else None

    def mention_at(self, i: int) -> Found | None:
        return self.by_token.get(i)

    def kind(self, actor_id: str) -> str | None:
        actor = self.actors.get(actor_id)
        return actor.kind if actor else None


def distinct_roles(roles: list[str]) -> tuple[str, ...]:
    """Roles in order, without repeats and without one that a longer role spells out
    ("Secretary-General" beside "NATO Secretary-General")."""
    unique = list(dict.fromkeys(roles))
    folded = [r.casefold() for r in unique]
    return tuple(r for r, f in zip(unique, folded, strict=True)
                 if not any(o != f and o.endswith(" " + f) for o in folded))


def char_span(doc: Doc, start: int, end: int, text: str | None = None) -> Span:
    """Character span of tokens ``start``..``end``; pass ``text`` (doc.text) when calling in a loop."""
    first, last = doc[start], doc[end - 1]
    stop = last.idx + len(last.text)
    return Span(first.idx, stop, (doc.text if text is None else text)[first.idx:stop])


def known_actor(kb: KnowledgeBase, actor_id: str) -> Actor | None:
    """An Actor record (without mentions) for a state or IGO id referenced by a later stage."""
    kind, _, key = actor_id.partition(":")
    if kind == "state" and key in kb.states:
        st = kb.states[key]
        return Actor(id=actor_id, name=st.name, kind="state", country=key, cameo=st.cameo)
    if kind == "igo" and key in kb.igos:
        igo = kb.igos[key]
        return Actor(id=actor_id, name=igo.name, kind="group" if igo.kind == "group" else "igo", cameo=igo.cameo)
    return None


@dataclass(frozen=True)
class ActorStage:
    """Finds actors in parsed documents; holds the knowledge base and matcher between documents."""

    nlp: Language
    kb: KnowledgeBase
    regions: RegionWords

    def __call__(self, doc: Doc, when: dt.date | None) -> ActorFrame:
        rec = Recognizer(self.kb, doc, when)
        rec.run(phrase_matcher(self.nlp, self.kb))
        resolve(rec, self.regions)
        mentions: dict[str, list[Span]] = {}
        by_token: dict[int, Found] = {}
        text = doc.text
        for f in rec.found:
            start, end = f.shown or (f.start, f.end)
            mentions.setdefault(f.actor, []).append(char_span(doc, start, end, text))
        # A token's actor is that of the shortest mention covering it (then the earliest): in
        # "US and British forces" the head "forces" is the US forces' ("British forces" is longer).
        for f in sorted(rec.found, key=lambda f: (f.end - f.start, f.start)):
            for i in range(f.start, f.end):
                by_token.setdefault(i, f)
        referenced = set(mentions)
        for actor_id in list(referenced):
            draft = rec.drafts[actor_id]
            referenced.update(draft.members)
            if draft.affiliation:
                referenced.add(draft.affiliation)
        actors = {}
        for actor_id in sorted(referenced):
            d = rec.drafts[actor_id]
            actors[actor_id] = Actor(
                id=d.id, name=d.name, kind=d.kind,  # type: ignore[arg-type]
                country=d.country, sector=d.sector, cameo=d.cameo, roles=distinct_roles(d.roles),
                affiliation=d.affiliation, members=tuple(sorted(set(d.members))),
                mentions=tuple(mentions.get(actor_id, ())),
            )
        return ActorFrame(actors, tuple(rec.found), by_token, dict(rec.places))
