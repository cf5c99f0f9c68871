"""Title-case headlines: parsing them as the sentence they stand for.

A headline in title case ("Clinton Condemns Attack on US Personnel in Pakistan") misleads a
statistical tagger: every capitalised word looks like part of a name, so "Clinton Condemns Attack"
becomes one person and "Condemns" is no verb. geopol parses such a headline a second time in
sentence case and copies that parse (tags, lemmas, dependencies, entities) onto the document.

Which words to lower: a word whose lower-case form (or a plain inflection of it: "condemns",
"condemned" for "condemn") occurs in lower case in the article's body, and the small words of
English (articles, prepositions, conjunctions, auxiliaries). Everything else keeps its case, so
names ("Clinton", "Pakistan"), acronyms ("US", "NATO") and words the body never uses stay as they
are. The headline's text, and every offset, is unchanged: only its analysis differs.

Headlines also drop the auxiliary of a passive ("Journalist Killed in Mexico", "Obama Welcomed in
Vietnam"): a headline's main verb in the past tense with no object and no auxiliary is read as a
passive, its subject as the one acted on.
"""

from __future__ import annotations

from collections import Counter
from typing import cast

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.types import Ints2d

SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "into", "over", "after", "before", "amid", "as", "about", "against", "between", "during", "under",
    "via", "than", "up", "out", "off", "is", "are", "was", "were", "be", "been", "will", "would", "can",
    "could", "might", "must", "should", "has", "have", "had", "not", "no", "its", "his", "her",
    "their", "new", "more", "says", "said",
})
_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_SUFFIXES = ("s", "es", "ed", "d", "ing")


def headline_span(doc: Doc, title_end: int) -> Span | None:
    """The tokens of a title-case headline ending at character ``title_end``, or None."""
    tokens = [t for t in doc if t.idx < title_end and not t.is_space]
    if not tokens:
        return None
    words = [t for t in tokens if t.is_alpha and t.lower_ not in SMALL_WORDS]
    capitalised = [t for t in words if t.text[0].isupper()]
    if len(words) < 3 or len(capitalised) < 0.75 * len(words):
        return None
    return doc[tokens[0].i : tokens[-1].i + 1]


def _forms(word: str) -> set[str]:
    lower = word.lower()
    forms = {lower}
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            forms |= {stem, stem + "e"}
    return forms


def sentence_case(span: Span, body_words: set[str]) -> str:
    """``span``'s text with the common words lowered (see the module docstring)."""
    out = []
    for token in span:
        text = token.text
        if token.i > span.start and token.is_alpha and not text.isupper() and text[0].isupper() and (
                token.lower_ in SMALL_WORDS or _forms(text) & body_words):
            text = text.lower()
        out.append(text + token.whitespace_)
    return "".join(out)


def body_words(doc: Doc, start: int) -> set[str]:
    """Words the body writes in lower case more often than capitalised inside a sentence (with
    their lemmas), from character ``start`` on: "attack" but not "Council" of "Security Council"."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for token in doc:
        if token.idx < start or not token.is_alpha:
            continue
        if token.text.islower():
            lower[token.text] += 1
            if token.lemma_.lower() != token.text:
                lower[token.lemma_.lower()] += 1
        elif token.text[0].isupper() and not token.is_sent_start:
            capital[token.lower_] += 1
    return {word for word, count in lower.items() if count > capital[word]}


def reparse_headline(nlp: Language, doc: Doc, title_end: int, body_start: int) -> bool:
    """Give ``doc``'s title-case headline (its first ``title_end`` characters) the parse of its
    sentence-case form; True if it changed. A headline whose tokens differ is left alone."""
    span = headline_span(doc, title_end)
    if span is None:
        return False
    text = sentence_case(span, body_words(doc, body_start))
    if text == span.text_with_ws:
        return False
    sub = nlp(text)
    if len(sub) != len(span) or any(a.lower_ != b.lower_ for a, b in zip(sub, span, strict=True)):
        return False
    if list(sub.sents)[0].end != len(sub):
        return False  # the sentence-case text parses as several sentences: keep the original
    array = doc.to_array(_ATTRS)
    part = sub.to_array(_ATTRS)
    array[span.start : span.end] = part.astype(array.dtype)
    keep_ents = [e for e in doc.ents if e.start >= span.end or e.end <= span.start]
    doc.from_array(_ATTRS, cast(Ints2d, np.asarray(array)))
    doc.ents = [*(Span(doc, span.start + e.start, span.start + e.end, label=e.label_) for e in sub.ents),
                *keep_ents]
    return True


def headline_passives(doc: Doc, title_end: int) -> int:
    """Mark the clipped passives of the headline (see the module docstring); how many were marked."""
    marked = 0
    for token in doc:
        if token.idx >= title_end:
            break
        if token.dep_ != "ROOT" or token.tag_ not in ("VBD", "VBN"):
            continue
        if any(c.dep_ in ("dobj", "aux", "auxpass", "ccomp", "xcomp", "dative") for c in token.children):
            continue
        for child in token.children:
            if child.dep_ == "nsubj":
                child.dep_ = "nsubjpass"
                token.tag_ = "VBN"
                marked += 1
    return marked
