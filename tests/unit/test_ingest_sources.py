"""Corpus readers: every format, and every kind of bad input, on fixtures written here."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from geopol.ingest.datelines import strip_dateline
from geopol.ingest.dates import resolve
from geopol.ingest.sources import Item, ReadOptions, Reject, read_sources
from geopol.ingest.text import content_id
from geopol.model import Article

OPTIONS = ReadOptions(published=dt.date(2021, 3, 10))

PLAIN = (
    "Harbour Strike Ends After Nine Days\n\n"
    "Dockworkers accept a phased pay offer\n\n"
    "VALMORA (Ledger Wire) — Dockworkers in the port of Valmora voted on Tuesday to end a strike "
    "that had left forty cargo ships waiting in the bay.\n\n"
    "The union said the new contract raises wages in three steps over two years. "
    "Port managers said loading would resume yesterday evening.\n\n"
    "Reporting by Ines Albarran\n"
)

LEAD = ("Port authorities and the dockworkers' union in Valmora resumed talks on Wednesday after a "
        "week-long strike that left cargo ships idle in the bay.")
SECOND = "The mediator, a retired judge, said both sides had agreed to discuss wages first and shifts later."
THIRD = "Union leaders warned that the strike would resume on Monday if no written offer was made by then."

FRENCH = (
    "Les ministres de l'agriculture se sont réunis mardi à Luxembourg pour discuter des quotas de pêche. "
    "Plusieurs délégations ont demandé de reporter la décision jusqu'au printemps prochain. "
    "Le commissaire a déclaré que les négociations reprendraient la semaine prochaine. "
    "Des pêcheurs ont manifesté devant le bâtiment du Conseil pendant toute la matinée."
)


def page(title: str = "Harbour Talks Resume", paragraphs: tuple[str, ...] = (LEAD, SECOND, THIRD),
         date: str | None = "2021-03-04T09:00:00Z", extra_head: str = "") -> bytes:
    """An HTML news page of our own writing, with metadata in meta tags."""
    date_meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Coastal Ledger</title>'
        f'<meta property="og:title" content="{title}">'
        '<meta name="description" content="Negotiators return to the table after a week of strikes">'
        f'<meta name="author" content="Mara Quint">{date_meta}{extra_head}'
        '<meta property="og:site_name" content="Coastal Ledger">'
        '<link rel="canonical" href="https://ledger.example/harbour-talks"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>{body}'
        "</article><footer>Coastal Ledger</footer></body></html>"
    ).encode()


def read(*paths: Path | str, options: ReadOptions = OPTIONS) -> list[Item]:
    return list(read_sources([str(p) for p in paths], options))


def only_article(items: list[Item]) -> Article:
    assert len(items) == 1 and items[0].article is not None, items
    return items[0].article


def only_reject(items: list[Item]) -> Reject:
    assert len(items) == 1 and items[0].reject is not None, items
    return items[0].reject


def body(article: Article) -> str:
    return article.text[article.body_start:article.analysed_end].rstrip()


# Plain text, datelines and dates

def test_sources_plain_text_gets_headline_block_byline_and_default_date(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(PLAIN, encoding="utf-8")
    items = read(path)
    art = only_article(items)
    assert items[0].position == str(path)
    assert art.source == str(path)
    assert art.title == "Harbour Strike Ends After Nine Days"
    assert art.subtitle == "Dockworkers accept a phased pay offer"
    assert art.authors == ("Ines Albarran",)
    assert art.published == dt.date(2021, 3, 10)
    assert art.language == "en"
    assert art.id == content_id(art.text)
    assert body(art).startswith("Dockworkers in the port of Valmora voted")
    assert body(art).endswith("resume yesterday evening.")
    assert resolve("yesterday", art.published) == dt.date(2021, 3, 9)


def test_sources_plain_text_front_matter_gives_title_date_and_url(tmp_path: Path) -> None:
    path = tmp_path / "pact.txt"
    path.write_text("title: Harbour Pact Signed\ndate: 2019-06-02\nurl: https://ledger.example/pact\n"
                    "outlet: Coastal Ledger\n---\nThe two port authorities signed a pact on Sunday.\n\n"
                    "Officials said it would take effect in July.\n", encoding="utf-8")
    art = only_article(read(path))
    assert (art.title, art.published, art.url) == ("Harbour Pact Signed", dt.date(2019, 6, 2),
                                                    "https://ledger.example/pact")
    assert "outlet" not in art.text and body(art).startswith("The two port authorities signed")


def test_sources_dateline_is_removed_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(PLAIN, encoding="utf-8")
    art = only_article(read(path))
    assert "VALMORA" not in art.text and "Ledger Wire" not in art.text
    head = "Harbour Strike Ends After Nine Days\n\nDockworkers accept a phased pay offer\n\n"
    assert art.text.startswith(head + "Dockworkers in the port")
    assert "The union said the new contract raises wages in three steps" in art.text


@pytest.mark.parametrize(
    ("text", "place", "rest"),
    [
        ("BRUSSELS (Reuters) — NATO ministers met.", "BRUSSELS", "NATO ministers met."),
        ("WASHINGTON — The Senate voted.", "WASHINGTON", "The Senate voted."),
        ("KYIV, Ukraine (AP) - Sirens sounded.", "KYIV, Ukraine", "Sirens sounded."),
        ("BEIJING, Dec 1 (Reuters) - China said.", "BEIJING", "China said."),
        ("NEW DELHI: India said.", "NEW DELHI", "India said."),
        ("US-China talks resumed.", None, "US-China talks resumed."),
        ("UPDATE: Talks resumed.", None, "UPDATE: Talks resumed."),
        ("The minister said so.\n\nPARIS — not a dateline here.", None,
         "The minister said so.\n\nPARIS — not a dateline here."),
    ],
)
def test_sources_dateline_shapes(text: str, place: str | None, rest: str) -> None:
    assert strip_dateline(text) == (place, rest)


def test_sources_dateline_in_an_html_page_from_stdin() -> None:
    html = page(paragraphs=(f"KYIV, Ukraine (AP) - {LEAD}", SECOND, THIRD))
    items = list(read_sources(["-"], OPTIONS, stdin=io.BytesIO(html)))
    art = only_article(items)
    assert items[0].position == "<stdin>"
    assert body(art).startswith("Port authorities and the dockworkers' union in Valmora resumed talks")
    assert "KYIV" not in art.text and body(art).endswith(THIRD)


# Compression

def test_sources_gzip_text_is_decompressed_and_named_by_inner_suffix(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt.gz"
    path.write_bytes(gzip.compress(PLAIN.encode("utf-8")))
    art = only_article(read(path))
    assert art.title == "Harbour Strike Ends After Nine Days"
    assert art.source == str(path)


def test_sources_truncated_gzip_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt.gz"
    path.write_bytes(gzip.compress(PLAIN.encode("utf-8"))[:-30])
    reject = only_reject(read(path))
    assert (reject.kind, reject.position, reject.source) == ("unreadable", str(path), str(path))
    assert reject.reason.startswith("the gzip data is truncated or corrupt")


def test_sources_truncated_gzip_jsonl_keeps_the_lines_before(tmp_path: Path) -> None:
    lines = [json.dumps({"title": f"Story {i}", "text": f"{LEAD} Story number {i}."}) for i in range(1, 40)]
    data = gzip.compress("\n".join(lines).encode("utf-8"))
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert all(item.article is not None for item in items[:-1]) and len(items) > 1
    assert items[0].article is not None and items[0].article.title == "Story 1"
    last = items[-1].reject
    assert last is not None and last.kind == "unreadable"
    assert last.position == f"{path}:{len(items)}"
    assert "truncated or corrupt" in last.reason


# HTML

def test_sources_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "talks.html"
    path.write_bytes(page())
    art = only_article(read(path))
    assert art.title == "Harbour Talks Resume"
    assert art.subtitle == "Negotiators return to the table after a week of strikes"
    assert art.authors == ("Mara Quint",)
    assert art.published == dt.date(2021, 3, 4)
    assert art.url == "https://ledger.example/harbour-talks"
    assert art.text == (f"Harbour Talks Resume\n\nNegotiators return to the table after a week of strikes\n\n"
                        f"{LEAD}\n\n{SECOND}\n\n{THIRD}")
    assert art.text[art.body_start:].startswith("Port authorities")
    assert "Home" not in art.text


def test_sources_html_without_article_text_is_not_an_article(tmp_path: Path) -> None:
    path = tmp_path / "gallery.htm"
    path.write_bytes(b"<html><head><title>Gallery</title></head><body><nav><a href='/'>Home</a></nav>"
                     b"<img src='boats.jpg' alt='Boats'></body></html>")
    reject = only_reject(read(path))
    assert reject.kind == "not-article"
    assert reject.reason.startswith("no article text in this page (only 1 words: 'Home')")


def test_sources_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    greeting = "Ministers in Kyiv said the grain corridor would stay open: 'zerno' (зерно) means grain."
    html = (f'<html><head><meta charset="koi8-r"><title>Grain Corridor Stays Open</title></head><body>'
            f"<article><p>{greeting}</p><p>{SECOND}</p></article></body></html>")
    path = tmp_path / "grain.html"
    path.write_bytes(html.encode("koi8-r"))
    art = only_article(read(path))
    assert "'zerno' (зерно) means grain" in art.text


# Feeds

FERRY = "Ferries between Valmora and the islands sailed again on Wednesday after the port reopened."
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Ledger Wire</title><link>https://ledger.example/</link>
<item><title>Harbour Strike Ends</title><link>https://ledger.example/strike-ends</link>
<pubDate>Tue, 02 Mar 2021 08:00:00 GMT</pubDate><author>desk@ledger.example (Ana Ruiz)</author>
<description>&lt;p&gt;{LEAD}&lt;/p&gt;&lt;p&gt;{SECOND}&lt;/p&gt;</description></item>
<item><title>Ferry Service Restored</title><link>https://ledger.example/ferry</link>
<pubDate>Wed, 03 Mar 2021 18:30:00 GMT</pubDate>
<description>{FERRY}</description>
</item>
<item><title>Photo of the day</title><link>https://ledger.example/photo</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Island Courier</title><id>urn:courier</id>
<updated>2021-03-05T10:00:00Z</updated>
<entry><title>Council Approves Sea Wall</title><id>urn:courier:1</id>
<link href="https://courier.example/sea-wall"/><updated>2021-03-05T10:00:00Z</updated>
<author><name>Li Wen</name></author><author><name>Tom Eke</name></author>
<summary>A short teaser that should not be used.</summary>
<content type="html">&lt;p&gt;The island council approved a new sea wall on Friday after winter storms
flooded the harbour district twice.&lt;/p&gt;&lt;p&gt;{THIRD}&lt;/p&gt;</content></entry>
</feed>"""


def test_sources_rss_entries_with_positions_dates_authors_and_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = read(path)
    assert [item.position for item in items] == [f"{path}#entry={n}" for n in (1, 2, 3)]
    first, second = items[0].article, items[1].article
    assert first is not None and second is not None
    assert (first.title, first.published, first.url) == (
        "Harbour Strike Ends", dt.date(2021, 3, 2), "https://ledger.example/strike-ends")
    assert first.authors == ("Ana Ruiz",)
    assert first.text == f"Harbour Strike Ends\n\n{LEAD}\n\n{SECOND}"
    assert second.published == dt.date(2021, 3, 3) and second.authors == ()
    assert body(second) == FERRY
    reject = items[2].reject
    assert reject is not None and (reject.kind, reject.reason) == (
        "empty", "the entry has neither content nor a summary")


def test_sources_atom_prefers_content_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "courier.atom"
    path.write_text(ATOM, encoding="utf-8")
    art = only_article(read(path))
    assert art.title == "Council Approves Sea Wall"
    assert art.authors == ("Li Wen", "Tom Eke")
    assert art.published == dt.date(2021, 3, 5)
    assert art.url == "https://courier.example/sea-wall"
    assert body(art).startswith("The island council approved a new sea wall on Friday after winter storms")
    assert "teaser" not in art.text


def test_sources_xml_and_unknown_suffix_are_sniffed_as_feeds(tmp_path: Path) -> None:
    (tmp_path / "courier.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "wire").write_text(RSS, encoding="utf-8")
    items = read(tmp_path / "courier.xml", tmp_path / "wire")
    assert [item.position for item in items] == [f"{tmp_path / 'courier.xml'}#entry=1"] + [
        f"{tmp_path / 'wire'}#entry={n}" for n in (1, 2, 3)]


def test_sources_malformed_feed_without_entries_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Ledger &amp</title><<<",
                    encoding="utf-8")
    reject = only_reject(read(path))
    assert reject.kind == "malformed"
    assert reject.reason.startswith("not a well-formed RSS or Atom feed (")
    assert "not well-formed (invalid token)" in reject.reason


def test_sources_bozo_feed_that_still_has_entries_is_read(tmp_path: Path) -> None:
    path = tmp_path / "loose.rss"
    path.write_text("<rss version='2.0'><channel><title>Loose</title><item><title>Bridge Opens</title>"
                    f"<description>{LEAD} & more</description></item></channel></rss>", encoding="utf-8")
    art = only_article(read(path))
    assert art.title == "Bridge Opens"
    assert body(art) == f"{LEAD} & more"


# JSON Lines

def test_sources_jsonl_broken_line_blank_lines_and_custom_fields(tmp_path: Path) -> None:
    rows = [
        json.dumps({"headline": "Bridge Opens", "story": LEAD, "day": "2021-03-01T12:00:00Z",
                    "link": "https://ledger.example/bridge"}),
        '{"headline": "Broken", "story": "unterminated',
        "",
        json.dumps({"headline": "Ferry Returns", "story": f"{SECOND}\n\n{THIRD}",
                    "day": "Fri, 05 Mar 2021 10:00:00 GMT"}),
        json.dumps({"headline": "No Text", "body": LEAD}),
        json.dumps(["not", "an", "object"]),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    options = ReadOptions(jsonl_text="story", jsonl_title="headline", jsonl_date="day", jsonl_url="link")
    items = read(path, options=options)
    assert [item.position for item in items] == [f"{path}:{n}" for n in (1, 2, 4, 5, 6)]
    first, fourth = items[0].article, items[2].article
    assert first is not None and fourth is not None
    assert (first.title, first.published, first.url) == ("Bridge Opens", dt.date(2021, 3, 1),
                                                         "https://ledger.example/bridge")
    assert first.text == f"Bridge Opens\n\n{LEAD}"
    assert (fourth.title, fourth.published) == ("Ferry Returns", dt.date(2021, 3, 5))
    broken, missing, array = items[1].reject, items[3].reject, items[4].reject
    assert broken is not None and broken.kind == "malformed"
    assert broken.reason == "not valid JSON: Unterminated string starting at (column 33)"
    assert missing is not None and missing.kind == "malformed"
    assert missing.reason == ("no 'story' field (fields: body, headline); set ReadOptions.jsonl_text "
                              "to the field that holds the article text")
    assert array is not None and array.reason == "a JSON list, not an object"


def test_sources_jsonl_line_over_max_bytes_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "dump.ndjson"
    rows = [json.dumps({"text": LEAD + " " + SECOND * 20}), json.dumps({"text": LEAD, "title": "Short One"})]
    path.write_text("\n".join(rows), encoding="utf-8")
    items = read(path, options=ReadOptions(max_bytes=400))
    reject = items[0].reject
    assert reject is not None and (reject.kind, reject.position) == ("too-large", f"{path}:1")
    assert items[1].article is not None and items[1].article.title == "Short One"


def test_sources_json_array_is_not_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"text": LEAD}], indent=2), encoding="utf-8")
    reject = only_reject(read(path))
    assert (reject.kind, reject.position) == ("malformed", f"{path}:1")
    assert reject.reason.startswith("a JSON array, not JSON Lines; write one object per line")


# WARC

def warc_archive(compress: bool) -> tuple[bytes, list[int]]:
    """A WARC with an article page, an image, an empty page and a second article; and record offsets."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    records = [
        ("https://ledger.example/talks", "text/html; charset=utf-8", page(date=None)),
        ("https://ledger.example/boats.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(200))),
        ("https://ledger.example/gallery", "text/html", b"<html><body><nav>Home</nav></body></html>"),
        ("https://ledger.example/ferry", "text/html",
         page(title="Ferry Service Restored", paragraphs=(SECOND, THIRD, LEAD), date="2021-03-03")),
    ]
    offsets = []
    for uri, content_type, payload in records:
        offsets.append(buffer.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2021-03-06T07:00:00Z"})
        writer.write_record(record)
    return buffer.getvalue(), offsets


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_sources_warc_reads_html_responses_and_skips_others(tmp_path: Path, name: str) -> None:
    data, offsets = warc_archive(compress=name.endswith(".gz"))
    path = tmp_path / name
    path.write_bytes(data)
    items = read(path)
    assert [item.position for item in items] == [f"{path}@offset={offsets[i]}" for i in (0, 2, 3)]
    talks, gallery, ferry = items[0].article, items[1].reject, items[2].article
    assert talks is not None and ferry is not None and gallery is not None
    assert (talks.title, talks.url, talks.published) == (
        "Harbour Talks Resume", "https://ledger.example/harbour-talks", dt.date(2021, 3, 6))
    assert talks.source == str(path)
    assert (ferry.title, ferry.published) == ("Ferry Service Restored", dt.date(2021, 3, 3))
    assert gallery.kind == "not-article"


def test_sources_truncated_warc_gz_keeps_records_before_the_cut(tmp_path: Path) -> None:
    data, offsets = warc_archive(compress=True)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[: offsets[3] + 40])
    items = read(path)
    assert [item.position for item in items] == [f"{path}@offset={offsets[i]}" for i in (0, 2, 3)]
    assert items[0].article is not None and items[0].article.title == "Harbour Talks Resume"
    assert items[1].reject is not None and items[1].reject.kind == "not-article"
    cut = items[2].reject
    assert cut is not None and cut.kind == "unreadable"
    assert cut.reason.startswith("the archive is truncated or corrupt: ")


def test_sources_truncated_plain_warc_mid_payload(tmp_path: Path) -> None:
    data, offsets = warc_archive(compress=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:-300])
    items = read(path)
    assert [item.position for item in items][-1] == f"{path}@offset={offsets[3]}"
    cut = items[-1].reject
    assert cut is not None and cut.reason == (
        "the archive is truncated or corrupt: the record ends before its declared length; "
        "the records before this offset were read")


# Language

def test_sources_french_article_is_rejected_with_its_language(tmp_path: Path) -> None:
    path = tmp_path / "peche.txt"
    path.write_text("Quotas de pêche\n\n" + FRENCH, encoding="utf-8")
    reject = only_reject(read(path))
    assert reject.kind == "language"
    assert reject.reason.startswith("language is French (fr, confidence ")
    assert reject.reason.endswith("not in en; add 'fr' to ReadOptions.languages to read it")


def test_sources_french_article_is_read_when_french_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "peche.txt"
    path.write_text(FRENCH, encoding="utf-8")
    art = only_article(read(path, options=ReadOptions(languages=("en", "fr"))))
    assert art.language == "fr"


# Encodings

def test_sources_cp1252_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Caf\u00e9 Owners Protest\n\nThe owners\u2019 association said the new tax was unfair, "
                     "and cafés closed at noon.".encode("cp1252"))
    art = only_article(read(path))
    assert art.title == "Café Owners Protest"
    assert "owners’ association" in art.text


def test_sources_mixed_encodings_are_decoded_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Zürich Talks Begin\n\n".encode() + "Delegates met in Zürich on Monday, "
                     "the ministry said.\n".encode("cp1252") + "Talks in Genève follow on Friday.".encode())
    art = only_article(read(path))
    assert art.title == "Zürich Talks Begin"
    assert body(art) == ("Delegates met in Zürich on Monday, the ministry said.\n"
                         "Talks in Genève follow on Friday.")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Talks resumed \x81\x8d in the port city on Monday, officials said.",
         "neither UTF-8 nor cp1252 (byte 0x81 at offset 14); convert it to UTF-8 first"),
        (b"Talks resumed\x00 in the port city.",
         "a NUL byte (a binary file, or UTF-16 without a byte-order mark) at byte offset 13; give a text"),
    ],
)
def test_sources_undecodable_text_is_an_encoding_reject(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    reject = only_reject(read(path))
    assert reject.kind == "encoding"
    assert reject.reason.startswith(reason)


# Size, paths, folders, stdin

class SpyFile:
    """A file wrapper that counts the bytes read through it."""

    def __init__(self, wrapped: io.BufferedReader, reads: list[int]) -> None:
        self.wrapped, self.reads = wrapped, reads

    def __enter__(self) -> SpyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.wrapped.close()

    def __getattr__(self, name: str) -> object:
        return getattr(self.wrapped, name)

    def read(self, size: int = -1) -> bytes:
        data = self.wrapped.read(size)
        self.reads.append(len(data))
        return data


def test_sources_text_over_max_bytes_is_rejected_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(PLAIN * 10, encoding="utf-8")
    reads: list[int] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: SpyFile(real_open(self, *a, **k), reads))
    reject = only_reject(read(path, options=ReadOptions(max_bytes=1000)))
    assert (reject.kind, reject.reason) == (
        "too-large", "larger than 1,000 bytes; split it or raise ReadOptions.max_bytes")
    assert reads == []


def test_sources_missing_path_and_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n  ", encoding="utf-8")
    items = read(tmp_path / "nowhere.txt", tmp_path / "empty.txt", tmp_path / "blank.txt")
    missing, empty, blank = (item.reject for item in items)
    assert missing is not None and missing.kind == "unreadable"
    assert missing.reason.startswith("no such file (it does not exist, or disappeared before it was read)")
    assert empty is not None and (empty.kind, empty.reason) == ("empty", "the file is empty")
    assert blank is not None and blank.kind == "empty"


def test_sources_folder_is_walked_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "b" / "deep").mkdir(parents=True)
    (folder / ".cache").mkdir()
    (folder / "b" / "deep" / "c.txt").write_text("Third Story\n\n" + THIRD, encoding="utf-8")
    (folder / "a.txt").write_text("First Story\n\n" + LEAD, encoding="utf-8")
    (folder / "b" / "b.html").write_bytes(page(title="Second Story"))
    (folder / ".hidden.txt").write_text("Hidden\n\n" + SECOND, encoding="utf-8")
    (folder / ".cache" / "x.txt").write_text("Cached\n\n" + SECOND, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = read(folder)
    assert [item.position for item in items] == [
        str(folder / "a.txt"), str(folder / "b" / "b.html"), str(folder / "b" / "deep" / "c.txt")]
    titles = [item.article.title for item in items if item.article]
    assert titles == ["First Story", "Second Story", "Third Story"]


def test_sources_file_deleted_during_the_run_is_rejected_and_the_run_goes_on(tmp_path: Path) -> None:
    for name, title in (("a.txt", "First Story"), ("b.txt", "Second Story"), ("c.txt", "Third Story")):
        (tmp_path / name).write_text(f"{title}\n\n{LEAD}", encoding="utf-8")
    stream = read_sources([str(tmp_path)], OPTIONS)
    first = next(stream)
    (tmp_path / "b.txt").unlink()
    second, third = list(stream)
    assert first.article is not None and first.article.title == "First Story"
    assert second.reject is not None and (second.reject.kind, second.position) == (
        "unreadable", str(tmp_path / "b.txt"))
    assert third.article is not None and third.article.title == "Third Story"


def test_sources_stdin_is_sniffed(tmp_path: Path) -> None:
    jsonl = json.dumps({"title": "Bridge Opens", "text": LEAD}) + "\n"
    items = list(read_sources(["-"], OPTIONS, stdin=io.BytesIO(gzip.compress(jsonl.encode()))))
    assert [item.position for item in items] == ["<stdin>:1"]
    assert items[0].article is not None and items[0].article.title == "Bridge Opens"
    art = only_article(list(read_sources(["-"], OPTIONS, stdin=io.StringIO(PLAIN))))
    assert (art.title, art.source) == ("Harbour Strike Ends After Nine Days", "<stdin>")


def test_sources_item_holds_exactly_one_of_article_and_reject() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Item(None, None, "x")
    with pytest.raises(ValueError, match="unknown reject kind 'odd'"):
        Reject("x", "x", "why", "odd")
