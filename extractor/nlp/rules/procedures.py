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
    business = set(ctx.words["business_name_words"])
    legal = set(ctx.words["legal_suffixes"])
    doc = idx.doc
    for product in (c for c in idx.entities.values() if c.type == "Product"):
        for m in product.mentions:
            if is_headline(m) or named_as_business(product.name, names, business):
                continue
            legal_name = product.name.split()[-1].lower().strip(",") in legal
            if legal_name or products.is_condition(ctx, Arg(product.id, m.root, False)):
                continue  # "Rheinmetall Italia S.p.A." is a company; "Covid-19" a disease
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


def is_headline(span: Any) -> bool:
    """A "name" that is its whole sentence ("Novo Holdings Completes Acquisition of Catalent") is a
    headline the recogniser took for a name, not a product."""
    words = [t for t in span.sent if not t.is_punct]
    return len(words) >= 4 and span.end - span.start >= len(words) - 1


def named_as_business(name: str, org_names: dict[str, str], business: set[str]) -> bool:
    """ "Microsoft Gaming", "Google Health": a company's name and a line-of-business word names a
    division (which the recogniser may take for a product), not something the company makes."""
    return any(
        name.startswith(o + " ") and all(w.lower() in business for w in name[len(o) :].split()) for o in org_names
    )


def said_to_be_product(idx: Any, span: Any, product_nouns: set[str]) -> bool:
    """Is a name described as a product where it is mentioned: "Adobe's own design tool, Adobe
    XD", "Adobe XD, its design tool", "the Adobe XD app"? Then it is no unit, whatever its type."""
    doc, root = idx.doc, span.root

    def is_product_noun(t: Token) -> bool:
        return t.pos_ == "NOUN" and t.i not in idx.named and t.lemma_.lower() in product_nouns

    if root.dep_ == "compound" and is_product_noun(root.head) and root.head.i == span.end:
        return True
    if any(c.dep_ == "appos" and is_product_noun(c) for c in root.children):
        return True
    k = span.start - 1
    if k > span.sent.start and doc[k].text == ",":
        return is_product_noun(doc[k - 1])
    return False


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
    product_nouns = set(ctx.words["product_nouns"])
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
            if any(said_to_be_product(idx, s, product_nouns) for s in child.mentions):
                continue  # "Adobe's own design tool, Adobe XD": a product, not a unit
            m = min(child.mentions, key=lambda s: s.start)
            shared = [s for s in child.mentions if any(p.sent == s.sent for p in parent.mentions)]
            at = min(shared, key=lambda s: s.start) if shared else m
            yield Arg(child.id, at.root, False), Arg(parent.id, at.root, False), at.root, {}


@procedure("known_developer")
def known_developer(ctx: Context, args: tuple[str, ...]) -> Iterator[Found]:
    """A product the gazetteer knows the maker of, named in one sentence with that maker (by name
    or by a pronoun the article resolves): "the Garante fined OpenAI over how ChatGPT handles
    data", "more of its engineering time will go into Photoshop"; not when a rule read another
    maker in the text ("King, the maker of Candy Crush", where the gazetteer names its parent)."""
    idx = ctx.idx
    by_name: dict[str, Any] = {}
    for c in idx.entities.values():
        if c.type == "Organization":
            for n in (c.kb.name if c.kb else None, c.name):
                if n:
                    by_name.setdefault(n, c)
    told = {c.object.id for c in ctx.found if c.predicate == "develops"}  # the text names a maker
    products = [c for c in idx.entities.values() if c.type == "Product" and c.kb and c.kb.developer]
    products = [c for c in products if c.id not in told]
    if not products:
        return
    from .linked import links  # the last resort reads a pair its trigger words link: leave those to it

    triggers = set(ctx.words["linked_develop"])
    linked = {frozenset((a, b)) for a, _, b, _, route in links(ctx) if any(t.lemma_ in triggers for t in route[1:-1])}
    sents: dict[str, dict[int, Token]] = {}
    for i, ids in idx.mention_of.items():
        tok = idx.doc[i]
        for eid in ids:
            sents.setdefault(eid, {}).setdefault(tok.sent.start, tok)
    for product in products:
        maker = by_name.get(product.kb.developer)
        if maker is None or maker.id == product.id:
            continue
        shared = sorted(set(sents.get(product.id, {})) & set(sents.get(maker.id, {})))
        if shared and frozenset((maker.id, product.id)) not in linked:
            at = sents[product.id][shared[0]]
            yield Arg(maker.id, at, False), Arg(product.id, at, False), at, {}
