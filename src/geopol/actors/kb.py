"""The actor knowledge base: states, IGOs and groups, memberships, dated offices, agent nouns.

Loaded from the TSV files in ``geopol/data/actors`` (formats in docs/data-formats.md) plus any
extra files named in the settings. Loading validates every row; a bad row raises
:class:`~geopol.errors.DataFileError` with the file, line and fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from geopol.config import ActorSettings
from geopol.datafiles import Row, data_path, read_rows

SECTORS = frozenset(
    [
        "GOV", "MIL", "COP", "REB", "OPP", "CVL", "MED", "JRN", "BUS", "JUD", "LEG", "EDU", "HLH", "REF",
        "IGO", "NGO", "REL", "LAB", "SPY", "CRM", "UAF", "INS", "AGR", "ELI", "ENV", "MOD", "RAD",
    ]
)
OFFICES = frozenset(
    [
        "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "foreign_spokesperson",
        "igo_head", "other",
    ]
)
_ISO3 = re.compile(r"^[A-Z]{3}$")
_IGO_ID = re.compile(r"^[A-Z][A-Z0-9+]{1,15}$")


@dataclass(frozen=True, slots=True)
class State:
    iso3: str
    cameo: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    metonyms: tuple[tuple[str, str], ...]  # (name, sector)
    region: str
    status: str
    ambiguous: frozenset[str]


@dataclass(frozen=True, slots=True)
class Igo:
    id: str
    cameo: str
    name: str
    aliases: tuple[str, ...]
    nouns: tuple[str, ...]
    kind: str
    parent: str | None
    founded: dt.date | None
    dissolved: dt.date | None


@dataclass(frozen=True, slots=True)
class Group:
    """A non-state actor: armed group, party, agency, NGO or company."""

    id: str
    cameo: str
    name: str
    aliases: tuple[str, ...]
    nouns: tuple[str, ...]
    country: str | None
    sector: str
    kind: str

    @property
    def actor_kind(self) -> str:
        return "group" if self.kind in ("armed", "party", "movement") else "organization"


@dataclass(frozen=True, slots=True)
class Membership:
    group: str
    member: str
    start: dt.date | None
    end: dt.date | None

    def active(self, when: dt.date | None) -> bool:
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class Office:
    person: str
    name: str
    aliases: tuple[str, ...]
    org: str
    office: str
    title: str
    sector: str
    start: dt.date
    end: dt.date | None

    def active(self, when: dt.date) -> bool:
        return self.start <= when and (self.end is None or when <= self.end)

    def distance(self, when: dt.date) -> int:
        """Days between ``when`` and the term (0 inside it)."""
        if self.active(when):
            return 0
        if when < self.start:
            return (self.start - when).days
        assert self.end is not None
        return (when - self.end).days


@dataclass(frozen=True, slots=True)
class Agent:
    term: str
    sector: str
    kind: str
    role: str
    owned: bool = False


@dataclass(frozen=True, slots=True)
class NameRef:
    """What a surface name can stand for: ``kind`` is state, adjective, people, metonym, igo, group,
    place, ethnic (a group of ethnic-groups.tsv) or person."""

    kind: str
    key: str
    sector: str | None = None
    ambiguous: bool = False


@dataclass
class KnowledgeBase:
    states: dict[str, State] = field(default_factory=dict)
    igos: dict[str, Igo] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    places: list[tuple[str, tuple[str, ...], bool]] = field(default_factory=list)
    ethnic_names: list[tuple[str, str, bool]] = field(default_factory=list)
    igo_metonyms: list[tuple[str, str]] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    offices: dict[str, list[Office]] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)
    names: dict[str, list[NameRef]] = field(default_factory=dict)
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    ethnic_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    igo_nouns: dict[str, list[str]] = field(default_factory=dict)
    group_nouns: dict[str, list[str]] = field(default_factory=dict)

    # -- queries ---------------------------------------------------------------------------------
    def lookup(self, surface: str) -> list[NameRef]:
        return self.names.get(surface, [])

    def members(self, group: str, when: dt.date | None) -> list[str]:
        """Members of ``group`` on ``when`` (current members when no date), sorted."""
        return sorted({m.member for m in self.memberships if m.group == group and m.active(when)})

    def groups_of(self, member: str, when: dt.date | None) -> list[str]:
        return sorted({m.group for m in self.memberships if m.member == member and m.active(when)})

    def offices_of(self, person: str, when: dt.date | None) -> list[Office]:
        """Offices held on ``when``; if none, the nearest term in time (a former or future holder)."""
        terms = self.offices.get(person, [])
        if not terms:
            return []
        if when is None:
            current = [t for t in terms if t.end is None]
            return current or [max(terms, key=lambda t: t.start)]
        active = [t for t in terms if t.active(when)]
        if active:
            return active
        return [min(terms, key=lambda t: t.distance(when))]

    def holder(self, org: str, office: str, when: dt.date) -> Office | None:
        """Who held ``office`` of ``org`` on ``when`` (the latest to start, if terms overlap)."""
        found = [
            t for terms in self.offices.values() for t in terms
            if t.org == org and t.office == office and t.active(when)
        ]
        return max(found, key=lambda t: t.start) if found else None

    def org_cameo(self, org: str) -> str | None:
        if org in self.states:
            return self.states[org].cameo
        if org in self.igos:
            return self.igos[org].cameo
        return None

    def igos_for_noun(self, noun: str) -> list[str]:
        return self.igo_nouns.get(noun.lower(), [])

    def referents_of_noun(self, noun: str) -> set[str]:
        """Actor ids of IGOs and groups a definite noun ("the alliance", "the militants") may refer to."""
        noun = noun.lower()
        return {f"igo:{i}" for i in self.igo_nouns.get(noun, [])} | {
            f"group:{g}" for g in self.group_nouns.get(noun, [])}


# -- loading ---------------------------------------------------------------------------------------

def _check_sector(row: Row, value: str) -> str:
    if value not in SECTORS:
        raise row.error(f"unknown sector {value!r}", f"use one of {', '.join(sorted(SECTORS))}")
    return value


def _load_states(path: Path, kb: KnowledgeBase) -> None:
    cols = ("iso3", "cameo", "name", "aliases", "adjectives", "people", "metonyms", "region", "status", "ambiguous")
    for row in read_rows(path, cols):
        iso3 = row.get("iso3")
        if not _ISO3.match(iso3):
            raise row.error(f"iso3 {iso3!r} is not three upper-case letters", "use the ISO 3166-1 alpha-3 code")
        if not row.get("name"):
            raise row.error("name is empty", "give the state's short English name")
        if row.get("status") not in ("member", "observer", "other"):
            raise row.error(f"status {row.get('status')!r} is invalid", "use member, observer or other")
        metonyms = []
        for item in row.items("metonyms"):
            name, _, sector = item.partition("=")
            metonyms.append((name, _check_sector(row, sector) if sector else "GOV"))
        kb.states[iso3] = State(
            iso3=iso3, cameo=row.get("cameo") or iso3, name=row.get("name"), aliases=row.items("aliases"),
            adjectives=row.items("adjectives"), people=row.items("people"), metonyms=tuple(metonyms),
            region=row.get("region"), status=row.get("status"), ambiguous=frozenset(row.items("ambiguous")),
        )


def _load_former_states(path: Path, kb: KnowledgeBase) -> None:
    """Former states: their names become names of the continuing state (see former-states.tsv)."""
    cols = ("name", "successor", "aliases", "adjectives", "people", "metonyms", "ended")
    for row in read_rows(path, cols):
        successor = kb.states.get(row.get("successor"))
        if successor is None:
            raise row.error(f"successor {row.get('successor')!r} is not in states.tsv",
                            "use the iso3 code of the state that continues it")
        if not row.get("name"):
            raise row.error("name is empty", "give the former state's English short name")
        row.date("ended", required=True)
        metonyms = [(m, "GOV") for m in row.items("metonyms")]
        kb.states[successor.iso3] = replace(
            successor, aliases=(*successor.aliases, row.get("name"), *row.items("aliases")),
            adjectives=(*successor.adjectives, *row.items("adjectives")),
            people=(*successor.people, *row.items("people")), metonyms=(*successor.metonyms, *metonyms))


def _load_igos(path: Path, kb: KnowledgeBase) -> None:
    cols = ("id", "cameo", "name", "aliases", "nouns", "kind", "parent", "founded", "dissolved")
    for row in read_rows(path, cols):
        igo_id = row.get("id")
        if not _IGO_ID.match(igo_id):
            raise row.error(f"id {igo_id!r} is not an upper-case id", "use letters and digits, e.g. NATO")
        if row.get("kind") not in ("igo", "group"):
            raise row.error(f"kind {row.get('kind')!r} is invalid", "use igo or group")
        kb.igos[igo_id] = Igo(
            id=igo_id, cameo=row.get("cameo") or f"IGO{igo_id}", name=row.get("name") or igo_id,
            aliases=row.items("aliases"), nouns=row.items("nouns"), kind=row.get("kind"),
            parent=row.get("parent") or None, founded=row.date("founded"), dissolved=row.date("dissolved"),
        )


GROUP_KINDS = frozenset({"armed", "party", "agency", "ngo", "company", "movement"})


def _load_groups(path: Path, kb: KnowledgeBase) -> None:
    cols = ("id", "cameo", "name", "aliases", "nouns", "country", "sector", "kind")
    for row in read_rows(path, cols):
        gid = row.get("id")
        if not _IGO_ID.match(gid) or gid in kb.igos or gid in kb.states:
            raise row.error(f"id {gid!r} is invalid or already used by a state or igo",
                            "use a unique upper-case id such as HAMAS")
        if gid in kb.groups:
            raise row.error(f"id {gid!r} appears twice", "keep one row per group")
        country = row.get("country") or None
        if country is not None and country not in kb.states:
            raise row.error(f"country {country!r} is not in states.tsv", "use an iso3 code or leave it empty")
        if row.get("kind") not in GROUP_KINDS:
            raise row.error(f"kind {row.get('kind')!r} is invalid", f"use one of {', '.join(sorted(GROUP_KINDS))}")
        kb.groups[gid] = Group(
            id=gid, cameo=row.get("cameo") or f"{country or ''}{row.get('sector')}", name=row.get("name") or gid,
            aliases=row.items("aliases"), nouns=row.items("nouns"), country=country,
            sector=_check_sector(row, row.get("sector")), kind=row.get("kind"),
        )


def _load_places(path: Path, kb: KnowledgeBase) -> None:
    for row in read_rows(path, ("name", "country", "kind", "ambiguous")):
        countries = row.items("country")
        if not countries or any(c not in kb.states for c in countries):
            raise row.error(f"country {row.get('country')!r} is not in states.tsv", "use iso3 codes, '|'-separated")
        if row.get("ambiguous") not in ("", "yes"):
            raise row.error(f"ambiguous {row.get('ambiguous')!r} is invalid", "write yes or leave it empty")
        kb.places.append((row.get("name"), countries, row.get("ambiguous") == "yes"))


def _load_ethnic_groups(path: Path, kb: KnowledgeBase, names: list[tuple[str, str, bool]]) -> None:
    for row in read_rows(path, ("name", "forms", "home", "ambiguous")):
        home = row.items("home")
        if not home or any(c not in kb.states for c in home):
            raise row.error(f"home {row.get('home')!r} is not in states.tsv", "use iso3 codes, '|'-separated")
        if row.get("ambiguous") not in ("", "yes"):
            raise row.error(f"ambiguous {row.get('ambiguous')!r} is invalid", "write yes or leave it empty")
        name = row.get("name")
        if not name:
            raise row.error("name is empty", "write the group's name")
        kb.ethnic_groups[name] = home
        for surface in (name, *row.items("forms")):
            names.append((surface, name, row.get("ambiguous") == "yes"))


def _load_memberships(path: Path, kb: KnowledgeBase, pending: list[tuple[Row, Membership]]) -> None:
    for row in read_rows(path, ("group", "member", "start", "end")):
        start, end = row.date("start"), row.date("end")
        if start and end and end < start:
            raise row.error(f"end {end} is before start {start}", "swap or correct the dates")
        pending.append((row, Membership(row.get("group"), row.get("member"), start, end)))


def _load_offices(path: Path, kb: KnowledgeBase) -> None:
    cols = ("person", "name", "aliases", "org", "office", "title", "sector", "start", "end")
    for row in read_rows(path, cols):
        if row.get("office") not in OFFICES:
            raise row.error(f"office {row.get('office')!r} is unknown", f"use one of {', '.join(sorted(OFFICES))}")
        start = row.date("start", required=True)
        end = row.date("end")
        assert start is not None
        if end and end < start:
            raise row.error(f"end {end} is before start {start}", "swap or correct the dates")
        person = row.get("person")
        if not person or not re.match(r"^[a-z0-9][a-z0-9.-]*$", person):
            raise row.error(f"person slug {person!r} is invalid", "use lower-case words joined by '-'")
        if row.get("org") not in kb.states and row.get("org") not in kb.igos:
            raise row.error(
                f"org {row.get('org')!r} is neither a state nor an igo",
                "use an iso3 code from states.tsv or an id from igos.tsv",
            )
        previous = kb.offices.get(person)
        if previous and previous[0].name != row.get("name"):
            raise row.error(
                f"person {person!r} is named {row.get('name')!r} here but {previous[0].name!r} before",
                "use one name per person slug (put variants in aliases)",
            )
        kb.offices.setdefault(person, []).append(Office(
            person=person, name=row.get("name"), aliases=row.items("aliases"), org=row.get("org"),
            office=row.get("office"), title=row.get("title"),
            sector=_check_sector(row, row.get("sector") or "GOV"), start=start, end=end,
        ))


def _load_agents(path: Path, kb: KnowledgeBase) -> None:
    for row in read_rows(path, ("term", "sector", "kind", "role")):
        term = row.get("term")
        if row.get("owned") not in ("", "yes"):
            raise row.error(f"owned {row.get('owned')!r} is invalid", "write yes or leave it empty")
        if term != term.lower():
            raise row.error(f"term {term!r} is not lower case", "write agent terms in lower case")
        if row.get("kind") not in ("organization", "person", "group"):
            raise row.error(f"kind {row.get('kind')!r} is invalid", "use organization, person or group")
        kb.agents[term] = Agent(term, _check_sector(row, row.get("sector")), row.get("kind"), row.get("role") or term,
                                row.get("owned") == "yes")


def _load_titles(path: Path, kb: KnowledgeBase) -> None:
    for row in read_rows(path, ("title", "office")):
        if row.get("office") not in OFFICES:
            raise row.error(f"office {row.get('office')!r} is unknown", f"use one of {', '.join(sorted(OFFICES))}")
        words = tuple(row.get("title").lower().replace("-", " ").split())
        if not words:
            raise row.error("title is empty", "give the title words")
        kb.titles[words] = row.get("office")


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _index(kb: KnowledgeBase) -> None:
    names: dict[str, list[NameRef]] = defaultdict(list)

    def add(surface: str, ref: NameRef) -> None:
        surface = _strip_the(surface)
        if surface and ref not in names[surface]:
            names[surface].append(ref)

    for s in kb.states.values():
        for n in (s.name, *s.aliases):
            add(n, NameRef("state", s.iso3, None, n in s.ambiguous))
        for n in s.adjectives:
            add(n, NameRef("adjective", s.iso3, None, n in s.ambiguous))
        for n in s.people:
            add(n, NameRef("people", s.iso3, None, n in s.ambiguous))
        for n, sector in s.metonyms:
            add(n, NameRef("metonym", s.iso3, sector, n in s.ambiguous))
    for g in kb.igos.values():
        for n in (g.name, *g.aliases):
            add(n, NameRef("igo", g.id))
        for noun in g.nouns:
            kb.igo_nouns.setdefault(noun.lower(), []).append(g.id)
    for name, igo in kb.igo_metonyms:
        add(name, NameRef("igo-metonym", igo, None, True))
    for name, countries, ambiguous in kb.places:
        add(name, NameRef("place", countries[0], None, ambiguous))
    for surface, group, ambiguous in kb.ethnic_names:
        add(surface, NameRef("ethnic", group, None, ambiguous))
    for grp in kb.groups.values():
        for n in (grp.name, *grp.aliases):
            add(n, NameRef("group", grp.id))
        for noun in grp.nouns:
            kb.group_nouns.setdefault(noun.lower(), []).append(grp.id)
    for person, terms in kb.offices.items():
        for t in terms:
            for n in (t.name, *t.aliases):
                add(n, NameRef("person", person))
    kb.names = dict(names)


def load_kb(settings: ActorSettings | None = None, base: Path | None = None) -> KnowledgeBase:
    """Load the shipped knowledge (or the files under ``base``) and the extras in ``settings``."""
    settings = settings or ActorSettings()
    root = base or data_path("actors")
    kb = KnowledgeBase()

    def files(shipped: Iterable[Path], extra: tuple[str, ...]) -> list[Path]:
        return [*shipped, *(Path(p) for p in extra)]

    for p in files([root / "states.tsv"], settings.extra_states):
        _load_states(p, kb)
    former = root / "former-states.tsv"
    if former.exists():
        _load_former_states(former, kb)
    for p in files([root / "igos.tsv"], settings.extra_igos):
        _load_igos(p, kb)
    place_file = root / "places.tsv"
    for p in files([place_file] if place_file.exists() else [], ()):
        _load_places(p, kb)
    ethnic_file = root / "ethnic-groups.tsv"
    if ethnic_file.exists():
        _load_ethnic_groups(ethnic_file, kb, kb.ethnic_names)
    group_file = root / "groups.tsv"
    for p in files([group_file] if group_file.exists() else [], settings.extra_groups):
        _load_groups(p, kb)
    pending: list[tuple[Row, Membership]] = []
    for p in files([root / "memberships.tsv"], settings.extra_memberships):
        _load_memberships(p, kb, pending)
    for row, m in pending:
        if m.group not in kb.igos:
            raise row.error(f"group {m.group!r} is not in igos.tsv", "add the organisation or fix the id")
        if m.member not in kb.states and m.member not in kb.igos:
            raise row.error(f"member {m.member!r} is neither a state nor an igo", "use an iso3 code or igo id")
        kb.memberships.append(m)
    office_dir = root / "officials"
    for p in files(sorted(office_dir.glob("*.tsv")), settings.extra_officials):
        _load_offices(p, kb)
    for terms in kb.offices.values():
        terms.sort(key=lambda t: t.start)
    for p in files([root / "agents.tsv"], settings.extra_agents):
        _load_agents(p, kb)
    _load_titles(root / "titles.tsv", kb)
    igo_metonyms = root / "igo-metonyms.tsv"
    if igo_metonyms.exists():
        for row in read_rows(igo_metonyms, ("name", "igo")):
            if row.get("igo") not in kb.igos:
                raise row.error(f"igo {row.get('igo')!r} is not in igos.tsv", "use an id from igos.tsv")
            kb.igo_metonyms.append((row.get("name"), row.get("igo")))
    _index(kb)
    return kb
