"""Who speaks in the first person outside quotes: the author of an official statement.

A press statement, readout or speech ("Press Statement / Hillary Rodham Clinton / Secretary of
State / Washington, DC") is written in its author's voice: "I am outraged", "We condemn this
attack". Its author is a person actor of the text named either in the byline or in a header
block: the first body paragraph, a few short lines (or one line, once reflowed) with no
sentence punctuation at their ends. A news
report has no such author (its journalist is no actor of the text), so its first person outside
quotes stays unresolved.
"""

from __future__ import annotations

from spacy.tokens import Doc

from geopol.actors.stage import ActorFrame
from geopol.model import Article

MAX_HEADER_LINES = 7
MAX_HEADER_WORDS = 30


def statement_author(article: Article, doc: Doc, frame: ActorFrame) -> str | None:
    """The id of the person actor whose statement ``article`` is, or None."""
    persons = {aid: a for aid, a in frame.actors.items() if a.kind == "person"}
    if not persons:
        return None
    for name in article.authors:
        folded = name.casefold()
        for actor_id, actor in persons.items():
            if actor.name.casefold() == folded or any(m.text.casefold() == folded for m in actor.mentions):
                return actor_id
    start = article.body_start
    end = article.text.find("\n\n", start)
    end = len(article.text) if end < 0 else end
    lines = [line.strip() for line in article.text[start:end].split("\n") if line.strip()]
    words = sum(len(line.split()) for line in lines)
    if not lines or len(lines) > MAX_HEADER_LINES or words > MAX_HEADER_WORDS or any(
            line.endswith((".", "!", "?", '"', "”", ":")) for line in lines):
        return None
    # the first person named (a date or office misread as a name may follow: "... DC August 22")
    header = doc.char_span(start, end, alignment_mode="expand")
    if header is None:
        return None
    return next((a for t in header if (a := frame.at(t.i)) in persons), None)
