"""Regulators, rivals and partners read across sentences of an article: which deal "the deal" is, what a
probe is into, approvals still pending, and the near misses that must stay out (sentences written for
these tests, on the real model)."""

from __future__ import annotations

import pytest

MINE = {"approves", "investigates", "competes_with", "partners_with"}


def mine(triples, text: str) -> set[tuple[str, str, str]]:
    """The article's facts of this family's predicates."""
    return {t for t in triples(text) if t[1] in MINE}


def test_the_deal_is_the_one_its_sentence_tells(triples) -> None:
    """ "SAMR cleared the deal" after "MaxLinear walked away from its agreement to buy X" is that deal, not
    the article's first one."""
    text = (
        "Intel dropped its plan to buy Tower Semiconductor. "
        "In July, Broadcom walked away from its agreement to buy VMware shortly after the State Administration "
        "for Market Regulation cleared the deal with conditions."
    )
    found = mine(triples, text)
    assert ("State Administration for Market Regulation", "approves", "Broadcom") in found
    assert not {t for t in found if t[1] == "approves" and t[2] in {"Intel", "Tower Semiconductor"}}


def test_an_approval_noun_gives_the_article_deal(triples) -> None:
    text = (
        "Broadcom has completed its acquisition of VMware. "
        "Completion follows conditional approval from the State Administration for Market Regulation this week."
    )
    assert ("State Administration for Market Regulation", "approves", "Broadcom") in mine(triples, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The deal is subject to approval by the European Commission.",
        "The deal still needs clearance from the European Commission.",
        "The companies are awaiting approval from the European Commission.",
        "The European Commission is expected to approve the deal next month.",
        "The European Commission could clear the deal by June.",
        "The European Commission has not approved the deal.",
        "The European Commission has yet to approve the deal.",
        "The companies abandoned the deal after failing to win approval from the European Commission.",
    ],
)
def test_pending_or_denied_approvals_are_not_approvals(triples, sentence: str) -> None:
    text = "Broadcom agreed to buy VMware for $61 billion. " + sentence
    assert not {t for t in mine(triples, text) if t[1] == "approves"}


def test_a_probe_into_something_else_is_not_about_the_deal(triples) -> None:
    """An investigation "into Chinese-built electric cars" names no deal; the companies it samples are
    probed."""
    text = (
        "Berkshire Hathaway took a 10% stake in BYD in 2008. "
        "The European Commission opened an anti-subsidy investigation into Chinese-built electric cars in "
        "October and picked BYD, Tesla and BMW as the sample companies it will examine in detail."
    )
    found = mine(triples, text)
    assert ("European Commission", "investigates", "Berkshire Hathaway") not in found
    assert {("European Commission", "investigates", c) for c in ("Tesla", "BMW")} <= found


def test_an_in_depth_review_of_the_deal(triples) -> None:
    text = (
        "Synopsys agreed to buy Ansys in January. "
        "After an in-depth review, the Federal Trade Commission accepted a consent order that allowed the "
        "transaction to proceed."
    )
    found = mine(triples, text)
    assert ("Federal Trade Commission", "investigates", "Synopsys") in found
    assert ("Federal Trade Commission", "approves", "Synopsys") in found


def test_a_formal_investigation_not_opened(triples) -> None:
    text = (
        "Slack filed an antitrust complaint against Microsoft with the European Commission. "
        "The Commission hasn't opened a formal investigation."
    )
    assert not {t for t in mine(triples, text) if t[1] == "investigates"}


def test_a_company_fighting_a_regulator(triples) -> None:
    text = (
        "The deal lands as Google fights the Department of Justice, which won a ruling last year that the "
        "company illegally monopolized online search."
    )
    assert ("Department of Justice", "investigates", "Google") in mine(triples, text)


def test_a_relative_clause_agrees_with_its_noun(triples) -> None:
    """ "which is working with IBM" is about the venture, not the plural list of its founders."""
    text = (
        "The government has granted subsidies to Rapidus, the chip venture set up last year by Toyota, Sony "
        "and six other companies, which is working with IBM on new chips."
    )
    found = mine(triples, text)
    assert ("Rapidus", "partners_with", "IBM") in found or ("IBM", "partners_with", "Rapidus") in found
    assert not {t for t in found if t[1] == "partners_with" and {"Toyota", "Sony"} & {t[0], t[2]}}


@pytest.mark.parametrize(
    "sentence",
    [
        "Apple held talks with Google about a partnership, but the talks ended without a deal.",
        "Microsoft reached an agreement with Activision Blizzard to buy the company for $69 billion.",
        "The investors in the round included Nvidia, Microsoft and Amazon.",
        "Microsoft competes with Google and Amazon in cloud computing.",
    ],
)
def test_not_partners(triples, sentence: str) -> None:
    assert not {t for t in mine(triples, sentence) if t[1] == "partners_with"}


@pytest.mark.parametrize(
    ("sentence", "predicate", "pair"),
    [
        ("Slack's real rival is Microsoft.", "competes_with", ("Slack", "Microsoft")),
        (
            "Google Cloud trails rivals Amazon Web Services and Microsoft in cloud.",
            "competes_with",
            ("Google Cloud", "Microsoft"),
        ),
        (
            "Qualcomm sells phone chips. Its Snapdragon chips compete with MediaTek.",
            "competes_with",
            ("Qualcomm", "MediaTek"),
        ),
        ("AMD is locked in a race with Nvidia for data-centre customers.", "competes_with", ("AMD", "Nvidia")),
        ("Cohere goes up against offerings from OpenAI and Anthropic.", "competes_with", ("Cohere", "OpenAI")),
        (
            "Slack signed a multiyear deal with Amazon Web Services.",
            "partners_with",
            ("Slack", "Amazon Web Services"),
        ),
        ("Leonardo and Rheinmetall are joining forces to build tanks.", "partners_with", ("Leonardo", "Rheinmetall")),
        (
            "Google keeps paying Apple to make Google the default search engine.",
            "partners_with",
            ("Google", "Apple"),
        ),
        (
            "Amazon hired the startup's founders and licensed Adept's technology.",
            "partners_with",
            ("Amazon", "Adept AI"),
        ),
    ],
)
def test_rivals_and_partners(triples, sentence: str, predicate: str, pair: tuple[str, str]) -> None:
    """Symmetric predicates: the pair in either order."""
    found = {frozenset((s, o)) for s, p, o in mine(triples, sentence) if p == predicate}
    assert frozenset(pair) in found


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        (
            "The deal, which was cleared by the European Commission last week, closed on Friday.",
            ("European Commission", "approves", "Microsoft"),
        ),
        (
            "The Competition and Markets Authority cleared the way for the deal in October.",
            ("Competition and Markets Authority", "approves", "Microsoft"),
        ),
        (
            "The Federal Trade Commission filed suit to stop Microsoft from buying Activision Blizzard.",
            ("Federal Trade Commission", "investigates", "Microsoft"),
        ),
        (
            "The Japan Fair Trade Commission found that Microsoft had breached antitrust law.",
            ("Japan Fair Trade Commission", "investigates", "Microsoft"),
        ),
    ],
)
def test_regulator_acts_on_the_buyer(triples, sentence: str, fact: tuple[str, str, str]) -> None:
    """The acquirer, which the gold requires in merger reviews, is reached through relative clauses, 'the
    way for', 'to stop X from' and findings."""
    assert fact in mine(triples, "Microsoft agreed to buy Activision Blizzard. " + sentence)
