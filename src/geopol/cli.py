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
from geopol.ingest.document import Reject, read_text_file
from geopol.ingest.text import iter_text_files, parse_plaintext
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


def _open_store(db: str) -> Any:
    """A read-only connection to the store, or one error line and exit 1."""
    from geopol.store.db import connect

    try:
        return connect(db, read_only=True)
    except GeopolError as exc:
        _fail(str(exc))
        sys.exit(1)


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
                result = read_text_file(file, published, ("en",))
            except IngestError as exc:
                problems.append(str(exc))
                continue
            if isinstance(result, Reject):
                reason = result.reason.split(";")[0] + "; geopol codes English text only" \
                    if result.kind == "language" else result.reason
                problems.append(f"{file}: {reason}")
                continue
            yield result


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
  geopol ingest dump.jsonl --db news.duckdb --workers 4
  geopol ingest s3://bucket/news/ --db news.duckdb --cluster tcp://10.0.0.5:8786 --shards s3://bucket/shards
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
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 512),
              help="Coding processes on this machine, each loading the model once; this process reads and writes.")
@click.option("--cluster", "address", metavar="ADDRESS",
              help="Code on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786); needs geopol[cluster].")
@click.option("--shards", metavar="FOLDER|URL",
              help="With --cluster: where workers write Parquet shards, reachable from every machine "
                   "(default: DB.shards next to --db).")
@click.option("--partition-mb", default=4.0, show_default=True, type=click.FloatRange(0.001, 4096),
              help="With --cluster: input per partition (one task), in MB.")
@click.option("--quiet", is_flag=True, help="No progress display and no summary line.")
@click.option("--config", type=click.Path(dir_okay=False), help="A TOML settings file (see README).")
@click.option("--model", help="spaCy pipeline to use instead of the configured one.")
def ingest(paths: tuple[str, ...], db: str, published: dt.date | None, text_field: str, title_field: str,
           date_field: str, url_field: str, batch_size: int, workers: int, address: str | None,
           shards: str | None, partition_mb: float, quiet: bool, config: str | None, model: str | None) -> None:
    """Read a corpus (text, HTML, RSS/Atom, JSON Lines, WARC, gzip, folders, -) into a DuckDB store.

    Re-running the same command changes nothing; an interrupted run resumes where it stopped.
    Inputs that cannot be coded are kept in the rejects table (see `geopol rejects`). With
    --workers or --cluster the store is the one a single process builds (see docs/scale.md).
    """
    from geopol.ingest.sources import ReadOptions
    from geopol.store.ingest import ingest as run_ingest

    options = ReadOptions(published=published, jsonl_text=text_field, jsonl_title=title_field,
                          jsonl_date=date_field, jsonl_url=url_field)
    progress = _Progress(quiet)
    try:
        if address and workers > 1:
            raise click.UsageError("--workers and --cluster exclude each other; on a cluster, start more workers")
        settings = _settings(config, model)
        if address:
            from geopol.cluster.run import ingest_on_cluster

            stats = ingest_on_cluster(paths, db, address, settings, options, shards=shards, batch_size=batch_size,
                                      partition_bytes=int(partition_mb * (1 << 20)), progress=progress)
        else:
            stats = run_ingest(paths, db, None, options, batch_size=batch_size, progress=progress, workers=workers,
                               settings=settings)
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

    from geopol.store.queries import rejects as query

    con = _open_store(db)
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
    from geopol.store import queries

    con = _open_store(db)
    names = queries.names(con)
    c = queries.counts(con)
    click.echo(f"{db}: {c['articles']} articles ({c['stories']} stories, {c['sources']} sources), "
               f"{c['actors']} actors, "
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



# -- store queries and exports (geopol.analysis, geopol.export) ------------------------------------

_OUTPUT_FORMATS = ["table", "csv", "jsonl"]
_FREQS = ["day", "week", "month", "year"]


def _output_option(f: Any) -> Any:
    return click.option("--format", "fmt", type=click.Choice(_OUTPUT_FORMATS), default="table",
                        show_default=True,
                        help="table for people; csv or jsonl (one JSON object per line) for machines.")(f)


def _db_option(f: Any) -> Any:
    return click.option("--db", default="geopol.duckdb", show_default=True, help="DuckDB file to read.")(f)


def _event_options(f: Any) -> Any:
    """Filters on the events themselves (type, quad class, dates, modality, claims)."""
    from geopol.model import MODALITIES

    for option in reversed([
        click.option("--type", "types", multiple=True, metavar="TYPE",
                     help="PLOVER type (ACCUSE) or CAMEO code prefix (19, 036); repeat for several."),
        click.option("--quad", "quads", multiple=True, type=click.IntRange(1, 4),
                     help="Quad class: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."),
        click.option("--start", callback=_date, metavar="YYYY-MM-DD", help="First day (inclusive)."),
        click.option("--end", callback=_date, metavar="YYYY-MM-DD", help="Last day (inclusive)."),
        click.option("--modality", "modalities", multiple=True, type=click.Choice([*MODALITIES, "all"]),
                     help="Modalities to keep (repeatable); default: all but negated."),
        click.option("--claims", is_flag=True, help="Also count events only claimed by a third party."),
    ]):
        f = option(f)
    return f


def _actor_options(f: Any) -> Any:
    """Filters on the sides: actor ids (state:CHN) or names and aliases (China, NATO, Beijing)."""
    for option in reversed([
        click.option("--actor", help="Either side is this actor (id or name, e.g. China, NATO, state:CHN)."),
        click.option("--source", help="The source side is this actor."),
        click.option("--target", help="The target side is this actor."),
        click.option("--dyad", nargs=2, metavar="A B", default=None,
                     help="Between A and B, both directions."),
    ]):
        f = option(f)
    return f


def _filters(**raw: Any) -> dict[str, Any]:
    """Library keyword filters from CLI option values (empty ones dropped)."""
    out: dict[str, Any] = {}
    for key, name in (("actor", "actor"), ("source", "source"), ("target", "target"), ("dyad", "dyad"),
                      ("start", "start"), ("end", "end")):
        if raw.get(key):
            out[name] = raw[key]
    if raw.get("types"):
        out["type"] = list(raw["types"])
    if raw.get("quads"):
        out["quad_class"] = list(raw["quads"])
    if raw.get("modalities"):
        out["modality"] = "all" if "all" in raw["modalities"] else list(raw["modalities"])
    if raw.get("claims"):
        out["claims"] = True
    return out


def _plain_value(value: Any) -> Any:
    import math

    if value is None:
        return None
    if isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime"):
        try:
            return value.date().isoformat()
        except (ValueError, AttributeError):
            return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple):
        return [_plain_value(v) for v in value]
    return value


def _records(df: Any) -> list[dict[str, Any]]:
    import pandas as pd

    rows = []
    for row in df.itertuples(index=False, name=None):
        rows.append({col: None if (not hasattr(v, "__len__") and pd.isna(v)) else _plain_value(v)
                     for col, v in zip(df.columns, row, strict=True)})
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _emit(df: Any, fmt: str, table_columns: list[str] | None = None, width: int = 40) -> None:
    """Write a query result to stdout as a table, CSV or JSON Lines."""
    import csv
    import io
    import json

    records = _records(df)
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(list(df.columns))
        for record in records:
            writer.writerow([_cell(v) for v in record.values()])
        click.echo(buf.getvalue(), nl=False)
        return
    columns = [c for c in (table_columns or list(df.columns)) if c in df.columns]
    cells = [[_cell(r[c]) for c in columns] for r in records]
    widths = [min(width, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join((v if len(v) <= w else v[:w - 1] + "…").ljust(w) for v, w in zip(values, widths,
                                                                                       strict=True)).rstrip()

    click.echo(line(columns))
    for row in cells:
        click.echo(line(row))
    if not cells:
        click.echo("(no rows)", err=True)


def _run_query(db: str, call: Any) -> Any:
    """Open the store, run ``call(store)``, turn GeopolErrors into one stderr line and exit 1."""
    from geopol.analysis.query import Store

    try:
        with Store(db) as store:
            return call(store)
    except GeopolError as exc:
        _fail(str(exc))
        sys.exit(1)


@main.command(epilog="""\b
Examples:
  geopol events --db news.duckdb --actor China --start 2024-01-01
  geopol events --dyad Russia Ukraine --type ASSAULT --format csv > clashes.csv
  geopol events --actor NATO --modality asserted --format jsonl
""")
@_db_option
@_actor_options
@_event_options
@click.option("--limit", type=click.IntRange(0, None), default=None, help="At most this many rows.")
@_output_option
def events(db: str, limit: int | None, fmt: str, **raw: Any) -> None:
    """List coded events (one row per event and rolled-up source/target side) matching the filters."""
    df = _run_query(db, lambda store: store.events(limit=limit, **_filters(**raw)))
    _emit(df, fmt, ["date", "source_name", "target_name", "cameo", "plover", "modality", "goldstein",
                    "trigger", "title"], width=34)


@main.command(epilog="""\b
Examples:
  geopol relations --db news.duckdb
  geopol relations --actor NATO --kind hostile --kind tension
  geopol relations --start 2024-01-01 --min-weight 2 --format csv > relations.csv
""")
@_db_option
@_actor_options
@_event_options
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["member", "ally", "partner", "dialogue", "cooperation", "tension", "threat",
                                 "hostile", "conflict"]), help="Relation kinds to keep (repeatable).")
@click.option("--min-weight", type=float, default=0.0, show_default=True, help="Drop weaker relations.")
@click.option("--no-memberships", is_flag=True, help="Leave out member relations from the knowledge base.")
@click.option("--all-levels", is_flag=True, help="Also relations of groups and unaffiliated agents.")
@_output_option
def relations(db: str, kinds: tuple[str, ...], min_weight: float, no_memberships: bool, all_levels: bool,
              fmt: str, **raw: Any) -> None:
    """Relations between states and IGOs across the store: kind, weight, first and last date, events.

    Rules from events to kinds are data (data/relations/rules.tsv); duplicate reports of one event
    count once in the weight.
    """
    filters = _filters(**raw)
    if all_levels:
        filters["level"] = "all"
    df = _run_query(db, lambda store: store.relations(kind=list(kinds) or None, min_weight=min_weight,
                                                      memberships=not no_memberships, **filters))
    _emit(df, fmt, ["source_name", "kind", "target_name", "weight", "events", "clusters", "articles", "first",
                    "last"], width=36)


@main.command(epilog="""\b
Examples:
  geopol timeline China Japan --db news.duckdb
  geopol timeline "United States" China --freq week --start 2024-01-01 --format csv
  geopol timeline NATO --by plover --format jsonl
""")
@click.argument("a")
@click.argument("b", required=False)
@_db_option
@click.option("--freq", type=click.Choice(_FREQS), default="month", show_default=True)
@click.option("--by", type=click.Choice(["plover", "quad_class"]), default=None,
              help="One row per period and PLOVER type or quad class.")
@click.option("--directed", is_flag=True, help="Only A -> B (default: both directions).")
@click.option("--role", type=click.Choice(["any", "source", "target"]), default="any", show_default=True,
              help="With one actor: as either side, as source or as target.")
@_event_options
@_output_option
def timeline(a: str, b: str | None, db: str, freq: str, by: str | None, directed: bool, role: str, fmt: str,
             **raw: Any) -> None:
    """Events per period between A and B (or of A alone): counts, mentions, Goldstein sum and mean.

    Counts are event clusters, so one event reported by many articles counts once.
    """
    filters = _filters(**raw)
    if b is None:
        df = _run_query(db, lambda store: store.actor_timeline(a, freq, role=role, by=by, **filters))
    else:
        df = _run_query(db, lambda store: store.timeline(a, b, freq, directed=directed, by=by, **filters))
    _emit(df, fmt)


@main.command(epilog="""\b
Examples:
  geopol shifts --db news.duckdb
  geopol shifts --freq week --recent 4 --baseline 26 --threshold 2.5
  geopol shifts --metric count --all --format csv > shifts.csv
""")
@_db_option
@click.option("--freq", type=click.Choice(_FREQS), default="month", show_default=True)
@click.option("--recent", type=click.IntRange(1, None), default=3, show_default=True,
              help="Periods in the recent window.")
@click.option("--baseline", type=click.IntRange(0, None), default=12, show_default=True,
              help="Periods of baseline before it (0: all earlier periods).")
@click.option("--threshold", type=float, default=2.0, show_default=True,
              help="|z| at or above which to flag.")
@click.option("--min-events", type=click.IntRange(0, None), default=3, show_default=True,
              help="Events needed in the recent window.")
@click.option("--metric", type=click.Choice(["goldstein", "count"]), default="goldstein", show_default=True)
@click.option("--all", "all_dyads", is_flag=True, help="List every dyad evaluated, flagged or not.")
@_actor_options
@_event_options
@_output_option
def shifts(db: str, freq: str, recent: int, baseline: int, threshold: float, min_events: int, metric: str,
           all_dyads: bool, fmt: str, **raw: Any) -> None:
    """Flag dyads whose recent window departs from their baseline (z-score of mean Goldstein or counts)."""
    df = _run_query(db, lambda store: store.shifts(freq, recent=recent, baseline=baseline,
                                                   threshold=threshold, min_events=min_events, metric=metric,
                                                   all_dyads=all_dyads, **_filters(**raw)))
    _emit(df, fmt, ["source_name", "target_name", "baseline_mean", "recent_mean", "z", "baseline_rate",
                    "recent_rate", "z_count", "recent_events", "change", "flagged"], width=30)


@main.command(epilog="""\b
Examples:
  geopol clusters --db news.duckdb --dyad Russia Ukraine
  geopol clusters --window 2 --key plover --format jsonl
""")
@_db_option
@click.option("--window", type=click.IntRange(0, 30), default=1, show_default=True,
              help="Days apart that reports of one event may be.")
@click.option("--key", type=click.Choice(["root", "plover"]), default="root", show_default=True,
              help="Group by CAMEO root or PLOVER type.")
@_actor_options
@_event_options
@_output_option
def clusters(db: str, window: int, key: str, fmt: str, **raw: Any) -> None:
    """The same event reported by many articles, as one cluster with mentions, articles and sources."""
    df = _run_query(db, lambda store: store.clusters(window=window, key=key, **_filters(**raw)))
    _emit(df, fmt, ["date", "source_name", "target_name", "cameo", "plover", "mentions", "articles",
                    "sources", "cluster_id"], width=34)


@main.command(name="export", epilog="""\b
Examples:
  geopol export --db news.duckdb --format plover --out events.jsonl
  geopol export --format gdelt --out events.tsv --start 2024-01-01
  geopol export --format parquet --out tables/
  geopol export --format gexf --out relations.gexf --actor NATO
""")
@_db_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["plover", "gdelt", "parquet", "csv", "graphml", "gexf"]),
              help="plover (JSON Lines), gdelt (TSV), parquet/csv (a folder, one file per table), "
                   "graphml/gexf.")
@click.option("--out", default="-", show_default=True,
              help="File to write (plover and gdelt also take - for stdout); a folder for parquet and csv.")
@click.option("--plover-style", type=click.Choice(["manual", "gsr"]), default="manual", show_default=True,
              help="PLOVER field names of the manual (recipient, event_text) or of its gold records "
                   "(target, eventText).")
@click.option("--window", type=click.IntRange(0, 30), default=1, show_default=True,
              help="Days apart that reports of one event may be (gdelt, graph).")
@click.option("--actor", help="Only events (or relations) involving this actor.")
@_event_options
def export_command(db: str, fmt: str, out: str, plover_style: str, window: int, **raw: Any) -> None:
    """Export the store: PLOVER JSON Lines, a GDELT 2.0 event table, Parquet or CSV of every table, or
    the relation graph as GraphML or GEXF (docs/exports.md has the field mappings)."""
    from geopol.export import export as run_export

    result = _run_query(db, lambda store: run_export(store, fmt, out, plover_style=plover_style,
                                                     window=window, **_filters(**raw)))
    where = ", ".join(str(p) for p in result.paths) or "stdout"
    what = "files" if fmt in ("parquet", "csv") else "records"
    click.echo(f"geopol: wrote {result.records} {what} to {where}", err=True)


@main.command(epilog="""\b
Example:
  geopol serve --db news.duckdb --port 8000
""")
@click.option("--db", default="geopol.duckdb", show_default=True,
              help="DuckDB store to serve (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but localhost exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Browse a store in a web browser: overview, relation network, actors, dyads, articles, search,
    and the JSON API under /api (described at /openapi.json)."""
    import uvicorn

    from geopol.web.app import LOOPBACK_HOSTS, create_app, is_loopback

    loopback = is_loopback(host)
    try:
        # On loopback, only loopback Host headers are answered (no DNS rebinding); elsewhere any name.
        app = create_app(db, allowed_hosts=(*LOOPBACK_HOSTS, host.strip("[]")) if loopback else None)
    except GeopolError as exc:
        _fail(str(exc))
        sys.exit(1)
    if not loopback:
        click.echo(f"geopol: warning: serving on {host}, not localhost: anyone who can reach this machine "
                   "can read the store", err=True)
    click.echo(f"geopol: serving {db} read-only at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
