"""Quotes and claims: direct quotes from quotation marks, indirect speech from reporting verbs,
each attributed to a speaker actor.

Method (in the spirit of textacy's and citron's rule-based extractors, written on spaCy's parse):

- *Direct*: a quoted stretch (:mod:`geopol.quotes.marks`) is attributed to the subject of a
  reporting verb outside the quotation marks in the sentence where the quote ends or starts
  ("..., he said", "the report reads: ..."); pieces of one sentence split by the attribution
  ("We will respond," he said, "with force.") become one quote. A quote with no cue of its own
  takes the speaker of the quote just before it, if that is in the same or the previous
  paragraph (a run of quoted paragraphs).
- *Indirect*: a reporting verb (data/quotes/cues.tsv) with a clausal complement; the content is
  the complement without its complementiser ("that"). "according to X" attributes the rest of
  the sentence to X. Content that is mostly inside quotation marks is left to the direct quote.
- *Speakers* resolve through the actor stage: names, titles, pronouns ("he said"), unnamed
  sources ("a senior US official") and documents ("the report says").

Limits: quotes inside headlines have no speaker unless the headline names one with a cue;
speaker-less quotes are kept with ``speaker`` null rather than guessed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from geopol.actors.stage import ActorFrame
from geopol.model import Quote
from geopol.model import Span as TextSpan
from geopol.quotes.cues import Cues
from geopol.quotes.marks import Marked, find_quotes

_COMPLEMENTS = ("ccomp", "parataxis", "xcomp")
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"})


@dataclass(frozen=True, slots=True)
class QuoteContext:
    """Where quotes are, for the event stage: character ranges with their speakers."""

    quotes: tuple[Quote, ...]

    def covering(self, char: int) -> Quote | None:
        best = None
        for q in self.quotes:
            if q.start <= char < q.end and (best is None or q.end - q.start < best.end - best.start):
                best = q
        return best


def quote_id(article_id: str, start: int, end: int, kind: str = "direct") -> str:
    return hashlib.sha256(f"{article_id}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


def _sentence_of(sents: list[Span], char: int) -> Span | None:
    for sent in sents:
        if sent.start_char <= char < sent.end_char + 1:
            return sent
    return None


def _inside(token: Token, marks: list[Marked]) -> bool:
    return any(m.start <= token.idx < m.end for m in marks)


def _speaker_token(verb: Token) -> Token | None:
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        # "X said ..., noting that ...": a participle after the report belongs to its speaker,
        # even when the parser hangs it on the reported clause.
        top = None
        for ancestor in verb.ancestors:
            if ancestor.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in ancestor.children):
                top = ancestor
        if top is not None and top.i != verb.head.i:
            return _speaker_token(top)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        return _speaker_token(verb.head)
    return None


class Attributor:
    def __init__(self, doc: Doc, frame: ActorFrame, cues: Cues, article_id: str) -> None:
        self.doc = doc
        self.frame = frame
        self.cues = cues
        self.article_id = article_id
        self.text = doc.text
        self.sents = list(doc.sents)

    def actor_of(self, token: Token | None) -> str | None:
        if token is None:
            return None
        actor = self.frame.at(token.i)
        if actor:
            return actor
        for child in token.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod", "appos"):
                actor = self.frame.at(child.i)
                if actor:
                    return actor
        return None

    def _cue_in(self, sent: Span, marks: list[Marked], quote: tuple[int, int] | None = None) -> Token | None:
        """A reporting verb of ``sent`` outside every quotation: the one governing the quote if
        several ('A said B was "calm"' is A's), else the sentence's main one."""
        cues = [t for t in sent if t.pos_ in ("VERB", "AUX") and self.cues.is_token(t) and not _inside(t, marks)]
        if not cues:
            return None
        if quote is not None:
            inside = [t for t in sent if quote[0] <= t.idx < quote[1]]
            governing = [c for c in cues if any(c in t.ancestors for t in inside)]
            if governing:
                # the innermost governing cue: the one closest to the quoted words
                return max(governing, key=lambda c: sum(1 for _ in c.ancestors))
        return next((c for c in cues if c.dep_ == "ROOT"), cues[0])

    def direct(self) -> list[Quote]:
        marks = find_quotes(self.text)
        quotes: list[Quote] = []
        previous: Quote | None = None
        merged: list[list[Marked]] = []
        for mark in marks:
            if merged:
                last = merged[-1][-1]
                between = self.text[last.end:mark.start]
                if len(between) < 80 and "\n\n" not in between and _same_sentence(self.sents, last.start, mark.start):
                    merged[-1].append(mark)
                    continue
            merged.append([mark])
        for group in merged:
            first, last = group[0], group[-1]
            sents = {s for m in group
                     for s in (_sentence_of(self.sents, m.inner_start), _sentence_of(self.sents, m.inner_end - 1))}
            cue = None
            for sent in sorted((s for s in sents if s is not None), key=lambda s: -s.start):
                cue = self._cue_in(sent, marks, (first.inner_start, last.inner_end))
                if cue is not None:
                    break
            speaker = self.actor_of(_speaker_token(cue)) if cue is not None else None
            flags = tuple(sorted({f for m in group for f in m.flags}))
            cue_text = cue.text if cue is not None else None
            cue_span = _token_span(cue) if cue is not None else None
            if cue is None:
                speaker = self._colon_speaker(first.start)
            if cue is None and speaker is None:
                found = self._according_in(sents)
                if found is not None:
                    speaker, cue_span = found
                    cue_text = "according to"
            if cue is None and speaker is None and previous is not None and \
                    _near(self.text, previous.end, first.start):
                speaker = previous.speaker
                flags = (*flags, "continued")
            text = " ".join(self.text[m.inner_start:m.inner_end].strip().rstrip(",") for m in group)
            quote = Quote(
                id=quote_id(self.article_id, first.start, last.end), speaker=speaker, text=text,
                kind="direct", start=first.start, end=last.end, cue=cue_text, cue_span=cue_span, flags=flags,
            )
            quotes.append(quote)
            previous = quote
        self._marks = marks
        return quotes

    def _according_in(self, sents: set[Span | None]) -> tuple[str, TextSpan] | None:
        for sent in sents:
            if sent is None:
                continue
            for token in sent:
                if token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                    pobj = next((c for c in self.doc[token.i + 1].children if c.dep_ == "pobj"), None)
                    speaker = self.actor_of(pobj)
                    if speaker:
                        return speaker, TextSpan(token.idx, token.idx + len("according to"), "according to")
        return None

    def _colon_speaker(self, quote_start: int) -> str | None:
        """'Blinken: "We will not accept coercion"' (headlines, transcripts): the actor named right
        before a colon that opens the quote."""
        line_start = self.text.rfind("\n", 0, quote_start) + 1
        before = self.text[line_start:quote_start].rstrip()
        if not before.endswith(":") or len(before) > 80:
            return None
        colon = line_start + len(before) - 1
        best = None
        for token in self.doc:
            if token.idx >= colon:
                break
            if token.idx >= line_start and self.frame.at(token.i):
                best = self.frame.at(token.i)
        return best

    def indirect(self, direct: list[Quote]) -> list[Quote]:
        doc = self.doc
        out: list[Quote] = []
        for token in doc:
            if token.pos_ not in ("VERB", "AUX") or not self.cues.is_token(token):
                continue
            if any(q.start <= token.idx < q.end for q in direct):
                continue
            comps = [c for c in token.children if c.dep_ in ("ccomp",)]
            if not comps:
                continue
            speaker_tok = _speaker_token(token)
            speaker = self.actor_of(speaker_tok)
            if speaker is None and speaker_tok is None:
                continue
            comp = comps[0]
            tokens = [t for t in comp.subtree if not (t.i == comp.left_edge.i and t.dep_ == "mark")]
            tokens = [t for t in tokens if not t.is_punct or t.i != tokens[-1].i]
            if not tokens:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            quoted = sum(min(q.end, end) - max(q.start, start) for q in direct if q.start < end and start < q.end)
            if quoted > 0.5 * (end - start):
                continue
            out.append(Quote(
                id=quote_id(self.article_id, start, end, "indirect"), speaker=speaker, text=self.text[start:end],
                kind="indirect", start=start, end=end, cue=token.text, cue_span=_token_span(token),
            ))
        for quote in self._according_to():
            quoted = sum(min(q.end, quote.end) - max(q.start, quote.start) for q in direct
                         if q.start < quote.end and quote.start < q.end)
            if quoted <= 0.5 * (quote.end - quote.start):
                out.append(quote)
        return out

    def _according_to(self) -> list[Quote]:
        out = []
        for token in self.doc:
            if token.lower_ != "according" or token.i + 1 >= len(self.doc) or self.doc[token.i + 1].lower_ != "to":
                continue
            pobj = next((c for c in self.doc[token.i + 1].children if c.dep_ == "pobj"), None)
            speaker = self.actor_of(pobj)
            if speaker is None:
                continue
            sent = token.sent
            phrase_end = max(t.i for t in (pobj.subtree if pobj is not None else [token]))
            content = self.doc[phrase_end + 1:sent.end] if token.i == sent.start else self.doc[sent.start:token.i]
            content_tokens = [t for t in content if not (t.is_punct and t.text in {",", "."})]
            if not content_tokens:
                continue
            start = content_tokens[0].idx
            end = content_tokens[-1].idx + len(content_tokens[-1].text)
            out.append(Quote(
                id=quote_id(self.article_id, start, end, "indirect"), speaker=speaker,
                text=self.text[start:end], kind="indirect", start=start, end=end, cue="according to",
                cue_span=TextSpan(token.idx, token.idx + len("according to"), "according to"),
            ))
        return out


def _same_sentence(sents: list[Span], a: int, b: int) -> bool:
    sa, sb = _sentence_of(sents, a), _sentence_of(sents, b)
    return sa is not None and sb is not None and sa.start == sb.start


def _near(text: str, end: int, start: int) -> bool:
    """True when ``start`` is in the same or the next paragraph after ``end``."""
    return text[end:start].count("\n\n") <= 1


def _token_span(token: Token) -> TextSpan:
    return TextSpan(token.idx, token.idx + len(token.text), token.text)


def extract_quotes(doc: Doc, frame: ActorFrame, cues: Cues, article_id: str) -> QuoteContext:
    """Direct and indirect quotes of a parsed document, sorted by position."""
    att = Attributor(doc, frame, cues, article_id)
    direct = att.direct()
    indirect = att.indirect(direct)
    return QuoteContext(tuple(sorted([*direct, *indirect], key=lambda q: (q.start, q.end))))


def first_person(token: Token) -> bool:
    """A first-person pronoun; "US" (the country) is not "us"."""
    return token.lower_ in _FIRST_PERSON and token.text != "US" and token.pos_ != "PROPN"
