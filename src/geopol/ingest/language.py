"""Language identification with py3langid (its model ships inside the package; no download).

Only the first 2,000 characters are classified, which is plenty for a news article and keeps
long texts cheap. Confidence is py3langid's normalised probability. Limits: texts under
:data:`MIN_CHARS` characters are too short to judge and are never rejected; a text that mixes
languages is classified by its majority; the model loads once per process (about a second).
"""

from __future__ import annotations

import functools
from typing import Any

MIN_CHARS = 40
MIN_CONFIDENCE = 0.6  # below this, a non-accepted guess is too unsure to drop an article over
_SAMPLE = 2000
NAMES = {
    "ar": "Arabic", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the text's language and the confidence (0-1)."""
    sample = " ".join(text[:_SAMPLE].split())
    if not sample:
        return "und", 0.0
    code, confidence = _identifier().classify(sample)
    return str(code), float(confidence)


def unwanted(text: str, languages: tuple[str, ...]) -> tuple[str, str | None]:
    """The language to record for ``text``, and a reject reason if it is confidently not accepted
    (no ``languages``: every language is accepted)."""
    if len(text.strip()) < MIN_CHARS:
        return languages[0] if languages else "und", None
    code, confidence = detect(text)
    if code in languages or not languages:
        return code, None
    if confidence < MIN_CONFIDENCE:
        return languages[0] if languages else code, None
    name = NAMES.get(code, code)
    return code, (
        f"language is {name} ({code}, confidence {confidence:.2f}), not in {', '.join(languages)}; "
        f"add '{code}' to ReadOptions.languages to read it"
    )
