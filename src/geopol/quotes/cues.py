"""Reporting cues ("said", "the report reads", "according to") loaded from data/quotes/cues.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from geopol.datafiles import data_path, read_rows
from geopol.nlp.lemmas import lemma_forms


@dataclass(frozen=True, slots=True)
class Cues:
    verbs: frozenset[str]
    document_verbs: frozenset[str]
    phrases: frozenset[str]

    def is_verb(self, lemma: str) -> bool:
        return lemma.lower() in self.verbs

    def is_token(self, token: Token) -> bool:
        """True if ``token`` is a reporting verb (tolerating lemmatiser slips)."""
        return any(form in self.verbs for form in lemma_forms(token))


def load_cues(path: Path | None = None) -> Cues:
    verbs: set[str] = set()
    docs: set[str] = set()
    phrases: set[str] = set()
    for row in read_rows(path or data_path("quotes", "cues.tsv"), ("lemma", "kind", "document")):
        lemma, kind = row.get("lemma"), row.get("kind")
        if kind not in ("verb", "phrase"):
            raise row.error(f"kind {kind!r} is invalid", "use verb or phrase")
        if row.get("document") not in ("yes", "no"):
            raise row.error(f"document {row.get('document')!r} is invalid", "use yes or no")
        (verbs if kind == "verb" else phrases).add(lemma)
        if row.get("document") == "yes":
            docs.add(lemma)
    return Cues(frozenset(verbs), frozenset(docs), frozenset(phrases))


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    return load_cues()
