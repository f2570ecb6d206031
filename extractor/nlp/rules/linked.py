"""The last resort: two entities of one clause linked through a trigger word of a predicate.

News states relations in more ways than rules list, and the small parser misreads some of those
it does list. When no rule found anything between two entities of a sentence, but they sit in
one clause on either side of a trigger word of a predicate ("Total, the French major, then
*acquired* a 20% interest alongside Shell" has no rule for "acquired ... alongside"), and their
types fit the predicate's signature, the pair gets that predicate at a low confidence, so it is
found rather than lost and a user can still filter it out (``--min-confidence``).

The link must be short (the dependency path between the two mentions has at most
``MAX_PATH`` edges), must pass through the trigger, and must not cross another clause: no other
verb on the path, so "A said B would acquire C" never gives A anything. The subject is the
entity on the subject side of the trigger: its subject, possessor or "by" phrase, else the one
named first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...model.vocabulary import vocabulary
from ..components.grammar import Arg
from .procedures import Found, procedure

if TYPE_CHECKING:
    from .resolvers import Context

MAX_PATH = 4
MAX_MENTIONS = 60  # mentions in one sentence beyond which it is a list or a table, not a clause
SHARE_WORDS = {"%", "percent", "stake", "share", "shares"}  # an owner of these holds a stake
MAX_SIDE = 2  # edges between the trigger and each entity: its own arguments, not a noun's ("led the talks with X")
CLAUSE_POS = {"VERB", "AUX"}
LINKING_VERBS = {"be", "have", "remain", "become", "stay"}

SYMMETRIC = vocabulary().symmetric


def path(a: Token, b: Token) -> list[Token] | None:
    """Tokens from ``a`` to ``b`` through their lowest common head, or None across sentences."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    up_b = []
    for t in [b, *b.ancestors]:
        if t.i in index:
            return up_a[: index[t.i] + 1] + list(reversed(up_b))
        up_b.append(t)
    return None


def mention_heads(ctx: Context) -> list[tuple[str, Token]]:
    """(entity id, the token standing for the mention in the tree) for named and resolved mentions."""
    idx = ctx.idx
    heads: dict[int, str] = {}
    for c in idx.entities.values():
        for m in c.mentions:
            heads.setdefault(m.root.i, c.id)
    for i, ids in idx.mention_of.items():
        if i not in idx.named and len(ids) == 1:
            heads.setdefault(i, ids[0])
    return [(eid, idx.doc[i]) for i, eid in sorted(heads.items())]


def crosses_clause(tok: Token) -> bool:
    """A verb on the way is another clause; a copula or "have" only links ("X is a unit of Y",
    "X remains Y's largest financier")."""
    return tok.pos_ in CLAUSE_POS and tok.lemma_ not in LINKING_VERBS


def subject_score(mention: Token, trigger: Token) -> float:
    """How plainly the mention is the subject of what the trigger says: 2 for its subject or "by"
    phrase ("Oracle is a big Nvidia shareholder", "owned by SoftBank"), 1.5 for the noun it
    describes ("Arm, the chip designer owned by ..."), 1 for its possessor, 0 otherwise."""
    if trigger.is_ancestor(mention):
        child = next(t for t in trigger.children if t.is_ancestor(mention) or t == mention)
        return 2.0 if child.dep_ in {"nsubj", "csubj", "agent"} else 1.0 if child.dep_ == "poss" else 0.0
    if mention.is_ancestor(trigger):
        return 1.5
    head = trigger.head
    if trigger.dep_ == "nsubj" and mention.head == head and mention.dep_ == "attr":
        return 1.5  # "Harman's owner is Samsung": the attribute is the trigger's referent
    # both under a common head: "YouTube is a Google unit" (subject and predicate of one clause)
    t = mention
    while t.head != t and not t.head.is_ancestor(trigger):
        t = t.head
    return 2.0 if t.dep_ in {"nsubj", "csubj"} else 0.0


@procedure("linked")
def linked(ctx: Context, args: tuple[str, ...]) -> Iterator[Found]:
    """Pairs linked through one of ``args`` (trigger lemmas) inside one clause; see the module."""
    yield from _linked(ctx, set(args), inverse=False)


@procedure("linked_inverse")
def linked_inverse(ctx: Context, args: tuple[str, ...]) -> Iterator[Found]:
    """As ``linked``, for triggers whose subject side is the predicate's object: "the owner of
    7-Eleven", "owned by SoftBank" name the parent of a ``part_of``."""
    yield from _linked(ctx, set(args), inverse=True)


def links(ctx: Context) -> list[tuple[str, Token, str, Token, list[Token]]]:
    """Every pair of mentions of one sentence whose dependency path is short enough to link
    them, with that path; worked out once per Doc and shared by every ``linked`` rule."""
    cached = ctx.cache.get("links")
    if cached is not None:
        return cached
    by_sentence: dict[int, list[tuple[str, Token]]] = {}
    sentence = sentence_index(ctx)
    for eid, tok in mention_heads(ctx):
        by_sentence.setdefault(sentence[tok.i], []).append((eid, tok))
    found = []
    for heads in by_sentence.values():
        if len(heads) > MAX_MENTIONS:
            continue  # a list or a table, not a clause: no guessing there
        for n, m in near_pairs([tok for _, tok in heads]):
            (eid_a, a), (eid_b, b) = heads[n], heads[m]
            if eid_a == eid_b or b in a.conjuncts:
                continue  # members of one list are not related by being listed
            route = path(a, b)
            if route is not None and 2 < len(route) <= MAX_PATH + 1:
                found.append((eid_a, a, eid_b, b, route))
    ctx.cache["links"] = found
    return found


def near_pairs(tokens: list[Token]) -> list[tuple[int, int]]:
    """The pairs (n < m) of ``tokens`` that may be at most ``MAX_PATH`` edges apart: those with a
    common head within that many steps up from both. Pairs are read through their shared heads,
    not all against all, so a long sentence costs what its near pairs cost."""
    reach: dict[int, list[tuple[int, int]]] = {}
    for n, tok in enumerate(tokens):
        t = tok
        for depth in range(MAX_PATH + 1):
            reach.setdefault(t.i, []).append((n, depth))
            if t.head is t or t.head == t:
                break
            t = t.head
    pairs: set[tuple[int, int]] = set()
    for below in reach.values():
        for k, (n, dn) in enumerate(below):
            for m, dm in below[k + 1 :]:
                if dn + dm <= MAX_PATH and n != m:
                    pairs.add((min(n, m), max(n, m)))
    return sorted(pairs)


def sentence_index(ctx: Context) -> list[int]:
    """The sentence number of each token, made once per Doc."""
    cached = ctx.cache.get("sentence_index")
    if cached is None:
        doc = ctx.idx.doc
        cached = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            cached[sent.start : sent.end] = [n] * (sent.end - sent.start)
        ctx.cache["sentence_index"] = cached
    return cached


def _linked(ctx: Context, triggers: set[str], inverse: bool) -> Iterator[Found]:
    predicate = ctx.rule.predicate
    allowed_s, allowed_o = ctx.signatures.get(predicate, (frozenset(), frozenset()))
    idx = ctx.idx
    sentence = sentence_index(ctx)
    told = {frozenset((c.subject.id, c.object.id)) for c in ctx.found if c.subject.id and c.object.id}
    told_at = {(frozenset((c.subject.id, c.object.id)), sentence[c.trigger.i]) for c in ctx.found}
    read = {c.trigger.i for c in ctx.found if c.predicate == predicate}  # triggers a rule of it already read
    for eid_a, a, eid_b, b, route in links(ctx):
        pair = frozenset((eid_a, eid_b))
        if (pair, sentence[a.i]) in told_at or pair in told and predicate in SYMMETRIC:
            continue
        inner = route[1:-1]
        found = [t for t in inner if t.lemma_ in triggers]
        if len(found) != 1 or any(crosses_clause(t) for t in inner if t is not found[0]):
            continue
        trigger = found[0]
        if trigger.i in read:
            continue
        if inverse and any(t.lower_ in SHARE_WORDS for t in inner):
            continue  # "Orange will own 50% of it and Telefonica 50%": a share owned is a stake
        k = route.index(trigger)
        if k > MAX_SIDE or len(route) - 1 - k > MAX_SIDE:
            continue
        forward = idx.type(eid_a) in allowed_s and idx.type(eid_b) in allowed_o
        backward = idx.type(eid_b) in allowed_s and idx.type(eid_a) in allowed_o
        if forward and backward:  # the types do not say which is the subject: the grammar does
            score_a, score_b = subject_score(a, trigger), subject_score(b, trigger)
            if score_a == score_b == 0 and trigger.i < a.i:
                continue  # both after the trigger and neither its subject: no direction to read
            forward = (score_a >= score_b) != inverse
        elif not forward and not backward:
            continue
        first, second = (a, b) if forward else (b, a)
        s_id, o_id = (eid_a, eid_b) if forward else (eid_b, eid_a)
        yield Arg(s_id, first, first.i not in idx.named), Arg(o_id, second, second.i not in idx.named), trigger, {}
