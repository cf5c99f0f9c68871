"""Finding quoted stretches of text from quotation marks alone (no parse needed).

Rules:
- Curly double quotes pair “ with ”; straight double quotes alternate open/close.
- A quote that does not close within its paragraph continues into the next paragraph only if
  that paragraph opens with a quotation mark (the news convention for multi-paragraph quotes);
  otherwise it is closed at the paragraph end and flagged ``unclosed``, so an unbalanced mark
  never swallows the rest of the article.
- Single curly quotes ‘…’ count as quotation marks only in texts with no double quotes at all
  (British style); inside double quotes they are nested quotes and stay part of the content.
- Quotes of fewer than ``min_words`` words are scare quotes or titles and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "\"": "\"", "„": "“", "«": "»"}
_PARA_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted stretch: ``start``/``end`` include the marks, ``inner_*`` the content only."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    flags: tuple[str, ...] = ()


def _single_style(text: str) -> bool:
    return not any(ch in text for ch in "“”\"«»„")


def find_quotes(text: str, start: int = 0, end: int | None = None, min_words: int = 3) -> list[Marked]:
    """Quoted stretches of ``text[start:end]`` in order of appearance."""
    end = len(text) if end is None else end
    openers = dict(OPENERS)
    if _single_style(text[start:end]):
        openers = {"‘": "’"}
    out: list[Marked] = []
    i = start
    while i < end:
        ch = text[i]
        if ch not in openers or (ch == "‘" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        closer = openers[ch]
        j = i + 1
        flags: tuple[str, ...] = ()
        close_at = -1
        while j < end:
            c = text[j]
            if c == closer and not (closer == "’" and j + 1 < end and text[j + 1].isalpha()):
                close_at = j
                break
            if c == "\n" and _PARA_BREAK.match(text, j):
                brk = _PARA_BREAK.match(text, j)
                assert brk is not None
                nxt = brk.end()
                if nxt < end and text[nxt] in openers:
                    j = nxt + 1  # the next paragraph reopens: the quote continues
                    continue
                break
            j += 1
        if close_at < 0:
            stop = j if j <= end else end
            while stop > i and text[stop - 1].isspace():
                stop -= 1
            flags = ("unclosed",)
            close_end = stop
            inner_end = stop
        else:
            close_end = close_at + 1
            inner_end = close_at
        inner = text[i + 1:inner_end]
        if len(re.findall(r"\w+", inner)) >= min_words:
            out.append(Marked(i, close_end, i + 1, inner_end, flags))
        i = max(close_end, i + 1)
    return out
