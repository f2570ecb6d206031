"""The layout component: monitoring-service source lines, the place and the newspaper or broadcaster they name."""

from __future__ import annotations

import pytest

from extractor.nlp.components.layout import source_lines


def parts(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], text[c:d]) for a, b, c, d, _ in source_lines(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vienna DER KURIER in German 14 Mar 95 p 2", [("Vienna", "DER KURIER")]),
        ("Strike KL1403115095 Lisbon Radio Atlantica in Portuguese 1900 GMT", [("Lisbon", "Radio Atlantica")]),
        ("Warsaw GAZETA POLSKA", [("Warsaw", "GAZETA POLSKA")]),
        ("XY1503120095 Narvik NORDLYS in Norwegian 15 Mar 95 p 4", [("Narvik", "NORDLYS")]),
        ("Sao Paulo FOLHA DA MANHA", [("Sao Paulo", "FOLHA DA MANHA")]),
    ],
)
def test_source_lines_are_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert parts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Boston Celtics",
        "Tokyo IPO Market Heats Up",
        "Apple CEO",
        "VIENNA, Austria (AP) -- The talks ended on Monday.",
        "Shares of Acme rose in London on Monday.",
    ],
)
def test_other_lines_are_not_source_lines(text: str) -> None:
    assert parts(text) == []
