"""Event patterns, light verbs and modality cues: loading and validating the data files.

Formats: docs/data-formats.md (events/patterns.tsv, events/light-verbs.tsv, events/modality.tsv,
events/speech-acts.tsv, events/word-classes.tsv).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geopol.datafiles import data_path, read_rows
from geopol.errors import DataFileError
from geopol.model import MODALITIES
from geopol.ontology.cameo import Ontology, default_ontology

_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_OBJECT_KINDS = ("xcomp", "oprd")
# `needed`: never coded without a target actor (a visit names whom or where); `optional`: may be
# coded without one in any clause; `prep`: the target is only ever named by one of the pattern's
# prepositions, never by the object ("discussed the rise of China" is about China, not with it).
# Empty: by CAMEO root and clause (see events/extract.py).
TARGET_POLICIES = ("needed", "optional", "prep")
WORD_CLASSES = ("outcome", "accident", "measure", "ending", "stative")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One alternative of a pattern's object column: ``kind`` is dobj, xcomp, oprd or a preposition."""

    kind: str
    lemma: str


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    code: str
    pos: str
    lemma: str
    particle: str
    objects: tuple[Requirement, ...]
    preps: frozenset[str]
    verbs: frozenset[str]
    modality: str | None
    note: str
    line: int
    target: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """Patterns with more constraints win over general ones for the same trigger."""
        return (2 if self.objects else 0) + (1 if self.particle else 0) + (1 if self.verbs else 0) + len(self.code)


@dataclass(frozen=True)
class PatternSet:
    patterns: tuple[Pattern, ...]
    light_verbs: dict[str, str | None]
    aux_cues: dict[str, str]
    governor_cues: dict[str, str]
    speech_verbs: dict[str, str] = field(default_factory=dict)
    speech_codes: dict[str, dict[str, str]] = field(default_factory=dict)
    by_trigger: dict[tuple[str, str], tuple[Pattern, ...]] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def word_class(self, name: str) -> frozenset[str]:
        """The lemmas of word class ``name`` (events/word-classes.tsv)."""
        return self.words.get(name, frozenset())

    def for_token(self, pos: str, lemma: str) -> tuple[Pattern, ...]:
        return self.by_trigger.get((pos, lemma), ())

    def speech_code(self, act: str, wrapped: str) -> str:
        """The code of speech act ``act`` wrapping an event coded ``wrapped`` (longest prefix wins)."""
        table = self.speech_codes.get(act, {})
        for size in range(len(wrapped), 0, -1):
            if wrapped[:size] in table:
                return table[wrapped[:size]]
        return table["*"]


def _parse_objects(row_value: str, pos: str) -> tuple[Requirement, ...]:
    out = []
    kind = "dobj" if pos == "VERB" else "mod"
    for item in (v for v in row_value.split("|") if v):
        prefix, sep, lemma = item.partition(":")
        if sep:
            kind = prefix
        else:
            lemma = item
        out.append(Requirement(kind, lemma))
    return tuple(out)


def load_patterns(paths: list[Path], ontology: Ontology) -> list[Pattern]:
    cols = ("id", "code", "pos", "lemma", "particle", "object", "prep", "verbs", "modality", "note")
    seen: dict[str, tuple[Path, int]] = {}
    patterns: list[Pattern] = []
    for path in paths:
        for row in read_rows(path, cols):
            pid = row.get("id")
            if not _ID.match(pid):
                raise row.error(f"pattern id {pid!r} is invalid", "use lower-case letters, digits, '-' and '.'")
            if pid in seen:
                raise row.error(f"pattern id {pid!r} is already used at line {seen[pid][1]}", "give it a unique id")
            seen[pid] = (path, row.line)
            if row.get("code") not in ontology:
                raise row.error(f"code {row.get('code')!r} is not a CAMEO code",
                                "use a code from data/ontology/cameo.tsv, with leading zeros")
            pos = row.get("pos")
            if pos not in ("VERB", "NOUN"):
                raise row.error(f"pos {pos!r} is invalid", "use VERB or NOUN")
            if not row.get("lemma") or row.get("lemma") != row.get("lemma").lower():
                raise row.error(f"lemma {row.get('lemma')!r} is empty or not lower case", "give the lower-case lemma")
            modality = row.get("modality") or None
            if modality is not None and modality not in MODALITIES:
                raise row.error(f"modality {modality!r} is invalid", f"use one of {', '.join(MODALITIES)}")
            target = frozenset(row.items("target"))
            unknown = sorted(target - set(TARGET_POLICIES))
            if unknown:
                raise row.error(f"target {unknown[0]!r} is invalid",
                                f"use {', '.join(TARGET_POLICIES)} (several joined by '|') or leave it empty")
            if {"needed", "optional"} <= target:
                raise row.error("target is both needed and optional", "keep one of the two")
            if pos == "NOUN" and row.get("particle"):
                raise row.error("a NOUN pattern has a particle", "leave particle empty for nouns")
            if pos == "VERB" and row.get("verbs"):
                raise row.error("a VERB pattern lists governing verbs", "leave verbs empty for verbs")
            patterns.append(Pattern(
                id=pid, code=row.get("code"), pos=pos, lemma=row.get("lemma"), particle=row.get("particle"),
                objects=_parse_objects(row.get("object"), pos), preps=frozenset(row.items("prep")),
                verbs=frozenset(row.items("verbs")), modality=modality, note=row.get("note"), line=row.line,
                target=target,
            ))
    return patterns


def load_light_verbs(path: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for row in read_rows(path, ("lemma", "modality")):
        modality = row.get("modality") or None
        if modality is not None and modality not in MODALITIES:
            raise row.error(f"modality {modality!r} is invalid", f"use one of {', '.join(MODALITIES)}")
        out[row.get("lemma")] = modality
    return out


def load_modality(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    aux: dict[str, str] = {}
    gov: dict[str, str] = {}
    for row in read_rows(path, ("lemma", "scope", "modality")):
        if row.get("modality") not in MODALITIES[1:]:
            raise row.error(f"modality {row.get('modality')!r} is invalid",
                            "use intended, recommended, hypothetical or negated")
        if row.get("scope") not in ("aux", "governor"):
            raise row.error(f"scope {row.get('scope')!r} is invalid", "use aux or governor")
        (aux if row.get("scope") == "aux" else gov)[row.get("lemma")] = row.get("modality")
    return aux, gov


SPEECH_ACTS = ("threaten", "demand", "appeal", "reject")


def load_speech_acts(path: Path, ontology: Ontology) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    verbs: dict[str, str] = {}
    codes: dict[str, dict[str, str]] = {act: {} for act in SPEECH_ACTS}
    for row in read_rows(path, ("kind", "key", "act", "code")):
        act = row.get("act")
        if act not in SPEECH_ACTS:
            raise row.error(f"act {act!r} is unknown", f"use one of {', '.join(SPEECH_ACTS)}")
        if row.get("kind") == "verb":
            verbs[row.get("key")] = act
        elif row.get("kind") == "code":
            if row.get("code") not in ontology:
                raise row.error(f"code {row.get('code')!r} is not a CAMEO code", "use a code from cameo.tsv")
            codes[act][row.get("key")] = row.get("code")
        else:
            raise row.error(f"kind {row.get('kind')!r} is invalid", "use verb or code")
    for act, table in codes.items():
        if "*" not in table:
            raise DataFileError(path, 0, f"act {act} has no default row", f"add: code\t*\t{act}\tCODE")
    return verbs, codes


def load_word_classes(path: Path) -> dict[str, frozenset[str]]:
    """events/word-classes.tsv: class -> lemmas."""
    out: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
    for row in read_rows(path, ("class", "word")):
        name, word = row.get("class"), row.get("word")
        if name not in out:
            raise row.error(f"class {name!r} is unknown", f"use one of {', '.join(WORD_CLASSES)}")
        if not word or word != word.lower() or " " in word:
            raise row.error(f"word {word!r} is empty, spaced or not lower case", "give one lower-case lemma")
        out[name].add(word)
    return {name: frozenset(words) for name, words in out.items()}


def build_pattern_set(extra: tuple[str, ...] = (), ontology: Ontology | None = None) -> PatternSet:
    """The shipped patterns plus ``extra`` pattern files, indexed by trigger."""
    ontology = ontology or default_ontology()
    base = data_path("events")
    paths = [base / "patterns.tsv", *(Path(p) for p in extra)]
    for path in paths:
        if not path.exists():
            raise DataFileError(path, 0, "pattern file not found", "check events.extra_patterns in your config")
    patterns = load_patterns(paths, ontology)
    index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
    for p in patterns:
        index[(p.pos, p.lemma)].append(p)
    aux, gov = load_modality(base / "modality.tsv")
    speech_verbs, speech_codes = load_speech_acts(base / "speech-acts.tsv", ontology)
    return PatternSet(
        patterns=tuple(patterns), light_verbs=load_light_verbs(base / "light-verbs.tsv"), aux_cues=aux,
        governor_cues=gov, speech_verbs=speech_verbs, speech_codes=speech_codes,
        by_trigger={k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in index.items()},
        words=load_word_classes(base / "word-classes.tsv"),
    )


@lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    return build_pattern_set()
