"""Dependency-tree helpers the relation rules share: arguments of verbs and noun phrases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...text.lexicon import KnowledgeBase, default_gazetteer
from .mentions import EntityCluster, conjuncts_of, relative_antecedent

SUBJECT = "nsubj"
PASSIVE_SUBJECT = "nsubjpass"
OBJECT_DEPS = {"dobj", "attr", "oprd"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp"}
NEGATIONS = {"not", "n't", "never", "no"}
NAME_MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod"}


@dataclass
class Arg:
    """An entity found at a tree position; ``ref`` when found through a pronoun or description;
    ``weight``, the share of its rule's confidence a fact with it keeps (a weaker reading)."""

    id: str
    token: Token
    ref: bool
    weight: float = 1.0


class EntityIndex:
    """Which entities a token stands for, with the article's clusters."""

    def __init__(self, doc: Doc, kb: KnowledgeBase | None = None):
        self.doc = doc
        self.kb = kb or default_gazetteer()  # the pipeline's (newsgraph_entities owns it), for resolvers
        self.mention_of: dict[int, tuple[str, ...]] = doc._.mention_of or {}
        self.entities: dict[str, EntityCluster] = {c.id: c for c in doc._.entities or []}
        self.named = {i for c in self.entities.values() for m in c.mentions for i in range(m.start, m.end)}

    def at(self, tok: Token) -> list[Arg]:
        return [Arg(eid, tok, tok.i not in self.named) for eid in self.mention_of.get(tok.i, ())]

    def type(self, eid: str) -> str:
        return self.entities[eid].type

    def kind(self, eid: str) -> str | None:
        return self.entities[eid].kind

    def np(self, tok: Token, modifiers: bool = False, conj: bool = True) -> list[Arg]:
        """Entities a noun phrase names: its head, appositions, conjuncts and, with
        ``modifiers``, the names compounded into it ("AWS Trainium and Inferentia chips")."""
        tok = relative_antecedent(tok) or tok
        found = self.at(tok)
        if found and all(self.type(a.id) == "Location" for a in found):
            nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.i in self.mention_of and nxt.i not in self.named:
                found = self.at(nxt)
        if not found:
            for child in tok.children:
                if child.dep_ == "appos" or (child.dep_ in {"compound", "nmod"} and child.i > tok.i):
                    found += self.at(child)
            if not found and tok.dep_ == "appos":
                found += self.at(tok.head)
            for acl in (c for c in tok.children if c.dep_ == "acl" and c.lemma_ in {"call", "name"}):
                found += [a for c in acl.children if c.dep_ in {"oprd", "dobj", "attr", "xcomp"} for a in self.np(c)]
            if modifiers and not found:
                found += self.left_names(tok)
        if conj:
            for c in conjuncts_of(tok):
                if c.i > tok.i:
                    found += self.np(c, modifiers, conj=False)
        return unique(found)

    def left_names(self, tok: Token) -> list[Arg]:
        """Names inside a noun phrase before its head, possessors excluded:
        "AWS Trainium and Inferentia chips", "the Bedrock AI cloud service"."""
        found: list[Arg] = []
        for child in tok.lefts:
            if child.dep_ not in NAME_MODIFIER_DEPS:
                continue
            possessed = {t.i for p in child.subtree if p.dep_ == "poss" for t in p.subtree}
            found += [a for t in child.subtree if t.i not in possessed for a in self.at(t)]
        return unique(found)

    def subtree(self, tok: Token, types: Iterable[str]) -> list[Arg]:
        """Every entity of the given types mentioned inside ``tok``'s subtree."""
        wanted = set(types)
        return unique([a for t in tok.subtree for a in self.at(t) if self.type(a.id) in wanted])


def unique(args: list[Arg]) -> list[Arg]:
    seen: set[str] = set()
    out = []
    for a in args:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def subjects(verb: Token) -> list[Token]:
    """Who does ``verb``: its subject, or the subject it shares through control or coordination."""
    own = [c for c in verb.children if c.dep_ == SUBJECT]
    if own:
        out = []
        for s in own:
            antecedent = relative_antecedent(s)
            if antecedent is None:
                out.append(s)
            elif all(c.i < antecedent.i for c in antecedent.conjuncts):
                out += [antecedent, *antecedent.conjuncts]  # "A and B, which led": both, when on the last
            else:
                out.append(antecedent)
        return out
    if verb.dep_ == "relcl" and not is_passive(verb):
        return [verb.head]
    if verb.dep_ in CLIMB_DEPS and verb.head != verb:
        head = verb.head
        raised = [c for c in head.children if c.dep_ == PASSIVE_SUBJECT]  # "X was reported to be probing"
        if raised and verb.dep_ == "xcomp":
            return raised
        if head.pos_ in {"VERB", "AUX"}:
            return subjects(head)
    if verb.dep_ == "acl" and verb.head.pos_ in {"PROPN", "NOUN"}:
        infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
        if infinitive and verb.head.dep_ == "pobj":  # "Apple is in talks to acquire X"
            holder = verb.head.head.head
            if holder.pos_ in {"VERB", "AUX"}:
                return subjects(holder)
        return [verb.head]
    return []


def agents(verb: Token) -> list[Token]:
    """The "by" phrase of a passive verb."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in OBJECT_DEPS]


def prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``tok`` ("invest ... in X")."""
    wanted = set(preps)
    out = []
    for c in tok.children:
        if c.dep_ in {"prep", "dative"} and c.lower_ in wanted:
            out += [g for g in c.children if g.dep_ == "pobj"]
            out += [g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    return out


def is_negated(tok: Token) -> bool:
    """Negated itself, or the object of a negated verb of intent ("does not plan to buy")."""
    t = tok
    for _ in range(3):
        if any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in {"neg", "advmod", "det"} for c in t.children):
            return True
        if t.dep_ == "acl" and any(c.lower_ == "no" for c in t.head.children):
            return True  # "had no plans to acquire"
        if t.dep_ in {"xcomp"} and t.head != t:
            t = t.head
        else:
            return False
    return False


def governing_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(12):
        if t.head == t:
            return t if t.pos_ in {"VERB", "AUX"} else None
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


def tree_distance(a: Token, b: Token) -> int:
    """Number of edges between two tokens of one sentence."""
    up_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up_a:
            return n + up_a[t.i]
    return 99
