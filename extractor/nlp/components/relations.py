"""Relations between the article's entities, with evidence and attributes.

Runs the rules it owns (``extractor/nlp/rules``: patterns and word lists as data, shipped in
``resources/rules``), then, once per article: resolves references to
"the deal" to the article's main deal, checks each fact against the schema's type
signatures, drops negated ones, marks planned and cancelled ones, and attaches money
amounts, dates and rounds by their distance in the dependency tree to the trigger word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...model.vocabulary import vocabulary
from ...text.attributes import Amount, find_amounts, parse_date
from ...text.attributes.dates import counted, find_published, in_year_of
from ..extensions import doc_text, register_extensions
from ..rules import Cand, RuleSet
from ..rules.resolvers.deals import described, is_date, round_noun
from .entities import pipeline_gazetteer
from .grammar import Arg, EntityIndex, governing_verb, is_negated, subjects, tree_distance
from .statuses import agree_statuses

ORG, GOV, PERSON, PRODUCT, LOCATION = "Organization", "GovernmentBody", "Person", "Product", "Location"
VOCABULARY = vocabulary()
# the schema's type signatures, as the union of each predicate's subject and object types; a fact must
# also fit one of its signatures whole (part_of: Organization → Organization or Product → Product)
TYPE_SIGNATURES: dict[str, tuple[set[str], set[str]]] = {
    p.name: (set(p.subject_types), set(p.object_types)) for p in VOCABULARY.predicates
}
SIGNATURES = {p.name: p for p in VOCABULARY.predicates}
SYMMETRIC = set(VOCABULARY.symmetric)
LIFTED_FROM_PRODUCTS = {"competes_with"}  # products compete because their makers do
MONEY_PREDICATES = set(VOCABULARY.carrying("amount"))
DATED_PREDICATES = set(VOCABULARY.carrying("date"))
DEAL_PREDICATES = ("invests_in", "acquires")
MAX_ATTRIBUTE_DISTANCE = 7
# word lists of the rules' words.json that this module reads itself
CODE_WORDS = (
    "planned",
    "planned_modifiers",
    "abandon",
    "planning_auxiliaries",
    "completion_verbs",
    "pledge_verbs",
    "money_distractors",
    "round_words",
    "deal_nouns",
    "acquisition_nouns",
    "stake_nouns",
    "holding_nouns",
    "unnegating_verbs",
    "more_abandon",
    "more_planned",
    "collapse_verbs",
    "more_money_distractors",
    "value_verbs",
    "revenue_verbs",
    "refusal_verbs",
    "expectation_words",
    "speculation_words",
    "denial_verbs",
    "pundit_nouns",
    "approve_verbs",
    "investigate_verbs",
    "pay_verbs",
    "acquire_verbs",
    "deal_event_verbs",
    "investor_words",
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
    given the parties the sentence leaves out (see ``referred``)."""

    def __init__(self, doc: Doc, facts: list[RelationFact], mention_of: dict[int, tuple[str, ...]] | None = None):
        self.deals = sorted((f for f in facts if f.predicate in DEAL_PREDICATES), key=lambda f: f.attrs["trigger"].i)
        self.paragraph = paragraphs(doc)
        self.named_in: dict[int, set[str]] = {}  # paragraph → entities named in it (not just referred to)
        self.named = {i for e in doc.ents for i in range(e.start, e.end)}
        self.mention_of = mention_of or {}
        self.types = {c.id: c.type for c in doc._.entities or []}
        by_name = {c.kb.name: c.id for c in doc._.entities or [] if c.kb}
        self.parents = {  # entity → the id of its parent company named in the article, when known
            c.id: by_name[c.kb.parent] for c in doc._.entities or [] if c.kb and c.kb.parent in by_name
        }
        for i, ids in self.mention_of.items():
            if i in self.named:
                self.named_in.setdefault(self.paragraph[i], set()).update(ids)

    def referred(self, at: Token, predicates: Iterable[str]) -> RelationFact | None:
        """The latest deal told before ``at`` in its paragraph, else the article's first deal told
        before it whose parties the paragraph names (in a roundup, "the deal" of one story never
        reaches the deal of another). A deal told later in the sentence is not what it refers to:
        "The transaction follows Tata's purchase of Jaguar Land Rover"."""
        wanted = set(predicates)
        before = [f for f in self.deals if f.predicate in wanted and f.attrs["trigger"].i < at.i]
        here = self.paragraph[at.i]
        same = [f for f in before if self.paragraph[f.attrs["trigger"].i] == here]
        if same:
            return same[-1]
        named = self.named_in.get(here, set())
        return next((f for f in before if f.object in named or f.subject in named), None)

    def names_a_party(self, at: Token, deal: RelationFact) -> bool:
        """Does the sentence of a reference to ``deal`` name one of its parties, or no company at
        all? A sentence about other companies speaks of another deal."""
        named = {
            eid for i in range(at.sent.start, at.sent.end) if i in self.named for eid in self.mention_of.get(i, ())
        }
        companies = {e for e in named if self.types.get(e) == ORG}
        parties = {deal.subject, deal.object}
        parties |= {e for e in companies if self.parents.get(e) in parties}  # "AWS" for a deal of Amazon's
        return not companies or bool(companies & parties)

    def arguments(self, cand: Cand) -> Iterator[tuple[Arg, Arg, str]]:
        """(subject, object, predicate) of a fact whose parties come from the deal referred to; a
        rule marked ``any_deal`` ("the deal", "paid $7 billion") takes the deal's predicate too."""
        at, deferred = cand.trigger, cand.deferred
        if "deal_parties" in deferred.values():  # "the regulator is reviewing the deal": both parties
            deal = self.referred(at, DEAL_PREDICATES)
            if deal is not None:
                for party in (deal.object, deal.subject):
                    yield cand.subject, Arg(party, at, True), cand.predicate
            return
        any_deal = bool(cand.attrs.get("any_deal"))
        # the company a deal is about is the same whichever kind it is ("Nvidia agreed to buy
        # Mellanox. Starboard took a stake in 2017"); the parties of a deal told again are its own
        told_subject = deferred.get("subject") != "deal_subject"
        party = bool(cand.attrs.get("deal_party"))
        same_kind = cand.predicate in DEAL_PREDICATES and not any_deal and (party or not told_subject)
        kinds = (cand.predicate,) if same_kind else DEAL_PREDICATES
        deal = self.referred(at, kinds)
        if deal is None:
            return
        predicate = deal.predicate if any_deal else cand.predicate
        if (any_deal or not told_subject) and not self.names_a_party(at, deal):
            return  # "Iveco's unit is not part of the deal: Leonardo agreed to buy it" is another deal
        subj = Arg(deal.subject, at, True) if deferred.get("subject") == "deal_subject" else cand.subject
        obj = Arg(deal.object, at, True) if deferred.get("object") == "deal_object" else cand.object
        if (any_deal or party) and told_subject and subj.id != deal.subject:
            return  # "Nvidia paid $7 billion": the payer must be the deal's buyer or investor
        yield subj, obj, predicate


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
        self._nlp = nlp  # for the gazetteer, which newsgraph_entities owns
        self.name = name
        self.min_confidence = min_confidence
        self.set_rules(RuleSet.from_dir(Path(rules), RULE_SIGNATURES, CODE_WORDS) if rules else packaged_rules())

    def set_rules(self, rules: RuleSet) -> None:
        self.rules = rules
        self.words = rules.words

    def __call__(self, doc: Doc) -> Doc:
        facts = [f for f in self.deduplicate(self.facts(doc)) if f.confidence >= self.min_confidence]
        agree_statuses(facts)
        doc._.relations = facts
        return doc

    def facts(self, doc: Doc) -> list[RelationFact]:
        """Every fact the rules find that passes the article-level checks, before duplicates
        are merged: what the rule examples are tested against."""
        idx = EntityIndex(doc, pipeline_gazetteer(self._nlp))
        cands = self.rules.run(doc, idx)
        told = [c for c in cands if not c.deferred]
        facts = [f for c in told if (f := self.make_fact(idx, c, c.subject, c.object)) is not None]
        deals = Deals(doc, facts, idx.mention_of)
        for cand in cands:
            if cand.deferred:
                for subj, obj, predicate in deals.arguments(cand):
                    if (fact := self.make_fact(idx, cand, subj, obj, predicate)) is not None:
                        fact.attrs["told_before"] = True  # its parties come from a deal told before
                        facts.append(fact)
        facts = self.lift_products(idx, facts)
        facts = self.attach_amounts(doc, facts)
        return self.attach_dates(doc, facts)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.rules.to_disk(Path(path))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        self.set_rules(RuleSet.from_dir(Path(path), RULE_SIGNATURES, CODE_WORDS))
        return self

    # -- one fact ---------------------------------------------------------------------------
    def make_fact(
        self, idx: EntityIndex, cand: Cand, subj: Arg, obj: Arg, predicate: str | None = None
    ) -> RelationFact | None:
        predicate = predicate or cand.predicate
        if not subj.id or not obj.id or subj.id == obj.id:
            return None
        allowed_s, allowed_o = TYPE_SIGNATURES[predicate]
        if predicate in LIFTED_FROM_PRODUCTS:
            allowed_s, allowed_o = allowed_s | {PRODUCT}, allowed_o | {PRODUCT}
        stype, otype = idx.type(subj.id), idx.type(obj.id)
        if stype not in allowed_s or otype not in allowed_o:
            return None
        if predicate not in LIFTED_FROM_PRODUCTS and not SIGNATURES[predicate].admits(stype, otype):
            return None  # "Amazon is part of Trainium": each side fits, the pair fits no signature
        trigger = cand.trigger
        if self.denied(trigger) or not (fits_pronoun(idx, subj) and fits_pronoun(idx, obj)):
            return None
        if predicate in DEAL_PREDICATES and obj.id in possessors(idx, subj):
            return None  # "SoftBank's Vision Fund poured $250 million into" SoftBank: a misread reference
        if is_round_name(idx, subj.id) or is_round_name(idx, obj.id):
            return None  # "a $1 billion Series C investment": a round is no company
        if predicate == "invests_in" and self.titled_investor(idx, obj.token):
            return None  # "with participation from Nvidia and existing investor Microsoft": Microsoft invests too
        confidence = float(cand.attrs.get("confidence", 0.85)) * subj.weight * obj.weight
        if (subj.ref or obj.ref) and not cand.deferred:
            confidence *= 0.9  # a deal told again always refers back: its rule's confidence says how well
        status = self.status(trigger)
        told = status != "asserted"  # a cue says planned or called off
        if status != "cancelled" and cand.attrs.get("status"):
            status, told = cand.attrs["status"], True
        fact = RelationFact(
            subject=subj.id,
            predicate=predicate,
            object=obj.id,
            sentence=trigger.sent,
            rule=cand.rule,
            confidence=round(confidence, 2),
            status=status,
            attrs={k: v for k, v in cand.attrs.items() if k in {"purpose", "role"} and v},
        )
        fact.attrs["trigger"] = trigger
        fact.attrs["status_told"] = told or self.told_done(trigger)
        if obj.token.sent.start < trigger.sent.start:  # "X raised $1bn in June. The round was led by A"
            fact.attrs["event_told_at"] = obj.token
        return fact

    def titled_investor(self, idx: EntityIndex, tok: Token) -> bool:
        """Is the mention named with an investor's title ("existing investor Microsoft", "its backer
        SoftBank")? Then it is an investor, not the company invested in."""
        words = self.words["investor_words"]
        while tok.dep_ in {"compound", "flat"} and tok.head != tok and tok.head.i in idx.named:
            tok = tok.head
        titled = tok.dep_ == "appos" and tok.head.i < tok.i and tok.head.lower_ in words
        if titled and not any(c.dep_ == "prep" for c in tok.head.children):  # not "an investor in X, Y"
            return True
        return any(c.dep_ == "compound" and c.lower_ in words and c.i < tok.i for c in tok.children)

    def denied(self, trigger: Token) -> bool:
        """Is what the trigger says denied: negated ("did not buy", "never invested in"), the
        object of a negated verb ("has no stake in"), refused ("declined to invest") or set
        aside ("licensed it rather than acquiring it")?"""
        if is_negated(trigger):
            return True
        if (
            trigger.pos_ == "NOUN"
            and (v := governing_verb(trigger)) is not None
            and trigger.dep_ == "dobj"
            and is_negated(v)
            and v.lemma_ not in self.words["unnegating_verbs"]
        ):
            return True
        if (
            trigger.pos_ == "NOUN"
            and trigger.dep_ == "nsubj"
            and trigger.head.lemma_ == "be"
            and is_negated(trigger.head)
        ):
            return True  # "a merger of A and B is not on the table"; "was not approved" still tells the deal
        if any(c.lower_ in {"no", "never"} and c.dep_ in {"det", "neg"} for c in trigger.children):
            return True  # "no investment in X"
        if any(
            c.dep_ == "dobj" and any(g.lower_ == "no" and g.dep_ == "det" for g in c.children) for c in trigger.children
        ):
            return True  # "Tower gets no stake in Intel", "holds no shares in"
        head = trigger.head
        if trigger.dep_ == "xcomp" and head.lemma_ in self.words["refusal_verbs"]:
            return True
        if trigger.dep_ == "xcomp" and any(c.lower_ == "yet" and c.dep_ == "advmod" for c in head.children):
            return True  # "the CMA has yet to approve the deal": not done
        clause = trigger if trigger.pos_ in {"VERB", "AUX"} else governing_verb(trigger)
        if clause is not None and any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in clause.children):
            return True  # "declined to say whether it had invested in X", "if it buys X"
        before = trigger.doc[max(trigger.sent.start, trigger.i - 4) : trigger.i].text.lower()
        if re.search(r"\b(?:rather than|instead of|as opposed to)\b(?:\s+\S+){0,2}\s*$", before):
            return True
        return self.disputed(trigger) or self.speculated(trigger) or self.pundits_guess(trigger)

    def disputed(self, trigger: Token) -> bool:
        """Is the trigger's clause what someone denies: "Tencent denied that it had bought X",
        "denied reports that it had taken a stake in X"?"""
        words = self.words["denial_verbs"]
        t = trigger
        for _ in range(6):
            if t.head == t:
                return False
            if t.dep_ in {"ccomp", "dobj", "xcomp"} and t.head.lemma_ in words:
                return True
            if t.dep_ not in {"ccomp", "acl", "dobj", "xcomp", "pobj", "prep", "aux", "relcl"}:
                return False
            t = t.head
        return False

    def pundits_guess(self, trigger: Token) -> bool:
        """Is the trigger what analysts guess could or might happen: "Tencent could take a stake in
        X, analysts said", "Analysts say Tencent might buy X"? Companies' own plans ("Volkswagen could
        invest up to $5 billion") are not guesses."""

        def guessed(verb: Token) -> bool:
            return any(c.dep_ == "aux" and c.lower_ in {"could", "might", "may"} for c in verb.children)

        clause = trigger if trigger.pos_ in {"VERB", "AUX"} else governing_verb(trigger)
        for _ in range(3):
            if clause is None or clause.dep_ not in {"xcomp", "conj"} or clause.head == clause or guessed(clause):
                break
            clause = clause.head
        if clause is None or not guessed(clause):
            return False
        tellers = [clause.head] if clause.dep_ == "ccomp" else []
        tellers += [c for c in clause.children if c.dep_ in {"parataxis", "ccomp"}]
        words = self.words["pundit_nouns"]
        return any(
            s.lower_ in words or s.lemma_ in words
            for v in tellers
            for s in v.children
            if s.dep_ in {"nsubj", "nsubjpass", "agent"}
        )

    def speculated(self, trigger: Token) -> bool:
        """Is the trigger only an idea: "the idea that Apple might buy Disney", "analysts speculated
        that a new bid could follow", "rumours of a takeover"?"""
        words = self.words["speculation_words"]
        t = trigger
        for _ in range(6):
            if t.head == t:
                return False
            if t.dep_ in {"acl", "relcl", "ccomp", "pobj", "prep", "xcomp", "dobj", "nsubj"} and t.head.lemma_ in words:
                return True
            if t.dep_ in {"ROOT", "conj", "relcl", "advcl"}:
                return False
            t = t.head
        return False

    def status(self, trigger: Token) -> str:
        """planned for plans, talks and agreed deals not yet closed; cancelled for abandoned ones
        ("scrapped its takeover of", "walked away from its agreement to buy", "the deal collapsed")."""
        words = self.words
        planned = {*words["planned"], *words["more_planned"]}
        abandon = {*words["abandon"], *words["more_abandon"]}
        headline_infinitive = trigger.tag_ == "VB" and trigger.dep_ == "ROOT"
        if headline_infinitive and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
            return "planned"  # a headline's "IBM to buy HashiCorp", "Microsoft to invest $10 billion in"
        if trigger.lemma_ in words["pledge_verbs"]:
            return "planned"  # "Google commits up to $2 billion to Anthropic": a pledge, not yet paid
        if any(c.dep_ in {"relcl", "acl"} and c.lemma_ in planned for c in trigger.children):
            return "planned"  # "investors that have indicated an interest in buying"
        if self.awaiting_close(trigger):
            return "planned"  # "the acquisition is pending regulatory approval", "is expected to close"
        reviewing = {*words["approve_verbs"], *words["investigate_verbs"]}
        if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.lemma_ in reviewing:
            return "planned"  # "the FTC cleared Chevron's acquisition of Hess": still pending
        t = trigger
        for _ in range(5):
            if t.dep_ == "dobj" and t.head.lemma_ in abandon:
                return "cancelled"
            if t.dep_ == "pobj" and t.head.dep_ == "prep":
                verb = t.head.head
                if verb.pos_ in {"ADV", "ADP", "PART"} and verb.head != verb:
                    verb = verb.head  # "walked away from", "pulled out of"
                if verb.lemma_ in abandon:
                    return "cancelled"  # "walked away from its agreement", "pulled out of the deal"
            if t.dep_ in {"nsubj", "nsubjpass"} and t.head.lemma_ in {*words["collapse_verbs"], *abandon}:
                return "cancelled"  # "the deal collapsed", "the merger was called off"
            if t.dep_ in {"xcomp", "advcl"} and t.head.lemma_ in abandon and t.head != t:
                return "cancelled"  # "walked away from talks to buy X" (parsed onto "walked")
            if any(c.dep_ == "amod" and c.lower_ in words["planned_modifiers"] for c in t.children):
                return "planned"
            if any(c.dep_ in {"aux"} and c.lower_ in words["planning_auxiliaries"] for c in t.children):
                return "planned"
            if t.lemma_ in planned and t != trigger:
                return "planned"
            if any(c.lower_ == "reportedly" for c in t.children) or (
                t.lemma_ in {"report", "say", "rumour", "rumor", "understand", "believe"}
                and any(c.dep_ == "auxpass" for c in t.children)
            ):
                return "planned"  # "is reported to be putting in $1 billion", "reportedly agreed to buy"
            if t.dep_ in {"xcomp", "ccomp", "pobj", "prep", "dobj", "conj", "acl", "pcomp"} and t.head != t:
                t = t.head
            else:
                break
        return "asserted"

    def told_done(self, trigger: Token) -> bool:
        """Is an asserted fact told as done ("bought", "has acquired", "was bought by", "owns",
        "completed its purchase of", "the deal closed"), not only named ("the deal drew scrutiny")?
        Then it outweighs the article's plans for the same fact (see ``statuses``)."""
        if trigger.pos_ in {"VERB", "AUX"}:
            if trigger.tag_ in {"VBD", "VBZ", "VBP"}:
                return True
            return trigger.tag_ == "VBN" and any(
                (c.dep_ == "aux" and c.lemma_ == "have") or (c.dep_ == "auxpass" and c.tag_ in {"VBD", "VBZ", "VBP"})
                for c in trigger.children
            )
        verb = trigger.head
        return (
            trigger.dep_ in {"dobj", "nsubj", "nsubjpass"}
            and verb.lemma_ in self.words["completion_verbs"]
            and verb.tag_ in {"VBD", "VBZ", "VBN"}
            and self.status(verb) == "asserted"
        )

    def awaiting_close(self, trigger: Token) -> bool:
        """Is the deal told as not yet closed: "The acquisition is pending regulatory approval", "the
        deal remains subject to approval", "Cisco agreed to buy X, pending approval", "the deal is
        expected to close in the second quarter"?"""
        clause = trigger.head if trigger.dep_ in {"nsubj", "nsubjpass"} else trigger
        if clause.pos_ not in {"VERB", "AUX"}:
            return False
        for c in clause.children:
            if c.lower_ == "pending" and c.dep_ in {"acomp", "advcl", "prep", "xcomp", "amod"}:
                return True
            if c.lower_ == "subject" and c.dep_ in {"acomp", "advcl", "amod"}:
                return any(p.lower_ == "to" for p in c.children)
        if trigger.dep_ in {"nsubj", "nsubjpass"} and clause.lemma_ in self.words["expectation_words"]:
            return any(c.dep_ == "xcomp" and c.lemma_ in self.words["completion_verbs"] for c in clause.children)
        return False

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
    def attach_amounts(self, doc: Doc, facts: list[RelationFact]) -> list[RelationFact]:
        """Each sum of a sentence goes to the deal facts whose trigger is nearest it; a fact given
        several sums ("$6.9 billion at signing and $7 billion at closing") is told once per sum,
        and the other investors or buyers of the same company named in the sentence share the sums
        ("a $1 billion round led by A that drew B and C")."""
        given: dict[int, list[tuple[Amount, Span]]] = {}
        for group in by_sentence(facts, MONEY_PREDICATES).values():
            sent = group[0].sentence
            for amount in find_amounts(sent.text, sent.start_char):
                span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
                if span is None or self.is_distractor(span):
                    continue
                candidates = self.owned_by_deal_noun(span.root, group)
                if self.unread_payment(span.root, candidates):
                    continue
                for f in self.nearest(span.root, candidates, span):
                    given.setdefault(id(f), []).append((amount, span))
            for f in group:  # siblings: the same predicate and object, with no sum of their own
                if id(f) in given or f.attrs.get("told_before"):
                    continue
                shared = [
                    a
                    for g in group
                    if g.object == f.object and g.predicate == f.predicate
                    for a in given.get(id(g), [])
                ]
                if shared:
                    given[id(f)] = shared
        for f in facts:  # "X raised $1 billion on Tuesday. The round was led by A": A's round is that one
            told = f.attrs.get("event_told_at")
            if id(f) in given or told is None or f.predicate != "invests_in":
                continue
            if self.restated_round(f.attrs["trigger"]) is not None:
                sums = self.round_sums(told.sent)
                if sums:
                    given[id(f)] = sums
        out: list[RelationFact] = []
        for f in facts:
            sums = unique_amounts(given.get(id(f), []))
            if not sums:
                out.append(f)
                continue
            for amount, span in sums:
                copy = replace(f, attrs=dict(f.attrs))
                copy.amount = amount
                if f.predicate == "invests_in":
                    copy.round = f.round or self.round_of(span, f.attrs["trigger"])
                out.append(copy)
        return out

    def restated_round(self, trigger: Token) -> Token | None:
        """The round told before that the trigger's clause is about: "The round was led by A", "The
        Series C drew B", "C also took part in the round" (a definite round with no sum of its own)."""
        words = self.words
        found = [trigger.head] if trigger.dep_ in {"acl", "relcl"} else []
        if trigger.pos_ in {"VERB", "AUX"}:
            for c in trigger.children:
                if c.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                    found.append(c)
                elif c.dep_ == "prep" and c.lower_ == "in":
                    found += [g for g in c.children if g.dep_ == "pobj"]
        for r in found:
            definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in r.children)
            own_sum = any(t.like_num or t.tag_ == "$" for t in r.subtree)
            if round_noun(r, words) and definite and not own_sum:
                return r
        return None

    def round_sums(self, sent: Span) -> list[tuple[Amount, Span]]:
        """The sums a sentence gives a round it tells, or a company's raise: "closed a $1.05 billion
        Series C", "raised $640 million"."""
        doc, out = sent.doc, []
        for amount in find_amounts(sent.text, sent.start_char):
            span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
            if span is None or self.is_distractor(span):
                continue
            t = span.root
            for _ in range(6):
                if t.head == t:
                    break
                t = t.head
                if round_noun(t, self.words) or t.pos_ in {"VERB", "AUX"}:
                    break
            if round_noun(t, self.words) or t.pos_ == "VERB" and t.lemma_ in self.words["raise_verbs"]:
                out.append((amount, span))
        return out

    def owned_by_deal_noun(self, tok: Token, facts: list[RelationFact]) -> list[RelationFact]:
        """A sum that modifies a deal noun ("its $3.8 billion agreement to buy X", "closing the $27.7
        billion deal") belongs to that deal: not to a fact another deal noun of the sentence gives."""
        deal_nouns = {*self.words["deal_nouns"], *self.words["acquisition_nouns"]}
        t = tok
        while t.dep_ in {"quantmod", "compound", "nummod", "nmod", "amod"} and t.head != t:
            t = t.head
            if t.pos_ == "NOUN" and t.lemma_ in deal_nouns:
                break
        if not (t.pos_ == "NOUN" and t.lemma_ in deal_nouns) or t == tok:
            return facts
        noun = t

        def related(trigger: Token) -> bool:  # the noun itself, "its agreement to buy", "the acquisition, a $5bn deal"
            return trigger == noun or noun.is_ancestor(trigger) or noun.dep_ == "appos" and noun.head == trigger

        return [f for f in facts if f.attrs["trigger"].pos_ not in {"NOUN", "PROPN"} or related(f.attrs["trigger"])]

    def unread_payment(self, tok: Token, facts: list[RelationFact]) -> bool:
        """Is the sum told with a payment of its own that gave no fact ("the $16.7 billion Intel
        spent on Altera", when Altera was not read as a company)? Then it is no other deal's sum."""
        verbs = {*self.words["pay_verbs"], *self.words["acquire_verbs"], "invest", "raise"}
        head = tok
        while head.dep_ in {"quantmod", "compound", "nummod", "nmod"} and head.head != head:
            head = head.head
        own = [c for c in head.children if c.dep_ in {"acl", "relcl"} and c.lemma_ in verbs]
        if not own:
            return False
        triggers = [f.attrs["trigger"] for f in facts]
        return not any(t == v or v.is_ancestor(t) for v in own for t in triggers)

    def is_distractor(self, span: Span) -> bool:
        """Is this sum a valuation, revenue, price, fee, grant or budget rather than the deal's
        value: "at a $12 billion valuation", "valuing the company at $183 billion", "$35 a share",
        "placed $10 billion in orders", "€18.2bn of state aid", "revenue of $1.68 billion"?"""
        words = self.words
        distractors = {*words["money_distractors"], *words["more_money_distractors"]}
        tok, doc = span.root, span.doc
        after = doc_text(doc)[span.end_char : span.end_char + 40].lower()
        if re.match(r"\s*(?:to\s+\S+\s+)?(?:a|per|an|for each)\s+(?:share|ads|unit|piece)\b", after) or re.match(
            r"\s*(?:to\s+\S+\s+)?(?:each|apiece)\b", after
        ):
            return True
        if any(
            c.dep_ == "prep"
            and c.lower_ in {"of", "in"}
            and any(g.lemma_ in distractors or g.lower_ in distractors for g in c.children if g.dep_ == "pobj")
            for c in tok.children
        ):
            return True  # "€18.2bn of state aid", "¥330 billion in subsidies"
        t = tok
        for _ in range(5):
            if t.head == t:
                return False
            child, t = t, t.head
            if t.pos_ in {"NOUN", "PROPN"} and (t.lower_ in distractors or t.lemma_ in distractors):
                deal_price = any(
                    c.lemma_ in {"purchase", "acquisition", "takeover", "deal", "sale"} for c in t.children
                )
                return child.dep_ not in {"appos", "conj"} and not deal_price  # not "a purchase price of $X"
            if t.lower_ == "at" and t.head.lemma_ in words["value_verbs"]:
                return not self.values_a_deal(t.head)
            if t.lower_ == "worth" and t.head.pos_ in {"NOUN", "PROPN"}:  # "a deal worth", "shares worth"
                return t.head.lemma_ not in {*words["deal_nouns"], *words["stake_nouns"], *words["holding_nouns"]}
            if t.pos_ in {"VERB", "AUX"}:  # "whose revenue reached $3.4 billion", "placed $10bn in orders"
                if t.lemma_ in words["revenue_verbs"]:
                    return True
                if child != tok and not (child.dep_ == "prep" and tok.head == child):
                    return False  # "The price is double the $12.5 billion Google paid": not the verb's own sum
                return any(
                    c.dep_ == "nsubj" and (c.lower_ in distractors or c.lemma_ in distractors) for c in t.children
                ) or any(
                    c.dep_ == "prep"
                    and c.lower_ == "in"
                    and child.dep_ == "dobj"
                    and any(
                        g.dep_ == "pobj" and (g.lemma_ in distractors or g.lower_ in distractors) for g in c.children
                    )
                    for c in t.children
                )
        return False

    def values_a_deal(self, verb: Token) -> bool:
        """Does "valued at" value the deal ("a deal valued at $1.1 billion", "the merger was valued
        at") rather than a company ("valuing the startup at", "a deal that values Scale at")?"""
        deal_nouns = self.words["deal_nouns"]
        valued = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        if not valued and verb.dep_ in {"acl", "amod"}:
            valued = [verb.head]
        return bool(valued) and all(v.lemma_ in deal_nouns for v in valued)

    def nearest(self, tok: Token, facts: list[RelationFact], within: Span | None = None) -> list[RelationFact]:
        """The facts whose trigger is nearest ``tok`` in the tree, among those whose clause
        ``tok`` belongs to ("founded in 2018" dates the founding, not the backing), or whose
        phrase holds it ("investors that indicated an interest in buying up to $735 million")."""
        home = self.clause_verb(tok)
        facts = [
            f
            for f in facts
            if home is None
            or self.in_clause(f.attrs["trigger"], home)
            and not self.in_relative_clause(f.attrs["trigger"], home, tok)
            and not self.describes(f.attrs["trigger"], tok)
            or f.attrs["trigger"].pos_ in {"NOUN", "PROPN"}
            and f.attrs["trigger"].is_ancestor(tok)
            and not self.told_of_another(f.attrs["trigger"], tok)
        ]
        scored = [(tree_distance(tok, f.attrs["trigger"]), n, f) for n, f in enumerate(facts)]
        best = min((d for d, _, _ in scored), default=99)
        if best > MAX_ATTRIBUTE_DISTANCE:
            return []
        # ties go to the trigger nearest in the text ("the $12.5 billion Google paid for X, and the
        # $5.4 billion it spent on Y": each sum to its own verb)
        closest = min(abs(f.attrs["trigger"].i - tok.i) for d, _, f in scored if d == best)
        triggers_at = {
            f.attrs["trigger"].i for d, _, f in scored if d == best and abs(f.attrs["trigger"].i - tok.i) == closest
        }
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
    def time_clause(verb: Token) -> Token:
        """The clause a time clause dates: "When the plan was announced in November 2022, X agreed
        to ..." dates what X agreed, as does "the $7 billion Nvidia paid when the deal closed on Monday"."""
        t = verb
        for _ in range(3):
            marked = any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "as", "once"} for c in t.children)
            # "Under the agreement, announced in March, Chevron will pay": a participle of the deal
            told = t.tag_ == "VBN" and t.lemma_ in {"announce", "agree", "sign", "unveil", "strike", "reach"}
            told = told and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
            if t.dep_ in {"advcl", "relcl"} and (marked or told and t.dep_ == "advcl") and t.head != t:
                t = t.head
                while t.pos_ not in {"VERB", "AUX"} and t.head != t:
                    t = t.head
            else:
                break
        return t

    @staticmethod
    def describes(trigger: Token, tok: Token) -> bool:
        """Is the trigger a participle describing a name ("Sequoia Capital-backed Klarna raised $800
        million")? It tells who backs the company, not what the clause's sum or date is."""
        return (
            trigger.dep_ in {"amod", "compound", "npadvmod"}
            and trigger.pos_ in {"VERB", "ADJ"}
            and not trigger.is_ancestor(tok)
            and trigger.head != tok
        )

    @staticmethod
    def told_of_another(trigger: Token, tok: Token) -> bool:
        """Is ``tok`` in a relative clause about a noun within the trigger's phrase, not about the
        trigger itself? "among the backers of xAI, which raised $6 billion": xAI's raise, not the
        backer's; "investors that indicated an interest in buying $735 million": theirs."""
        t = tok
        while t != trigger and t.head != t:
            if t.dep_ == "relcl" and (t.head != trigger or RelationExtractor.named_before(t)):
                return True
            t = t.head
        return False

    @staticmethod
    def named_before(clause: Token) -> bool:
        """Does a name stand right before the relative clause ("the backers of xAI, which raised")?
        Then "which" is that name, whatever noun the parser hung the clause on."""
        doc, i = clause.doc, clause.left_edge.i - 1
        while i > clause.head.i and doc[i].is_punct:
            i -= 1
        return i > clause.head.i and doc[i].pos_ == "PROPN" and clause.left_edge.lower_ in {"which", "that"}

    @staticmethod
    def in_relative_clause(trigger: Token, verb: Token, tok: Token) -> bool:
        """Is the trigger in a relative clause of a noun of the verb's clause that ``tok`` is not
        part of? "agreed in March to pay 220p a share for the lender, in which Virgin held a
        stake": March dates the payment, not the stake."""
        t = trigger
        while t != verb and t.head != t:
            if t.pos_ in {"VERB", "AUX"} and t != tok and not t.is_ancestor(tok):
                if t.dep_ == "relcl":
                    head = described(t)  # "a $200 million Series B in January 2022, which was led by A"
                    if not (head == tok or head.is_ancestor(tok) or head.i < tok.i < t.i):
                        return True
                elif any(c.lower_ in RELATIVES for c in t.children) or any(
                    c.dep_ == "prep" and any(g.lower_ in RELATIVES for g in c.children) for c in t.children
                ):
                    return True  # "and in which Virgin held a stake", whatever the parser made of it
            t = t.head
        return False

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

    def attach_dates(self, doc: Doc, facts: list[RelationFact]) -> list[RelationFact]:
        """Each date goes to the dated facts of its sentence whose trigger is nearest to it, and to
        the other investors or buyers of the same company there; a fact given several dates ("agreed
        in March 2019 ... closed on Monday") is told once per date. Dates after publication (when
        a deal is expected to close) date no deal."""
        by_sent = by_sentence(facts, DATED_PREDICATES)
        nearest_date: dict[int, tuple[int, str]] = {}  # one date per fact and sentence: the nearest
        restated: dict[int, list[str]] = {}  # the dates of a deal told again: each that is its own
        published, dateline_end = doc._.published, doc._.dateline_end or 0
        if published is None:  # a "Posted" line, a dateline after a deck line or a press-release dateline
            published, found_end = find_published(doc_text(doc))
            dateline_end = max(dateline_end, found_end)
        paragraph = paragraphs(doc)
        dated_events: list[tuple[Token, set[str], str]] = []  # (date, subjects of its clause, value)
        for tok, value in date_mentions(doc, published, dateline_end):
            if published and value[:10] > published or self.expected(tok):
                continue
            verb = tok if tok.pos_ in {"VERB", "AUX"} else self.clause_verb(tok)
            if verb is not None:
                ids = {e for t in subjects(verb) for e in doc._.mention_of.get(t.i, ())}
                dated_events.append((tok, ids, value))
            group = by_sent.get(tok.sent.start, [])
            home = tok if tok.pos_ in {"VERB", "AUX"} else self.clause_verb(tok)
            lifted = self.time_clause(home) if home is not None else None
            anchor = tok if lifted is None or lifted == home else lifted
            written_after = [f for f in group if self.right_after(f.attrs["trigger"], tok)]
            for f in written_after or self.gapped(self.nearest(anchor, group), group, tok):
                if f.attrs.get("told_before"):
                    if self.dates_restated(f.attrs["trigger"], tok, home, lifted):
                        # each its own: "announced in May, closed on Monday"
                        restated.setdefault(id(f), []).append(value)
                    continue
                d = 0 if self.right_after(f.attrs["trigger"], tok) else tree_distance(anchor, f.attrs["trigger"])
                if id(f) not in nearest_date or d < nearest_date[id(f)][0]:
                    nearest_date[id(f)] = (d, value)
        given = {k: [v] for k, (_, v) in nearest_date.items()}
        given.update(restated)
        for f in facts:
            # a sentence that gives the sum of an offering or round told before, but no date, takes
            # that event's date ("Arm set terms on Tuesday ... Apple and Nvidia have indicated an
            # interest in buying up to $735 million of shares"); investors merely named later do not
            told = f.attrs.get("event_told_at")
            if told is None or id(f) in given or f.predicate not in DEAL_PREDICATES or f.amount is None:
                continue
            trigger = f.attrs["trigger"]
            earlier = [
                v
                for t, ids, v in dated_events
                if f.object in ids
                and t.i < trigger.i
                and paragraph[t.i] == paragraph[trigger.i]
                and t.sent != trigger.sent
            ]
            if earlier:
                given[id(f)] = earlier[-1:]
        for group in by_sent.values():
            for f in group:
                if id(f) not in given and f.predicate in DEAL_PREDICATES and not f.attrs.get("told_before"):
                    shared = [
                        d
                        for g in group
                        if g.object == f.object and g.predicate == f.predicate
                        for d in given.get(id(g), [])
                    ]
                    if shared:
                        given[id(f)] = shared
        out: list[RelationFact] = []
        for f in facts:
            dates = list(dict.fromkeys(given.get(id(f), [])))
            if not dates:
                out.append(f)
                continue
            for value in dates:
                copy = replace(f, attrs=dict(f.attrs))
                copy.date = value
                out.append(copy)
        return out

    @staticmethod
    def gapped(nearest: list[RelationFact], group: list[RelationFact], tok: Token) -> list[RelationFact]:
        """A date the parser hung on the verb of "paid $4 billion for A in 2012 and $4.2 billion for B
        in 2009" dates the conjunct written before it: the second sum's deal for "in 2009"; one
        written before the verb ("Last year it spent $A on X and $B on Y") dates them all."""
        out = []
        for f in nearest:
            verb = f.attrs["trigger"]
            conjuncts = [g for g in group if g.attrs["trigger"].dep_ == "conj" and g.attrs["trigger"].head == verb]
            if tok.i < verb.i:
                out += [f, *conjuncts]
                continue
            before = [g for g in conjuncts if g.attrs["trigger"].i < tok.i]
            out += [max(before, key=lambda g: g.attrs["trigger"].i)] if before else [f]
        return list({id(f): f for f in out}.values())

    def dates_restated(self, trigger: Token, tok: Token, home: Token | None, lifted: Token | None) -> bool:
        """Does a date reach a deal told again? Only a date of its own phrase ("the deal, which they
        announced in October 2023"), of what it does ("the deal closed on Monday"; "the $7 billion
        Nvidia paid when the deal closed"), or of what its parties did to it ("could close the deal on
        Wednesday", "agreed to the purchase last December", "completed the acquisition, 21 months
        after it was first announced in January 2022"); not the date a regulator "allowed the
        transaction" or "cleared the deal"."""
        if trigger.pos_ in {"VERB", "AUX"} or trigger.is_ancestor(tok) or self.right_after(trigger, tok):
            return True
        if not hangs_on_verb(tok):
            return False  # "The price is a premium to Seagen's closing price on Friday": the share price's date
        if trigger.dep_ in {"nsubj", "nsubjpass"} and trigger.head in {home, lifted}:
            return trigger.head.lemma_ != "be"  # "The price is a premium to Monday's close": no event
        events = self.words["deal_event_verbs"]
        verb = trigger.head if trigger.dep_ == "dobj" else None
        if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
            verb = trigger.head.head
        if verb is None or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ not in events:
            return False
        if verb in {home, lifted}:
            return True
        if home is None or home.dep_ != "advcl" or home.head != verb or home.lemma_ not in events:
            return False
        return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"it", "which", "that"} for c in home.children)

    @staticmethod
    def right_after(trigger: Token, tok: Token) -> bool:
        """Is the date written right after the deal noun ("an initial $4 billion investment from
        September 2023"), whatever the parser attached it to? Then it is that deal's date."""
        between = trigger.doc[trigger.i + 1 : tok.i]
        return trigger.pos_ == "NOUN" and 0 < len(between) <= 2 and between[0].lower_ in {"from", "of"}

    def expected(self, tok: Token) -> bool:
        """Is the date one a deal is expected, scheduled or due to close by ("is expected to close
        in 2026", "the companies expect that to happen in 2026")? Such dates are not the deal's."""
        words = self.words["expectation_words"]
        v = self.clause_verb(tok)
        for _ in range(3):
            if v is None:
                return False
            if v.lemma_ in words or any(c.dep_ == "acomp" and c.lemma_ in words for c in v.children):
                return True
            if v.dep_ in {"xcomp", "ccomp"} and v.head != v:
                v = v.head
            else:
                return False
        return False

    # -- duplicates -------------------------------------------------------------------------------
    @staticmethod
    def deduplicate(facts: Iterable[RelationFact]) -> list[RelationFact]:
        """One fact per triple and sentence, with every detail its readings give."""
        # One row per triple and sentence: readings that agree where both say something ("the deal"
        # beside "agreed to buy Wiz for $32 billion") are one row with every detail either gives;
        # readings that differ ("$425 million upfront and up to $575 million", a deal "agreed in 2019
        # and closed in 2020") stay apart, since a relation holds one amount and one date.
        groups: dict[tuple, list[RelationFact]] = {}
        for f in facts:
            groups.setdefault((*f.key(), f.sentence.start), []).append(f)
        out: list[RelationFact] = []
        for group in groups.values():
            rows: list[RelationFact] = []
            for f in sorted(group, key=lambda f: (-richness(f), -f.confidence)):
                row = next((g for g in rows if agree(g, f)), None)
                if row is None:
                    rows.append(f)
                else:
                    merge_into(row, f)
            out.extend(rows)
        return sorted(out, key=lambda f: (f.sentence.start, f.predicate, f.subject, f.object))


# Which status a sentence's readings agree on: a cue that the deal is only planned, or called off, outweighs
# a reading that found no cue.
STATUS_WEIGHT = {"asserted": 0, "planned": 1, "cancelled": 2}
DETAILS = ("amount", "date", "round")


def richness(f: RelationFact) -> int:
    return sum(getattr(f, d) is not None for d in DETAILS)


def same_amount(a: Amount, b: Amount) -> bool:
    return (a.value, a.currency, a.bound) == (b.value, b.currency, b.bound)


def agree(g: RelationFact, f: RelationFact) -> bool:
    """Do two readings of one sentence tell the same fact: no detail that both give differs?"""
    return (
        (f.amount is None or g.amount is None or same_amount(f.amount, g.amount))
        and (f.date is None or g.date is None or f.date == g.date)
        and (f.round is None or g.round is None or f.round == g.round)
    )


def merge_into(row: RelationFact, f: RelationFact) -> None:
    """``row`` takes what ``f`` adds: its details, its extra attributes, a more marked status."""
    row.amount = row.amount or f.amount
    row.date = row.date or f.date
    row.round = row.round or f.round
    row.confidence = max(row.confidence, f.confidence)
    if STATUS_WEIGHT[f.status] > STATUS_WEIGHT[row.status]:
        row.status, row.attrs["status_told"] = f.status, f.attrs.get("status_told", False)
    elif f.status == row.status and f.attrs.get("status_told"):
        row.attrs["status_told"] = True
    for key, value in f.attrs.items():
        row.attrs.setdefault(key, value)


RELATIVES = {"which", "whom", "whose", "who"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "who", "whom"}
THING_PRONOUNS = {"it", "its", "which"}


def fits_pronoun(idx: EntityIndex, arg: Arg) -> bool:
    """A pronoun's entity must fit it: "it" is not a person, "he" is one (a misread reference)."""
    if not arg.ref:
        return True
    word = arg.token.lower_
    kind = idx.type(arg.id)
    if word in THING_PRONOUNS:
        return kind != PERSON
    if word in PERSON_PRONOUNS - {"who", "whom"}:
        return kind == PERSON
    return True


ROUND_NAME = re.compile(r"(?:pre-)?series [a-h]\d?(?: (?:round|funding|financing|extension))?|seed(?: round)?", re.I)


def is_round_name(idx: EntityIndex, eid: str) -> bool:
    """Is the entity a funding round read as a name ("Series C")? A round is no party to a deal."""
    return bool(ROUND_NAME.fullmatch(idx.entities[eid].name))


def hangs_on_verb(tok: Token) -> bool:
    """Does the date tell when a verb's event happened ("closed on Monday", "agreed last December"),
    rather than date a noun ("its closing price on Friday")?"""
    t = tok
    for _ in range(5):
        if t.pos_ in {"VERB", "AUX"}:
            return True
        if t.head == t:
            return False
        if t.head.pos_ in {"NOUN", "PROPN"} and not is_date(t.head):
            return False
        t = t.head
    return False


def possessors(idx: EntityIndex, arg: Arg) -> set[str]:
    """Entities named as possessors of the argument's mention: "SoftBank" of "SoftBank's Vision Fund"."""
    tok = arg.token
    while tok.head != tok and tok.dep_ in {"compound", "flat"} and tok.head.i in idx.mention_of:
        tok = tok.head
    return {a.id for c in tok.children if c.dep_ == "poss" for a in idx.at(c)}


def by_sentence(facts: list[RelationFact], predicates: set[str]) -> dict[int, list[RelationFact]]:
    """Facts of the given predicates, grouped by the sentence they come from."""
    grouped: dict[int, list[RelationFact]] = {}
    for f in facts:
        if f.predicate in predicates:
            grouped.setdefault(f.sentence.start, []).append(f)
    return grouped


BARE_YEAR = re.compile(r"\b(?:in|since|from|of|by|In|Since|From|By) ((?:19|20)\d{2})\b")
# times told from the story's last date that the NER may miss: "the following day", "a year earlier"
STORY_DATE = re.compile(
    r"\b((?:the|The) (?:following|next|previous|prior) (?:day|week|month|year)"
    r"|(?:the|The) (?:day|week|month|year) (?:before|after)(?=[,.;])"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|A|An|One|Two|Three|Four|Five|Six)"
    r" (?:days?|weeks?|months?|years?) (?:earlier|later))\b"
)
STORY_TIME = ("earlier", "later", "before", "after", "ago")


def counted_event(span: Span, word: Token, published: str | None, last: str | None) -> tuple[Token, str] | None:
    """ "comes a month after Amazon said ...": the verb of the clause after "after" (or "before"),
    dated from publication when the sentence is in the present ("comes", "follows"), else from
    the date told last; weeks give a month ("three weeks after" is not a day)."""
    m = re.fullmatch(r"(?:about |some |nearly |almost )?(\w+) (day|week|month|year)s?", span.text.lower())
    if m is None:
        return None
    words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
    n = int(m.group(1)) if m.group(1).isdigit() else words.get(m.group(1))
    event = next((c for c in word.children if c.pos_ in {"VERB", "AUX"}), None)
    if event is None and word.dep_ == "mark" and word.head.pos_ in {"VERB", "AUX"}:
        event = word.head
    if n is None or event is None:
        return None
    main = word.head if word.dep_ != "mark" else event.head
    base = published if main.tag_ in {"VBZ", "VBP"} or last is None else last
    if base is None:
        return None
    unit, sign = m.group(2), -1 if word.lower_ == "after" else 1
    if unit == "week":
        value = counted(base, sign * 7 * n, "day")
        value = value[:7] if value else None
    else:
        value = counted(base, sign * n, unit)
    return (event, value) if value else None


def unique_amounts(found: list[tuple[Amount, Span]]) -> list[tuple[Amount, Span]]:
    """Sums in text order, each value once."""
    seen: set[tuple[float, str]] = set()
    out = []
    for amount, span in sorted(found, key=lambda x: x[0].start):
        key = (float(amount.value), amount.currency)
        if key not in seen:
            seen.add(key)
            out.append((amount, span))
    return out


def date_mentions(doc: Doc, published: str | None, dateline_end: int | None = None) -> Iterator[tuple[Token, str]]:
    """Normalised dates of the article, each with the token that anchors it in the tree. Dates
    told from another ("two months earlier", "the following day", "that April") count from the
    date told last before them."""
    if dateline_end is None:
        dateline_end = doc._.dateline_end or 0
    spans = list(doc._.dates or [])
    covered = {i for s in spans for i in range(s.start, s.end)}
    for m in BARE_YEAR.finditer(doc_text(doc)):  # bare years the NER called CARDINAL: "in 2019"
        span = doc.char_span(m.start(1), m.end(1))
        if span is not None and len(span) == 1 and span.start not in covered:
            spans.append(span)
    for m in STORY_DATE.finditer(doc_text(doc)):
        span = doc.char_span(m.start(1), m.end(1))
        if span is None:
            continue
        holders = [s for s in spans if s.start <= span.start and span.end <= s.end and s != span]
        if holders and all(h.start < span.start for h in holders):  # "MuleSoft the year before", misread
            spans = [s for s in spans if s not in holders]
        elif holders:
            continue
        spans.append(span)
    last: str | None = None  # the date told last
    for span in sorted(spans, key=lambda s: s.start):
        if span.start_char < dateline_end:
            continue
        text = span.text
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.lower_ in STORY_TIME:
            after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
            if nxt.lower_ in {"after", "before"} and after is not None and not after.is_punct:
                # "The deal comes a month after Amazon said it would invest": the event of the
                # clause is dated from the time of the sentence it hangs from
                event = counted_event(span, nxt, published, last)
                if event is not None:
                    yield event
                continue
            text += " " + nxt.text
        prev = doc[span.start - 1] if span.start > 0 else None
        anchor = last if last is not None else None
        value = None
        if prev is not None and prev.lower_ in {"that", "same"} and anchor is not None:
            value = in_year_of(text, anchor)  # "talks the two lenders abandoned that April"
        value = value or parse_date(text, published, anchor)
        if value:
            last = value
            yield span.root, value


@Language.factory(
    "newsgraph_relations",
    default_config={"min_confidence": 0.0, "rules": None},
    # doc._.dateline_end and doc._.published are read when set (by newsgraph_layout or the caller)
    requires=["doc._.entities", "doc._.mention_of", "doc._.dates", "token.dep", "token.lemma"],
    assigns=["doc._.relations"],
)
def make_relations(nlp: Language, name: str, min_confidence: float, rules: str | None) -> RelationExtractor:
    """``rules``: a directory of rule files (``*.jsonl``) and their ``words.json``, instead of the packaged ones."""
    return RelationExtractor(nlp, name, min_confidence, rules)
