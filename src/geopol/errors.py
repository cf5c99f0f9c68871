"""Exceptions raised by geopol.

Every error says what happened, the offending value, and how to fix it. The tree::

    GeopolError
    ├── ConfigError        a settings file, environment variable or option is invalid
    ├── DataFileError      a knowledge or ontology file has a bad row (carries file and line)
    ├── IngestError        an input cannot be read or decoded (carries the source)
    ├── ModelError         the spaCy model cannot be loaded
    ├── CodingError        an article cannot be analysed
    ├── StoreError         the database cannot be opened, is locked, or is from a newer geopol
    └── QueryError         a store query names an unknown actor or a bad filter value

The CLI turns each into exit code 1 and one line on stderr; library code never prints or exits.
"""

from __future__ import annotations

from pathlib import Path


class GeopolError(Exception):
    """Base class of every error geopol raises on purpose."""


class ConfigError(GeopolError):
    """Invalid configuration value."""


class DataFileError(GeopolError):
    """A data file row is malformed; the message names the file, line and fix."""

    def __init__(self, path: Path | str, line: int, problem: str, fix: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}:{line}: {problem}; {fix}")


class IngestError(GeopolError):
    """An input could not be read as an article."""

    def __init__(self, source: str, problem: str, fix: str = "") -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        message = f"{source}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)


class ModelError(GeopolError):
    """The NLP model is missing or broken."""


class CodingError(GeopolError):
    """An article failed during analysis."""


class StoreError(GeopolError):
    """The store (DuckDB file) cannot be used as asked."""


class QueryError(GeopolError):
    """A query cannot run as asked: unknown or ambiguous actor, bad filter value, bad option.

    The message names the offending value and the fix (with a did-you-mean where one exists).
    """
