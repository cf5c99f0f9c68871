"""The ``geopol`` command: a thin shell over the library. Each command parses options and calls
one library function; errors become one line on stderr and exit code 1."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from geopol import __version__
from geopol.config import Settings, load_settings
from geopol.errors import GeopolError, IngestError
from geopol.ingest.text import iter_text_files, parse_plaintext, read_article
from geopol.model import Article

EPILOG_CODE = """\b
Examples:
  geopol code article.txt --date 2020-12-01
  geopol code corpus/ --format jsonl > events.jsonl
  cat story.txt | geopol code - --date 2024-03-07
"""


def _fail(message: str) -> None:
    click.echo(f"geopol: error: {message}", err=True)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _settings(config: str | None, model: str | None, fmt: str | None = None) -> Settings:
    overrides: dict[str, dict[str, Any]] = {}
    if model:
        overrides["nlp"] = {"model": model}
    if fmt:
        overrides["output"] = {"format": fmt}
    return load_settings(config, overrides=overrides)


def _articles(paths: tuple[str, ...], published: dt.date | None, problems: list[str]) -> Iterator[Article]:
    for raw in paths:
        if raw == "-":
            try:
                yield parse_plaintext(sys.stdin.read(), source="<stdin>", published=published)
            except IngestError as exc:
                problems.append(str(exc))
            continue
        path = Path(raw)
        if not path.exists():
            problems.append(f"{raw}: no such file or directory; check the path")
            continue
        files = list(iter_text_files(path))
        if path.is_dir() and not files:
            problems.append(f"{raw}: the folder holds no text files (.txt, .text, .md); point to article files")
            continue
        for file in files:
            try:
                yield read_article(file, published)
            except IngestError as exc:
                problems.append(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geopol")
def main() -> None:
    """geopol: read news and recover who did what to whom, when, and who said so."""


@main.command(epilog=EPILOG_CODE)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default=None,
              help="table for people (default), jsonl for machines: one JSON object per article.")
@click.option("--date", "published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date when the text has none; relative dates resolve from it.")
@click.option("--config", type=click.Path(dir_okay=False), help="A TOML settings file (see README).")
@click.option("--model", help="spaCy pipeline to use instead of the configured one.")
def code(paths: tuple[str, ...], fmt: str | None, published: dt.date | None, config: str | None,
         model: str | None) -> None:
    """Analyse articles: actors, CAMEO/PLOVER events, quotes and relations.

    PATHS are text files, folders (searched recursively for .txt/.text/.md) or - for stdin.
    """
    from geopol.output import jsonl, table
    from geopol.pipeline import Analyzer, Failure

    problems: list[str] = []
    done = 0
    try:
        settings = _settings(config, model, fmt)
        analyzer = Analyzer.from_settings(settings)
        render = jsonl.render if settings.output.format == "jsonl" else table.render
        for result in analyzer.analyze_many(_articles(paths, published, problems)):
            if isinstance(result, Failure):
                problems.append(f"{result.article.source or result.article.id}: {result.reason}")
                continue
            click.echo(render(result), nl=False)
            done += 1
    except GeopolError as exc:
        _fail(str(exc))
        sys.exit(1)
    for problem in problems:
        _fail(problem if done == 0 else f"skipped {problem}")
    if done == 0:
        sys.exit(1)


@main.command(epilog="""\b
Example:
  geopol explain "Russia imposed sanctions on Japan on Monday."
""")
@click.argument("text")
@click.option("--config", type=click.Path(dir_okay=False), help="A TOML settings file (see README).")
@click.option("--model", help="spaCy pipeline to use instead of the configured one.")
def explain(text: str, config: str | None, model: str | None) -> None:
    """Show the parse, the actors found and why each event pattern fired or not."""
    from geopol.events.explain import explain as run_explain
    from geopol.output import table
    from geopol.pipeline import Analyzer

    try:
        result = run_explain(Analyzer.from_settings(_settings(config, model)), text)
    except GeopolError as exc:
        _fail(str(exc))
        sys.exit(1)
    click.echo("Parse")
    for t in result.tokens:
        actor = f"  actor={t.actor}" if t.actor else ""
        ent = f"  ent={t.entity}" if t.entity else ""
        click.echo(f"  {t.i:>3} {t.text:<16} {t.lemma:<14} {t.pos:<6} {t.dep:<10} head={t.head}{ent}{actor}")
    click.echo("\nPatterns")
    if not result.traces:
        click.echo("  no pattern's trigger word occurs in this text")
    for tr in result.traces:
        mark = "fired" if tr.fired else "no   "
        click.echo(f"  {mark} {tr.pattern:<22} {tr.code:<5} on {tr.token!r} (token {tr.token_index}): {tr.reason}")
    click.echo("")
    click.echo(table.render(result.analysis), nl=False)
