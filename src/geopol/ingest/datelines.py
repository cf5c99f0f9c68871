"""Datelines: the place (and agency, date) that opens a wire story's first sentence.

Recognised shapes, at the very start of the body: an upper-case place, an optional
title-case region or country, an optional short date, an optional agency in brackets, then a
dash or colon: ``BRUSSELS (Reuters) —``, ``WASHINGTON —``, ``KYIV, Ukraine (AP) -``,
``BEIJING, Dec 1 (Reuters) -``, ``NEW DELHI:``. A hyphen must have spaces around it, so
"US-China talks" is not a dateline.

Limits: title-case datelines ("Brussels (Reuters) -"), datelines after a byline in the same
paragraph, and all-caps acronyms used as a sentence's first word followed by a spaced dash
("NATO - the alliance ...") are not told apart from places. Wire slugs such as ``UPDATE:``
or ``EXCLUSIVE -`` are left alone.
"""

from __future__ import annotations

import re

_CAPS = "A-ZÀ-ÖØ-Þ"
_PLACE = rf"[{_CAPS}][{_CAPS}.'’\- ]*[{_CAPS}.]"
_REGION = r"[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,3}"
_DATE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
_AGENCY = r"\([A-Za-z][A-Za-z0-9 .&/\-]{0,30}\)"
_SEPARATOR = r"(?: ?[—–] ?| +--? +|: +)"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?:, (?P<region>{_REGION}))?(?:,? {_DATE})?(?: {_AGENCY})?{_SEPARATOR}(?=\S)"
)
_SLUGS = frozenset({
    "UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL", "WATCH", "LIVE", "FACTBOX",
    "EXPLAINER", "COMMENT", "CORRECTION", "REFILE", "INSIGHT", "FEATURE", "NEWS", "VIDEO", "PHOTOS",
})


def strip_dateline(body: str) -> tuple[str | None, str]:
    """The dateline's place ("KYIV, Ukraine") and the body without the dateline.

    The rest of the text is returned unchanged; without a dateline the place is ``None``.
    """
    match = _DATELINE.match(body)
    if not match:
        return None, body
    place = match["place"].strip()
    if re.sub(r"\s*\d+$", "", place) in _SLUGS:
        return None, body
    if match["region"]:
        place = f"{place}, {match['region']}"
    return place, body[match.end():]
