"""Rules that read names rather than a parse: "AWS Trainium", "Claude 3 Haiku", known subsidiaries.

Each procedure yields (subject, object, trigger token, attributes) for the rule that names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from ..components.grammar import Arg, unique
from .resolvers import products

if TYPE_CHECKING:
    from .resolvers import Context

Found = tuple[Arg, Arg, Token, dict[str, Any]]
Procedure = Callable[["Context", tuple[str, ...]], Iterator[Found]]
PROCEDURES: dict[str, Procedure] = {}


def procedure(name: str) -> Callable[[Procedure], Procedure]:
    def register(fn: Procedure) -> Procedure:
        PROCEDURES[name] = fn
        return fn

    return register


@procedure("owner_prefix")
def owner_prefix(ctx: Context, args: tuple[str, ...]) -> Iterator[Found]:
    """A product named with its maker in front ("AWS Trainium", "Slack Connect", "Airbus A350"),
    or right after its maker's name ("Salesforce Customer 360" read as two names, when the product
    is known for what it is: "Lockheed Martin" misread as a company and a product is not), and the
    products listed with it in the same noun phrase ("AWS Trainium and Inferentia chips")."""
    idx = ctx.idx
    names = {n: c.id for c in idx.entities.values() if c.type == "Organization" for n in (c.name, *c.aliases)}
    doc = idx.doc
    for product in (c for c in idx.entities.values() if c.type == "Product"):
        for m in product.mentions:
            core = m._.core_name
            maker = None
            if core and m.text.endswith(core):
                maker = names.get(m.text[: -len(core)].strip())
            if maker is None:
                maker = next((oid for n, oid in names.items() if m.text.startswith(n + " ")), None)
            if maker is None and m.start > 0 and doc[m.start - 1].i in idx.named and product.kind != "other":
                before = [a.id for a in idx.at(doc[m.start - 1]) if idx.type(a.id) == "Organization"]
                if before and not products.made_elsewhere(idx, Arg(product.id, m.root, False), before):
                    maker = before[0]
            if maker is None:
                continue
            listed = [a for t in m.root.conjuncts for a in idx.at(t) if idx.type(a.id) == "Product"]
            listed = [  # not "Microsoft Azure and Oracle Cloud": a listed name with its own first word is its own
                a
                for a in listed
                if not products.made_elsewhere(idx, a, [maker])
                and not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in a.token.lefts)
            ]
            for made in unique([Arg(product.id, m.root, False), *listed]):
                yield Arg(maker, m.root, False), made, m.root, {}


@procedure("family_name")
def family_name(ctx: Context, args: tuple[str, ...]) -> Iterator[Found]:
    """A product named after another product of the article plus a number: "Claude 3 Haiku" → "Claude"."""
    products = [c for c in ctx.idx.entities.values() if c.type == "Product"]
    for child in products:
        for family in products:
            rest = child.name[len(family.name) :]
            if child is not family and child.name.startswith(family.name + " ") and any(c.isdigit() for c in rest):
                m = child.mentions[0]
                yield Arg(child.id, m.root, False), Arg(family.id, m.root, False), m.root, {}


@procedure("known_parent")
def known_parent(ctx: Context, args: tuple[str, ...]) -> Iterator[Found]:
    """A subsidiary the gazetteer knows, named in one sentence with its parent."""
    idx = ctx.idx
    by_name = {c.kb.name: c for c in idx.entities.values() if c.kb}
    if not any(c.kb and c.kb.parent in by_name for c in idx.entities.values()):
        return
    doc = idx.doc
    sent_of = {}
    for s in doc.sents:
        for i in range(s.start, s.end):
            sent_of[i] = s
    sents_of: dict[str, dict[int, Any]] = {}
    for i, ids in idx.mention_of.items():
        for eid in ids:
            sents_of.setdefault(eid, {})[sent_of[i].start] = sent_of[i]
    for child in idx.entities.values():
        parent = by_name.get(child.kb.parent) if child.kb and child.kb.parent else None
        if parent is None:
            continue
        shared = sorted(set(sents_of.get(child.id, {})) & set(sents_of.get(parent.id, {})))
        if shared:
            sent = sents_of[child.id][shared[0]]
            yield Arg(child.id, sent.root, False), Arg(parent.id, sent.root, False), sent.root, {}


@procedure("name_prefix")
def name_prefix(ctx: Context, args: tuple[str, ...]) -> Iterator[Found]:
    """A unit named after its parent: "Google Cloud", "Walmart International", "Intel Foundry
    Services", "Rheinmetall Italia" are part of Google, Walmart, Intel and Rheinmetall. A name
    that only adds a corporate word ("SoftBank Group", "Mellanox Technologies": ``args``) is the
    company itself, not a unit, and so is a long name first used before a short one ("Pioneer
    Natural Resources ... Pioneer's founder"): a unit is told after its parent."""
    idx = ctx.idx
    suffixes = {a.lower() for a in args}
    orgs = [c for c in idx.entities.values() if c.type == "Organization"]
    for child in orgs:
        names = {child.name, *child.aliases, *(m.text for m in child.mentions)}
        for parent in orgs:
            if parent is child or len(parent.name) >= len(child.name) or parent.first > child.first:
                continue  # a parent is named before its unit; a short form after its long one is the same company
            prefixes = [p for p in (parent.name, *parent.aliases) if p]
            rests = [n[len(p) :].split() for n in names for p in prefixes if n.startswith(p + " ")]
            if not any(r and not all(w.lower().strip(",") in suffixes for w in r) for r in rests):
                continue
            m = min(child.mentions, key=lambda s: s.start)
            shared = [s for s in child.mentions if any(p.sent == s.sent for p in parent.mentions)]
            at = min(shared, key=lambda s: s.start) if shared else m
            yield Arg(child.id, at.root, False), Arg(parent.id, at.root, False), at.root, {}
