"""Every relation rule finds exactly the facts its examples list (real model, rules as shipped); at the end,
RuleSet.run on hand-built parses (tests/nlp/conftest.py), no model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.nlp.api import make_doc
from extractor.nlp.components.relations import packaged_rules
from extractor.text.article import from_text

RULES = packaged_rules().rules
EXAMPLES = [(rule, n, ex) for rule in RULES for n, ex in enumerate(rule.examples)]


@pytest.mark.parametrize(("rule", "n", "example"), EXAMPLES, ids=[f"{r.id}-{n}" for r, n, _ in EXAMPLES])
def test_rule_example(nlp: Language, rule, n: int, example) -> None:
    article = from_text(example.text, "example", published=example.published)
    doc = nlp(make_doc(nlp, article))
    names = {c.id: c.name for c in doc._.entities}
    found = {
        (names[f.subject], names[f.object]) for f in nlp.get_pipe("newsgraph_relations").facts(doc) if f.rule == rule.id
    }
    assert found == set(example.facts), f"{rule.id}: {example.text!r}"


def test_patterns_match_as_in_spacys_dependency_matcher(nlp: Language) -> None:
    """The patterns are DependencyMatcher patterns: our matcher finds what spaCy's finds."""
    from spacy.matcher import DependencyMatcher

    from extractor.nlp.rules.pattern import DocArrays, compile_pattern, match

    texts = sorted({ex.text for rule in RULES for ex in rule.examples})
    docs = list(nlp.pipe(texts))
    checked = 0
    for rule in RULES:
        for n, raw in enumerate(rule.patterns):
            spacy_matcher = DependencyMatcher(nlp.vocab)
            spacy_matcher.add("p", [list(raw)])
            ours = compile_pattern(raw, nlp.vocab.strings)
            for doc in docs:
                theirs = sorted(tuple(ids) for _, ids in spacy_matcher(doc))
                assert sorted(match(DocArrays(doc), ours)) == theirs, f"{rule.id} pattern {n}: {doc.text!r}"
                checked += len(theirs)
    assert checked > len(RULES)  # the examples do exercise the patterns


def code_words(**more: list[str]) -> dict:
    """The word lists the code itself reads, plus ``more``."""
    from extractor.nlp.components.relations import CODE_WORDS
    from extractor.nlp.rules.resolvers import WORDS_READ

    packaged = packaged_rules().words
    return {**{k: dict.__getitem__(packaged, k) for k in (*CODE_WORDS, *WORDS_READ)}, **more}


def write_rules(path, rows, words) -> None:
    import json

    path.mkdir()
    (path / "words.json").write_text(json.dumps(words))
    (path / "test.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")


GOOD = {
    "id": "buy",
    "predicate": "acquires",
    "pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": "$buy_verbs"}}],
    "subject": "subject:trigger",
    "object": "object:trigger",
    "examples": [{"text": "Oracle bought Cerner.", "facts": [["Oracle", "Cerner"]]}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "red"}, "unknown keys"),
        ({"predicate": "buys"}, "unknown predicate"),
        ({"subject": "subjekt:trigger"}, "no resolver"),
        ({"object": "object:verb"}, "anchor 'verb'"),
        (
            {"pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"IN": ["$buy_verbs", "$sell_verbs"]}}}]},
            "no word list '\\$sell_verbs'",
        ),
        ({"pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMA": "$buy_verbs"}}]}, "'buy'.*unknown attribute"),
        ({"examples": [{"text": "Oracle bought Cerner.", "facts": []}]}, "at least one example"),
        ({"where": ["object:trigger"]}, "not a check"),
    ],
)
def test_a_bad_rule_is_refused_with_its_name(tmp_path, change, message) -> None:
    from extractor.nlp.components.relations import CODE_WORDS, RULE_SIGNATURES
    from extractor.nlp.rules import RuleError, RuleSet

    write_rules(tmp_path / "rules", [{**GOOD, **change}], code_words(buy_verbs=["buy"]))
    with pytest.raises(RuleError, match=message):
        RuleSet.from_dir(tmp_path / "rules", RULE_SIGNATURES, CODE_WORDS)


def test_a_procedures_checks_read_its_trigger_only(tmp_path) -> None:
    from extractor.nlp.components.relations import CODE_WORDS, RULE_SIGNATURES
    from extractor.nlp.rules import RuleError, RuleSet

    row = {k: v for k, v in GOOD.items() if k not in {"pattern", "subject", "object"}}
    row.update(procedure="known_parent", where=["!reported_relation:verb"])
    write_rules(tmp_path / "rules", [row], code_words(buy_verbs=["buy"]))
    with pytest.raises(RuleError, match="trigger only"):
        RuleSet.from_dir(tmp_path / "rules", RULE_SIGNATURES, CODE_WORDS)


def test_a_word_list_nobody_reads_is_refused(tmp_path) -> None:
    from extractor.nlp.components.relations import CODE_WORDS, RULE_SIGNATURES
    from extractor.nlp.rules import RuleError, RuleSet

    write_rules(tmp_path / "rules", [GOOD], code_words(buy_verbs=["buy"], sell_verbs=["sell"]))
    with pytest.raises(RuleError, match="sell_verbs"):
        RuleSet.from_dir(tmp_path / "rules", RULE_SIGNATURES, CODE_WORDS)


def test_rules_are_saved_and_loaded_with_the_pipeline(nlp: Language, tmp_path) -> None:
    """A user's own rules, set through the component's config, survive to_disk/from_disk."""
    import spacy

    from extractor.nlp.components.relations import CODE_WORDS, RULE_SIGNATURES
    from extractor.nlp.rules import RuleSet

    write_rules(tmp_path / "rules", [GOOD], code_words(buy_verbs=["buy"]))
    RuleSet.from_dir(tmp_path / "rules", RULE_SIGNATURES, CODE_WORDS)  # valid as written
    custom = spacy.blank("en")
    custom.add_pipe("newsgraph_relations", config={"rules": str(tmp_path / "rules")})
    custom.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert [r.id for r in loaded.get_pipe("newsgraph_relations").rules.rules] == ["buy"]


def test_skipping_sentences_with_too_few_entities_changes_no_fact(nlp: Language) -> None:
    """The prefilter only spares work: with it off, the seed and the rules' own example sentences
    give exactly the same facts."""
    from pathlib import Path

    from extractor.nlp.components.relations import CODE_WORDS, RULE_SIGNATURES
    from extractor.nlp.rules import RuleSet

    seed = (Path(__file__).resolve().parents[3] / "seeds" / "amazon-anthropic-8b.txt").read_text(encoding="utf-8")
    texts = [seed, *sorted({ex.text for rule in RULES for ex in rule.examples})[:200]]
    relations = nlp.get_pipe("newsgraph_relations")

    def facts() -> list[list[tuple]]:
        out = []
        for text in texts:
            doc = nlp(make_doc(nlp, from_text(text, "t", published="2024-11-22")))
            out.append(sorted((f.subject, f.predicate, f.object, f.rule, f.confidence) for f in relations.facts(doc)))
        return out

    with_prefilter = facts()
    saved = relations.rules
    try:
        unfiltered = RuleSet.packaged(RULE_SIGNATURES, CODE_WORDS)
        unfiltered._needed = {rule.id: 0 for rule in unfiltered.rules}
        relations.rules = unfiltered
        assert facts() == with_prefilter
        assert any(n > 0 for n in saved._needed.values())
    finally:
        relations.rules = saved


def test_a_sentence_too_long_to_be_one_is_not_read(nlp: Language) -> None:
    """Past MAX_SENTENCE_TOKENS a "sentence" is a list or text without stops: the rules skip it,
    which keeps such input from costing the square of its length."""
    from extractor.nlp.rules.engine import MAX_SENTENCE_TOKENS

    def acquisitions(text: str) -> set[tuple[str, str]]:
        doc = nlp(make_doc(nlp, from_text(text, "t")))
        names = {c.id: c.name for c in doc._.entities}
        facts = nlp.get_pipe("newsgraph_relations").facts(doc)
        return {(names[f.subject], names[f.object]) for f in facts if f.predicate == "acquires"}

    clause = "Broadcom agreed to buy VMware"
    assert acquisitions(clause + ".") == {("Broadcom", "VMware")}
    filler = " and paper" * (MAX_SENTENCE_TOKENS // 2)
    assert acquisitions(clause + filler + ".") == set()


# -- on hand-built parses (tests/nlp/conftest.py): the rules' candidates, no model -----------------

# word lemma POS TAG dep head [entity]; "Oracle bought Cerner." with "Cerner" the {dep} of "bought"
BOUGHT = """
Oracle Oracle PROPN NNP nsubj 1 B-Organization
bought buy    VERB  VBD ROOT  1
Cerner Cerner PROPN NNP {dep} 1 B-{cerner}
.      .      PUNCT .   punct 1
"""

SOLD_TO = """
Cerner Cerner PROPN NNP nsubjpass 2 B-Organization
was    be     AUX   VBD auxpass   2
bought buy    VERB  VBN ROOT      2
by     by     ADP   IN  agent     2
Oracle Oracle PROPN NNP pobj      3 B-Organization
.      .      PUNCT .   punct     2
"""

PASSIVE_BUY = {
    "id": "bought-by",
    "predicate": "acquires",
    "pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": "$buy_verbs"}}],
    "where": ["passive:trigger"],
    "subject": "agent:trigger",
    "object": "passive_subject:trigger",
    "confidence": 0.7,
    "examples": [{"text": "Cerner was bought by Oracle.", "facts": [["Oracle", "Cerner"]]}],
}


def hand_rules(tmp_path, *rows: dict):
    """A RuleSet of ``rows`` with the word list ``buy_verbs`` = ["buy"]."""
    from extractor.nlp.components.relations import CODE_WORDS, RULE_SIGNATURES
    from extractor.nlp.rules import RuleSet

    write_rules(tmp_path / "rules", list(rows), code_words(buy_verbs=["buy"]))
    return RuleSet.from_dir(tmp_path / "rules", RULE_SIGNATURES, CODE_WORDS)


def cands(rules, doc, idx, only: str | None = None) -> list[tuple]:
    return [
        (c.subject.id, c.predicate, c.object.id, c.trigger.i, c.rule, c.attrs["confidence"])
        for c in rules.run(doc, idx, only)
    ]


def test_a_rule_gives_exactly_its_candidate_on_a_hand_built_parse(tmp_path, hand_doc, entities) -> None:
    rules = hand_rules(tmp_path, GOOD)
    doc = hand_doc(BOUGHT.format(dep="dobj", cerner="Organization"))
    assert cands(rules, doc, entities(doc)) == [("e1", "acquires", "e2", 1, "buy", 0.8)]  # 0.8: the default


@pytest.mark.parametrize(
    ("dep", "cerner"),
    [
        ("npadvmod", "Organization"),  # "Cerner" no object of the verb
        ("dobj", "Location"),  # an object the predicate's signature does not take
    ],
)
def test_a_rule_gives_nothing_where_the_tree_or_the_types_say_otherwise(
    tmp_path, hand_doc, entities, dep: str, cerner: str
) -> None:
    rules = hand_rules(tmp_path, GOOD)
    doc = hand_doc(BOUGHT.format(dep=dep, cerner=cerner))
    assert cands(rules, doc, entities(doc)) == []


def test_checks_choose_the_rule_for_the_voice(tmp_path, hand_doc, entities) -> None:
    rules = hand_rules(tmp_path, {**GOOD, "where": ["!passive:trigger"]}, PASSIVE_BUY)
    active = hand_doc(BOUGHT.format(dep="dobj", cerner="Organization"))
    assert cands(rules, active, entities(active)) == [("e1", "acquires", "e2", 1, "buy", 0.8)]
    passive = hand_doc(SOLD_TO)  # Cerner is e1 here, Oracle e2
    assert cands(rules, passive, entities(passive)) == [("e2", "acquires", "e1", 2, "bought-by", 0.7)]
    assert cands(rules, passive, entities(passive), only="buy") == []


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ([], [("e1", "acquires", "e2", 2, "buy", 0.8)]),
        (["has_child:trigger:reportedly"], [("e1", "acquires", "e2", 2, "buy", 0.8)]),
        (["!has_child:trigger:reportedly"], []),
        (["has_child:trigger:reportedly", "!passive:trigger"], [("e1", "acquires", "e2", 2, "buy", 0.8)]),
        (["has_child:trigger:reportedly", "passive:trigger"], []),  # every check must hold
    ],
)
def test_a_match_is_kept_only_where_its_checks_hold(tmp_path, hand_doc, entities, where, expected) -> None:
    rules = hand_rules(tmp_path, {**GOOD, "where": where})
    doc = hand_doc(
        """
        Oracle     Oracle     PROPN NNP nsubj  2 B-Organization
        reportedly reportedly ADV   RB  advmod 2
        bought     buy        VERB  VBD ROOT   2
        Cerner     Cerner     PROPN NNP dobj   2 B-Organization
        .          .          PUNCT .   punct  2
        """
    )
    assert cands(rules, doc, entities(doc)) == expected


def test_two_patterns_finding_one_fact_give_one_candidate(tmp_path, hand_doc, entities) -> None:
    trigger = {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": "$buy_verbs"}}
    with_object = [trigger, {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}}]
    row = {k: v for k, v in GOOD.items() if k != "pattern"}
    rules = hand_rules(tmp_path, {**row, "patterns": [[trigger], with_object]})
    doc = hand_doc(BOUGHT.format(dep="dobj", cerner="Organization"))
    assert cands(rules, doc, entities(doc)) == [("e1", "acquires", "e2", 1, "buy", 0.8)]


def test_a_parties_rule_pairs_the_first_four_parties(tmp_path, hand_doc, entities) -> None:
    row = {
        "id": "partnership-between",
        "predicate": "partners_with",
        "pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": "partnership"}}],
        "parties": "own_prep:trigger:between",
        "examples": [{"text": "The partnership between Oracle and Nvidia grew.", "facts": [["Oracle", "Nvidia"]]}],
    }
    rules = hand_rules(tmp_path, GOOD, row)
    doc = hand_doc(
        """
        The         the         DET   DT  det   1
        partnership partnership NOUN  NN  nsubj 13
        between     between     ADP   IN  prep  1
        Oracle      Oracle      PROPN NNP pobj  2 B-Organization
        ,           ,           PUNCT ,   punct 3
        Nvidia      Nvidia      PROPN NNP conj  3 B-Organization
        ,           ,           PUNCT ,   punct 5
        AMD         AMD         PROPN NNP conj  5 B-Organization
        ,           ,           PUNCT ,   punct 7
        Intel       Intel       PROPN NNP conj  7 B-Organization
        and         and         CCONJ CC  cc    9
        Arm         Arm         PROPN NNP conj  9 B-Organization
        quickly     quickly     ADV   RB  advmod 13
        grew        grow        VERB  VBD ROOT  13
        .           .           PUNCT .   punct 13
        """
    )
    found = {(s, o) for s, _, o, _, rule, _ in cands(rules, doc, entities(doc)) if rule == "partnership-between"}
    assert found == {("e1", "e2"), ("e1", "e3"), ("e1", "e4"), ("e2", "e3"), ("e2", "e4"), ("e3", "e4")}  # not Arm


def test_a_sentence_too_long_to_be_one_is_skipped_on_a_hand_built_parse(tmp_path, hand_doc, entities) -> None:
    from extractor.nlp.rules.engine import MAX_SENTENCE_TOKENS

    rules = hand_rules(tmp_path, GOOD)
    clause = BOUGHT.format(dep="dobj", cerner="Organization").strip().splitlines()[:3]
    filler = ["and and CCONJ CC cc 1", "paper paper NOUN NN conj 1"] * (MAX_SENTENCE_TOKENS // 2)
    long = hand_doc("\n".join([*clause, *filler, ". . PUNCT . punct 1"]))
    assert len(long) > MAX_SENTENCE_TOKENS
    assert cands(rules, long, entities(long)) == []
    short = hand_doc("\n".join([*clause, *filler[:10], ". . PUNCT . punct 1"]))
    assert cands(rules, short, entities(short)) == [("e1", "acquires", "e2", 1, "buy", 0.8)]


def test_entities_are_counted_per_sentence_references_included(hand_doc, entities) -> None:
    from extractor.nlp.rules.engine import entities_per_sentence
    from extractor.nlp.rules.pattern import DocArrays

    doc = hand_doc(
        """
        Oracle Oracle PROPN NNP nsubj 1 B-Organization
        grew   grow   VERB  VBD ROOT  1
        .      .      PUNCT .   punct 1
        It     it     PRON  PRP nsubj 4
        bought buy    VERB  VBD ROOT  4
        Cerner Cerner PROPN NNP dobj  4 B-Organization
        .      .      PUNCT .   punct 4
        """
    )
    assert entities_per_sentence(DocArrays(doc), entities(doc)) == [1, 1, 1, 1, 1, 1, 1]
    assert entities_per_sentence(DocArrays(doc), entities(doc, refs={3: "Oracle"})) == [1, 1, 1, 2, 2, 2, 2]


def test_entities_needed_counts_the_arguments_found_in_the_sentence(tmp_path) -> None:
    told_before = {**GOOD, "id": "buy-it", "object": ["object:trigger", "deal_object"]}
    dateline = {**GOOD, "id": "dateline-buy", "subject": "dateline_issuer:trigger", "object": "deal_object"}
    rules = hand_rules(tmp_path, GOOD, told_before, dateline)
    assert rules._needed == {"buy": 2, "buy-it": 1, "dateline-buy": 0}


# the packaged rules: a pattern rule's fact leaves the last resort nothing to add
INVESTS = """
Amazon    Amazon    PROPN NNP {amazon_dep} 1 B-Organization
invests   invest    {pos}  VBZ ROOT  1
in        in        ADP   IN  prep  1
Anthropic Anthropic PROPN NNP pobj  2 B-Organization
.         .         PUNCT .   punct 1
"""


def test_the_last_resort_reads_only_what_no_rule_found(hand_doc, entities) -> None:
    rules = packaged_rules()
    verb = hand_doc(INVESTS.format(amazon_dep="nsubj", pos="VERB"))
    assert {(c[:3], c[4]) for c in cands(rules, verb, entities(verb))} == {(("e1", "invests_in", "e2"), "invest-in")}
    noun = hand_doc(INVESTS.format(amazon_dep="compound", pos="NOUN"))
    assert {(c[:3], c[4]) for c in cands(rules, noun, entities(noun))} == {
        (("e1", "invests_in", "e2"), "linked-invests-in")
    }
    assert cands(rules, noun, entities(noun), only="invest-in") == []
