from __future__ import annotations

from geopol.quotes.marks import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start:q.inner_end] for q in find_quotes(text)]


def test_marks_curly_and_straight_quotes() -> None:
    assert inner("He said “we will respond with force” today.") == ["we will respond with force"]
    assert inner('He said "we will respond with force" today.') == ["we will respond with force"]


def test_marks_split_quote_gives_two_pieces() -> None:
    assert inner("“We will respond,” he said, “with force and resolve.”") == ["We will respond,",
                                                                             "with force and resolve."]


def test_marks_quote_continues_into_reopened_paragraph() -> None:
    text = "“The first paragraph of the statement\n\n“and the second paragraph of it,” she said."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and "second paragraph" in text[quotes[0].inner_start:quotes[0].inner_end]
    assert quotes[0].flags == ()


def test_marks_unclosed_quote_stops_at_paragraph_end() -> None:
    text = "He said “this never closes in the text\n\nA new paragraph that is not quoted at all."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and quotes[0].flags == ("unclosed",)
    assert "new paragraph" not in text[quotes[0].start:quotes[0].end]


def test_marks_short_quotes_are_titles_not_quotes() -> None:
    assert inner("The report titled “NATO 2030” was published.") == []


def test_marks_nested_single_quotes_stay_inside() -> None:
    assert inner("“They called it ‘a red line’ for the alliance,” he said.") == [
        "They called it ‘a red line’ for the alliance,"]


def test_marks_british_single_quotes_when_no_double_quotes() -> None:
    assert inner("The minister said ‘we will not back down now’ on Monday.") == ["we will not back down now"]
    assert inner("Britain’s minister isn’t quoted here at all.") == []
