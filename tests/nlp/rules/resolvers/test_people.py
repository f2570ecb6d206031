"""People and places across rules: what whole sentences give for works_for, founded and located_in,
the attributes and statuses those facts carry, and the near misses no rule may read."""

from __future__ import annotations

import pytest

from extractor import ArticleGraph


def facts(article: ArticleGraph, predicate: str) -> set[tuple[str, str]]:
    name = {e.id: e.name for e in article.entities}
    return {(name[r.subject], name[r.object]) for r in article.relations if r.predicate == predicate}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ford chief executive Jim Farley said costs rose.", ("Jim Farley", "Ford Motor")),
        ("Jim Farley, Ford's chief executive, said costs rose.", ("Jim Farley", "Ford Motor")),
        ("According to Ford's chief financial officer, John Lawler, costs rose.", ("John Lawler", "Ford Motor")),
        ('"Demand is cooling," said Maria Lopez of Morgan Stanley.', ("Maria Lopez", "Morgan Stanley")),
        ("Jane Smith, an Amazon spokeswoman, said the company disagreed.", ("Jane Smith", "Amazon")),
        ("Citigroup, which is run by Jane Fraser, cut jobs.", ("Jane Fraser", "Citigroup")),
        ("Microsoft has hired Mustafa Suleyman to lead its consumer AI unit.", ("Mustafa Suleyman", "Microsoft")),
        ("Sarah Chen now works at Amazon on AI agents.", ("Sarah Chen", "Amazon")),
    ],
)
def test_posts_in_the_shapes_news_writes_them(run, text: str, expected: tuple[str, str]) -> None:
    assert expected in facts(run(text), "works_for")


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft co-founder Bill Gates spoke at the event.",  # a founder holds no post by that alone
        "A lawyer for Apple shareholders, Jane Doe, filed the suit.",
        "Elon Musk stepped down as chairman of Tesla in 2018.",
        "Dan Ives, an analyst who covers Apple, said the phone would sell well.",
        "Lisa Su led the talks with Microsoft.",
        "A consortium led by Bill Gates bought the land from Microsoft.",
    ],
)
def test_near_misses_are_not_posts(run, text: str) -> None:
    assert not facts(run(text), "works_for")


def test_post_carries_its_normal_form(run) -> None:
    article = run("Microsoft chief executive Satya Nadella spoke on Monday.")
    roles = {r.role for r in article.relations if r.predicate == "works_for"}
    assert roles == {"ceo"}


def test_a_post_to_come_is_planned_and_one_held_is_not(run) -> None:
    article = run("Kevin Weil will become the chief product officer of OpenAI next month.")
    assert {r.status for r in article.relations if r.predicate == "works_for"} == {"planned"}
    article = run("Nvidia agreed to buy Mellanox, whose chief executive Eyal Waldman welcomed the deal.")
    assert {r.status for r in article.relations if r.predicate == "works_for"} == {"asserted"}


def test_founders_of_a_split_co_founded(run) -> None:
    article = run("Databricks was co-founded in 2013 by Ali Ghodsi and Matei Zaharia and is run by Ali Ghodsi.")
    assert {("Ali Ghodsi", "Databricks"), ("Matei Zaharia", "Databricks")} <= facts(article, "founded")
    assert ("Ali Ghodsi", "Databricks") in facts(article, "works_for")


def test_where_a_company_is_based_is_asserted_in_a_planned_sentence(run) -> None:
    article = run("Nvidia agreed to buy Xerox Corp. of Stamford, Conn., in 2019.")
    located = [r for r in article.relations if r.predicate == "located_in"]
    assert [(r.status) for r in located] == ["asserted", "asserted"]  # Stamford and, after it, Connecticut


def test_town_before_region_in_x_based(run) -> None:
    article = run("The offering would value the Cambridge, England-based company Arm at $54 billion.")
    assert facts(article, "located_in") == {("Arm", "Cambridge"), ("Arm", "England")}  # the town, then its region


def test_country_possessive_is_not_a_seat(run) -> None:
    assert not facts(run("China's BYD said sales rose."), "located_in")


def test_press_release_dateline_places_its_issuer(run) -> None:
    text = "Dell ships a server\n\nAUSTIN, Texas, May 2, 2024 /PRNewswire/ -- Dell today announced a new server."
    assert ("Dell", "Austin") in facts(run(text), "located_in")


def test_wire_dateline_does_not_place_a_buyer(run) -> None:
    text = "Toyota buys a stake\n\nLONDON, May 2, 2024 - Toyota has agreed to buy a stake in a battery maker."
    assert not facts(run(text), "located_in")


def test_headquarters_now_not_after_a_planned_move(run) -> None:
    article = run("Boeing said it would move its headquarters from Chicago to Arlington.")
    assert facts(article, "located_in") == {("Boeing", "Chicago")}


def test_each_tagged_name_keeps_its_own_employer(run) -> None:
    article = run("Lena Holm of the Nordic Space Institute and Rafael Cruz of Airbus will fly in May.")
    assert facts(article, "works_for") == {("Lena Holm", "Nordic Space Institute"), ("Rafael Cruz", "Airbus")}


def test_named_to_a_post_without_as(run) -> None:
    article = run("Brellmont Foods named Tomas Ekberg chief financial officer, replacing Ann Cole.")
    assert ("Tomas Ekberg", "Brellmont Foods") in facts(article, "works_for")
