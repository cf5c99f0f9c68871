"""Reading the tab-separated knowledge files documented in docs/data-formats.md.

Loaders built on :func:`read_rows` get line numbers for free, so every validation error can
name the file and line of the offending row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geopol.errors import DataFileError


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its file, line number and fields by column name."""

    path: Path
    line: int
    fields: dict[str, str]

    def get(self, column: str) -> str:
        return self.fields.get(column, "")

    def items(self, column: str) -> tuple[str, ...]:
        value = self.get(column)
        return tuple(v for v in value.split("|") if v) if value else ()

    def error(self, problem: str, fix: str) -> DataFileError:
        return DataFileError(self.path, self.line, problem, fix)

    def date(self, column: str, required: bool = False) -> dt.date | None:
        value = self.get(column)
        if not value:
            if required:
                raise self.error(f"column {column!r} is empty", "give a date as YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.error(f"{column} {value!r} is not a date", "write it as YYYY-MM-DD") from None


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``geopol/data``."""
    return Path(str(resources.files("geopol").joinpath("data", *parts)))


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[Row]:
    """Yield the rows of a TSV data file, checking the header and field counts."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError(path, 0, "file not found", "check the path in your settings") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, 0, f"not UTF-8 ({exc.reason})", "save the file as UTF-8") from None
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise DataFileError(
                    path, number, f"header lacks column(s) {', '.join(missing)}",
                    f"the header must name: {', '.join(required)}",
                )
            continue
        if len(cells) > len(header):
            raise DataFileError(
                path, number, f"{len(cells)} fields for {len(header)} columns",
                "remove the extra TAB characters or add the column to the header",
            )
        cells += [""] * (len(header) - len(cells))
        for column, cell in zip(header, cells, strict=True):
            if cell != cell.strip():
                raise DataFileError(
                    path, number, f"field {column!r} has leading or trailing spaces ({cell!r})",
                    "remove the stray spaces",
                )
        yield Row(path, number, dict(zip(header, cells, strict=True)))
    if header is None:
        raise DataFileError(path, len(lines), "no header line", "start the file with the column names")
