"""Resolvers for where organisations are based."""

from __future__ import annotations

from spacy.tokens import Token

from ...components.grammar import Arg, prep_objects, unique
from .core import args_of, subject_args
from .registry import Context, argument

WORDS_READ: tuple[str, ...] = ()  # word lists read here, not by rules


@argument("based_place")
def _based_place(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The place of "Cambridge-based", "based in Y": the last place named just before, or after "in"."""
    idx, doc = ctx.idx, tok.doc
    places = [a for t in doc[max(tok.sent.start, tok.i - 5) : tok.i] for a in idx.at(t) if idx.type(a.id) == "Location"]
    places += [a for a in args_of(idx, prep_objects(tok, ("in",))) if idx.type(a.id) == "Location"]
    return unique(places)[-1:]


@argument("based_organization")
def _based_organization(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What is based there: the noun "based" modifies, or the subject of "X is based in Y"."""
    idx = ctx.idx
    noun = tok.head if tok.dep_ in {"amod", "acl", "compound"} else None
    if noun is None and tok.head.dep_ in {"amod", "compound"}:
        noun = tok.head.head
    if noun is not None:
        return idx.np(noun)
    verb = tok if tok.pos_ in {"VERB", "AUX"} or tok.dep_ in {"relcl", "ROOT", "conj"} else tok.head
    subj = [c for c in [*verb.children, *tok.children] if c.dep_ in {"nsubj", "nsubjpass"}]
    return args_of(idx, subj) or subject_args(idx, verb)
