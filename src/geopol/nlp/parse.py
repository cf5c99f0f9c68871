"""Loading the spaCy pipeline once and parsing articles with it.

The shipped component ``geopol_paragraphs.v1`` runs before the parser and starts a new
sentence after every blank line, so headlines, decks and paragraphs never merge into one
sentence (the statistical parser otherwise joins a headline to the first body sentence).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from geopol.errors import ModelError
from geopol.model import Article
from geopol.nlp.headlines import headline_passives, reparse_headline

COMPONENT = "geopol_paragraphs"


@Language.component(COMPONENT)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Force a sentence start after blank lines and after whitespace tokens holding a newline pair."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.text_with_ws:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline ``name`` with geopol's boundary component."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed ({exc.__class__.__name__}); run `make install`, "
            "or set nlp.model in your config to an installed pipeline"
        ) from None
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks {', '.join(missing)}; choose a pipeline with a parser and NER")
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    return nlp


def analysed_text(article: Article) -> str:
    """The part of the article that is parsed: title to the end of the body (byline excluded)."""
    return article.text[: article.analysed_end]


def parse(nlp: Language, articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches with ``nlp.pipe``; yields each article with its Doc (a title-case
    headline parsed in sentence case, see :mod:`geopol.nlp.headlines`)."""
    stream: Iterable[Any] = ((analysed_text(a), a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        fix_headline(nlp, article, doc)
        yield article, doc


def fix_headline(nlp: Language, article: Article, doc: Doc) -> None:
    """Reparse ``article``'s title-case headline in sentence case and mark its clipped passives,
    in place."""
    if article.title and article.text.startswith(article.title) and article.body_start > len(article.title):
        reparse_headline(nlp, doc, len(article.title), article.body_start)
        headline_passives(doc, len(article.title))
