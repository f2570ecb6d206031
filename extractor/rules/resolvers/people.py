"""Resolvers for people: roles and the organisations in role phrases, founders, leaders."""

from __future__ import annotations

from spacy.tokens import Token

from ...components.grammar import Arg, agents, is_passive, prep_objects, unique
from ...lexicon import lexicon
from .core import args_of, subject_args
from .registry import ORG_TYPES, Context, argument, attribute, check

WORDS_READ: tuple[str, ...] = ()  # word lists read here, not by rules


@attribute("role")
def _role(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """The normalised role of a role noun phrase: "chief executive" → "ceo"."""
    return role_of(tok, lexicon()["roles"])


def role_of(tok: Token, roles: dict[str, str]) -> str | None:
    doc = tok.doc
    words = [t.i for t in tok.subtree if t.i <= tok.i or t.dep_ == "conj"]
    start, end = min(words), max(words) + 1
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in {",", "(", '"'}:
        start -= 1  # "co-founder" is three tokens, and the parser may split them
    text = " " + doc[start:end].text.lower() + " "
    found = [(text.find(f" {r} "), -len(r), r) for r in roles]
    found = [f for f in found if f[0] >= 0]
    return roles[min(found)[2]] if found else None


@argument("organization_in")
def _organization_in(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The first organisation or government body inside a role phrase: "chief executive of Microsoft",
    "ZT Systems chief executive", "its chief executive" (not the person the phrase describes)."""
    idx = ctx.idx
    person = {a.id for a in idx.at(tok.head)} | {a.id for c in tok.children if c.dep_ == "appos" for a in idx.at(c)}
    for t in tok.subtree:
        for a in idx.at(t):
            if idx.type(a.id) in ORG_TYPES and a.id not in person:
                return [a]
    return []


@argument("founders")
def _founders(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who founded: the subject or "by" phrase, people named "with" them, and people coordinated
    after an apposition ("by Omri Geller, its chief executive, and Ronen Dar")."""
    idx = ctx.idx
    found = args_of(idx, agents(tok)) if is_passive(tok) else subject_args(idx, tok)
    found += [a for a in args_of(idx, prep_objects(tok, ("with",))) if idx.type(a.id) == "Person"]
    for f in list(found):
        for ap in f.token.children:
            if ap.dep_ == "appos":
                found += [a for c in ap.conjuncts for a in idx.at(c) if idx.type(a.id) == "Person"]
    return unique(found)


@check("role")
def _is_role(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The phrase names a role ("chief executive", "spokesman"), or one of the roles given."""
    role = role_of(tok, lexicon()["roles"])
    return role is not None and (not args or role in args)


@argument("agent_people")
def _agent_people(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """People in the "by" phrase: "OpenAI is led by chief executive Sam Altman"."""
    return [a for a in args_of(ctx.idx, agents(tok)) if ctx.idx.type(a.id) == "Person"]


@attribute("agent_role")
def _agent_role(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """The role of whoever leads: "led by chief executive Sam Altman" → ceo; else "leader"."""
    people = _agent_people(ctx, tok, ())
    return next((r for p in people if (r := role_of(p.token, lexicon()["roles"]))), "leader")
