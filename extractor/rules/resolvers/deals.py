"""Resolvers for investments and acquisitions: who gave the money, in which round."""

from __future__ import annotations

from spacy.tokens import Token

from ...components.grammar import Arg, agents, unique
from .core import verb_preps
from .registry import Context, argument

WORDS_READ: tuple[str, ...] = ("round_nouns",)  # word lists read here, not by rules


@argument("givers")
def _givers(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who gave the money a company raised: "from investors including A and B", "a round led by A"."""
    idx, words = ctx.idx, ctx.words
    givers = [g for p in verb_preps(tok, ("from",)) for g in p.subtree]
    rounds = [t for t in tok.subtree if t.lemma_ in words["round_nouns"] and t.i != tok.i]
    givers += [g for r in rounds for v in r.children if v.dep_ == "acl" for a in agents(v) for g in a.subtree]
    return unique([a for g in givers for a in idx.at(g) if idx.type(a.id) in {"Organization", "Person"}])
