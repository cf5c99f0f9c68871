"""Title-case headlines are parsed as the sentence they stand for (geopol.nlp.headlines)."""

from __future__ import annotations

from typing import Any

import pytest

from geopol.ingest.text import parse_plaintext
from geopol.nlp.headlines import body_words, headline_passives, headline_span, reparse_headline, sentence_case

pytestmark = pytest.mark.model

ARTICLE = (
    "Merkel Condemns Attack on German Embassy in Kabul\n\n"
    "German Chancellor Angela Merkel condemned the attack on the embassy on Monday. "
    "The attack killed two guards. The Security Council met later, and the council condemned it too."
)


def test_sentence_case_lowers_only_words_the_body_writes_in_lower_case(analyzer: Any) -> None:
    article = parse_plaintext(ARTICLE)
    doc = analyzer.nlp(article.text)
    span = headline_span(doc, len(article.title or ""))
    assert span is not None
    words = body_words(doc, article.body_start)
    assert {"attack", "condemn", "embassy"} <= words and "kabul" not in words
    assert sentence_case(span, words).strip() == "Merkel condemns attack on German embassy in Kabul"


def test_a_title_case_headline_gets_its_sentence_case_parse_and_names(analyzer: Any) -> None:
    article = parse_plaintext(ARTICLE)
    doc = analyzer.nlp(article.text)
    assert reparse_headline(analyzer.nlp, doc, len(article.title or ""), article.body_start)
    verb = next(t for t in doc if t.text == "Condemns")
    assert verb.pos_ == "VERB" and verb.lemma_ == "condemn" and doc.text == article.text
    assert not any("Condemns" in e.text for e in doc.ents)
    analysis = analyzer.analyze(article)
    assert not any("Condemns" in a.name for a in analysis.actors)
    merkel = next(a for a in analysis.actors if a.name == "Angela Merkel")
    assert any(m.start == 0 and m.text == "Merkel" for m in merkel.mentions)


def test_a_sentence_case_headline_is_left_as_parsed(analyzer: Any) -> None:
    article = parse_plaintext("Merkel condemns attack on embassy in Kabul\n\nThe attack killed two guards.")
    doc = analyzer.nlp(article.text)
    assert headline_span(doc, len(article.title or "")) is None
    assert not reparse_headline(analyzer.nlp, doc, len(article.title or ""), article.body_start)


def test_a_headline_restating_the_body_event_is_its_evidence(analyzer: Any) -> None:
    article = parse_plaintext("Turkish Forces Strike Syria\n\nTurkey attacked Syria on Friday. The strikes hit "
                              "oil facilities in the northeast.")
    analysis = analyzer.analyze(article)
    attacks = [e for e in analysis.events if e.cameo.startswith("19")]
    assert len(attacks) == 1 and attacks[0].source == ("state:TUR",) and attacks[0].target == ("state:SYR",)
    assert attacks[0].sentence.start >= article.body_start
    assert [s.text for s in attacks[0].evidence] == ["Turkish Forces Strike Syria"]


def test_a_clipped_passive_headline_is_read_as_a_passive(analyzer: Any) -> None:
    article = parse_plaintext("Modi Welcomed in Tokyo\n\nJapanese leaders welcomed the Indian prime minister "
                              "on Monday.")
    analysis = analyzer.analyze(article)
    assert not any(e.sentence.start < article.body_start for e in analysis.events)
    doc = analyzer.nlp(article.text)
    assert reparse_headline(analyzer.nlp, doc, len(article.title or ""), article.body_start)
    assert headline_passives(doc, len(article.title or "")) == 1
    assert next(t for t in doc if t.text == "Modi").dep_ == "nsubjpass"
