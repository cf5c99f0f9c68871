"""From candidates to :class:`~geopol.model.Event` records: accusations implied by claims,
one event per act, stable identifiers.

- *Implied accusations*: when a speaker claims that someone else did or intends something
  conflictual (quad class 3 or 4; not denied, merely held possible or recommended), the speaker
  accuses that actor (CAMEO 112, pattern ``claim.accuse``), with the reporting cue as trigger.
- *One event once*: candidates with the same source, target, code, modality and claimant are one
  event; its sentence and trigger are the first body mention (headlines are compressed, so a
  body sentence is preferred), and every other supporting sentence goes to ``evidence``. A
  headline restating a body event with other words ("Russian Forces Strike Ukraine") is folded
  into it when the sides, CAMEO root, modality and claimant agree.
- *Identifiers*: a hash of the article id and the merge key, so re-running gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from geopol.events.extract import Candidate
from geopol.events.patterns import Pattern
from geopol.model import Article, Event, Span
from geopol.ontology.cameo import Ontology
from geopol.quotes.attribute import QuoteContext

ACCUSE = Pattern(id="claim.accuse", code="112", pos="VERB", lemma="", particle="", objects=(),
                 preps=frozenset(), verbs=frozenset(), modality=None,
                 note="a speaker's claim that another actor did something conflictual", line=0)


@dataclass(frozen=True)
class Support:
    """One piece of evidence for an event: sentence, trigger and the pattern that fired."""

    sentence: Span
    trigger: Span
    pattern: str
    in_body: bool


def _sentence_span(doc: Doc, token: Token) -> Span:
    sent = token.sent
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return Span(start, start + len(text), text)


def _token_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)


def event_id(article_id: str, key: tuple[object, ...]) -> str:
    return hashlib.sha256(repr((article_id, key)).encode()).hexdigest()[:16]


def implied_accusations(candidates: list[Candidate], quotes: QuoteContext, sides: dict[str, str | None],
                        ontology: Ontology) -> list[tuple[Candidate, Span, Span]]:
    """Accusations by speakers of the conflictual acts they attribute to others."""
    out = []
    for cand in candidates:
        if cand.claimed_by is None or cand.modality not in ("asserted", "intended"):
            continue  # saying someone could strike is a warning, not an accusation
        if ontology[cand.code].quad_class not in (3, 4) or cand.pattern.id == ACCUSE.id:
            continue
        accused = tuple(s for s in cand.source if sides.get(s) != sides.get(cand.claimed_by) and s != cand.claimed_by)
        if not accused:
            continue
        quote = quotes.covering(cand.trigger.idx)
        cue = quote.cue_span if quote is not None and quote.cue_span is not None else None
        sentence = _sentence_span(cand.trigger.doc, cand.trigger)
        trigger = cue or _token_span(cand.trigger)
        acc = Candidate(ACCUSE, ACCUSE.code, cand.trigger, cand.anchor, (cand.claimed_by,), accused,
                        "asserted", None, cand.quote, cand.date)
        out.append((acc, sentence, trigger))
    return out


def merge(article: Article, doc: Doc, candidates: list[Candidate], quotes: QuoteContext,
          sides: dict[str, str | None], ontology: Ontology, coder: str) -> list[Event]:
    body_start = article.body_start
    supported: list[tuple[Candidate, Span, Span]] = [
        (c, _sentence_span(doc, c.trigger), _token_span(c.trigger)) for c in candidates
    ]
    supported += implied_accusations(candidates, quotes, sides, ontology)
    groups: dict[tuple[object, ...], list[tuple[Candidate, Support]]] = {}
    key: tuple[object, ...]
    for cand, sentence, trigger in supported:
        key = (tuple(sorted(cand.source)), tuple(sorted(cand.target)), cand.code, cand.modality, cand.claimed_by)
        support = Support(sentence, trigger, cand.pattern.id, sentence.start >= body_start)
        groups.setdefault(key, []).append((cand, support))
    _fold_headlines(groups, sides)
    events: list[Event] = []
    for key, items in groups.items():
        items.sort(key=lambda cs: (not cs[1].in_body, cs[1].sentence.start, cs[1].trigger.start))
        cand, first = items[0]
        info = ontology[cand.code]
        evidence = _unique(s.sentence for _, s in items[1:] if s.sentence != first.sentence)
        events.append(Event(
            id=event_id(article.id, key), source=cand.source, target=cand.target, cameo=cand.code,
            plover=info.plover, goldstein=info.goldstein, quad_class=info.quad_class,
            modality=cand.modality,  # type: ignore[arg-type]
            sentence=first.sentence, trigger=first.trigger, coder=coder, pattern=first.pattern,
            mode=info.plover_mode, context=info.plover_context, claimed_by=cand.claimed_by,
            quote=cand.quote, date=next((c.date for c, _ in items if c.date), None),
            evidence=tuple(evidence),
        ))
    events.sort(key=lambda e: (e.sentence.start, e.trigger.start, e.cameo, e.id))
    return events


def _fold_headlines(groups: dict[tuple[object, ...], list[tuple[Candidate, Support]]],
                    sides: dict[str, str | None]) -> None:
    """A headline that restates a body event ("Russian Forces Strike Ukraine" over "Russia
    attacked Ukraine") is evidence for it: same sides (an agent stands for its state), same CAMEO
    root, modality and claimant. The body event keeps its own actors and code."""
    def sided(ids: object) -> frozenset[str]:
        return frozenset(sides.get(i) or i for i in ids) if isinstance(ids, tuple) else frozenset()

    for key in [k for k, items in groups.items() if not any(s.in_body for _, s in items)]:
        match = next((other for other, items in groups.items() if other != key
                      and any(s.in_body for _, s in items) and str(other[2])[:2] == str(key[2])[:2]
                      and other[3:] == key[3:] and sided(other[0]) == sided(key[0])
                      and sided(other[1]) == sided(key[1])), None)
        if match is not None:
            groups[match].extend(groups.pop(key))


def _unique(spans: Iterable[Span]) -> list[Span]:
    seen: dict[tuple[int, int], Span] = {}
    for s in spans:
        seen.setdefault((s.start, s.end), s)
    return sorted(seen.values(), key=lambda s: s.start)
