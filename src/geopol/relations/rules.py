"""Relation rules: which events make which relation kind (data/relations/rules.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geopol.datafiles import data_path, read_rows

KINDS = ("member", "ally", "partner", "dialogue", "cooperation", "tension", "threat", "hostile", "conflict")
MODALITY_WEIGHT = {"asserted": 1.0, "intended": 0.75, "recommended": 0.5, "hypothetical": 0.25}


@dataclass(frozen=True, slots=True)
class Rule:
    field: str
    prefix: str
    kind: str
    directed: bool


def load_rules(path: Path | None = None) -> tuple[Rule, ...]:
    rules = []
    for row in read_rows(path or data_path("relations", "rules.tsv"), ("match", "kind", "directed")):
        field, sep, prefix = row.get("match").partition(":")
        if not sep or field not in ("pattern", "cameo") or not prefix:
            raise row.error(f"match {row.get('match')!r} is invalid", "write pattern:PREFIX or cameo:PREFIX")
        if row.get("kind") not in KINDS:
            raise row.error(f"kind {row.get('kind')!r} is unknown", f"use one of {', '.join(KINDS)}")
        if row.get("directed") not in ("yes", "no"):
            raise row.error(f"directed {row.get('directed')!r} is invalid", "use yes or no")
        rules.append(Rule(field, prefix, row.get("kind"), row.get("directed") == "yes"))
    return tuple(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    return load_rules()


def rule_for(rules: tuple[Rule, ...], pattern: str, cameo: str) -> Rule | None:
    for rule in rules:
        value = pattern if rule.field == "pattern" else cameo
        if value.startswith(rule.prefix):
            return rule
    return None
