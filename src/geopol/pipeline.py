"""The geopol pipeline: text → spaCy → actors → quotes → events → relations → :class:`Analysis`.

:class:`Analyzer` loads the model, knowledge base, ontology and patterns once and analyses any
number of articles with ``nlp.pipe``. Quotes are found before events because an event's
``claimed_by`` depends on whether it sits inside someone's quote.

Example::

    from geopol.pipeline import Analyzer
    from geopol.ingest.text import parse_plaintext
    analyzer = Analyzer.from_settings()
    analysis = analyzer.analyze(parse_plaintext("China offered talks to NATO on Tuesday."))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from geopol.actors.author import statement_author
from geopol.actors.coref import RegionWords
from geopol.actors.kb import KnowledgeBase, load_kb
from geopol.actors.stage import ActorFrame, ActorStage, known_actor
from geopol.config import Settings, load_settings
from geopol.errors import CodingError, GeopolError
from geopol.events.extract import Candidate, Extractor
from geopol.events.merge import merge
from geopol.events.modality import ModalityReader
from geopol.events.patterns import PatternSet, build_pattern_set
from geopol.events.roles import Roles
from geopol.model import Analysis, Article, Event
from geopol.nlp.parse import load_model, parse
from geopol.ontology.cameo import Ontology, default_ontology
from geopol.quotes.attribute import QuoteContext, extract_quotes
from geopol.quotes.cues import Cues, default_cues
from geopol.relations.build import build_relations
from geopol.relations.rules import Rule, default_rules

CODER_VERSION = "v3"


def coder_name(settings: Settings) -> str:
    """The coder version recorded with every stored article (``geopol-rules/v3``); known without a model."""
    return f"{settings.events.coder}/{CODER_VERSION}"


@dataclass(frozen=True)
class Failure:
    """An article that could not be analysed, and why."""

    article: Article
    reason: str


@dataclass
class Analyzer:
    """Holds everything loaded once; :meth:`analyze_many` streams articles through ``nlp.pipe``."""

    settings: Settings
    nlp: Language
    kb: KnowledgeBase
    ontology: Ontology
    patterns: PatternSet
    cues: Cues
    rules: tuple[Rule, ...]
    regions: RegionWords
    actor_stage: ActorStage = field(init=False)

    def __post_init__(self) -> None:
        self.actor_stage = ActorStage(self.nlp, self.kb, self.regions)

    @property
    def coder(self) -> str:
        return coder_name(self.settings)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, nlp: Language | None = None) -> Analyzer:
        settings = settings or load_settings()
        ontology = default_ontology()
        return cls(
            settings=settings,
            nlp=nlp or load_model(settings.nlp.model),
            kb=load_kb(settings.actors),
            ontology=ontology,
            patterns=build_pattern_set(settings.events.extra_patterns, ontology),
            cues=default_cues(),
            rules=default_rules(),
            regions=RegionWords.load(),
        )

    # -- one document -------------------------------------------------------------------------------
    def analyze_doc(self, article: Article, doc: Doc) -> Analysis:
        """Run every stage after parsing on one article."""
        warnings: list[str] = []
        frame = self.actor_stage(doc, article.published)
        quotes = extract_quotes(doc, frame, self.cues, article.id)
        author = statement_author(article, doc, frame)
        candidates = self._candidates(article, doc, frame, quotes, warnings, author)
        roles = Roles(frame, quotes, author)
        sides = {a: roles.side(a) for a in frame.actors}
        events = merge(article, doc, candidates, quotes, sides, self.ontology, self.coder)
        relations = build_relations(frame.actors, events, self.rules, lambda a: roles.side(a), article.published)
        actors = dict(frame.actors)
        referenced = {a for e in events for a in (*e.source, *e.target)} | {
            a for r in relations for a in (r.source, r.target)}
        for actor_id in sorted(referenced - set(actors)):
            known = known_actor(self.kb, actor_id)
            if known is not None:
                actors[actor_id] = known
        return Analysis(
            article=article, actors=tuple(actors[k] for k in sorted(actors)), events=tuple(events),
            quotes=quotes.quotes, relations=tuple(relations), warnings=tuple(warnings),
        )

    def _candidates(self, article: Article, doc: Doc, frame: ActorFrame, quotes: QuoteContext,
                    warnings: list[str], author: str | None = None) -> list[Candidate]:
        limit = self.settings.nlp.max_sentence_tokens
        # doc.sents builds a Token per token of the document: one pass, not one per use
        long_sentences = {s.start: s for s in doc.sents if len(s) > limit}
        for sent in long_sentences.values():
            warnings.append(
                f"sentence at {sent.start_char} has {len(sent)} tokens (over nlp.max_sentence_tokens="
                f"{limit}); not coded"
            )
        roles = Roles(frame, quotes, author)
        extractor = Extractor(doc, roles, self.patterns, self.ontology, ModalityReader(self.patterns, self.cues),
                              article.published)
        return [c for c in extractor.candidates() if c.trigger.sent.start not in long_sentences]

    # -- many documents -------------------------------------------------------------------------------
    def analyze(self, article: Article) -> Analysis:
        results = list(self.analyze_many([article]))
        result = results[0]
        if isinstance(result, Failure):
            raise CodingError(f"{article.source or article.id}: {result.reason}")
        return result

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Analysis | Failure]:
        """Analyse articles in order; a failing article yields a :class:`Failure`, the rest go on."""
        for article, doc in parse(self.nlp, articles, self.settings.nlp.batch_size):
            try:
                yield self.analyze_doc(article, doc)
            except GeopolError as exc:
                yield Failure(article, str(exc))
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
                yield Failure(article, f"internal error {exc.__class__.__name__}: {exc}")


def events_by_id(analysis: Analysis) -> dict[str, Event]:
    return {e.id: e for e in analysis.events}
