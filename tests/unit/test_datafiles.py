"""The shipped knowledge files load, hold the facts the coder relies on, and bad rows are
rejected with file, line and fix."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from geopol.actors.kb import KnowledgeBase, load_kb
from geopol.config import ActorSettings
from geopol.datafiles import data_path, read_rows
from geopol.errors import DataFileError
from geopol.events.patterns import WORD_CLASSES, build_pattern_set, load_word_classes
from geopol.ontology.cameo import PLOVER_TYPES, load_ontology
from geopol.quotes.cues import load_cues
from geopol.relations.rules import load_rules


def test_datafiles_read_rows_reports_line_of_extra_fields(tmp_path: Path) -> None:
    f = tmp_path / "x.tsv"
    f.write_text("# comment\na\tb\n1\t2\n1\t2\t3\n")
    rows = read_rows(f, ("a", "b"))
    assert next(rows).fields == {"a": "1", "b": "2"}
    with pytest.raises(DataFileError) as err:
        next(rows)
    assert err.value.line == 4 and "x.tsv:4" in str(err.value) and "TAB" in str(err.value)


def test_datafiles_missing_column_and_stray_spaces(tmp_path: Path) -> None:
    f = tmp_path / "x.tsv"
    f.write_text("a\tc\n1\t2\n")
    with pytest.raises(DataFileError, match="lacks column"):
        list(read_rows(f, ("a", "b")))
    f.write_text("a\tb\n1 \t2\n")
    with pytest.raises(DataFileError, match="spaces"):
        list(read_rows(f, ("a", "b")))


def test_datafiles_states_cover_un_members_observers_and_others(kb: KnowledgeBase) -> None:
    statuses = [s.status for s in kb.states.values()]
    assert statuses.count("member") == 193
    assert {"PSE", "VAT", "TWN", "XKX"} <= set(kb.states)


@pytest.mark.parametrize(
    ("surface", "kind", "key"),
    [
        ("US", "state", "USA"), ("U.S.", "state", "USA"), ("UK", "state", "GBR"), ("PRC", "state", "CHN"),
        ("DPRK", "state", "PRK"), ("ROK", "state", "KOR"), ("UAE", "state", "ARE"), ("DRC", "state", "COD"),
        ("Chinese", "adjective", "CHN"), ("Emirati", "adjective", "ARE"), ("Filipino", "adjective", "PHL"),
        ("Beijing", "metonym", "CHN"), ("Kremlin", "metonym", "RUS"), ("White House", "metonym", "USA"),
        ("Downing Street", "metonym", "GBR"), ("Zhongnanhai", "metonym", "CHN"),
        ("NATO", "igo", "NATO"), ("Quad", "igo", "QUAD"), ("ASEAN", "igo", "ASEAN"),
        # former states resolve to the state that continues them
        ("Soviet Union", "state", "RUS"), ("Soviet", "adjective", "RUS"), ("Yugoslavia", "state", "SRB"),
        ("East German", "adjective", "DEU"), ("Bonn", "metonym", "DEU"), ("Czechoslovakia", "state", "CZE"),
    ],
)
def test_datafiles_names_resolve(kb: KnowledgeBase, surface: str, kind: str, key: str) -> None:
    assert any(r.kind == kind and r.key == key for r in kb.lookup(surface)), kb.lookup(surface)


@pytest.mark.parametrize("surface", ["Georgia", "Jordan", "Chad", "Turkey", "Washington"])
def test_datafiles_ambiguous_names_are_flagged(kb: KnowledgeBase, surface: str) -> None:
    refs = kb.lookup(surface)
    assert refs and all(r.ambiguous for r in refs if r.kind != "person")


@pytest.mark.parametrize(
    ("group", "when", "member", "expected"),
    [
        ("NATO", dt.date(2022, 6, 1), "FIN", False), ("NATO", dt.date(2023, 6, 1), "FIN", True),
        ("NATO", dt.date(2023, 6, 1), "SWE", False), ("NATO", dt.date(2024, 6, 1), "SWE", True),
        ("EU", dt.date(2019, 6, 1), "GBR", True), ("EU", dt.date(2020, 6, 1), "GBR", False),
        ("QUAD", dt.date(2020, 12, 1), "IND", True),
    ],
)
def test_datafiles_memberships_are_dated(kb: KnowledgeBase, group: str, when: dt.date, member: str,
                                         expected: bool) -> None:
    assert (member in kb.members(group, when)) is expected


def test_datafiles_igos_required_by_the_brief_exist(kb: KnowledgeBase) -> None:
    required = {"NATO", "EU", "UN", "UNSC", "UNGA", "AU", "ASEAN", "SCO", "BRICS", "G7", "G20", "QUAD", "AUKUS",
                "OPEC", "GCC", "ECOWAS", "OSCE", "IAEA", "WHO", "IMF", "WTO"}
    assert required <= set(kb.igos)
    assert any("Arab League" in (g.name, *g.aliases) for g in kb.igos.values())
    assert any("World Bank" in (g.name, *g.aliases) for g in kb.igos.values())


def test_datafiles_bad_office_row_names_file_and_line(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("person\tname\taliases\torg\toffice\ttitle\tsector\tstart\tend\n"
                     "x-y\tX Y\t\tFRA\tforeign_minister\tMinister\tGOV\t2020-13-01\t\n")
    with pytest.raises(DataFileError) as err:
        load_kb(ActorSettings(extra_officials=(str(extra),)))
    assert err.value.line == 2 and "YYYY-MM-DD" in str(err.value)
    extra.write_text("person\tname\taliases\torg\toffice\ttitle\tsector\tstart\tend\n"
                     "x-y\tX Y\t\tXXX\tforeign_minister\tMinister\tGOV\t2020-01-01\t\n")
    with pytest.raises(DataFileError, match="neither a state nor an igo"):
        load_kb(ActorSettings(extra_officials=(str(extra),)))


def test_datafiles_extra_officials_extend_the_table(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("person\tname\taliases\torg\toffice\ttitle\tsector\tstart\tend\n"
                     "ana-fictia\tAna Fictia\tFictia\tFRA\tforeign_spokesperson\tspokesperson\tGOV\t2030-01-01\t\n")
    kb = load_kb(ActorSettings(extra_officials=(str(extra),)))
    assert kb.holder("FRA", "foreign_spokesperson", dt.date(2030, 6, 1)).name == "Ana Fictia"  # type: ignore[union-attr]


def test_datafiles_agents_have_known_sectors(kb: KnowledgeBase) -> None:
    assert kb.agents["police"].sector == "COP"
    assert kb.agents["foreign ministry"].role == "Ministry of Foreign Affairs"
    assert kb.agents["spokesperson"].kind == "person"


def test_datafiles_cameo_ontology_is_complete() -> None:
    onto = load_ontology()
    roots = {c.root for c in onto.codes.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert onto["036"].plover == "AGREE" and onto["036"].quad_class == 1
    assert onto["190"].quad_class == 4 and onto["190"].goldstein < 0
    assert {c.plover for c in onto.codes.values() if c.plover} <= set(PLOVER_TYPES)
    assert onto.intent_code("062") == "0312" and onto.intent_code("112") == "112"


def test_datafiles_patterns_cover_all_twenty_roots() -> None:
    patterns = build_pattern_set()
    assert {p.code[:2] for p in patterns.patterns} == {f"{i:02d}" for i in range(1, 21)}
    assert patterns.governor_cues["hope"] == "intended"
    assert patterns.aux_cues["should"] == "recommended"


def bad_pattern(tmp_path: Path, row: str, target_column: bool = False) -> DataFileError:
    """The error loading a patterns file with one ``row`` (TAB-separated)."""
    bad = tmp_path / "p.tsv"
    header = "id\tcode\tpos\tlemma\tparticle\tobject\tprep\tverbs\tmodality\tnote"
    bad.write_text(header + ("\ttarget" if target_column else "") + "\n" + row + "\n")
    with pytest.raises(DataFileError) as err:
        build_pattern_set((str(bad),))
    return err.value


def test_datafiles_bad_pattern_reports_line(tmp_path: Path) -> None:
    err = bad_pattern(tmp_path, "my-one\t999\tVERB\tzap\t\t\t\t\t\tx")
    assert err.line == 2 and "CAMEO code" in str(err)


def test_datafiles_pattern_target_policy_is_read_and_checked(tmp_path: Path) -> None:
    patterns = build_pattern_set()
    by_id = {p.id: p for p in patterns.patterns}
    assert by_id["visit"].target == {"needed"} and by_id["allow"].target == {"needed"}
    assert by_id["fly-to"].target == {"needed", "prep"}
    assert by_id["discuss-with"].target == {"prep"} and by_id["attack"].target == frozenset()
    err = bad_pattern(tmp_path, "my-one\t042\tVERB\tzap\t\t\t\t\t\tx\tsometimes", target_column=True)
    assert err.line == 2 and "target 'sometimes' is invalid" in str(err)
    assert "needed, optional, prep" in str(err)
    err = bad_pattern(tmp_path, "my-one\t042\tVERB\tzap\t\t\t\t\t\tx\tneeded|optional", target_column=True)
    assert "both needed and optional" in str(err)


def test_datafiles_word_classes_load_and_reject_unknown_classes(tmp_path: Path) -> None:
    words = load_word_classes(data_path("events", "word-classes.tsv"))
    assert set(words) == set(WORD_CLASSES) and "kill" in words["outcome"] and "round" in words["measure"]
    assert build_pattern_set().word_class("ending") == words["ending"]
    bad = tmp_path / "w.tsv"
    bad.write_text("class\tword\nmood\thappy\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"w.tsv:2: class 'mood' is unknown"):
        load_word_classes(bad)
    bad.write_text("class\tword\nmeasure\tRound\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"w.tsv:2: word 'Round'"):
        load_word_classes(bad)


def test_datafiles_other_tables_load() -> None:
    assert "say" in load_cues().verbs and "according to" in load_cues().phrases
    assert load_rules()[0].kind == "hostile"
    for name in ("states.tsv", "igos.tsv", "memberships.tsv", "agents.tsv", "regions.tsv"):
        assert data_path("actors", name).exists()


def test_datafiles_former_state_with_unknown_successor_names_line(tmp_path: Path) -> None:
    root = tmp_path / "actors"
    shutil.copytree(data_path("actors"), root)
    bad = root / "former-states.tsv"
    bad.write_text("name\tsuccessor\taliases\tadjectives\tpeople\tmetonyms\tended\n"
                   "Soviet Union\tSUN\tUSSR\tSoviet\t\t\t1991-12-26\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"former-states.tsv:2: successor 'SUN' is not in states.tsv"):
        load_kb(base=root)
