"""The first person of an official statement is its author (geopol.actors.author)."""

from __future__ import annotations

from typing import Any

import pytest

from geopol.actors.author import statement_author
from geopol.ingest.text import parse_plaintext

pytestmark = pytest.mark.model

STATEMENT = (
    "Statement on the Attack in Kabul\n\n"
    "Press Statement\nAntony J. Blinken\nSecretary of State\nWashington, DC\nMarch 3, 2022\n\n"
    "I condemn today's attack in Kabul. We call on the Taliban to release the detained journalists."
)


def test_the_person_of_a_statement_header_speaks_its_first_person(analyzer: Any) -> None:
    analysis = analyzer.analyze(parse_plaintext(STATEMENT))
    coded = {(e.cameo, e.source, e.target) for e in analysis.events}
    # "I condemn" is the author; "We call on" is the author's side
    assert ("111", ("person:antony-blinken",), ("state:AFG",)) in coded
    assert ("0253", ("state:USA",), ("group:TALIBAN",)) in coded


def test_a_byline_naming_an_actor_of_the_text_is_the_author(analyzer: Any) -> None:
    article = parse_plaintext("Why We Stand With Ukraine\n\nBy Jens Stoltenberg\n\n"
                              "Jens Stoltenberg is NATO Secretary-General. We will support Ukraine.")
    doc = analyzer.nlp(article.text[: article.analysed_end])
    frame = analyzer.actor_stage(doc, article.published)
    assert article.authors == ("Jens Stoltenberg",)
    assert statement_author(article, doc, frame) == "person:jens-stoltenberg"


def test_a_news_report_has_no_author_voice(analyzer: Any) -> None:
    article = parse_plaintext("Talks Resume in Vienna\n\nIran and the European Union resumed talks on Monday, "
                              "officials said. We will see, one diplomat said.")
    doc = analyzer.nlp(article.text[: article.analysed_end])
    frame = analyzer.actor_stage(doc, article.published)
    assert statement_author(article, doc, frame) is None
