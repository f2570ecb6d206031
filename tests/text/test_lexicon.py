"""The gazetteer and places data, and the strict loader that checks them."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from extractor.text.lexicon import (
    ENTITY_TYPES,
    PLACE_KINDS,
    GazetteerError,
    KnowledgeBase,
    default_gazetteer,
    place_rows,
    read_jsonl,
)


def shipped(name: str) -> list[dict]:
    return read_jsonl(None, name)


GOOD = [
    {"name": "Acme", "type": "Organization", "wikidata": "Q1", "aliases": ["Acme Corp."], "descriptors": ["maker"]},
    {"name": "Acme Widget", "type": "Product", "kind": "hardware", "developer": "Acme"},
    {"name": "Acme Labs", "type": "Organization", "parent": "Acme"},
]


def load(*rows: dict) -> KnowledgeBase:
    return KnowledgeBase.from_rows([*GOOD, *rows])


# -- the loader rejects bad rows with an error that names the row and the field ----------------
def test_good_rows_load() -> None:
    kb = load()
    assert kb.lookup("Acme Corp.").name == "Acme"
    assert kb.lookup("Acme Widget").developer == "Acme"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "X", "type": "Organization", "alias": ["Y"]}, r"row 4 \('X'\): unknown key 'alias'"),
        ({"name": "X", "type": "Company"}, "unknown type 'Company'"),
        ({"type": "Organization"}, "row 4: no name"),
        ({"name": " X", "type": "Organization"}, "leading or trailing spaces"),
        ({"name": "X", "type": "Product"}, "a Product needs a kind"),
        ({"name": "X", "type": "Product", "kind": "gadget"}, "a Product needs a kind.*'gadget'"),
        ({"name": "X", "type": "Organization", "kind": "chip"}, "kind is for Product"),
        ({"name": "X", "type": "Location", "kind": "planet"}, "unknown place kind 'planet'"),
        ({"name": "X", "type": "Organization", "wikidata": "Q0"}, "Wikidata id 'Q0' is not of the form Q123"),
        ({"name": "X", "type": "Organization", "wikidata": "q42"}, "Wikidata id 'q42'"),
        ({"name": "X", "type": "Organization", "wikidata": 42}, "Wikidata id 42"),
        ({"name": "X", "type": "Organization", "wikidata": "Q1"}, "Q1 is already the id of 'Acme'"),
        ({"name": "X", "type": "Organization", "aliases": "Y"}, "aliases must be a list"),
        ({"name": "X", "type": "Organization", "aliases": ["Y", ""]}, "each of aliases must be a non-empty string"),
        ({"name": "X", "type": "Organization", "aliases": ["Y", "Y"]}, "aliases lists 'Y' twice"),
        ({"name": "X", "type": "Organization", "aliases": ["X"]}, "alias 'X' repeats the name"),
        ({"name": "X", "type": "Organization", "context": ["chip maker"]}, "context word 'chip maker' has a space"),
        ({"name": "X", "type": "Organization", "context": ["oil", "X"]}, "context word 'X' is the entry's own name"),
        ({"name": "X", "type": "Organization", "developer": "Acme"}, "developer is for Product rows"),
        ({"name": "X", "type": "Organization", "parent": 7}, "parent must be a non-empty string"),
    ],
)
def test_bad_row_is_a_clear_error(row: dict, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        load(row)


def test_one_name_never_maps_to_two_types() -> None:
    with pytest.raises(GazetteerError, match="'Acme' would map to two entries of different types: Organization 'Acme'"):
        load({"name": "Acme", "type": "Location"})
    with pytest.raises(GazetteerError, match="'Acme Corp.' would map to two entries of different types"):
        load({"name": "Acme Tool", "type": "Product", "kind": "other", "aliases": ["Acme Corp."]})


def test_one_name_never_names_two_entries_of_one_type() -> None:
    with pytest.raises(GazetteerError, match="'Acme Corp.' is already a name of Organization 'Acme'"):
        load({"name": "Acme Holdings", "type": "Organization", "aliases": ["Acme Corp."]})


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "X", "type": "Organization", "parent": "Nobody"}, "parent 'Nobody' is not an entry's name"),
        ({"name": "X", "type": "Organization", "parent": "Acme Corp."}, "use its name 'Acme'"),
        ({"name": "X", "type": "Organization", "parent": "X"}, "parent names the entry itself"),
        ({"name": "X", "type": "Product", "kind": "chip", "developer": "Nobody"}, "developer 'Nobody' is not an entry"),
        (
            {"name": "X", "type": "Product", "kind": "chip", "developer": "Acme Widget"},
            "developer 'Acme Widget' is a Product",
        ),
        ({"name": "X", "type": "Organization", "parent": "Acme Widget"}, "parent 'Acme Widget' is a Product"),
    ],
)
def test_references_must_name_an_entry(row: dict, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        load(row)


def test_parent_cycles_are_rejected() -> None:
    rows = [{"name": "A", "type": "Organization", "parent": "B"}, {"name": "B", "type": "Organization", "parent": "A"}]
    with pytest.raises(GazetteerError, match="parent cycle A -> B -> A"):
        KnowledgeBase.from_rows(rows)


def test_place_rows_are_checked() -> None:
    with pytest.raises(GazetteerError, match=r"places row 1 \('Atlantis'\): unknown place kind 'island'"):
        place_rows([{"name": "Atlantis", "kind": "island"}])
    with pytest.raises(GazetteerError, match="unknown key 'type'"):
        place_rows([{"name": "Atlantis", "kind": "city", "type": "Location"}])
    assert place_rows([{"name": "Atlantis", "kind": "city"}]) == [
        {"name": "Atlantis", "kind": "city", "type": "Location"}
    ]


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "gaz.jsonl"
    bad.write_text('{"name": "A", "type": "Organization"}\n\n{"name": "B",\n')
    with pytest.raises(GazetteerError, match=r"gaz.jsonl line 3: not valid JSON"):
        read_jsonl(bad, "gazetteer.jsonl")
    bad.write_text('["A"]\n')
    with pytest.raises(GazetteerError, match="line 1: a row must be a JSON object"):
        read_jsonl(bad, "gazetteer.jsonl")


def test_rows_round_trip() -> None:
    kb = default_gazetteer()
    again = KnowledgeBase.from_rows(kb.rows())
    assert again.entries == kb.entries and again.by_name == kb.by_name


# -- the shipped data ---------------------------------------------------------------------------
def test_shipped_data_loads_and_is_large() -> None:
    kb = default_gazetteer()
    types = Counter(e.type for e in kb.entries.values())
    assert len(shipped("gazetteer.jsonl")) > 1000
    assert types["Organization"] > 800 and types["GovernmentBody"] > 150 and types["Product"] > 150
    assert types["Person"] == 0, "people change jobs; the NER finds them"
    kinds = Counter(e.kind for e in kb.entries.values() if e.type == "Product")
    assert all(kinds[k] >= 10 for k in ("chip", "ai_model", "cloud_service", "software", "hardware"))
    assert Counter(r["kind"] for r in shipped("places.jsonl"))["country"] >= 190


ORDER = {t: n for n, t in enumerate(ENTITY_TYPES)}


def test_shipped_files_are_sorted_and_canonical() -> None:
    gaz = shipped("gazetteer.jsonl")
    assert gaz == sorted(gaz, key=lambda r: (ORDER[r["type"]], r["name"].casefold(), r["name"]))
    places = shipped("places.jsonl")
    kinds = {k: n for n, k in enumerate(PLACE_KINDS)}
    assert places == sorted(places, key=lambda r: (kinds[r["kind"]], r["name"].casefold(), r["name"]))
    for name in ("gazetteer.jsonl", "places.jsonl"):
        text = resources.files("extractor.resources").joinpath(name).read_text(encoding="utf-8")
        assert text == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in read_jsonl(None, name))


def test_products_name_their_developer_and_orgs_their_real_parent() -> None:
    kb = default_gazetteer()
    for name, parent in [("YouTube", "Google"), ("Instagram", "Meta"), ("Red Hat", "IBM"), ("Jeep", "Stellantis")]:
        assert kb.lookup(name).parent == parent
    for name, developer in [("Claude", "Anthropic"), ("H100", "Nvidia"), ("Azure", "Microsoft"), ("EPYC", "AMD")]:
        assert kb.lookup(name).developer == developer


@pytest.mark.parametrize(
    ("name", "canonical", "etype"),
    [
        ("BlackRock", "BlackRock", "Organization"),
        ("Nubank", "Nubank", "Organization"),
        ("Berkshire Hathaway", "Berkshire Hathaway", "Organization"),
        ("FTC", "Federal Trade Commission", "GovernmentBody"),
        ("CMA", "Competition and Markets Authority", "GovernmentBody"),
        ("SAMR", "State Administration for Market Regulation", "GovernmentBody"),
        ("ECB", "European Central Bank", "GovernmentBody"),
        ("Bundesbank", "Deutsche Bundesbank", "GovernmentBody"),
        ("Qatar Investment Authority", "Qatar Investment Authority", "Organization"),
        ("GPT-4", "GPT-4", "Product"),
        ("Calif.", "California", "Location"),
        ("Mass.", "Massachusetts", "Location"),
    ],
)
def test_well_known_names(name: str, canonical: str, etype: str) -> None:
    entry = default_gazetteer().lookup(name)
    assert entry is not None and (entry.name, entry.type) == (canonical, etype)


# Names that are also common words or people's names: in the gazetteer only with context words
# (which restrict a match to sentences that contain one), or not at all.
RESTRICTED = [
    "Shell",
    "Target",
    "Visa",
    "Block",
    "Snap",
    "Gap",
    "Sky",
    "Orange",
    "Mosaic",
    "Scale",
    "Vault",
    "Teams",
    "Chrome",
    "Delta",
    "Wise",
    "Apollo",
    "Continental",
    "Puma",
    "Zara",
    "Lilly",
    "Suzuki",
    "Abbott",
    "Hilton",
    "Mars",
    "Fitch",
    "Starboard",
    "Grace",
    "Galaxy",
    "Surface",
    "Pixel",
    "Mac",
    "Patriot",
    "Steam",
    "Threads",
    "Cursor",
    "Java",
    "BIS",
    "CAC",
    "ASIC",
    "RTX",
]
ABSENT = [
    "America",
    "Square",
    "Next",
    "Three",
    "Chase",
    "Discovery",
    "Summit",
    "Arc",
    "Jordan",
    "Chad",
    "Reading",
    "Bath",
    "Nice",
    "Mobile",
    "Split",
    "Victoria",
    "Florence",
    "Charlotte",
    "Lincoln",
    "Jackson",
    "Madison",
    "Sheffield",
    "Office",
    "Switch",
    "Echo",
    "Ring",
    "Nest",
    "Boots",
    "Coach",
    "Total",
    "Daimler",
    "Volvo",
    "Prudential",
    "Yamaha",
    "Tata",
    "Adani",
    "Bain",
    "Hess",
    "Elliott",
    "JD",
    "ICE",
    "LSE",
    "PMI",
    "S&P",
    "X",
]


@pytest.mark.parametrize("name", RESTRICTED)
def test_ambiguous_names_carry_context(name: str) -> None:
    entry = default_gazetteer().lookup(name)
    assert entry is None or entry.context, f"{name!r} needs context words"


@pytest.mark.parametrize("name", ABSENT)
def test_ambiguous_names_are_left_out(name: str) -> None:
    assert default_gazetteer().lookup(name) is None


def test_context_words_never_need_two_tokens() -> None:
    for e in default_gazetteer().entries.values():
        assert all(" " not in w for w in e.context), e.name


# -- with the real pipeline -----------------------------------------------------------------------
def test_companies_the_small_model_mistypes(run) -> None:
    article = run("Berkshire Hathaway sold its stake in Nubank, and BlackRock bought shares of Bradesco.")
    found = {e.name: e.type for e in article.entities}
    for name in ("Berkshire Hathaway", "Nubank", "BlackRock", "Bradesco"):
        assert found[name] == "Organization", (name, found)


def test_context_restricts_an_ambiguous_name(run) -> None:
    # without an oil word in the sentence the gazetteer does not match (what the base NER makes of it is its own)
    assert all(e.wikidata != "Q154950" for e in run("Shell shocked, the team regrouped on Monday.").entities)
    oil = run("Shell raised its dividend as oil and gas prices rose.").by_name("Shell")
    assert oil is not None and oil.type == "Organization" and oil.wikidata == "Q154950"


def test_bank_of_america_is_not_a_place(run) -> None:
    article = run("Bank of America and Nvidia said sales in Central America grew.")
    places = {e.name for e in article.entities if e.type == "Location"}
    assert "United States" not in places
    assert article.by_name("Bank of America").type == "Organization"


def test_a_parent_group_and_its_airline_are_two_entries(run) -> None:
    # a holding company and its operating subsidiary are two things, not two names of one
    article = run("Alaska Air Group, which owns Alaska Airlines, reported a profit.")
    names = {e.name for e in article.entities}
    assert {"Alaska Air Group", "Alaska Airlines"} <= names
    assert default_gazetteer().lookup("Alaska Airlines").parent == "Alaska Air Group"


def test_no_short_alias_stands_for_a_whole_family_of_firms() -> None:
    # "Novo" is Novo Nordisk, Novo Holdings and the Novo Nordisk Foundation alike
    assert default_gazetteer().lookup("Novo") is None
