"""One evaluation report over every measured set, as a dict and as text (``geopol eval``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geopol.evaluation import actors as actor_eval
from geopol.evaluation import events as event_eval
from geopol.evaluation import quotes as quote_eval
from geopol.pipeline import Analyzer


def default_data() -> Path | None:
    """shared/anchors-data beside the working directory or the checkout, if there."""
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *here.parents):
        candidate = base.parent / "shared" / "anchors-data"
        if candidate.is_dir():
            return candidate
    return None


def run(analyzer: Analyzer, what: str, data: Path | None) -> dict[str, Any]:
    out: dict[str, Any] = {"data": str(data) if data else None}
    if what in ("all", "events"):
        sets = event_eval.SETS if data is not None else ("own",)
        out["events"] = {k: v.as_dict() for k, v in event_eval.run(analyzer, data or Path("."), sets).items()}
        if data is None:
            out["events"]["skipped"] = "public gold data not found; pass --data DIR (shared/anchors-data)"
    if what in ("all", "actors"):
        out["actors"] = actor_eval.run(analyzer, data).as_dict()
    if what in ("all", "quotes"):
        out["quotes"] = quote_eval.run(analyzer).as_dict()
    return out


def _prf(d: dict[str, Any]) -> str:
    return f"P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"


def render(result: dict[str, Any], details: bool = False) -> str:
    lines: list[str] = []
    events = result.get("events")
    if events:
        lines.append("Events")
        if "skipped" in events:
            lines.append(f"  skipped: {events['skipped']}")
        for name, rep in events.items():
            if not isinstance(rep, dict) or name == "skipped":
                continue
            lines.append(f"  {name} ({rep['sentences']} sentences)")
            for level in ("plover", "root", "code"):
                if level in rep:
                    lines.append(f"    {level:<15} accuracy {rep[level]['accuracy']:.3f}  {_prf(rep[level])}")
            for ratio in ("source_country", "target_country", "false_events"):
                if ratio in rep:
                    lines.append(f"    {ratio:<15} {rep[ratio]['value']:.3f} (n={rep[ratio]['n']})")
            for note in rep.get("notes", []) if details else rep.get("notes", [])[:3]:
                lines.append(f"    note: {note}")
    actors = result.get("actors")
    if actors:
        lines.append("Actors")
        d = actors["dated_roles"]
        lines.append(f"  dated roles     {d['value']:.3f} (n={d['n']})")
        for key in ("plover_actor_found", "plover_country", "plover_sector"):
            lines.append(f"  {key:<15} {actors[key]['value']:.3f} (n={actors[key]['n']})")
        if details:
            lines += [f"    {f}" for f in d["failures"]]
    quotes = result.get("quotes")
    if quotes:
        lines.append(f"Quotes ({quotes['gold']} gold, {quotes['predicted']} predicted)")
        lines.append(f"  speaker  {_prf(quotes['speaker'])}")
        lines.append(f"  content  {_prf(quotes['content'])}")
        if details:
            lines += [f"    {m}" for m in quotes["misses"]]
    return "\n".join(lines) + "\n"
