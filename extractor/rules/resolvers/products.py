"""Resolvers for products: what a possessor owns and makes, providers and clients, kinds."""

from __future__ import annotations

from spacy.tokens import Token

from ...components.grammar import Arg, prep_objects, unique
from .core import args_of, object_args, subject_args
from .registry import Context, argument

WORDS_READ: tuple[str, ...] = ("unit_nouns", "including_words")  # word lists read here, not by rules


@argument("provider")
def _provider(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a provider noun describes: "AWS is its primary provider", "making AWS its provider"."""
    idx, head = ctx.idx, tok.head
    if tok.dep_ == "attr":
        return subject_args(idx, head)
    if tok.dep_ in {"oprd", "xcomp", "ccomp"}:
        return args_of(idx, [c for c in head.children if c.dep_ == "dobj"]) + args_of(
            idx, [c for c in tok.children if c.dep_ == "nsubj"]
        )
    if tok.dep_ == "appos":
        return idx.np(head)
    return []


@argument("possessed")
def _possessed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a possessor owns: "Alphabet's Google", "its Instinct MI300X accelerators and EPYC processors"."""
    idx, head = ctx.idx, tok.head
    if idx.mention_of.get(head.i) == idx.mention_of.get(tok.i):
        return []
    owned = idx.at(head) or idx.left_names(head) or [a for c in head.children if c.dep_ == "appos" for a in idx.np(c)]
    for c in head.conjuncts:
        if c.i > head.i:
            owned += idx.at(c) or idx.left_names(c)
    return unique(owned)


@argument("possessed_unit")
def _possessed_unit(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """ "Alphabet's Google", "AWS's Annapurna Labs team" are ownership; "Microsoft's Activision deal" is
    not: the possessed noun must be the company itself or a unit noun."""
    idx, head = ctx.idx, tok.head
    if not (head.i in idx.named or head.lemma_ in ctx.words["unit_nouns"]):
        return []
    return [a for a in _possessed(ctx, tok, args) if not a.ref]


@argument("head_appos")
def _head_appos(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The apposition of a possessed noun: "its latest model, Claude 2"."""
    head = tok.head
    if head.pos_ != "NOUN":
        return []
    return unique([o for ap in head.children if ap.dep_ == "appos" for o in ctx.idx.np(ap)])


@argument("head_including")
def _head_including(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The examples listed after a possessed noun: "OpenAI's models, including GPT-4 and DALL-E"."""
    idx = ctx.idx
    found: list[Arg] = []
    for inc in prep_objects(tok.head, ctx.words["including_words"]):
        found += idx.np(inc) + [a for g in inc.subtree for a in idx.at(g) if idx.type(a.id) == "Product"]
    return unique(found)


@argument("object_of_kind")
def _object_of_kind(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects that are products of the given kinds: "runs the Bedrock service" (cloud_service)."""
    return [a for a in object_args(ctx, tok, ()) if ctx.idx.kind(a.id) in args]


@argument("object_not_of_kind")
def _object_not_of_kind(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    return [a for a in object_args(ctx, tok, ()) if ctx.idx.kind(a.id) not in args]
