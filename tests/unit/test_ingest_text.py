from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geopol.errors import IngestError
from geopol.ingest.text import content_id, decode, iter_text_files, parse_plaintext, read_article


def test_text_headline_block_gives_title_subtitle_and_byline() -> None:
    raw = ("Ministers Meet in Oslo\n\nTalks focus on Arctic shipping lanes\n\n"
           "Norway hosted the talks on Monday. Officials said more meetings would follow.\n\n"
           "Author: Kari Nordmann and Ola Hansen\n\nKari writes about the Arctic.")
    art = parse_plaintext(raw)
    assert art.title == "Ministers Meet in Oslo"
    assert art.subtitle == "Talks focus on Arctic shipping lanes"
    assert art.authors == ("Kari Nordmann", "Ola Hansen")
    assert art.text[art.body_start:].startswith("Norway hosted")
    assert "Kari writes" not in art.text[: art.analysed_end]


def test_text_single_sentence_is_all_body() -> None:
    art = parse_plaintext("Japan protested to China over the island dispute.")
    assert art.title is None and art.subtitle is None
    assert art.body_start == 0


@pytest.mark.parametrize(
    "first",
    ["The ministers met in Oslo on Monday.", "Did the talks fail?", "He said: \"We will go.\""],
)
def test_text_first_line_ending_in_punctuation_is_not_a_title(first: str) -> None:
    art = parse_plaintext(f"{first}\n\nA second paragraph follows here.")
    assert art.title is None


def test_text_by_line_under_title_is_a_byline() -> None:
    art = parse_plaintext("Floods Hit Coast\n\nBy Ana Lima\n\nRains flooded the coast on Sunday, officials said.")
    assert art.title == "Floods Hit Coast"
    assert art.authors == ("Ana Lima",)
    assert art.text[art.body_start:].startswith("Rains flooded")


def test_text_normalises_newlines_and_ids_are_stable() -> None:
    a = parse_plaintext("Line one.\r\nLine two.")
    b = parse_plaintext("Line one.\nLine two.")
    assert a.text == b.text and a.id == b.id
    assert content_id("A  b\nc") == content_id("a b c")


def test_text_published_date_is_kept() -> None:
    assert parse_plaintext("x y z.", published=dt.date(2021, 1, 2)).published == dt.date(2021, 1, 2)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x00\x01binary\x00data", "binary"),
        (b"caf\xe9 au lait", "UTF-8"),
    ],
)
def test_text_decode_rejects_bad_bytes_with_reason(data: bytes, problem: str) -> None:
    with pytest.raises(IngestError) as err:
        decode(data, "f.txt")
    assert problem in str(err.value) and "f.txt" in str(err.value)


def test_text_decode_strips_bom() -> None:
    assert decode("\ufeffHello".encode(), "x") == "Hello"


def test_text_read_article_missing_path(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_article(tmp_path / "missing.txt")


def test_text_iter_files_recurses_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "1.txt").write_text("one")
    (tmp_path / "skip.json").write_text("{}")
    assert [p.name for p in iter_text_files(tmp_path)] == ["1.txt", "2.txt"]


def test_front_matter_gives_metadata_and_is_not_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("title: Chile and Peru Sign Border Pact\ndate: 2014-01-28\nurl: https://example.org/a\n"
                 "author: Ana Ruiz and Luis Soto\nlicense: public domain\n---\n"
                 "Chile and Peru signed a border agreement on Tuesday.\n", encoding="utf-8")
    art = read_article(f)
    assert art.title == "Chile and Peru Sign Border Pact" and art.published == dt.date(2014, 1, 28)
    assert art.url == "https://example.org/a" and art.authors == ("Ana Ruiz", "Luis Soto")
    assert "license" not in art.text and art.text.startswith("Chile and Peru Sign Border Pact\n\n")
    assert art.text[art.body_start:].startswith("Chile and Peru signed")


def test_front_matter_opened_by_dashes_as_jekyll_writes_it(tmp_path: Path) -> None:
    f = tmp_path / "b.md"
    f.write_text("---\ntitle: Talks Resume\ndate: March 3, 2021\n---\nIran and the EU resumed talks.\n",
                 encoding="utf-8")
    art = read_article(f)
    assert art.title == "Talks Resume" and art.published == dt.date(2021, 3, 3)


def test_a_leading_note_is_text_not_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "c.txt"
    f.write_text("Note: this is a draft\n---\nIran and the EU resumed talks.\n", encoding="utf-8")
    art = read_article(f)
    assert art.text.startswith("Note: this is a draft") and art.published is None


def test_read_article_removes_a_dateline_as_ingest_does(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_text("Envoy Visits Region\n\nNAIROBI, Kenya — The Ethiopian foreign minister met Kenyan officials.\n",
                 encoding="utf-8")
    art = read_article(f)
    assert art.title == "Envoy Visits Region"
    assert art.text[art.body_start:].startswith("The Ethiopian foreign minister")
