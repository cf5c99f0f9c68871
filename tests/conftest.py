"""Shared fixtures. Unit tests build spaCy Docs by hand and need no model; tests marked
``model`` load the real pipeline once per session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from geopol.actors.coref import RegionWords
from geopol.actors.kb import KnowledgeBase, load_kb

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERENCE = ROOT / "src" / "geopol" / "data" / "samples" / "nato-china-dialogue.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="session")
def regions() -> RegionWords:
    return RegionWords.load()


@pytest.fixture(scope="session")
def blank() -> Language:
    """A blank English pipeline: tokenizer and vocab only, for hand-built Docs."""
    return spacy.blank("en")


Token = tuple[str, str, str, int, str]  # text, lemma, pos, head (absolute index), dep


@pytest.fixture
def make_doc(blank: Language) -> Callable[..., Doc]:
    """Build a parsed Doc by hand.

    ``tokens`` is a list of (text, lemma, pos, head index, dep); ``tag`` defaults from pos;
    ``ents`` is a list of (start, end, label) token spans.
    """

    def build(tokens: list[Token], ents: list[tuple[int, int, str]] = (), tags: dict[int, str] | None = None) -> Doc:
        words = [t[0] for t in tokens]
        spaces = [True] * len(words)
        for i, w in enumerate(words[1:], start=1):
            if w in {".", ",", "'s", "’s", "n't"}:
                spaces[i - 1] = False
        spaces[-1] = False
        default_tag = {"VERB": "VBD", "NOUN": "NN", "PROPN": "NNP", "ADJ": "JJ", "ADP": "IN", "DET": "DT",
                       "AUX": "MD", "PART": "RB", "PRON": "PRP", "PUNCT": ".", "CCONJ": "CC", "NUM": "CD"}
        tag_list = [(tags or {}).get(i, default_tag.get(t[2], "XX")) for i, t in enumerate(tokens)]
        doc = Doc(
            blank.vocab, words=words, spaces=spaces, lemmas=[t[1] for t in tokens], pos=[t[2] for t in tokens],
            tags=tag_list, heads=[t[3] for t in tokens], deps=[t[4] for t in tokens],
            ents=_iob(len(tokens), list(ents)),
        )
        return doc

    return build


def _iob(n: int, ents: list[tuple[int, int, str]]) -> list[str]:
    out = ["O"] * n
    for start, end, label in ents:
        out[start] = f"B-{label}"
        for i in range(start + 1, end):
            out[i] = f"I-{label}"
    return out


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    from geopol.pipeline import Analyzer

    return Analyzer.from_settings()


@pytest.fixture(scope="session")
def reference(analyzer):  # type: ignore[no-untyped-def]
    from geopol.ingest.text import read_article

    return analyzer.analyze(read_article(REFERENCE, published=dt.date(2020, 12, 1)))
