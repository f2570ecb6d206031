"""The registries rules look names up in, and the context every resolver reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from ...components.grammar import Arg, EntityIndex
from ..spec import WordLists

ORG_TYPES = ("Organization", "GovernmentBody")


@dataclass
class Context:
    """What resolvers read: the Doc's entities and the rules' word lists; procedures also see the
    candidates the rules before them found and each predicate's type signature."""

    idx: EntityIndex
    words: WordLists
    found: list[Any] = field(default_factory=list)
    signatures: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    rule: Any = None  # the rule whose procedure is running
    cache: dict[str, Any] = field(default_factory=dict)  # what several rules work out once per Doc


ArgResolver = Callable[[Context, Token, tuple[str, ...]], list[Arg]]
Check = Callable[[Context, Token, tuple[str, ...]], bool]
AttrResolver = Callable[[Context, Token, tuple[str, ...]], str | None]

ARGUMENTS: dict[str, ArgResolver] = {}
CHECKS: dict[str, Check] = {}
ATTRIBUTES: dict[str, AttrResolver] = {}
# Filled in by the relation component once the facts they refer to are known.
DEFERRED = {"deal_subject", "deal_object", "deal_parties"}


def argument(name: str) -> Callable[[ArgResolver], ArgResolver]:
    def register(fn: ArgResolver) -> ArgResolver:
        ARGUMENTS[name] = fn
        return fn

    return register


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return register


def attribute(name: str) -> Callable[[AttrResolver], AttrResolver]:
    def register(fn: AttrResolver) -> AttrResolver:
        ATTRIBUTES[name] = fn
        return fn

    return register


for _name in DEFERRED:  # placeholders: the component fills them from the article's deals

    def _deferred(ctx: Context, tok: Token, args: tuple[str, ...], name: str = _name) -> list[Arg]:
        return [Arg("", tok, True)]

    ARGUMENTS[_name] = _deferred
