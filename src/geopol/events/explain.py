"""Explaining the coding of a text: the parse, the actors, and why each pattern fired or not."""

from __future__ import annotations

from dataclasses import dataclass

from geopol.actors.author import statement_author
from geopol.events.extract import Extractor
from geopol.events.modality import ModalityReader
from geopol.events.roles import Roles
from geopol.ingest.text import parse_plaintext
from geopol.model import Analysis
from geopol.nlp.parse import fix_headline
from geopol.pipeline import Analyzer
from geopol.quotes.attribute import extract_quotes


@dataclass(frozen=True)
class TokenRow:
    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int
    entity: str
    actor: str | None


@dataclass(frozen=True)
class PatternTrace:
    token: str
    token_index: int
    pattern: str
    code: str
    fired: bool
    reason: str


@dataclass(frozen=True)
class Explanation:
    tokens: tuple[TokenRow, ...]
    traces: tuple[PatternTrace, ...]
    analysis: Analysis


def explain(analyzer: Analyzer, text: str) -> Explanation:
    """Analyse ``text`` and record every pattern decision on the way."""
    article = parse_plaintext(text)
    doc = analyzer.nlp(text[: article.analysed_end])
    fix_headline(analyzer.nlp, article, doc)
    analysis = analyzer.analyze_doc(article, doc)
    frame = analyzer.actor_stage(doc, article.published)
    quotes = extract_quotes(doc, frame, analyzer.cues, article.id)
    roles = Roles(frame, quotes, statement_author(article, doc, frame))
    extractor = Extractor(doc, roles, analyzer.patterns, analyzer.ontology,
                          ModalityReader(analyzer.patterns, analyzer.cues), article.published)
    extractor.candidates()
    tokens = tuple(
        TokenRow(t.i, t.text, t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_type_, frame.at(t.i))
        for t in doc if not t.is_space
    )
    traces = tuple(
        PatternTrace(tr.token.text, tr.token.i, tr.pattern.id, tr.pattern.code, tr.fired, tr.reason)
        for tr in extractor.traces
    )
    return Explanation(tokens, traces, analysis)
