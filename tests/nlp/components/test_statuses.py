"""One status per fact in an article, on the real model: each case failed before the article-level
agreement (a sentence that only names the deal read as asserted beside the sentence that tells it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from extractor.nlp.components.statuses import agree_statuses
from extractor.text.attributes import Amount


def statuses(run, text: str, predicate: str = "acquires") -> list[tuple[str, str, str, str | None]]:
    g = run(text)
    name = {e.id: e.name for e in g.entities}
    return [
        (name[r.subject], name[r.object], r.status, r.amount["text"] if r.amount else None)
        for r in g.relations
        if r.predicate == predicate
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the agreement, then the deal named with no cue: still only agreed
        ("AMD agreed to acquire ZT Systems for $4.9 billion. The acquisition is AMD's largest in years.", "planned"),
        # told as agreed, then as done: done
        (
            "Nvidia agreed to buy Mellanox in March 2019 for $6.9 billion. Regulators in China reviewed the deal "
            "for months. Nvidia completed its purchase of Mellanox on Monday.",
            "asserted",
        ),
        # agreed, then called off: off
        ("Nvidia agreed to buy Arm in 2020. On Tuesday Nvidia called off its purchase of Arm.", "cancelled"),
        # "the deal" in a clause of its own modality says nothing of the deal's
        (
            "Amazon has invested $4 billion in Anthropic. As part of the deal, Anthropic will use AWS chips.",
            "asserted",
        ),
        # a headline's "X to buy Y" is a plan
        ("IBM to buy HashiCorp for $6.4 billion\n\nIBM said on Wednesday it would acquire HashiCorp.", "planned"),
    ],
)
def test_every_row_of_a_deal_has_the_articles_status(run, text: str, status: str) -> None:
    rows = statuses(run, text) or statuses(run, text, "invests_in")
    assert len(rows) >= 2
    assert {s for _, _, s, _ in rows} == {status}


def test_tranches_of_an_investment_keep_their_own_status(run) -> None:
    rows = statuses(
        run,
        "Google has invested $500 million in Anthropic and will invest another $1.5 billion next year.",
        "invests_in",
    )
    assert sorted((amount, s) for _, _, s, amount in rows) == [
        ("$1.5 billion", "planned"),
        ("$500 million", "asserted"),
    ]


def test_a_pledge_is_planned(run) -> None:
    assert statuses(run, "Google commits up to $2 billion to Anthropic.", "invests_in") == [
        ("Google", "Anthropic", "planned", "up to $2 billion")
    ]


@dataclass
class Row:
    predicate: str
    status: str
    told: bool
    amount: Amount | None = None
    subject: str = "e1"
    object: str = "e2"
    attrs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.attrs["status_told"] = self.told

    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


def test_a_row_no_cue_told_takes_the_told_status_and_other_facts_are_left_alone() -> None:
    rows = [
        Row("acquires", "asserted", told=False),  # "the deal drew scrutiny"
        Row("acquires", "planned", told=True),  # "agreed to buy"
        Row("acquires", "asserted", told=False, object="e3"),  # another deal, nothing told of it
    ]
    agree_statuses(rows)
    assert [r.status for r in rows] == ["planned", "planned", "asserted"]


def test_an_amountless_investment_row_takes_the_whole_facts_status() -> None:
    usd = Amount(1_000_000_000, "USD", "$1 billion", 0, 10)
    rows = [Row("invests_in", "planned", told=True, amount=usd), Row("invests_in", "asserted", told=False)]
    agree_statuses(rows)
    assert [r.status for r in rows] == ["planned", "planned"]
