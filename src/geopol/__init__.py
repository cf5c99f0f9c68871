"""geopol: read news, recover who did what to whom, when, and who said so."""

from geopol.errors import GeopolError
from geopol.model import SCHEMA, Actor, Analysis, Article, Event, Quote, Relation, Span

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Actor",
    "Analysis",
    "Article",
    "Event",
    "GeopolError",
    "Quote",
    "Relation",
    "Span",
    "__version__",
]
