"""Resolvers for products: what a possessor owns and makes, providers and clients, kinds, and
the corporate structure of units and parents.

News names a company's products and units mostly inside noun phrases ("its Chrome browser",
"mBank, its Polish subsidiary", "ChatGPT maker OpenAI", "the IBM-built supercomputer"), so
most of what is here reads appositions, possessors and compounds, with the parser's usual slips
in mind: an apposition the parser hung elsewhere is still the phrase right after "X,".
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ....text.lexicon import KnowledgeBase
from ...components.grammar import Arg, EntityIndex, agents, is_passive, objects, prep_objects, subjects, unique
from .core import args_of, is_money, object_args, subject_args, verb_preps
from .registry import ARGUMENTS, ORG_TYPES, Context, argument, check

WORDS_READ: tuple[str, ...] = (  # word lists read here, not by rules
    "unit_nouns",
    "including_words",
    "former_words",
    "partial_words",
    "owning_verbs",
    "goods_nouns",
    "not_goods",
    "not_goods_words",
    "merger_nouns",
    "parent_nouns",
    "product_plural_words",
    "quantity_words",
    "ending_verbs",
    "possessor_role_nouns",
    "product_nouns",
    "share_words",
    "retail_words",
    "business_name_words",
    "condition_words",
    "legal_suffixes",
    "unit_words",
    "hearsay_nouns",
    "hearsay_adverbs",
    "hearsay_passives",
)
ORG, PRODUCT = "Organization", "Product"
OWNER_DEPS = {"poss", "compound", "nmod", "amod"}
TO_FOR = {"to", "for"}
CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "acl", "csubj", "parataxis"}


# -- helpers -------------------------------------------------------------------------------------
def makers(idx: EntityIndex, eid: str) -> set[str]:
    """Who the article says makes a product without a verb: the gazetteer's developer, or an
    organisation whose name the product's name starts with ("Airbus A350", "Amazon Chime")."""
    c = idx.entities[eid]
    orgs = [o for o in idx.entities.values() if o.type == ORG]
    out = {o.id for o in orgs if c.kb and c.kb.developer and o.kb and o.kb.name == c.kb.developer}
    names = {c.name, *c.aliases, *(m.text for m in c.mentions)}
    for o in orgs:
        if any(n.startswith(f"{on} ") for n in names for on in (o.name, *o.aliases) if on):
            out.add(o.id)
    out.discard(eid)
    return out


def left_orgs(idx: EntityIndex, head: Token) -> set[str]:
    """Organisations named inside a noun phrase before its head, possessors excluded: the maker
    in "its Nvidia H100 chips"."""
    return {a.id for a in idx.left_names(head) if idx.type(a.id) == ORG}


def owners(idx: EntityIndex, tok: Token) -> list[Arg]:
    """Entities a noun is owned by in its own phrase: a possessor ("its", "Geely's") or a name
    compounded before it ("the Berkshire unit", "a Mellanox customer", which the parser may call
    an adjective); a possessive relative ("whose") stands for what the clause describes."""
    found: list[Arg] = []
    for c in tok.children:
        if c.dep_ not in OWNER_DEPS or c.i > tok.i:
            continue
        if c.lower_ == "whose":
            found += whose_antecedent(idx, c)
        elif c.dep_ == "poss":
            found += idx.np(c)
    found += [a for a in idx.left_names(tok) if idx.type(a.id) in ORG_TYPES]  # "the Amazon Web Services chip unit"
    return unique([a for a in found if idx.type(a.id) != "Location"])


def whose_antecedent(idx: EntityIndex, tok: Token) -> list[Arg]:
    """ "Broadcom, whose Tomahawk silicon ...": the noun the relative clause hangs on."""
    if tok.lower_ != "whose":
        return []
    for t in tok.ancestors:
        if t.dep_ == "relcl":
            found = idx.np(t.head)
            if found and all(idx.type(a.id) == "Location" for a in found):
                # "Santa Monica, California-based Activision Blizzard, whose ...": the parser hung
                # the name on the place before it
                found = [a for c in t.head.children if c.dep_ == "appos" for a in idx.np(c)] or found
            return found
    return []


def is_former(ctx: Context, tok: Token) -> bool:
    """ "a former unit", "its onetime parent", "a potential customer": not a present fact."""
    former = set(ctx.words["former_words"])
    said_of = [tok, tok.head] if tok.dep_ in {"attr", "pobj"} and tok.head != tok else [tok]  # "was once a unit"
    if tok.dep_ == "pobj" and tok.head.head != tok.head:
        said_of.append(tok.head.head)  # "operates as a former unit"
    marked = any(c.dep_ in {"amod", "advmod", "compound"} and c.lower_ in former for t in said_of for c in t.children)
    return marked or any(t.lower_ in former and not t.whitespace_ for t in tok.lefts)  # "ex-unit"


def apposition_of(idx: EntityIndex, tok: Token) -> list[Arg]:
    """What a noun phrase is an apposition of: the entity right before "X, <phrase>" (the parser
    hangs many appositions elsewhere: "mBank, its Polish subsidiary"), skipping a bracketed short
    name ("Terminal Investment Limited (TiL), the terminal arm"); else the parser's apposition head."""
    doc, sent = tok.doc, tok.sent
    k = tok.left_edge.i - 1
    if k > sent.start and doc[k].text == ",":
        k -= 1
        if doc[k].text == ")":
            while k > sent.start and doc[k].text != "(":
                k -= 1
            k -= 1
        if k >= sent.start:
            prev = doc[k]
            found = idx.at(prev) or (idx.np(prev, modifiers=True, conj=False) if prev.pos_ in {"NOUN", "PROPN"} else [])
            if found:
                return found
    if tok.dep_ == "appos" and tok.head != tok:
        return idx.np(tok.head, conj=False)
    return []


def names_or_owner(idx: EntityIndex, tok: Token) -> list[Arg]:
    """What a noun phrase names, or else whose it is: "Google's TPUs" is TPU, "Nvidia's chips"
    and "Oracle's cloud" are Nvidia's and Oracle's; "on top of X" is X."""
    if tok.lemma_ == "top":
        inner = prep_objects(tok, ("of",))
        if inner:
            tok = inner[0]
    return idx.np(tok, modifiers=True) or [a for a in owners(idx, tok) if idx.type(a.id) in ORG_TYPES]


def clause_preps(tok: Token, preps: Iterable[str], depth: int = 4) -> list[Token]:
    """Objects of the given prepositions anywhere under a verb down to ``depth`` edges, without
    entering another clause with its own subject: "moved its calling onto Amazon Chime" (the
    parser may hang "onto" on "calling"), "ordered 470 jets, 250 from Airbus"."""
    wanted = set(preps)
    out: list[Token] = []
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in CLAUSE_DEPS and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children):
                    continue
                if c.dep_ in {"prep", "dative"} and c.lower_ in wanted:
                    out += [g for g in c.children if g.dep_ == "pobj"]
                nxt.append(c)
        frontier = nxt
    return out


def product_users(idx: EntityIndex, toks: Iterable[Token]) -> list[Arg]:
    """Who a noun phrase's products belong to: organisations it names, else its owner ("its DGX
    servers"), else a named product's maker ("Microsoft Copilot", Copilot in the gazetteer)."""
    found: list[Arg] = []
    for t in toks:
        here = idx.np(t)
        orgs = [a for a in here if idx.type(a.id) in ORG_TYPES]
        if orgs:
            found += orgs
            continue
        found += [a for a in owners(idx, t) if idx.type(a.id) in ORG_TYPES]
        for a in here:
            if idx.type(a.id) == PRODUCT:
                found += [Arg(m, t, True) for m in sorted(makers(idx, a.id))]
    return unique(found)


# -- develops ------------------------------------------------------------------------------------
@argument("provider")
def _provider(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a provider noun describes: "AWS is its primary provider", "making AWS its provider",
    "chose Oracle as its cloud provider"."""
    idx, head = ctx.idx, tok.head
    if tok.dep_ == "attr":
        return subject_args(idx, head)
    if tok.dep_ in {"oprd", "xcomp", "ccomp"}:
        return args_of(idx, [c for c in head.children if c.dep_ == "dobj"]) + args_of(
            idx, [c for c in tok.children if c.dep_ == "nsubj"]
        )
    if tok.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in {"VERB", "AUX"}:
        return args_of(idx, [c for c in head.head.children if c.dep_ == "dobj"])
    if tok.dep_ == "compound" and head.i in idx.named:
        return idx.at(head)  # "Apple supplier TSMC"
    if tok.dep_ == "appos":
        return idx.np(head)
    return apposition_of(idx, tok)


@argument("client_of")
def _client_of(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose supplier a provider noun is: "Anthropic's cloud provider", "Apple supplier TSMC", "a
    supplier to Apple", "the sole supplier of Apple's modems"."""
    idx = ctx.idx
    found = [a for a in owners(idx, tok) if idx.type(a.id) in ORG_TYPES]
    found += [a for p in prep_objects(tok, ("for", "to", "of")) for a in names_or_owner(idx, p)]
    if not found:  # "a supplier of displays to Apple", "the main supplier of memory chips for Nvidia"
        goods = [p for p in prep_objects(tok, ("of",)) if p.i not in idx.named]
        found = [a for g in goods for p in prep_objects(g, ("for", "to")) for a in names_or_owner(idx, p)]
    if not found and tok.dep_ == "attr" and goods_of(tok):  # "is a supplier of displays to Apple" (parsed onto "is")
        found = [a for p in prep_objects(tok.head, ("to",)) for a in names_or_owner(idx, p)]
    return unique([a for a in found if idx.type(a.id) in ORG_TYPES])


def goods_of(tok: Token) -> list[Token]:
    """The unnamed goods a provider noun is "of": "a supplier of displays"."""
    return [p for p in prep_objects(tok, ("of",)) if p.pos_ == "NOUN"]


@argument("possessed")
def _possessed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a possessor owns: "Alphabet's Google", "its Instinct MI300X accelerators and EPYC processors"."""
    idx, head = ctx.idx, tok.head
    if tok.i in idx.mention_of and idx.mention_of.get(head.i) == idx.mention_of[tok.i]:
        return []  # "Google's" inside a name
    roles = ctx.words["possessor_role_nouns"]
    owned = idx.at(head)
    if not owned and head.lemma_.lower() in roles:
        return []  # "OpenAI's rival, Claude", "Microsoft's ChatGPT investment": not theirs
    if owned and any(c.dep_ in {"amod", "compound"} and c.lemma_.lower() in roles for c in head.lefts):
        return []  # "Microsoft's rival Google", "Google's partner Samsung"
    owned = owned or idx.left_names(head)
    describing = {*ctx.words["product_nouns"], *ctx.words["unit_nouns"], *args}
    if not owned and head.lemma_.lower() in describing:  # "its latest model, Claude 2", "its subsidiary, mBank"
        owned = [a for c in head.children if c.dep_ == "appos" for a in idx.np(c)]
        nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        if not owned and nxt is not None and nxt.i in idx.named and nxt.sent == head.sent:
            starts = {m.start for a in idx.at(nxt) for m in idx.entities[a.id].mentions}
            if nxt.i in starts:  # "its antiviral pill Paxlovid", "Novo Nordisk's obesity drug Wegovy"
                owned = [a for a in idx.at(nxt) if not a.ref]
    for c in head.conjuncts:
        if c.i > head.i and not any(g.dep_ == "poss" for g in c.children):  # not "... and Microsoft's Xbox"
            owned += idx.at(c) or idx.left_names(c)
    if owned and all(idx.type(a.id) == PRODUCT for a in owned):  # "its Assassin's Creed, Far Cry and ..."
        span = next((m for a in owned for m in idx.entities[a.id].mentions if m.start <= head.i < m.end), None)
        root = span.root if span is not None else head
        for ap in (c for c in root.children if c.dep_ == "appos" and c.i in idx.named):
            if not any(g.dep_ == "poss" for g in ap.children):
                owned += [a for t in (ap, *ap.conjuncts) for a in idx.at(t) if idx.type(a.id) == PRODUCT]
    inside = [a for a in owned if any(m.start <= tok.i < m.end for m in idx.entities[a.id].mentions)]
    return [a for a in unique(owned) if a not in inside and not is_condition(ctx, a)]


def is_condition(ctx: Context, arg: Arg) -> bool:
    """Is a "product" a disease or condition a product treats ("its Covid-19 products", "the
    cancer drug")? The recogniser takes some for names."""
    c = ctx.idx.entities[arg.id]
    words = ctx.words["condition_words"]
    return c.type == PRODUCT and any(n.lower() in words for n in (c.name, *c.aliases))


def split_possessed(ctx: Context, tok: Token) -> tuple[list[Arg], list[Arg]]:
    """A possessor's products, as (its own, made by another): "its Chrome browser" is Google's
    make, "its Airbus A350s" and "its Nvidia H100 chips" are bought in."""
    idx = ctx.idx
    possessor = {a.id for a in idx.at(tok)}
    if tok.lower_ == "whose":
        possessor |= {a.id for a in whose_antecedent(idx, tok)}
    own, foreign = [], []
    for a in _possessed(ctx, tok, ()):
        (foreign if made_elsewhere(idx, Arg(a.id, tok.head, a.ref), possessor) else own).append(a)
    return own, foreign


@argument("own_possessed")
def _own_possessed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """A possessor's own products: "its Chrome browser", not "its Airbus A350s"."""
    return split_possessed(ctx, tok)[0]


@argument("bought_in_possessed")
def _bought_in_possessed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """A possessor's products that another company makes: "its Airbus A350s", "Meta's Nvidia chips"."""
    return split_possessed(ctx, tok)[1]


@argument("whose")
def _whose(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The antecedent of a possessive relative: "Broadcom, whose Tomahawk silicon"."""
    return whose_antecedent(ctx.idx, tok) if tok.lower_ == "whose" else []


@argument("possessed_apposed")
def _possessed_apposed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a possessed noun is an apposition of: "BlueField, Mellanox's family of network
    processors" (the possessor's product), "Leonardo DRS, its U.S. subsidiary" (its unit)."""
    head = tok.head
    if head == tok or head.pos_ not in {"NOUN", "PROPN"} or head.i in ctx.idx.named:
        return []
    if args and head.lemma_.lower() not in args:
        return []  # "Azure, OpenAI's exclusive cloud provider" is no product of OpenAI's
    if head.dep_ == "attr" and head.head.pos_ in {"VERB", "AUX"}:
        return subject_args(ctx.idx, head.head)  # "ChatGPT is OpenAI's chatbot"
    return apposition_of(ctx.idx, head)


@argument("head_appos")
def _head_appos(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The apposition of a possessed noun: "its latest model, Claude 2"."""
    head = tok.head
    if head.pos_ != "NOUN" or head.lemma_.lower() not in ctx.words["product_nouns"]:
        return []  # "its latest model, Claude 2", not "its main rival, ChatGPT"
    return unique([o for ap in head.children if ap.dep_ == "appos" for o in ctx.idx.np(ap)])


@argument("head_including")
def _head_including(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The examples listed after a possessed noun: "OpenAI's models, including GPT-4 and DALL-E"."""
    idx, head = ctx.idx, tok.head
    kinds = set(ctx.words["product_nouns"]) | set(ctx.words["product_plural_words"])
    if head.lemma_.lower() not in kinds and head.lower_ not in kinds:
        return []  # "OpenAI's models, including GPT-4", not "OpenAI's rivals, including Claude"
    if left_orgs(idx, head) - {a.id for a in idx.at(tok)}:
        return []  # "Stellantis's Jeep and Fiat brands, including the Wagoneer": the named brands make them
    found: list[Arg] = []
    for inc in prep_objects(head, ctx.words["including_words"]):
        found += idx.np(inc) + [a for g in inc.subtree for a in idx.at(g) if idx.type(a.id) == "Product"]
    return unique(found)


def including_lists(ctx: Context, tok: Token) -> list[Arg]:
    """Products listed as examples anywhere in a phrase: "software ..., including Ansys Fluent",
    "adapters such as ConnectX"."""
    idx, words = ctx.idx, set(ctx.words["including_words"])
    found: list[Arg] = []
    for t in tok.subtree:
        if t.dep_ == "prep" and (t.lower_ in words or t.lower_ == "as" and any(c.lower_ == "such" for c in t.children)):
            for p in (g for g in t.children if g.dep_ == "pobj"):
                found += [a for g in p.subtree for a in idx.at(g) if idx.type(a.id) == PRODUCT]
    return unique(found)


@argument("object_examples")
def _object_examples(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The verb's objects and the examples listed with them: "develops simulation software,
    including Ansys Fluent and Ansys HFSS"."""
    found = goods_args(ctx, tok)
    for o in objects(tok):
        found += including_lists(ctx, o)
    return unique(found)


@argument("title_products")
def _title_products(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The products named before a maker noun: "ChatGPT maker OpenAI", "the Jira maker"."""
    return [a for a in ctx.idx.left_names(tok) if ctx.idx.type(a.id) == PRODUCT]


@argument("title_holder")
def _titled(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company a title noun is put before: "ChatGPT maker OpenAI" (the parser compounds the
    title into the name), or the company the title phrase refers to ("the Jira maker")."""
    idx = ctx.idx
    if tok.dep_ == "compound" and tok.head.i in idx.named:
        return idx.at(tok.head)
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].i in idx.named and tok.doc[tok.i + 1].head == tok:
        return idx.at(tok.doc[tok.i + 1])
    return idx.at(tok) if tok.i not in idx.named else []


@argument("built_maker")
def _built_maker(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company named before a participle: "the IBM-built supercomputer", "Nvidia-designed chips"."""
    idx = ctx.idx
    return unique([a for c in tok.lefts if c.dep_ in {"npadvmod", "compound", "nmod"} for a in idx.np(c)])


@argument("built_thing")
def _built_thing(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a participle describes, names compounded into it included: "Summit, the IBM-built
    supercomputer", "the Nvidia-designed Grace chips"."""
    head = tok.head
    if head == tok:
        return []
    return ctx.idx.np(head, modifiers=True) or apposition_of(ctx.idx, head)


@argument("subject_owner")
def _subject_owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose things the verb's subject names: "Its products include ...", "Geely's brands include"."""
    idx = ctx.idx
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}] or subjects(tok)
    return unique([a for s in subj for a in owners(idx, s)])


# -- part_of -------------------------------------------------------------------------------------
@argument("possessed_unit")
def _possessed_unit(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """ "Alphabet's Google", "AWS's Annapurna Labs team" are ownership; "Microsoft's Activision deal" is
    not: the possessed noun must be the company itself or a unit noun."""
    idx, head = ctx.idx, tok.head
    if not (head.i in idx.named or head.lemma_ in ctx.words["unit_nouns"] or head.lemma_ in args):
        return []  # more unit nouns may be given: "Volkswagen's Porsche brand"
    if any(c.dep_ in {"compound", "amod"} and c.lemma_ in ctx.words["parent_nouns"] for c in head.children):
        return []  # "Google's parent Alphabet": the possessor is the unit
    if any(is_sum(ctx, t) for c in head.lefts if c.dep_ != "poss" for t in c.subtree):
        return []  # "Anthropic's $3.5 billion Series E" is a funding round, whatever the recogniser says
    bodies = {"board", "committee", "council", "governors", "directors"}
    found = [  # "the NBA's Board of Governors" governs it; it is no unit
        a
        for a in _possessed(ctx, tok, args)
        if not a.ref and not bodies & {w.lower() for w in idx.entities[a.id].name.split()}
    ]
    if tok.i not in idx.named:  # "its cloud unit, Amazon Web Services": the name outranks the pronoun
        owner = {a.id for a in idx.at(tok)}
        found = [a for a in found if not (prefix_orgs(idx, a.id) and not prefix_orgs(idx, a.id) & owner)]
    return found


def prefix_orgs(idx: EntityIndex, eid: str) -> set[str]:
    """Organisations a unit's name starts with: "Nippon Steel North America" → Nippon Steel."""
    names = [idx.entities[eid].name, *idx.entities[eid].aliases]
    return {
        o.id
        for o in idx.entities.values()
        if o.type == ORG
        and o.id != eid
        and any(n.startswith(f"{p} ") for n in names for p in (o.name, *o.aliases) if p)
    }


@argument("apposed_to")
def _apposed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The entity a describing noun phrase is put next to: "mBank, its Polish subsidiary",
    "Alphabet, Google's parent", "Scoot, the low-cost subsidiary of Singapore Airlines"."""
    return apposition_of(ctx.idx, tok)


@argument("unit_owner")
def _unit_owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who owns a unit noun's company: "a unit of Alphabet", "its Polish subsidiary", "the
    Berkshire unit", "the unit UniCredit bought in 2005", "the unit that houses its supermarkets"."""
    idx, words = ctx.idx, ctx.words
    found = unique([a for p in prep_objects(tok, ("of", "within")) for a in names_or_owner(idx, p)])
    if found:
        return found  # "a unit of Alphabet", "part of Synopsys's design group"
    found = owners(idx, tok)
    if found:
        return named_parent(idx, tok, found)
    owning = set(words["owning_verbs"])
    head = tok.head
    if tok.dep_ == "compound" and head.i in idx.named and head.dep_ == "nsubj" and head.head.lemma_ in owning:
        return idx.at(head)  # "the unit UniCredit bought", read by the parser as a compound
    for rel in (c for c in tok.children if c.dep_ in {"relcl", "acl"}):
        if rel.lemma_ in owning:
            subj = [c for c in rel.children if c.dep_ == "nsubj" and c.lower_ not in {"that", "which"}]
            if subj:
                return args_of(idx, subj)
            if is_passive(rel) or agents(rel):
                return args_of(idx, agents(rel))
        for o in objects(rel):  # "the unit that houses its supermarkets"
            found += [a for p in o.children if p.dep_ == "poss" for a in idx.np(p)]
    return unique(found)


def named_parent(idx: EntityIndex, tok: Token, owners_found: list[Arg]) -> list[Arg]:
    """A unit's owner told by a pronoun, checked against the unit's name: in "a subsidiary of
    Nippon Steel, held through its American unit, Nippon Steel North America" the unit is named
    after Nippon Steel, whatever "its" was read as; the name wins over the reading."""
    if not all(a.ref for a in owners_found):
        return owners_found
    unit = apposition_of(idx, tok) or [a for c in tok.children if c.dep_ == "appos" for a in idx.np(c)]
    for u in unit:
        prefixed = prefix_orgs(idx, u.id)
        if prefixed and not any(a.id in prefixed for a in owners_found):
            return [Arg(o, tok, True) for o in sorted(prefixed)]
    return owners_found


@argument("named_apposition")
def _named_apposition(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The name put after a describing noun: "its cloud unit, Amazon Web Services"."""
    return unique([a for c in tok.children if c.dep_ == "appos" and c.i in ctx.idx.named for a in ctx.idx.np(c)])


@argument("as_subject")
def _as_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a verb's "as" phrase describes: "Slack will run as an operating unit of Salesforce"."""
    head = tok.head
    if tok.dep_ != "pobj" or head.lower_ != "as" or head.head.pos_ not in {"VERB", "AUX"}:
        return []
    return subject_args(ctx.idx, head.head)


@argument("merged_object")
def _merged_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a verb folds into something, unless a merger does it ("the merger folds Vistara into
    Air India" is a takeover told as a merger: the company ends, it does not become a unit)."""
    mergers = set(ctx.words["merger_nouns"])
    if any(c.dep_ == "nsubj" and c.lemma_ in mergers for c in tok.children):
        return []
    return [a for a in goods_args(ctx, tok) if ctx.idx.type(a.id) != "Location"]


@argument("copula_subject")
def _copula_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a clause on a predicate noun is said of: "Waymo is a company owned by Alphabet", "X is
    a holding company that is wholly owned by the Y Foundation", "Comirnaty is a vaccine made by
    BioNTech" (the subject of the copula the described noun completes)."""
    if tok.dep_ not in {"acl", "relcl"} or tok.head == tok:
        return []
    noun = tok.head
    if noun.dep_ == "conj" and noun.head != noun:
        noun = noun.head  # "a holding and investment company"
    if noun.dep_ in {"attr", "oprd"} and noun.head.pos_ in {"VERB", "AUX"}:
        return subject_args(ctx.idx, noun.head)
    return []


@check("stake_object")
def _stake_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's object is a share of something, not the thing: "will own 51% of the combined
    company", "owns a 49% stake in", "owns most of": a holding, not a parent or a maker."""
    shares = set(ctx.words["share_words"])
    for o in objects(tok):
        if o.lower_ in shares or o.lemma_.lower() in shares or o.pos_ == "NUM":
            return True
        if any(c.dep_ == "nummod" or c.lower_ in {"%", "percent"} for c in o.children) and o.lower_ in shares:
            return True
    return False


@check("own_possessor")
def _own_possessor(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The possessor marks itself ("Alphabet's", "its", "whose"), rather than standing first in a
    coordination whose last member bears the "'s": in "Shell and Norway's Equinor" Shell owns
    nothing."""
    if tok.tag_ in {"PRP$", "WP$"} or any(c.dep_ == "case" for c in tok.children):
        return True
    return not any(c.dep_ == "case" for t in tok.conjuncts for c in t.children)


@check("former_relation")
def _former(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """ "its former unit", "a onetime customer", "a potential client": not a present relation."""
    return is_former(ctx, tok)


@check("partly_owned")
def _partly_owned(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """ "partly owned by", "jointly owned by", "minority-owned", "25% owned by": a stake, not a parent."""
    partial = set(ctx.words["partial_words"])
    if any(c.dep_ in {"advmod", "npadvmod", "amod", "compound"} and c.lower_ in partial for c in tok.children):
        return True
    for c in tok.lefts:  # "25% owned", "a 40 percent-owned"
        for t in c.subtree:
            if t.like_num and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in {"%", "percent", "per"}:
                try:
                    return float(t.text.replace(",", "")) < 50
                except ValueError:
                    return False
    return False


# -- uses and supplies ---------------------------------------------------------------------------
@argument("object_owner")
def _object_owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose goods the verb's object names: "bought Scale's data services" → Scale, "ordered Airbus
    jets" → Airbus, "its chips power Microsoft's servers" → Microsoft; a named product's maker."""
    idx, goods = ctx.idx, set(ctx.words["goods_nouns"])
    found: list[Arg] = []
    for o in objects(tok):
        if is_sum(ctx, o):
            continue
        named = idx.np(o) + [a for c in o.children if c.dep_ in {"compound", "nmod"} for a in idx.at(c)]
        if o.lemma_.lower() in goods or any(idx.type(a.id) == PRODUCT for a in named):
            found += [a for a in owners(idx, o) if idx.type(a.id) in ORG_TYPES]
            found += [a for a in idx.left_names(o) if idx.type(a.id) == ORG]
            for a in named:  # "makes Apple's M3 chips", not "develops a Lynx-based system"
                if idx.type(a.id) == PRODUCT:
                    found += [Arg(m, o, True) for m in sorted(makers(idx, a.id))]
    return unique(found)


@argument("goods_from")
def _goods_from(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who goods were bought from, when the object is goods and not a company or a stake:
    "ordered 470 jets, 250 from Airbus and 220 from Boeing", "bought H100s from Nvidia"."""
    idx = ctx.idx
    if not goods_object(ctx, tok):
        return []
    preps = args or ("from",)
    found = clause_preps(tok, preps) + [p for o in objects(tok) for p in clause_preps(goods_head(ctx, o), preps, 2)]
    return args_of(idx, found, modifiers=True)


def is_sum(ctx: Context, tok: Token) -> bool:
    """Is the noun itself a sum or a count ("$10 billion", "billions of dollars", "more money"),
    not goods priced or counted in one ("chips worth $10 billion", "one million TPUs")?"""
    return (
        tok.pos_ == "NUM"
        or tok.text in {"$", "€", "£", "¥", "₹"}
        or tok.lemma_ in ctx.words["money_nouns"]
        or tok.lemma_.lower() in ctx.words["quantity_words"]
    )


def goods_args(ctx: Context, tok: Token) -> list[Arg]:
    """The entities the verb's objects name, names compounded into them included, skipping sums
    but not goods counted in one ("use up to one million Google TPUs", which a test of the whole
    phrase for money would drop)."""
    objs = [goods_head(ctx, o) for o in objects(tok)]
    return args_of(ctx.idx, [o for o in objs if not is_sum(ctx, o)], modifiers=True)


PORTION_WORDS = {"most", "all", "half", "much", "many", "bulk", "majority", "some", "part", "lots", "plenty"}


def goods_head(ctx: Context, tok: Token) -> Token:
    """The goods a measure or a sum is of: "$12 billion of computing capacity", "4.5 gigawatts
    of capacity", "tens of billions of dollars of chips"."""
    for _ in range(4):
        inner = prep_objects(tok, ("of",))
        if not inner or not (is_sum(ctx, tok) or tok.lower_ in PORTION_WORDS):
            return tok  # "the ports of Balboa" are ports; "most of its chips" are chips
        tok = inner[0]
    return tok


def goods_object(ctx: Context, tok: Token) -> bool:
    """Is the verb's object goods ("470 jets", "Scale's data services", "H100 chips"), not a
    company, a unit or a stake ("bought Dresdner Bank from Allianz", "the 25% of Arm")?"""
    idx, goods = ctx.idx, set(ctx.words["goods_nouns"])
    not_goods = set(ctx.words["not_goods"]) | set(ctx.words["not_goods_words"])
    objs = [goods_head(ctx, o) for o in objects(tok)]
    objs = [o for o in objs if not is_sum(ctx, o)]
    if not objs:
        return False
    for o in objs:
        named = [a for a in idx.np(o, modifiers=True) if idx.type(a.id) in {*ORG_TYPES, PRODUCT}]
        if any(idx.type(a.id) in ORG_TYPES for a in idx.np(o)) or o.lemma_.lower() in not_goods:
            return False
        if not (o.lemma_.lower() in goods or any(idx.type(a.id) == PRODUCT for a in named)):
            return False
    return True


@check("goods_object")
def _goods_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's object is goods: "ordered 470 jets", not "bought Dresdner Bank" or "a stake"."""
    return goods_object(ctx, tok)


@check("company_object")
def _company_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's object is a company, a unit or a stake in one ("sell York Holdings to Bain",
    "sold their first startup, Adallom, to Microsoft", "sell most of Hutchison Ports"): a deal,
    not a sale of goods."""
    idx = ctx.idx
    not_goods = set(ctx.words["not_goods"]) | set(ctx.words["not_goods_words"])
    for o in objects(tok):
        if o.lemma_.lower() in not_goods or o.lower_ in not_goods:
            return True
        inner = [o] + [t for t in o.subtree if t.dep_ in {"appos", "pobj", "conj"} and t.head.lower_ not in TO_FOR]
        if any(idx.type(a.id) in ORG_TYPES for t in inner for a in idx.at(t)):
            return True
    return False


@argument("clause_preps")
def _clause_preps(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects of the given prepositions anywhere in the verb's own clause: "moved its voice and
    video calling onto Amazon Chime"."""
    idx = ctx.idx
    found: list[Arg] = []
    for p in clause_preps(tok, args):
        if p.pos_ == "PROPN" and p.i not in idx.mention_of:
            continue  # a name the entity recogniser missed: "onto Amazon Chime" is not Amazon
        found += names_or_owner(idx, p)
    return unique(found)


@argument("agent_subject")
def _agent_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who does a verb, also when it only names the purpose of a deal: "signed a deal to supply
    engines to Airbus" (the signer), besides the usual subjects."""
    found = subject_args(ctx.idx, tok)
    if found or tok.dep_ not in {"acl", "relcl"}:
        return found
    noun = tok.head
    verb = noun.head if noun.dep_ in {"dobj", "pobj", "attr"} else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    return subject_args(ctx.idx, verb) if verb is not None and verb.pos_ in {"VERB", "AUX"} else []


@argument("user_of_subject")
def _user_of_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose product the verb's subject is: "its DGX servers ship with ConnectX cards" → Nvidia,
    "Microsoft's Copilot uses GPT-4" → Microsoft; an organisation named as the subject itself."""
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}] or subjects(tok)
    if not subj and tok.dep_ in {"acl", "amod"} and tok.head != tok:
        subj = [tok.head]
    return product_users(ctx.idx, subj)


@argument("subject_things")
def _subject_things(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The products the verb's subject names: "whose Tomahawk silicon sits inside switches"."""
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}] or subjects(tok)
    return args_of(ctx.idx, subj, modifiers=True)


@argument("goods_holder")
def _holder(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose a noun's things are: "switches from Arista Networks", "Samsung's phones", "Dell servers"."""
    idx = ctx.idx
    found = args_of(idx, prep_objects(tok, ("from", "of", "by")))
    return unique(found + product_users(idx, [tok]))


@argument("object_users")
def _object_users(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose things the verb's object names: "its chips power Microsoft's servers" → Microsoft,
    "powers ChatGPT" → ChatGPT's maker."""
    return product_users(ctx.idx, [o for o in objects(tok) if not is_money(ctx, o)])


@argument("object_of_kind")
def _object_of_kind(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects that are products of the given kinds: "runs the Bedrock service" (cloud_service)."""
    return [a for a in goods_args(ctx, tok) if ctx.idx.kind(a.id) in args]


@argument("object_not_of_kind")
def _object_not_of_kind(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    return [a for a in goods_args(ctx, tok) if ctx.idx.kind(a.id) not in args]


@argument("foreign_prep")
def _foreign_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects of the given prepositions, less the subject's own products: "trains its models on
    Google's TPUs", but not "Microsoft will build supercomputers on Azure" (its own cloud)."""
    idx = ctx.idx
    found = [a for p in verb_preps(tok, args) for a in names_or_owner(idx, p)]
    users = [a for a in subject_args(idx, tok) if idx.type(a.id) in ORG_TYPES] or product_users(idx, subjects(tok))
    return own_removed(idx, users, unique(found))


def maker_names(idx: EntityIndex, arg: Arg) -> set[str]:
    """Names of whoever the article says makes or owns a product, without a verb: its gazetteer
    developer, a maker's name before its core name ("Nvidia H100", also when the maker is no
    entity of its own), an organisation whose name it starts with ("Airbus A350") or that is
    named right before it ("its Nvidia H100 chips"), and its possessor."""
    c = idx.entities[arg.id]
    out: set[str] = {c.kb.developer} if c.kb and c.kb.developer else set()
    for m in c.mentions:
        core = m._.core_name
        if core and m.text.endswith(core) and len(m.text) > len(core):
            out.add(m.text[: -len(core)].strip())
    others = set(makers(idx, arg.id))
    tok, doc = arg.token, arg.token.doc
    span = next((m for m in c.mentions if m.start <= tok.i < m.end), None)
    if span is not None and span.start > 0:  # "its Nvidia H100 chips": a maker right before the name
        others |= {a.id for a in idx.at(doc[span.start - 1]) if idx.type(a.id) == ORG}
    head = tok
    while head.dep_ in {"compound", "nmod", "amod"} and head.head != head:
        head = head.head
    poss = [p for p in head.children if p.dep_ == "poss"]
    possessors = [a for p in poss for a in (whose_antecedent(idx, p) if p.lower_ == "whose" else idx.np(p))]
    others |= {a.id for a in possessors if idx.type(a.id) in ORG_TYPES}
    others.discard(arg.id)
    return out | {idx.entities[o].name for o in others}


def group_of(idx: EntityIndex, ids: Iterable[str]) -> set[str]:
    """Every name the given organisations go by, with their parents' in the gazetteer: a product of
    Amazon Web Services is Amazon's own."""
    kb = idx.kb
    names: set[str] = set()
    for i in ids:
        c = idx.entities[i]
        names |= {c.name, *c.aliases, *(m.text for m in c.mentions)}
        if c.kb:
            names.add(c.kb.name)
    return names | {a for n in list(names) for a in ancestors(kb, n)}


def ancestors(kb: KnowledgeBase, name: str) -> list[str]:
    out: list[str] = []
    entry = kb.lookup(name)
    while entry is not None and entry.parent and entry.parent not in out:
        out.append(entry.parent)
        entry = kb.lookup(entry.parent)
    return out


def is_own(idx: EntityIndex, maker: str, group: set[str]) -> bool:
    return maker in group or bool(set(ancestors(idx.kb, maker)) & group)


def made_elsewhere(idx: EntityIndex, arg: Arg, ids: Iterable[str]) -> bool:
    """Is a product said to be made by someone outside these organisations' group?"""
    if idx.type(arg.id) != PRODUCT:
        return False
    group = group_of(idx, ids)
    return any(not is_own(idx, m, group) for m in maker_names(idx, arg))


def made_by_them(idx: EntityIndex, arg: Arg, ids: Iterable[str]) -> bool:
    """Is a thing these organisations' own: one of them, or a product one of them makes?"""
    ids = set(ids)
    if idx.type(arg.id) != PRODUCT:
        return arg.id in ids
    group = group_of(idx, ids)
    return any(is_own(idx, m, group) for m in maker_names(idx, arg))


def own_removed(idx: EntityIndex, users: list[Arg], things: list[Arg]) -> list[Arg]:
    """``things`` less what ``users`` make themselves: using one's own product is not news."""
    ids = {u.id for u in users}
    return [t for t in things if not made_by_them(idx, t, ids)]


@argument("foreign_object")
def _foreign_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The verb's objects less the subject's own products: "Meta uses Nvidia's chips", not
    "Microsoft uses Azure"."""
    idx = ctx.idx
    found: list[Arg] = []
    for o in (o for o in objects(tok) if not is_sum(ctx, o)):  # "OpenAI's models, including GPT-4": GPT-4
        found += idx.np(o, modifiers=True) or including_lists(ctx, o) or names_or_owner(idx, o)
    return own_removed(idx, subject_args(idx, tok), unique(found))


@argument("own_object")
def _own_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The verb's objects that no other company is said to make: "BYD sells the Atto 3 models",
    not "Best Buy sells Apple's iPhone models"."""
    idx = ctx.idx
    subj = {a.id for a in subject_args(idx, tok)}
    return [a for a in goods_args(ctx, tok) if not made_elsewhere(idx, a, subj)]


@argument("own_examples")
def _own_examples(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The verb's objects and examples, less products another company is said to make:
    "TSMC makes Nvidia's H100 chips" is TSMC supplying Nvidia, not TSMC's product."""
    idx = ctx.idx
    subj = {a.id for a in subject_args(idx, tok) + co_makers(ctx, tok)}
    found = _object_examples(ctx, tok, args) + colon_list(ctx, tok)
    return [a for a in unique(found) if not made_elsewhere(idx, a, subj)]


def co_makers(ctx: Context, tok: Token) -> list[Arg]:
    """The companies a maker verb says the work was shared with: "co-develops Tivdak with
    Genmab", "the vaccine it developed with BioNTech" (not "with Nvidia chips", "with help from")."""
    idx = ctx.idx
    return [a for a in args_of(idx, prep_objects(tok, ("with", "alongside"))) if idx.type(a.id) == ORG]


@argument("co_makers")
def _co_makers(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a product was made with: "co-develops Tivdak with Genmab" → Genmab."""
    return co_makers(ctx, tok)


@argument("for_customer")
def _for_customer(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose the thing is that goods are made or supplied for: "supplies screens for Apple's
    iPhone", "builds engines for the Airbus A320" (the product's owner or maker)."""
    idx = ctx.idx
    found: list[Arg] = []
    for p in verb_preps(tok, ("for",)):
        here = idx.np(p, modifiers=True)
        if any(idx.type(a.id) in ORG_TYPES for a in here):
            continue  # "for Apple": the plain reading does it
        products = [a for a in here if idx.type(a.id) == PRODUCT]
        found += [a for a in owners(idx, p) if idx.type(a.id) == ORG and not a.ref]  # not "for both companies' cars"
        found += [Arg(m, p, True) for a in products for m in sorted(makers(idx, a.id))]
    subj = {a.id for a in subject_args(idx, tok)}
    return [a for a in unique(found) if a.id not in subj]


@argument("unit_subject")
def _unit_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """A subject told as a unit with its name before the unit noun: "Volkswagen's Skoda unit
    launched the Elroq" (Skoda, not Volkswagen)."""
    idx, units = ctx.idx, set(ctx.words["unit_words"])
    subj = [c for c in tok.children if c.dep_ == "nsubj"] or subjects(tok)
    return unique([a for s in subj if s.lemma_ in units for c in s.children if c.dep_ == "compound" for a in idx.at(c)])


@argument("hyphen_subject")
def _hyphen_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The subject of a verb the tokenizer split at a prefix ("co-develops" read as "co", "-",
    "develops", with the subject on "co")."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 2].lower_ not in {"co", "re"}:
        return []
    prefix = doc[tok.i - 2]
    return subject_args(ctx.idx, prefix) or (subject_args(ctx.idx, prefix.head) if prefix.head != prefix else [])


@argument("made_products")
def _made_products(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The products a maker verb is about, in a main clause ("co-develops Tivdak with Genmab") or
    a relative one ("Comirnaty, the vaccine it developed with BioNTech"), less those a third
    company is said to make."""
    found = _own_examples(ctx, tok, args)
    if not found and tok.dep_ in {"relcl", "acl"}:
        found = [a for a in _relative_thing(ctx, tok, args) if ctx.idx.type(a.id) == PRODUCT]
    return found


def colon_list(ctx: Context, verb: Token) -> list[Arg]:
    """Products listed after a colon that follows the verb's object: "sells four approved
    medicines: Adcetris for lymphoma, Padcev for bladder cancer and Tukysa, a pill it licensed",
    "makes two jets: the A220 and the A350" (not names inside a clause of the list)."""
    idx, doc = ctx.idx, verb.doc
    objs = objects(verb)
    if not objs:
        return []
    start = min(o.i for o in objs)  # the list may be parsed as appositions of the object
    colon = next((t for t in doc[start + 1 : verb.sent.end] if t.text in {":", ";", "."}), None)
    clauses = [t for t in doc[verb.i + 1 : colon.i] if t.pos_ in {"VERB", "AUX"} and t.dep_ != "amod"] if colon else []
    if colon is None or colon.text != ":" or clauses:
        return []  # "four approved medicines:" is still the object; "makes chips it sells:" is not
    found: list[Arg] = []
    for t in doc[colon.i + 1 : verb.sent.end]:
        if t.text == ";":
            break
        climb = [a for a in t.ancestors if a.i > colon.i or a == verb]
        if any(a.pos_ in {"VERB", "AUX"} and a != verb for a in climb):
            continue  # "Tukysa, a pill it picked up when it bought Cascadian": not Cascadian
        found += [a for a in idx.at(t) if idx.type(a.id) == PRODUCT and not a.ref]
    return unique(found)


def is_retailer(ctx: Context, ids: Iterable[str]) -> bool:
    """Is one of these organisations a retailer or distributor, whose selling a product does not
    make it theirs ("Walmart sells Pringles")? Read from the gazetteer's descriptors."""
    words = set(ctx.words["retail_words"])
    for i in ids:
        kb = ctx.idx.entities[i].kb
        if kb and any(w in words for d in kb.descriptors for w in d.lower().split()):
            return True
    return False


@argument("sold_products")
def _sold_products(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a maker sells as its own: the products its object names ("sells the R1T pickup and
    the R1S SUV", "markets Padcev"), lists them with ("medicines such as Keytruda") or after a
    colon ("four approved medicines: Adcetris, ..."); a retailer's only when they are its make,
    and never what another company is said to make ("Best Buy sells Apple's iPhone")."""
    idx = ctx.idx
    found: list[Arg] = []
    for o in (goods_head(ctx, o) for o in objects(tok) if not is_sum(ctx, o)):
        found += [a for a in idx.np(o, modifiers=True) if idx.type(a.id) == PRODUCT] + including_lists(ctx, o)
    found += colon_list(ctx, tok)
    subj = {a.id for a in subject_args(idx, tok)}
    if is_retailer(ctx, subj):
        return [a for a in unique(found) if made_by_them(idx, a, subj)]
    return [a for a in unique(found) if not made_elsewhere(idx, a, subj)]


@argument("prep_products")
def _prep_products(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects of the given prepositions, the products when there are any: "ship with Nvidia
    H100 chips" is H100, "ship with Nvidia chips" Nvidia."""
    found = args_of(ctx.idx, verb_preps(tok, args), modifiers=True)
    products = [a for a in found if ctx.idx.type(a.id) == PRODUCT]
    return products or found


@argument("of_entity")
def _of_entity(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The entity an "of" phrase names itself, not one compounded into it: "the owner of
    7-Eleven", not "the largest owner of Nvidia shares"."""
    return args_of(ctx.idx, prep_objects(tok, args or ("of",)))


@argument("supplier_of")
def _supplier_of(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose customer a customer noun is: "a customer of Google Cloud", "Scale's largest
    customer", "a Mellanox customer"; of a product, the product and its maker ("the biggest
    customer for the Airbus A380")."""
    idx = ctx.idx
    found = [a for p in prep_objects(tok, ("of", "for")) for a in names_or_owner(idx, p)]  # "a buyer of Nvidia's chips"
    found += [Arg(m, a.token, True) for a in found if idx.type(a.id) == PRODUCT for m in sorted(makers(idx, a.id))]
    return unique(found) or [a for a in owners(idx, tok) if idx.type(a.id) in ORG_TYPES]


@argument("described_one")
def _described_one(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a describing noun is said of: "X is a customer", "X, Scale's largest customer", "X is
    one of Nvidia's biggest customers"."""
    idx = ctx.idx
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "one":
        tok = tok.head.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.head.head.pos_ in {"VERB", "AUX"}:
        return subject_args(idx, tok.head.head)  # "Microsoft and Meta are among Nvidia's biggest customers"
    if tok.dep_ == "attr" and tok.head.pos_ in {"VERB", "AUX"}:
        found = subject_args(idx, tok.head)
        if found:
            return found
    return apposition_of(idx, tok)


@argument("award_recipient")
def _recipient(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who is given something: "awarded a contract to IBM", "awarded IBM a contract"."""
    idx = ctx.idx
    found = args_of(idx, prep_objects(tok, ("to",)))
    found += args_of(idx, [c for c in tok.children if c.dep_ == "dative" and c.pos_ in {"PROPN", "NOUN"}])
    return unique(found)


@argument("relative_head")
def _relative_head(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a relative clause describes, also when the parser lost the apposition it sits in:
    "the MG badge, a brand it owns"."""
    if tok.dep_ not in {"relcl", "acl"} or tok.head == tok:
        return []
    return ctx.idx.np(tok.head) or apposition_of(ctx.idx, tok.head)


@argument("relative_thing")
def _relative_thing(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a relative clause describes, an apposition's name first: in "Zepbound, a weekly shot
    it launched" and "Comirnaty, the Covid-19 vaccine it developed" the name right before the
    described noun (which the parser may hang on an earlier name, or call an attribute), then the
    noun phrase itself ("the chips it designs" names none)."""
    if tok.dep_ not in {"relcl", "acl"} or tok.head == tok:
        return []
    head, idx = tok.head, ctx.idx
    if head.i not in idx.named:
        found = apposition_of(idx, head)
        if found:
            return found
    return idx.np(head)


@argument("objects_listed")
def _objects_listed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The verb's objects with every name listed before their head: "include Twix, Skittles and
    Kind bars" (also when the recogniser took "Kind bars" for the name)."""
    idx = ctx.idx
    found = object_args(ctx, tok, args)
    for o in objects(tok):
        found += idx.left_names(o)
    return unique(found)


@argument("subject_or_its_apposition")
def _subject_or_apposition(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The subject of the anchor's copula, or the name in apposition to it when the parser took a
    place for the subject: in "Santa Monica, California-based Activision Blizzard, ..., becomes
    part of Microsoft" the subject is Activision Blizzard."""
    idx, head = ctx.idx, tok.head
    if head == tok or head.pos_ not in {"VERB", "AUX"}:
        return []
    found = subject_args(idx, head, modifiers=True)
    if found and all(idx.type(a.id) == "Location" for a in found):
        subj = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return args_of(idx, [c for s in subj for c in s.children if c.dep_ == "appos"])
    return found


@check("goods_with")
def _goods_with(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The "with" phrase (or the one given: "goods_with:trigger:for") is goods ("supplies
    Microsoft with chips", "relies on Nvidia for its AI chips"), not money ("provided OpenAI with
    $10 billion", "with funding")."""
    idx, goods = ctx.idx, set(ctx.words["goods_nouns"])
    for p in (goods_head(ctx, p) for p in prep_objects(tok, args or ("with",))):
        if is_sum(ctx, p) or p.lemma_ in ctx.words["money_nouns"]:
            return False
        if p.lemma_.lower() in goods or any(idx.type(a.id) == PRODUCT for a in idx.np(p, modifiers=True)):
            return True
    return False


@check("not_own")
def _not_own(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """``not_own:trigger:users|things|args`` (two resolvers, then the second's arguments): some
    thing is not the users' own make, so "Google's TPUs power Gemini" is no news of use."""
    users_name, things_name, *rest = args
    users = ARGUMENTS[users_name](ctx, tok, ())
    things = ARGUMENTS[things_name](ctx, tok, tuple(rest))
    return bool(own_removed(ctx.idx, users, things)) or not users


@argument("powered_by")
def _powered_by(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What something is powered by or built on: "powered by OpenAI's GPT-4 model", "built on
    AWS" (the products when any are named)."""
    idx = ctx.idx
    found = [a for p in agents(tok) + prep_objects(tok, ("on", "upon", "atop")) for a in names_or_owner(idx, p)]
    products = [a for a in found if idx.type(a.id) == PRODUCT]
    return products or unique(found)


@argument("object_outside_subject")
def _object_outside_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The verb's objects, less a pronoun read as something inside the subject's own phrase: in
    "the Pentagon's Defense Innovation Unit picked it", "it" is not the Pentagon."""
    idx = ctx.idx
    inside = {a.id for s in tok.children if s.dep_ == "nsubj" for t in s.subtree for a in idx.at(t)}
    return [a for a in goods_args(ctx, tok) if not (a.ref and a.id in inside)]


@argument("foreign_hardware")
def _foreign_hardware(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Products the verb's subject runs that are not of the given kinds nor its own: "OpenAI runs
    Nvidia's H100 chips", not "Anthropic runs Claude"."""
    found = [a for a in goods_args(ctx, tok) if ctx.idx.kind(a.id) not in args]
    return own_removed(ctx.idx, subject_args(ctx.idx, tok), found)


@argument("own_prep_affirmed")
def _own_prep_affirmed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects of the given prepositions on the anchor, less those denied: "supplies chips to
    Apple but not to Huawei"."""
    idx = ctx.idx
    preps = [c for c in tok.children if c.dep_ in {"prep", "dative"} and c.lower_ in args]
    preps += [c for p in preps for c in p.conjuncts if c.pos_ == "ADP"]
    found: list[Arg] = []
    for p in preps:
        denied = any(c.dep_ in {"neg", "advmod"} and c.lower_ in {"not", "never"} for c in p.children)
        if denied or p.i > 0 and p.doc[p.i - 1].lower_ in {"not", "never"}:
            continue
        found += args_of(idx, [g for g in p.children if g.dep_ == "pobj"], modifiers=True)
    return unique(found)


def is_denied(tok: Token) -> bool:
    """Is the phrase denied, itself or through the clause it completes: "Claude is not available
    on Azure", "Apple is not a Qualcomm customer", "no longer a unit of"?"""
    t = tok
    for _ in range(4):
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in {"not", "never", "no", "n't"} and c.dep_ in {"advmod", "det", "neg"}:
                return True
            if c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
                return True  # "no longer a customer"
        if t.dep_ in {"acomp", "attr", "oprd", "pobj", "prep", "xcomp"} and t.head != t:
            t = t.head
        else:
            return False
    return False


@check("denied_relation")
def _denied(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The phrase is denied: "Claude is not available on Azure", "Apple is no longer a customer"."""
    return is_denied(tok)


@argument("named_products")
def _named_products(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Products the verb's object names as its head, or before a product noun ("announced the
    H200 chip"), not ones merely mentioned in it ("announced Claude 3 availability"); less
    products another company makes."""
    idx, words = ctx.idx, ctx.words
    kinds = set(words["goods_nouns"]) | set(words["product_plural_words"])
    found: list[Arg] = []
    for o in objects(tok):
        found += idx.np(o) or (idx.left_names(o) if o.lemma_.lower() in kinds or o.lower_ in kinds else [])
        found += including_lists(ctx, o)
    subj = {a.id for a in subject_args(idx, tok)}
    return [a for a in unique(found) if idx.type(a.id) == PRODUCT and not made_elsewhere(idx, a, subj)]


@argument("family_of")
def _family_of(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The product a family noun names: "the Claude 3 family", "the GPT-4 series"."""
    return [a for a in ctx.idx.np(tok, modifiers=True) if ctx.idx.type(a.id) == PRODUCT]


@argument("family_member")
def _family_member(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Which product is said to be in a family: "Haiku is the smallest model in the Claude 3
    family", "Claude 3 Haiku, the fastest member of the Claude 3 family"."""
    idx = ctx.idx
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in {"in", "of", "within"} or prep.head == prep:
        return []
    noun = prep.head
    if noun.i in idx.named:
        return []
    if noun.dep_ == "attr" and noun.head.pos_ in {"VERB", "AUX"}:
        found = subject_args(idx, noun.head)
    else:
        found = apposition_of(idx, noun)
    return [a for a in found if idx.type(a.id) == PRODUCT]


@argument("foreign_products")
def _foreign_products(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Products the verb's object names that another company is known to make: what a provider
    offers, not its own ("Anthropic offers Claude")."""
    idx = ctx.idx
    subj = {a.id for a in subject_args(idx, tok)}
    return [a for a in goods_args(ctx, tok) if idx.type(a.id) == PRODUCT and made_elsewhere(idx, a, subj)]


@argument("provider_chooser")
def _chooser(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who chose a provider: "OpenAI picked Oracle as a cloud provider" (the subject of the verb
    the "as" phrase hangs on)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in {"VERB", "AUX"}:
        return subject_args(ctx.idx, head.head)
    return []


@argument("available_where")
def _available_where(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Where a product is available: prepositions on "available" or on the copula it completes
    ("is available to AWS customers through Amazon Bedrock")."""
    idx = ctx.idx
    found = args_of(idx, prep_objects(tok, args), modifiers=True)
    if not found and tok.dep_ == "acomp" and tok.head != tok:
        found = args_of(idx, prep_objects(tok.head, args), modifiers=True)
    return found


@check("anchor_lemma")
def _lemma(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The anchor's lemma is one of these: "!lemma:trigger:buy|purchase"."""
    return tok.lemma_ in args


@argument("deal_party")
def _deal_party(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The other party of a deal a verb names the purpose of: "signed a contract with Vodafone to
    supply 5G equipment" (Vodafone)."""
    if tok.dep_ not in {"acl", "relcl"} or tok.head == tok:
        return []
    return args_of(ctx.idx, prep_objects(tok.head, ("with",)))


@argument("contract_owner")
def _contract_owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose contract or business was won: "won the Pentagon's cloud contract", "won Apple's
    modem business"."""
    idx = ctx.idx
    return [a for o in objects(tok) for a in owners(idx, o) if idx.type(a.id) in ORG_TYPES]


@argument("company_of")
def _company_of(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The group a company belongs to, named before "company": "Waymo, an Alphabet company"; not
    an investor's portfolio ("a Sequoia portfolio company") or a ranking ("a Fortune 500 company")."""
    idx = ctx.idx
    if any(c.dep_ == "compound" and c.lower_ in args for c in tok.children):
        return []
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children):
        return []
    return [a for c in tok.children if c.dep_ == "compound" and c.i < tok.i for a in idx.at(c) if idx.type(a.id) == ORG]


@argument("fleet_owner")
def _fleet_owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose fleet a fleet noun is: "its fleet of Airbus A350s", "Delta's fleet includes", "Delta
    operates a fleet of A350s"."""
    idx = ctx.idx
    found = [a for a in owners(idx, tok) if idx.type(a.id) in ORG_TYPES]
    if not found and tok.dep_ == "dobj" and tok.head.lemma_ in {"operate", "have", "run", "fly", "own", "keep"}:
        found = [a for a in subject_args(idx, tok.head) if idx.type(a.id) in ORG_TYPES]
    return found


@argument("fleet_members")
def _fleet_members(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The products a fleet is of or includes: "a fleet of 40 Airbus A350s", "its fleet includes"."""
    idx = ctx.idx
    found = [a for p in prep_objects(tok, ("of",)) for a in idx.np(p, modifiers=True)]
    if tok.dep_ == "nsubj" and tok.head.lemma_ in {"include", "comprise", "be"}:
        found += args_of(idx, objects(tok.head), modifiers=True)
    return [a for a in unique(found) if idx.type(a.id) == PRODUCT]


@argument("access_target")
def _access_target(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What access is given to: "access to up to one million TPUs", "access to Nvidia's chips",
    and the platform it comes through ("through Google Cloud"); the products when any are named."""
    idx = ctx.idx
    found = [a for p in prep_objects(tok, ("to",)) for a in names_or_owner(idx, goods_head(ctx, p))]
    verb = tok.head if tok.dep_ in {"dobj", "pobj"} else tok
    found += [
        a
        for p in prep_objects(verb, ("through", "via")) + prep_objects(tok, ("through", "via"))
        for a in names_or_owner(idx, p)
    ]
    return unique(found)


def clause_path(tok: Token, steps: int = 5) -> list[Token]:
    """The anchor and the words it hangs on up to the verbs that govern it: "stopped supplying",
    "denied that it supplies", "dropped Qualcomm as a supplier"."""
    path, t = [tok], tok
    for _ in range(steps):
        if t.head == t or t.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "attr", "acomp", "oprd"}:
            break
        t = t.head
        path.append(t)
    return path


@check("ended_relation")
def _ceased(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The relation is said to end, be lost or be denied: "stopped supplying", "dropped Qualcomm as
    a supplier", "denied that it supplies", "refused to use"."""
    ending = set(ctx.words["ending_verbs"])
    return any(t.lemma_ in ending for t in clause_path(tok)[1:]) or any(
        c.dep_ == "prt" and c.lower_ in {"off", "out"} and tok.lemma_ in {"phase", "cut", "rule"} for c in tok.children
    )


@check("conditional_relation")
def _hypothetical(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The relation is a condition or a question: "if Apple uses Gemini", "whether it supplies"."""
    for t in [*clause_path(tok), *(a for a in tok.ancestors)][:8]:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in t.children):
            return True
        if t.dep_ in {"advcl", "ccomp"} and any(c.lower_ in {"if", "unless", "whether"} for c in t.children):
            return True
        if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT"}:
            break
    return False


@argument("inside_things")
def _inside_things(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The products the verb's subject names, less the holder's own: "Tomahawk silicon sits inside
    switches from Arista", not "Google's TPUs are used in its own data centres"."""
    idx = ctx.idx
    places = prep_objects(tok, args)
    holders = [h for p in places for h in _holder(ctx, p, ())]
    return own_removed(idx, holders, _subject_things(ctx, tok, ()))


@argument("units_including")
def _units_including(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The units listed after a possessed unit noun: "Microsoft's subsidiaries, including GitHub"."""
    idx, words = ctx.idx, set(ctx.words["including_words"])
    found: list[Arg] = []
    for t in tok.head.subtree:
        if t.dep_ == "prep" and t.lower_ in words:
            found += [a for p in t.children if p.dep_ == "pobj" for a in idx.np(p)]
    return [a for a in unique(found) if idx.type(a.id) in ORG_TYPES]


@argument("spent_on")
def _spent_on(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose goods money is spent on: "spend billions on Nvidia's chips", "on Nvidia GPUs"."""
    idx, goods = ctx.idx, set(ctx.words["goods_nouns"])
    found: list[Arg] = []
    for p in clause_preps(tok, ("on",), 3):
        if p.lemma_.lower() in goods or any(idx.type(a.id) == PRODUCT for a in idx.np(p, modifiers=True)):
            found += [a for a in owners(idx, p) if idx.type(a.id) == ORG]
            products = [a for a in idx.np(p, modifiers=True) if idx.type(a.id) == PRODUCT]
            found += [Arg(m, p, True) for a in products for m in sorted(makers(idx, a.id))]
    return unique(found)


def is_hearsay(ctx: Context, tok: Token) -> bool:
    """Is the phrase only reported or rumoured: "reportedly in talks to supply", "is said to be
    buying modems from", "denied reports that it would buy chips from", "rumours that it uses"."""
    words = ctx.words
    nouns, adverbs, passives = (set(words[k]) for k in ("hearsay_nouns", "hearsay_adverbs", "hearsay_passives"))
    climb = {
        "xcomp",
        "ccomp",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "attr",
        "acomp",
        "oprd",
        "acl",
        "relcl",
        "conj",
        "advcl",
    }
    t = tok
    for _ in range(8):
        if any(c.dep_ == "advmod" and c.lower_ in adverbs for c in t.children):
            return True
        if t is not tok and t.lemma_ in passives and any(c.dep_ == "auxpass" for c in t.children):
            return True  # "Apple is said to be considering", "is rumoured to use"
        if t.lemma_ in passives and any(hearsay_source(c, nouns) for c in t.children if c.dep_ == "nsubj"):
            return True  # "people familiar with the matter said", "reports say"
        if any(c.dep_ == "prep" and c.lower_ == "according" and hearsay_source(c, nouns) for c in t.children):
            return True  # "according to reports", "according to people familiar with"
        if t.head is t or t.dep_ not in climb:
            return False
        if t.dep_ in {"acl", "relcl", "ccomp", "pobj", "prep"} and t.head.pos_ == "NOUN" and t.head.lemma_ in nouns:
            return True  # "reports that it would buy", "speculation about"
        t = t.head
    return False


def hearsay_source(tok: Token, nouns: set[str]) -> bool:
    """Is this (or the object of "according to") an unnamed source: reports, rumours, "people
    familiar with the matter", "sources"?"""
    heads = [tok, *(g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")]
    return any(h.lemma_ in nouns or h.lemma_ in {"person", "people", "source", "insider"} for h in heads)


@check("reported_relation")
def _reported(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The relation is only reported, rumoured or guessed at: news of a rumour is not a fact."""
    return is_hearsay(ctx, tok)


VENTURE_NOUNS = {"venture", "jv", "consortium"}


@check("shared_owner")
def _shared_owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The owned company is a joint venture or has several owners ("the joint venture owned by GM
    and LG Energy Solution", "is owned by Disney and Comcast"): it is part of neither parent."""
    head = tok.head if tok.dep_ in {"acl", "relcl"} else None
    if head is not None and head.lemma_.lower() in VENTURE_NOUNS:
        return True
    if tok.dep_ == "ROOT" or tok.head is tok:
        described = [
            c for s in tok.children if s.dep_ in {"nsubj", "nsubjpass"} for c in s.children if c.dep_ == "appos"
        ]
        if any(d.lemma_.lower() in VENTURE_NOUNS for d in described):
            return True
    owners_ = [p for a in tok.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    owners_ += [s for s in tok.children if s.dep_ == "nsubj"] if tok.lemma_ == "own" else []
    for o in owners_:
        for c in o.children:
            if (
                c.dep_ == "conj"
                and c.i in ctx.idx.named
                and not any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)
            ):
                return True  # "owned by Disney and Comcast", not "by SoftBank and its Vision Fund"
    return False


@argument("off_products")
def _off_products(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a maker "took the wraps off" or "showed off": the objects of "off" (a particle the
    parser gives the object to), less products another company makes."""
    idx = ctx.idx
    subj = {a.id for a in subject_args(idx, tok)}
    found = [
        a
        for off in tok.children
        if off.lower_ == "off" and off.dep_ in {"prt", "prep"}
        for p in off.children
        if p.dep_ == "pobj"
        for a in idx.np(p, modifiers=True)
    ]
    return [a for a in unique(found) if idx.type(a.id) == PRODUCT and not made_elsewhere(idx, a, subj)]


SELLER_VERBS = {"buy", "purchase", "order", "rent", "lease", "license", "licence", "source", "procure", "get", "obtain"}


@argument("from_products")
def _from_products(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The products a "from" phrase names the maker of: "GPT-4 from OpenAI", "Claude models from
    Anthropic"; not goods bought or rented "from" a seller ("H100 chips from CoreWeave")."""
    idx, kinds = ctx.idx, set(ctx.words["product_plural_words"]) | set(ctx.words["product_nouns"])
    head = tok.head
    if tok.dep_ != "prep" or head is tok or head.pos_ not in {"NOUN", "PROPN"}:
        return []
    if head.dep_ in {"dobj", "pobj", "conj"} and any(t.lemma_ in SELLER_VERBS for t in (head.head, head.head.head)):
        return []  # "bought H100 chips from Dell", "access to chips from"
    if head.dep_ == "pobj" and head.head.lower_ == "for":
        return []  # "demand for Vireo drones from the Army": a buyer, not a maker
    found = idx.np(head, modifiers=True) if head.i in idx.named else []
    if not found and head.lemma_.lower() in kinds:
        found = idx.left_names(head) or apposition_of(idx, head)  # "Vireo, a new assistant from"
    makers_ = {a.id for p in tok.children if p.dep_ == "pobj" for a in idx.np(p)}
    return [a for a in unique(found) if idx.type(a.id) == PRODUCT and not made_elsewhere(idx, a, makers_)]


@argument("from_maker")
def _from_maker(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation a product comes "from": "GPT-4 from OpenAI"."""
    idx = ctx.idx
    return [a for p in tok.children if p.dep_ == "pobj" for a in idx.np(p) if idx.type(a.id) == ORG]


@argument("on_platform")
def _on_platform(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The platform a copula puts a product "on", directly or after "back", "now" or "live":
    "Claude is now on Amazon Bedrock", "Fortnite is back on the App Store"."""
    idx = ctx.idx
    holders = [
        tok,
        *(c for c in tok.children if c.dep_ in {"advmod", "acomp"} and c.lower_ in {"back", "live", "now", "also"}),
    ]
    found = [a for h in holders for p in prep_objects(h, ("on",)) for a in names_or_owner(idx, p)]
    return [a for a in unique(found) if idx.type(a.id) in {PRODUCT, ORG}]
