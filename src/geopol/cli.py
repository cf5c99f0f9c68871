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


class _Progress:
    """A one-line progress display on stderr when it is a terminal; silent otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.active = not quiet and sys.stderr.isatty()

    def __call__(self, stats: Any) -> None:
        if self.active:
            click.echo(f"\r{stats.read} read · {stats.coded} coded · {stats.events} events · "
                       f"{stats.rejects} rejects · {stats.rate:.1f} articles/s ", err=True, nl=False)

    def close(self) -> None:
        if self.active:
            click.echo("", err=True)


@main.command(epilog="""\b
Examples:
  geopol ingest corpus/ feeds/world.rss dump.jsonl.gz --db news.duckdb
  geopol ingest crawl.warc.gz --db news.duckdb --quiet
  cat story.txt | geopol ingest - --db news.duckdb --date 2024-03-07
""")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="geopol.duckdb", show_default=True, help="DuckDB file to write.")
@click.option("--date", "published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for documents that give none.")
@click.option("--text-field", default="text", show_default=True, help="JSON Lines field holding the text.")
@click.option("--title-field", default="title", show_default=True, help="JSON Lines field holding the title.")
@click.option("--date-field", default="date", show_default=True, help="JSON Lines field holding the date.")
@click.option("--url-field", default="url", show_default=True, help="JSON Lines field holding the URL.")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per transaction.")
@click.option("--quiet", is_flag=True, help="No progress display and no summary line.")
@click.option("--config", type=click.Path(dir_okay=False), help="A TOML settings file (see README).")
@click.option("--model", help="spaCy pipeline to use instead of the configured one.")
def ingest(paths: tuple[str, ...], db: str, published: dt.date | None, text_field: str, title_field: str,
           date_field: str, url_field: str, batch_size: int, quiet: bool, config: str | None,
           model: str | None) -> None:
    """Read a corpus (text, HTML, RSS/Atom, JSON Lines, WARC, gzip, folders, -) into a DuckDB store.

    Re-running the same command changes nothing; an interrupted run resumes where it stopped.
    Inputs that cannot be coded are kept in the rejects table (see `geopol rejects`).
    """
    from geopol.ingest.sources import ReadOptions
    from geopol.pipeline import Analyzer
    from geopol.store.ingest import ingest as run_ingest

    options = ReadOptions(published=published, jsonl_text=text_field, jsonl_title=title_field,
                          jsonl_date=date_field, jsonl_url=url_field)
    progress = _Progress(quiet)
    try:
        analyzer = Analyzer.from_settings(_settings(config, model))
        stats = run_ingest(paths, db, analyzer, options, batch_size=batch_size, progress=progress)
    except GeopolError as exc:
        progress.close()
        _fail(str(exc))
        sys.exit(1)
    progress.close()
    if not quiet:
        click.echo(f"geopol: {db}: {stats.line()}", err=True)


@main.command(epilog="""\b
Example:
  geopol rejects --db news.duckdb --format jsonl
""")
@click.option("--db", default="geopol.duckdb", show_default=True, help="DuckDB file to read.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def rejects(db: str, fmt: str) -> None:
    """List the inputs that were not coded, with their position and the reason."""
    import json

    from geopol.store.db import connect
    from geopol.store.queries import rejects as query

    try:
        con = connect(db, read_only=True)
    except GeopolError as exc:
        _fail(str(exc))
        sys.exit(1)
    rows = query(con)
    con.close()
    for row in rows:
        if fmt == "jsonl":
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(f"{row['source']}  {row['position']}  [{row['kind']}]  {row['reason']}")
    if fmt == "table":
        click.echo(f"{len(rows)} rejects", err=True)


@main.command(epilog="""\b
Example:
  geopol summary --db news.duckdb
""")
@click.option("--db", default="geopol.duckdb", show_default=True, help="DuckDB file to read.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Rows per section.")
def summary(db: str, limit: int) -> None:
    """Counts, the most active actors and dyads, and the strongest relations in a store."""
    from geopol.store.db import connect
    from geopol.store import queries

    try:
        con = connect(db, read_only=True)
    except GeopolError as exc:
        _fail(str(exc))
        sys.exit(1)
    names = queries.names(con)
    c = queries.counts(con)
    click.echo(f"{db}: {c['articles']} articles ({c['stories']} stories, {c['sources']} sources), {c['actors']} actors, "
               f"{c['events']} events, {c['quotes']} quotes, {c['relations']} relation rows, {c['rejects']} rejects")
    click.echo("\nMost active actors (articles, mentions)")
    for row in queries.top_actors(con, limit):
        click.echo(f"  {row['name']:<40} {row['kind'] or '?':<13} {row['articles']:>4} {row['mentions']:>6}")
    click.echo("\nMost active dyads (events, stories, Goldstein sum)")
    for row in queries.top_dyads(con, limit):
        pair = f"{names.get(row['source'], row['source'])} -> {names.get(row['target'], row['target'])}"
        click.echo(f"  {pair:<60} {row['events']:>4} {row['stories']:>4} {row['goldstein']:>7}")
    click.echo("\nStrongest relations (weight, articles, first - last)")
    for row in queries.relations(con, limit):
        pair = f"{names.get(row['source'], row['source'])} -[{row['kind']}]-> {names.get(row['target'], row['target'])}"
        click.echo(f"  {pair:<72} {row['weight']:>6} {row['articles']:>4}  {row['first']} - {row['last']}")
    con.close()


@main.command(name="eval", epilog="""\b
Examples:
  geopol eval
  geopol eval events --data ../shared/anchors-data --json
  geopol eval quotes
""")
@click.argument("what", type=click.Choice(["all", "events", "actors", "quotes"]), default="all")
@click.option("--data", type=click.Path(file_okay=False), default=None,
              help="Folder of the public gold sets (anchors-data); default: ../shared/anchors-data if present.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--details", is_flag=True, help="Also list failures (dated cases, quote misses).")
def evaluate(what: str, data: str | None, as_json: bool, details: bool) -> None:
    """Measure coding quality: events on the PLOVER, CAMEO and PETRARCH gold sets; actors on PLOVER
    records and dated-role cases; quotes on geopol's own gold set."""
    import json

    from geopol.evaluation import report as run_report
    from geopol.pipeline import Analyzer

    folder = Path(data) if data else run_report.default_data()
    try:
        result = run_report.run(Analyzer.from_settings(), what, folder)
    except GeopolError as exc:
        _fail(str(exc))
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(result, indent=1, default=str))
    else:
        click.echo(run_report.render(result, details), nl=False)


if __name__ == "__main__":
    main()
