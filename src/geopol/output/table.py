"""A plain-text rendering of analyses for people reading a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from geopol.model import Analysis


def _table(headers: Sequence[str], rows: list[Sequence[str]], widths: Sequence[int]) -> list[str]:
    def cut(value: str, width: int) -> str:
        value = " ".join(value.split())
        return value if len(value) <= width else value[: width - 1] + "…"

    cols = [min(w, max([len(h)] + [len(" ".join(r[i].split())) for r in rows])) for i, (h, w) in
            enumerate(zip(headers, widths, strict=True))]
    line = "  ".join(h.ljust(c) for h, c in zip(headers, cols, strict=True)).rstrip()
    out = [line, "  ".join("-" * c for c in cols)]
    for r in rows:
        out.append("  ".join(cut(v, c).ljust(c) for v, c in zip(r, cols, strict=True)).rstrip())
    return out


def render(analysis: Analysis) -> str:
    a = analysis.article
    names = {actor.id: actor.name for actor in analysis.actors}

    def name(actor_id: str | None) -> str:
        return names.get(actor_id or "", actor_id or "")

    def names_of(ids: Sequence[str]) -> str:
        return ", ".join(name(i) for i in ids) or "-"

    lines = [f"== {a.title or a.source or a.id}"]
    meta = [f"id {a.id}"]
    if a.published:
        meta.append(f"published {a.published.isoformat()}")
    if a.authors:
        meta.append("by " + ", ".join(a.authors))
    if a.source:
        meta.append(a.source)
    lines.append("   " + " · ".join(meta))
    lines.append("")
    lines.append(f"Actors ({len(analysis.actors)})")
    lines += _table(
        ["name", "kind", "country", "cameo", "roles / affiliation", "mentions"],
        [[ac.name, ac.kind or "?", ac.country or "-", ac.cameo or "-",
          "; ".join([*ac.roles, *([f"for {name(ac.affiliation)}"] if ac.affiliation else []),
                     *([f"members: {names_of(ac.members)}"] if ac.members else [])]) or "-",
          ", ".join(dict.fromkeys(m.text for m in ac.mentions)) or "-"] for ac in analysis.actors],
        [34, 12, 7, 12, 48, 40],
    )
    lines.append("")
    lines.append(f"Events ({len(analysis.events)})")
    lines += _table(
        ["cameo", "plover", "modality", "source", "target", "claimed by", "trigger", "date"],
        [[e.cameo, e.plover or "-", e.modality, names_of(e.source), names_of(e.target),
          name(e.claimed_by) or "-", e.trigger.text, e.date.isoformat() if e.date else "-"]
         for e in analysis.events],
        [5, 10, 12, 30, 40, 24, 14, 10],
    )
    lines.append("")
    lines.append(f"Quotes ({len(analysis.quotes)})")
    for q in analysis.quotes:
        head = f"- {name(q.speaker) or 'unknown speaker'} ({q.kind}, {q.cue or 'no cue'})"
        flags = f" [{', '.join(q.flags)}]" if q.flags else ""
        lines.append(head + flags)
        lines += textwrap.wrap(" ".join(q.text.split()), width=100, initial_indent="    “",
                               subsequent_indent="     ", max_lines=3, placeholder=" …")
        lines[-1] += "”"
    lines.append("")
    lines.append(f"Relations ({len(analysis.relations)})")
    lines += _table(
        ["source", "kind", "target", "weight", "events"],
        [[name(r.source), r.kind, name(r.target), f"{r.weight:g}", str(len(r.events))] for r in analysis.relations],
        [34, 12, 34, 6, 6],
    )
    if analysis.warnings:
        lines.append("")
        lines += [f"warning: {w}" for w in analysis.warnings]
    return "\n".join(lines) + "\n"
