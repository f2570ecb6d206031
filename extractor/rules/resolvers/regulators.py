"""Resolvers for regulators: the companies an action or a probe is about, references to a deal."""

from __future__ import annotations

from spacy.tokens import Token

from ...components.grammar import Arg, objects, prep_objects, unique
from .registry import Context, argument, check

WORDS_READ: tuple[str, ...] = (
    "opening_verbs",
    "investigation_nouns",
    "deal_nouns",
)  # word lists read here, not by rules


@argument("regulated")
def _regulated(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The companies a regulator's action is about: in its object ("cleared Microsoft's purchase of
    Activision"), "into"/"at" phrases, or an investigation noun's phrases ("opened a probe into X")."""
    idx, words = ctx.idx, ctx.words
    objs = objects(tok) + prep_objects(tok, ("into", "at"))
    if tok.lemma_ in words["opening_verbs"]:  # "opened a probe into X": the probe, and what it is into
        probes = [o for o in objects(tok) if o.lemma_ in words["investigation_nouns"]]
        if not probes:
            return []
        objs = probes + prep_objects(tok, ("into", "at"))
        objs += [p for o in probes for p in prep_objects(o, ("into", "of", "on"))]
    if tok.lemma_ == "sue" and not objs:  # "sued to block the transaction"
        objs = [o for c in tok.children if c.dep_ == "xcomp" for o in objects(c)]
    return unique([a for o in objs if o.pos_ != "PRON" for a in idx.subtree(o, ["Organization"])])


@check("refers_to_deal")
def _refers_to_deal(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's object is a deal or a pronoun for one: "approved the merger", "cleared it"."""
    words = ctx.words
    objs = objects(tok) + prep_objects(tok, ("into", "at"))
    if tok.lemma_ == "sue" and not objs:
        objs = [o for c in tok.children if c.dep_ == "xcomp" for o in objects(c)]
    return any(
        o.lower_ in {"it", "them"} or o.lemma_ in words["deal_nouns"] or o.lemma_ in words["investigation_nouns"]
        for o in objs
    )
