"""Every relation rule finds exactly the facts its examples list (real model, rules as shipped)."""

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
