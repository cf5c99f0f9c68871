"""The working records of the actor stage: drafts of actors and their mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Draft:
    """An actor being assembled from its mentions."""

    id: str
    name: str
    kind: str | None
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    members: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Found:
    """A mention: tokens ``start``..``end`` (exclusive) of the doc refer to actor ``actor``.

    ``shown`` is the whole noun phrase reported as the mention when it is wider than the tokens
    that name the actor: "Israeli troops" and "rebels in the Ivory Coast" for the agent whose
    country comes from the modifier. Token lookups (which actor is at token i) use start..end only.
    """

    start: int
    end: int
    actor: str
    how: str
    shown: tuple[int, int] | None = None


def slug(text: str) -> str:
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s_]+", "-", text).strip("-")


