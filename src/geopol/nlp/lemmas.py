"""Lemma look-ups that tolerate the small model's lemmatiser slips.

en_core_web_sm sometimes lemmatises an inflected verb wrongly ("hopes" -> "hop"). Data files
are keyed by correct lemmas, so look-ups try the model's lemma first and then the forms left
by stripping a regular inflection from the word itself.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

_SUFFIXES = (("ies", "y"), ("ied", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""), ("d", ""),
             ("ing", "e"), ("ing", ""))


def lemma_forms(token: Token) -> tuple[str, ...]:
    """Candidate lemmas of ``token``, most likely first, without duplicates."""
    return _forms(token.lemma_.lower(), token.lower_)


@lru_cache(maxsize=65536)
def _forms(lemma: str, lower: str) -> tuple[str, ...]:
    forms = [lemma, lower]
    for suffix, repl in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.append(lower[: -len(suffix)] + repl)
    return tuple(dict.fromkeys(forms))


def lookup(token: Token, table: dict[str, str]) -> str | None:
    """The value of the first candidate lemma of ``token`` found in ``table``."""
    for form in lemma_forms(token):
        if form in table:
            return table[form]
    return None
