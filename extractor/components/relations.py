"""Relations between the article's entities, with evidence and attributes.

Runs the rules it owns (``extractor/rules``: patterns and word lists as data, shipped in
``resources/rules``), then, once per article: resolves references to
"the deal" to the article's main deal, checks each fact against the schema's type
signatures, drops negated ones, marks planned and cancelled ones, and attaches money
amounts, dates and rounds by their distance in the dependency tree to the trigger word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..attributes import Amount, find_amounts, parse_date
from ..extensions import doc_text, register_extensions
from ..rules import Cand, RuleSet
from .grammar import Arg, EntityIndex, governing_verb, is_negated, tree_distance
from .layout import DATELINE_KEY

ORG, GOV, PERSON, PRODUCT, LOCATION = "Organization", "GovernmentBody", "Person", "Product", "Location"
TYPE_SIGNATURES: dict[str, tuple[set[str], set[str]]] = {
    "invests_in": ({ORG, PERSON}, {ORG}),
    "acquires": ({ORG}, {ORG}),
    "partners_with": ({ORG}, {ORG}),
    "competes_with": ({ORG}, {ORG}),
    "uses": ({ORG}, {PRODUCT, ORG}),
    "develops": ({ORG, PERSON}, {PRODUCT}),
    "part_of": ({ORG, PRODUCT}, {ORG, PRODUCT}),
    "available_on": ({PRODUCT}, {PRODUCT, ORG}),
    "supplies": ({ORG}, {ORG, GOV}),
    "approves": ({GOV}, {ORG}),
    "investigates": ({GOV}, {ORG}),
    "works_for": ({PERSON}, {ORG, GOV}),
    "founded": ({PERSON, ORG}, {ORG}),
    "located_in": ({ORG}, {LOCATION}),
}
SYMMETRIC = {"partners_with", "competes_with"}
LIFTED_FROM_PRODUCTS = {"competes_with"}  # products compete because their makers do
MONEY_PREDICATES = {"invests_in", "acquires"}
DATED_PREDICATES = {"invests_in", "acquires", "partners_with", "approves", "investigates", "founded"}
DEAL_PREDICATES = ("invests_in", "acquires")
MAX_ATTRIBUTE_DISTANCE = 7
# word lists of the rules' words.json that this module reads itself
CODE_WORDS = (
    "planned",
    "planned_modifiers",
    "abandon",
    "planning_auxiliaries",
    "money_distractors",
    "round_words",
    "deal_nouns",
    "unnegating_verbs",
)
RULE_SIGNATURES = {
    p: (
        frozenset(s | ({PRODUCT} if p in LIFTED_FROM_PRODUCTS else set())),
        frozenset(o | ({PRODUCT} if p in LIFTED_FROM_PRODUCTS else set())),
    )
    for p, (s, o) in TYPE_SIGNATURES.items()
}


@cache
def packaged_rules() -> RuleSet:
    """The rules shipped in ``extractor/resources/rules``, read once per process."""
    return RuleSet.packaged(RULE_SIGNATURES, CODE_WORDS)


@dataclass
class RelationFact:
    """A relation found in an article, ready for the article JSON."""

    subject: str
    predicate: str
    object: str
    sentence: Span
    rule: str
    confidence: float
    status: str = "asserted"
    amount: Amount | None = None
    date: str | None = None
    round: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def key(self) -> tuple[str, str, str]:
        s, o = self.subject, self.object
        if self.predicate in SYMMETRIC and o < s:
            s, o = o, s
        return (s, self.predicate, o)


class Deals:
    """The deals an article tells, so that "the deal", "the investment" or "bought a stake" can be
    given the parties the sentence leaves out: the latest deal told before it in its paragraph,
    else the article's first fully told deal (what a single-story article is about)."""

    def __init__(self, doc: Doc, facts: list[RelationFact]):
        self.deals = sorted((f for f in facts if f.predicate in DEAL_PREDICATES), key=lambda f: f.attrs["trigger"].i)
        self.paragraph = paragraphs(doc)

    def referred(self, at: Token, predicates: Iterable[str]) -> RelationFact | None:
        wanted = set(predicates)
        kinds = [f for f in self.deals if f.predicate in wanted]
        before = [f for f in kinds if f.attrs["trigger"].i < at.i]
        same = [f for f in before if self.paragraph[f.attrs["trigger"].i] == self.paragraph[at.i]]
        if same:
            return same[-1]
        return kinds[0] if kinds else None

    def arguments(self, cand: Cand) -> Iterator[tuple[Arg, Arg]]:
        at, deferred = cand.trigger, cand.deferred
        if "deal_parties" in deferred.values():  # "the regulator is reviewing the deal": both parties
            deal = self.referred(at, DEAL_PREDICATES)
            if deal is not None:
                for party in (deal.object, deal.subject):
                    yield cand.subject, Arg(party, at, True)
            return
        kinds = DEAL_PREDICATES if cand.predicate not in DEAL_PREDICATES else (cand.predicate,)
        deal = self.referred(at, kinds)
        if deal is None:
            return
        subj = Arg(deal.subject, at, True) if deferred.get("subject") == "deal_subject" else cand.subject
        obj = Arg(deal.object, at, True) if deferred.get("object") == "deal_object" else cand.object
        yield subj, obj


def paragraphs(doc: Doc) -> list[int]:
    """The paragraph number of each token: a paragraph ends at a line break."""
    out, n = [], 0
    for t in doc:
        out.append(n)
        if t.is_space and "\n" in t.text:
            n += 1
    return out


class RelationExtractor:
    """Sets ``doc._.relations`` from the rules it owns (``rules``: a directory of rule files and
    their ``words.json``; the packaged rules when not given), saved and loaded with the pipeline."""

    def __init__(
        self,
        nlp: Language,
        name: str = "newsgraph_relations",
        min_confidence: float = 0.0,
        rules: str | Path | None = None,
    ):
        register_extensions()
        self.name = name
        self.min_confidence = min_confidence
        self.set_rules(RuleSet.from_dir(Path(rules), RULE_SIGNATURES, CODE_WORDS) if rules else packaged_rules())

    def set_rules(self, rules: RuleSet) -> None:
        self.rules = rules
        self.words = rules.words

    def __call__(self, doc: Doc) -> Doc:
        facts = self.facts(doc)
        doc._.relations = [f for f in self.deduplicate(facts) if f.confidence >= self.min_confidence]
        return doc

    def facts(self, doc: Doc) -> list[RelationFact]:
        """Every fact the rules find that passes the article-level checks, before duplicates
        are merged: what the rule examples are tested against."""
        idx = EntityIndex(doc)
        cands = self.rules.run(doc, idx)
        told = [c for c in cands if not c.deferred]
        facts = [f for c in told if (f := self.make_fact(idx, c, c.subject, c.object)) is not None]
        deals = Deals(doc, facts)
        for cand in cands:
            if cand.deferred:
                for subj, obj in deals.arguments(cand):
                    if (fact := self.make_fact(idx, cand, subj, obj)) is not None:
                        facts.append(fact)
        facts = self.lift_products(idx, facts)
        self.attach_amounts(doc, facts)
        self.attach_dates(doc, facts)
        return facts

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.rules.to_disk(Path(path))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        self.set_rules(RuleSet.from_dir(Path(path), RULE_SIGNATURES, CODE_WORDS))
        return self

    # -- one fact ---------------------------------------------------------------------------
    def make_fact(self, idx: EntityIndex, cand: Cand, subj: Arg, obj: Arg) -> RelationFact | None:
        if not subj.id or not obj.id or subj.id == obj.id:
            return None
        allowed_s, allowed_o = TYPE_SIGNATURES[cand.predicate]
        if cand.predicate in LIFTED_FROM_PRODUCTS:
            allowed_s, allowed_o = allowed_s | {PRODUCT}, allowed_o | {PRODUCT}
        stype, otype = idx.type(subj.id), idx.type(obj.id)
        if stype not in allowed_s or otype not in allowed_o:
            return None
        if cand.predicate == "part_of" and (stype == PRODUCT) != (otype == PRODUCT):
            return None
        trigger = cand.trigger
        if (
            is_negated(trigger)
            or trigger.pos_ == "NOUN"
            and (v := governing_verb(trigger)) is not None
            and trigger.dep_ == "dobj"
            and is_negated(v)
            and v.lemma_ not in self.words["unnegating_verbs"]
        ):
            return None
        confidence = float(cand.attrs.get("confidence", 0.85))
        if subj.ref or obj.ref:
            confidence *= 0.9
        fact = RelationFact(
            subject=subj.id,
            predicate=cand.predicate,
            object=obj.id,
            sentence=trigger.sent,
            rule=cand.rule,
            confidence=round(confidence, 2),
            status=cand.attrs.get("status") or self.status(trigger),
            attrs={k: v for k, v in cand.attrs.items() if k in {"purpose", "role"} and v},
        )
        fact.attrs["trigger"] = trigger
        return fact

    def status(self, trigger: Token) -> str:
        """planned for plans, talks and agreed deals not yet closed; cancelled for abandoned ones."""
        words = self.words
        planned = set(words["planned"])
        t = trigger
        for _ in range(4):
            if t.dep_ == "dobj" and (t.head.lemma_ in words["abandon"]):
                return "cancelled"
            if any(c.dep_ == "amod" and c.lower_ in words["planned_modifiers"] for c in t.children):
                return "planned"
            if any(c.dep_ in {"aux"} and c.lower_ in words["planning_auxiliaries"] for c in t.children):
                return "planned"
            if t.lemma_ in planned and t != trigger:
                return "planned"
            if t.dep_ in {"xcomp", "ccomp", "pobj", "prep", "dobj", "conj", "acl"} and t.head != t:
                t = t.head
            else:
                break
        return "asserted"

    # -- facts from other facts -------------------------------------------------------------------
    @staticmethod
    def lift_products(idx: EntityIndex, facts: list[RelationFact]) -> list[RelationFact]:
        """Products compete because their makers do: "Claude 2 competes with GPT-4"."""
        makers: dict[str, str] = {f.object: f.subject for f in facts if f.predicate == "develops"}
        by_name = {c.kb.name: c.id for c in idx.entities.values() if c.kb}
        for c in idx.entities.values():
            if c.type == PRODUCT and c.id not in makers and c.kb and c.kb.developer in by_name:
                makers[c.id] = by_name[c.kb.developer]
        out = []
        for f in facts:
            if f.predicate in LIFTED_FROM_PRODUCTS and PRODUCT in {idx.type(f.subject), idx.type(f.object)}:
                s, o = makers.get(f.subject, f.subject), makers.get(f.object, f.object)
                if s == o or idx.type(s) != ORG or idx.type(o) != ORG:
                    continue
                f.subject, f.object, f.confidence = s, o, round(f.confidence * 0.8, 2)
            out.append(f)
        return out

    # -- attributes -----------------------------------------------------------------------------
    def attach_amounts(self, doc: Doc, facts: list[RelationFact]) -> None:
        for group in by_sentence(facts, MONEY_PREDICATES).values():
            sent = group[0].sentence
            for amount in find_amounts(sent.text, sent.start_char):
                span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
                if span is None or self.is_distractor(span.root):
                    continue
                best = self.nearest(span.root, group)
                for f in best:
                    if f.amount is None or f.amount.value == amount.value:
                        f.amount = amount
                        f.round = f.round or self.round_of(span, f.attrs["trigger"])

    def is_distractor(self, tok: Token) -> bool:
        """Is this sum a revenue, price or charge rather than the deal's value?"""
        distractors = self.words["money_distractors"]
        t = tok
        for _ in range(4):
            if t.head == t:
                return False
            t = t.head
            if t.pos_ == "NOUN" and t.lower_ in distractors:
                return True
            if t.pos_ == "VERB":  # "whose revenue reached $3.4 billion"
                return any(c.dep_ == "nsubj" and c.lower_ in distractors for c in t.children)
        return False

    def nearest(self, tok: Token, facts: list[RelationFact]) -> list[RelationFact]:
        """The facts whose trigger is nearest ``tok`` in the tree, among those whose clause
        ``tok`` belongs to ("founded in 2018" dates the founding, not the backing)."""
        home = self.clause_verb(tok)
        facts = [f for f in facts if home is None or self.in_clause(f.attrs["trigger"], home)]
        scored = [(tree_distance(tok, f.attrs["trigger"]), n, f) for n, f in enumerate(facts)]
        best = min((d for d, _, _ in scored), default=99)
        if best > MAX_ATTRIBUTE_DISTANCE:
            return []
        triggers_at = {f.attrs["trigger"].i for d, _, f in scored if d == best}
        return [f for _, _, f in scored if f.attrs["trigger"].i in triggers_at]

    def clause_verb(self, tok: Token) -> Token | None:
        """The verb whose clause holds ``tok``, looking through "a deal valued at" and "worth"."""
        deal_nouns = set(self.words["deal_nouns"])
        t = tok
        for _ in range(30):
            if t.head == t:
                return t if t.pos_ in {"VERB", "AUX"} else None
            t = t.head
            if t.pos_ in {"VERB", "AUX"} and not (t.dep_ in {"acl", "relcl"} and t.head.lemma_ in deal_nouns):
                return t
        return None

    @staticmethod
    def in_clause(trigger: Token, verb: Token) -> bool:
        """Is ``trigger`` the clause verb, or inside its subtree?"""
        return trigger == verb or verb.is_ancestor(trigger)

    def round_of(self, amount: Span, trigger: Token) -> str | None:
        doc = amount.doc
        lo, hi = min(amount.start, trigger.i) - 3, max(amount.end, trigger.i + 1)
        rounds = self.words["round_words"]
        for t in doc[max(lo, amount.sent.start) : min(hi, amount.sent.end)]:
            if t.lower_ in rounds or t.lemma_ in rounds:
                return rounds.get(t.lower_) or rounds[t.lemma_]
        return None

    def attach_dates(self, doc: Doc, facts: list[RelationFact]) -> None:
        """Each date goes to the dated facts of its sentence whose trigger is nearest to it."""
        by_sent = by_sentence(facts, DATED_PREDICATES)
        for tok, value in date_mentions(doc, doc._.published):
            group = by_sent.get(tok.sent.start, [])
            for f in self.nearest(tok, group):
                f.date = f.date or value

    # -- duplicates -------------------------------------------------------------------------------
    @staticmethod
    def deduplicate(facts: Iterable[RelationFact]) -> list[RelationFact]:
        """One fact per triple and sentence, keeping the most confident and every attribute."""
        kept: dict[tuple, RelationFact] = {}
        for f in facts:
            k = (*f.key(), f.sentence.start, f.amount.value if f.amount else None)
            old = kept.get(k)
            if old is None:
                kept[k] = f
                continue
            best = f if f.confidence > old.confidence else old
            other = old if best is f else f
            best.date = best.date or other.date
            best.round = best.round or other.round
            for key, value in other.attrs.items():
                best.attrs.setdefault(key, value)
            kept[k] = best
        # a triple with an amount in a sentence makes its amount-less twin redundant, unless
        # the twin is dated otherwise ("put $1 billion in 2019 and added more in 2021")
        with_amount: dict[tuple, set[str | None]] = {}
        for f in kept.values():
            if f.amount:
                with_amount.setdefault((*f.key(), f.sentence.start), set()).add(f.date)
        out = [
            f for f in kept.values() if f.amount or f.date not in with_amount.get((*f.key(), f.sentence.start), set())
        ]
        return sorted(out, key=lambda f: (f.sentence.start, f.predicate, f.subject, f.object))


def by_sentence(facts: list[RelationFact], predicates: set[str]) -> dict[int, list[RelationFact]]:
    """Facts of the given predicates, grouped by the sentence they come from."""
    grouped: dict[int, list[RelationFact]] = {}
    for f in facts:
        if f.predicate in predicates:
            grouped.setdefault(f.sentence.start, []).append(f)
    return grouped


BARE_YEAR = re.compile(r"\b(?:in|since|from|of|by|In|Since|From|By) ((?:19|20)\d{2})\b")


def date_mentions(doc: Doc, published: str | None) -> Iterator[tuple[Token, str]]:
    """Normalised dates of the article, each with the token that anchors it in the tree."""
    dateline_end = doc.user_data.get(DATELINE_KEY, 0)
    spans = list(doc.spans.get("newsgraph_dates", []))
    covered = {i for s in spans for i in range(s.start, s.end)}
    for m in BARE_YEAR.finditer(doc_text(doc)):  # bare years the NER called CARDINAL: "in 2019"
        span = doc.char_span(m.start(1), m.end(1))
        if span is not None and len(span) == 1 and span.start not in covered:
            spans.append(span)
    for span in spans:
        if span.start_char < dateline_end:
            continue
        text = span.text
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.lower_ in {"ago", "earlier", "after", "before"}:
            text += " " + nxt.text
        value = parse_date(text, published)
        if value:
            yield span.root, value


@Language.factory(
    "newsgraph_relations",
    default_config={"min_confidence": 0.0, "rules": None},
    requires=["doc._.entities", "doc._.mention_of", "token.dep"],
    assigns=["doc._.relations"],
)
def make_relations(nlp: Language, name: str, min_confidence: float, rules: str | None) -> RelationExtractor:
    """``rules``: a directory of rule files (``*.jsonl``) and their ``words.json``, instead of the packaged ones."""
    return RelationExtractor(nlp, name, min_confidence, rules)
