"""The product, supplier and corporate-structure rules on whole articles: what the rule examples
cannot show alone (references across sentences, several rules on one fact, near misses), and the
resolvers' and procedures' own edge cases."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.nlp.api import make_doc
from extractor.nlp.components.grammar import EntityIndex
from extractor.nlp.components.relations import packaged_rules
from extractor.nlp.rules.resolvers import products
from extractor.nlp.rules.resolvers.registry import Context
from extractor.text.article import from_text

MINE = {"uses", "develops", "supplies", "available_on", "part_of"}


def mine(triples: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {t for t in triples if t[1] in MINE}


def context(nlp: Language, text: str) -> Context:
    doc = nlp(make_doc(nlp, from_text(text, "test")))
    return Context(EntityIndex(doc), packaged_rules().words)


def test_a_unit_named_after_its_parent_is_part_of_it(triples) -> None:
    found = mine(triples("Amazon reported higher profits. Amazon Web Services grew 17% in the quarter."))
    assert ("Amazon Web Services", "part_of", "Amazon") in found


@pytest.mark.parametrize(
    "text",
    [
        "SoftBank said SoftBank Group would report on Tuesday.",
        "Pioneer Natural Resources agreed to a deal. Pioneer's founder stepped down.",
        "Ford gave money to the Ford Foundation.",
    ],
)
def test_a_corporate_word_or_a_later_short_form_is_the_company_itself(nlp: Language, text: str) -> None:
    """ "SoftBank Group" is SoftBank; a long name used before its short form is one company."""
    from extractor.nlp.rules.procedures import name_prefix

    suffixes = tuple(packaged_rules().words["name_suffixes"])
    assert list(name_prefix(context(nlp, text), suffixes)) == []


def test_a_possessors_product_made_by_another_company_is_used_not_developed(triples) -> None:
    found = mine(triples("Amazon's Nvidia H100 servers are in short supply."))
    assert ("Amazon", "uses", "H100") in found
    assert ("Amazon", "develops", "H100") not in found


def test_a_product_of_a_unit_is_its_parents_own(nlp: Language) -> None:
    """Trainium is made by Amazon Web Services, a unit of Amazon: "Amazon's Trainium" is Amazon's own."""
    ctx = context(nlp, "Amazon's Trainium chips train Claude.")
    idx = ctx.idx
    amazon = next(c.id for c in idx.entities.values() if c.name == "Amazon")
    trainium = next(c for c in idx.entities.values() if c.name == "Trainium")
    arg = products.Arg(trainium.id, trainium.mentions[0].root, False)
    assert not products.made_elsewhere(idx, arg, {amazon})


def test_an_apposition_the_parser_lost_is_read_from_the_comma(nlp: Language) -> None:
    ctx = context(nlp, "Orcel eyes Commerzbank, which would add mBank, its Polish subsidiary.")
    sub = next(t for t in ctx.idx.doc if t.lower_ == "subsidiary")
    assert [ctx.idx.entities[a.id].name for a in products.apposition_of(ctx.idx, sub)] == ["mBank"]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Google, Scale AI's largest customer, cut ties with it.", ("Scale AI", "supplies", "Google")),
        ("Microsoft is one of Nvidia's biggest customers.", ("Nvidia", "supplies", "Microsoft")),
        ("Nvidia counts Microsoft as a customer.", ("Nvidia", "supplies", "Microsoft")),
        ("Meta has bought Scale AI's data services for years.", ("Scale AI", "supplies", "Meta")),
        ("Delta ordered 90 jets from Boeing.", ("Boeing", "supplies", "Delta Air Lines")),
    ],
)
def test_customers_are_supplied(triples, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Apple is not a Qualcomm customer.",
        "Apple, a former Qualcomm customer, designs its own modems.",
        "Commerzbank bought Dresdner Bank from Allianz.",
        "SoftBank bought the 25% of Arm held by its Vision Fund.",
        "Seven & i agreed to sell York Holdings to Bain Capital.",
        "Microsoft provided OpenAI with $10 billion.",
    ],
)
def test_denied_past_and_corporate_deals_supply_nothing(triples, text: str) -> None:
    assert not {t for t in triples(text) if t[1] == "supplies"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anthropic is partly owned by Amazon.", True),
        ("Anthropic, a company 15% owned by Google, raised money.", True),
        ("Arm, a company 90% owned by SoftBank, listed its shares.", False),
        ("Arm is majority-owned by SoftBank Group.", False),
    ],
)
def test_a_minority_owner_is_no_parent(nlp: Language, text: str, expected: bool) -> None:
    ctx = context(nlp, text)
    owned = next(t for t in ctx.idx.doc if t.lemma_ == "own")
    assert products._partly_owned(ctx, owned, ()) is expected


def test_a_merger_folding_one_company_into_another_is_no_unit(triples) -> None:
    assert not mine(triples("The merger folds Vistara into Air India."))
    assert ("Annapurna Labs", "part_of", "Amazon Web Services") in triples(
        "Annapurna Labs was folded into Amazon Web Services in 2015."
    )


def test_references_across_sentences_give_the_owner(triples) -> None:
    text = "Commerzbank reported a profit. Its Polish subsidiary, mBank, grew fastest."
    assert ("mBank", "part_of", "Commerzbank") in triples(text)


def test_availability_is_denied_with_its_copula(triples) -> None:
    assert ("Claude", "available_on", "Azure") not in triples("Claude is not available on Azure.")
    assert ("Claude", "available_on", "Amazon Bedrock") in triples("Claude is available on Amazon Bedrock.")


def test_using_ones_own_product_is_no_news(triples) -> None:
    assert ("Microsoft", "uses", "Azure") not in triples("Microsoft will build supercomputers on Azure.")
    assert ("Anthropic", "uses", "Claude") not in triples("Anthropic runs Claude on Google's TPUs.")


@pytest.mark.parametrize(
    "text",
    [
        "Apple denied reports that it would buy chips from Intel.",
        "TSMC is reportedly in talks to supply chips to Tesla.",
        "Apple is said to be considering buying modems from MediaTek.",
        "TSMC may supply chips to Intel, people familiar with the matter said.",
        "Apple could unveil a foldable iPhone, according to reports.",
    ],
)
def test_hearsay_gives_no_product_or_supplier_fact_from_a_rule(nlp: Language, text: str) -> None:
    """A rumour or an unnamed source's report is not a fact: no rule of these predicates fires
    (the last-resort linked rules, at their own low confidence, are another matter)."""
    doc = nlp(make_doc(nlp, from_text(text, "test")))
    facts = nlp.get_pipe("newsgraph_relations").facts(doc)
    assert [f.rule for f in facts if f.predicate in MINE and not f.rule.startswith("linked-")] == []


def test_a_joint_venture_is_part_of_neither_parent(nlp: Language) -> None:
    text = (
        "Ultium Cells, the joint venture owned by General Motors and LG Energy Solution, built a plant. "
        "Ultium Cells is owned by General Motors and LG Energy Solution."
    )
    doc = nlp(make_doc(nlp, from_text(text, "test")))
    facts = nlp.get_pipe("newsgraph_relations").facts(doc)
    assert [f.rule for f in facts if f.predicate == "part_of" and not f.rule.startswith("linked-")] == []


def test_a_supplier_of_goods_to_a_customer_supplies_it(triples) -> None:
    found = mine(
        triples(
            "Samsung is a key supplier of displays to Apple. Micron is the main supplier of memory chips for Nvidia."
        )
    )
    assert ("Samsung Electronics", "supplies", "Apple") in found
    assert ("Micron", "supplies", "Nvidia") in found
