"""Resolvers for rivals and partners: named rivals, the parties of a partnership."""

from __future__ import annotations

from spacy.tokens import Token

from ...components.grammar import Arg, prep_objects, unique
from .core import args_of, following_args, subject_args
from .registry import Context, argument

WORDS_READ: tuple[str, ...] = ("forming_verbs",)  # word lists read here, not by rules


@argument("first_subject")
def _first_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The first of two coordinated subjects: "Nvidia and Siemens partnered"."""
    found = subject_args(ctx.idx, tok)
    return found[:1] if len(found) == 2 else []


@argument("second_subject")
def _second_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    found = subject_args(ctx.idx, tok)
    return found[1:] if len(found) == 2 else []


@argument("rivals")
def _rivals(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a rival noun names: "OpenAI competitor Anthropic", "rivals Google and Amazon", "a rival to X"."""
    idx = ctx.idx
    named = unique(
        [
            a
            for c in tok.children
            if c.dep_ == "appos" or c.dep_ in {"compound", "nmod"} and c.i > tok.i
            for a in idx.np(c)
        ]
        + args_of(idx, prep_objects(tok, ("to", "with")))
    )
    if named:
        return named
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in {"to", "with", "against"} or tok.tag_ == "NNS":
        return following_args(ctx, tok, ())
    if not any(c.dep_ == "det" for c in tok.children):
        return following_args(ctx, tok, ())
    return []


@argument("partnership_parties")
def _partnership_parties(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The parties a partnership noun names: "the Microsoft-OpenAI collaboration", "X's partnership with Y",
    "a partnership the two companies began", "X and Y announced a partnership"."""
    idx = ctx.idx
    parties = unique(
        [a for c in tok.children if c.dep_ in {"poss", "compound", "nmod"} for a in idx.np(c)]
        + args_of(idx, prep_objects(tok, ("with", "between", "among")))
    )
    for c in tok.children:  # both names compounded
        if c.dep_ in {"compound", "amod"}:
            parties = unique(parties + [a for g in c.subtree for a in idx.at(g)])
    for verb in (c for c in tok.children if c.dep_ == "relcl"):
        parties = unique(parties + subject_args(idx, verb))
    head = tok.head
    if tok.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_ in ctx.words["forming_verbs"]:
        parties = unique(subject_args(idx, head) + parties)
    parties = [p for p in parties if idx.type(p.id) == "Organization"]
    return parties if len(parties) >= 2 else []


@argument("clause_organizations")
def _clause_organizations(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Two or three organisations named in the clause a subject noun heads: "A new partnership gives
    Palantir's customers Anthropic's models"."""
    idx = ctx.idx
    found = unique([a for c in tok.head.children if c != tok for a in idx.subtree(c, ["Organization"])])
    return found if 2 <= len(found) <= 3 else []
