"""Relation rules: small generators over a parsed, entity-resolved Doc.

Each rule reads one grammatical pattern and yields ``Cand`` facts; trigger words come
from ``resources/triggers.json``. Type constraints of the schema are checked later, in
one place (``relations.TYPE_SIGNATURES``), so rules stay short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from spacy.tokens import Doc, Token

from ..lexicon import lexicon, triggers
from .grammar import (
    Arg,
    EntityIndex,
    agents,
    is_passive,
    objects,
    prep_objects,
    subjects,
    unique,
)
from .mentions import RELATIVE_PRONOUNS


@dataclass
class Cand:
    subject: Arg
    predicate: str
    object: Arg
    trigger: Token
    rule: str
    attrs: dict[str, Any] = field(default_factory=dict)


Rule = Callable[[EntityIndex, Doc], Iterator[Cand]]
T = triggers()


def args_of(idx: EntityIndex, toks: list[Token], modifiers: bool = False) -> list[Arg]:
    return unique([a for t in toks for a in idx.np(t, modifiers)])


def subject_args(idx: EntityIndex, verb: Token) -> list[Arg]:
    if is_passive(verb):
        return args_of(idx, agents(verb))
    if any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children):
        # subjects() already chose which of "A, who led X, and B" the relative clause speaks of
        return unique([a for t in subjects(verb) for a in idx.np(t, conj=False)])
    return args_of(idx, subjects(verb))


def implicit(subj: list[Arg], pred: str, trigger: Token, rule: str) -> Iterator[Cand]:
    """A fact whose other party the sentence leaves out ("bought a stake"): the article's deal supplies it."""
    for s in subj:
        yield Cand(s, pred, s, trigger, rule, {"implicit_target": True})


def pairs_or_implicit(subj: list[Arg], obj: list[Arg], pred: str, trigger: Token, rule: str) -> Iterator[Cand]:
    """Facts with the named other party, or, when the sentence names none, with the deal's."""
    yield from pairs(subj, obj, pred, trigger, rule) if obj else implicit(subj, pred, trigger, rule)


def deal_reference(pred: str, trigger: Token, rule: str) -> Cand:
    """Reads "the new commitment", "this investment": the article's deal itself, told again."""
    empty = Arg("", trigger, True)
    return Cand(empty, pred, empty, trigger, rule, {"implicit_target": True, "deal_parties": True})


def pairs(subj: list[Arg], obj: list[Arg], pred: str, trigger: Token, rule: str, **attrs: Any) -> Iterator[Cand]:
    for s in subj:
        for o in obj:
            if s.id != o.id:
                yield Cand(s, pred, o, trigger, rule, dict(attrs))


def verb_preps(verb: Token, preps: list[str]) -> list[Token]:
    """Prepositional objects of a verb or of its object: the parser attaches them either way."""
    return prep_objects(verb, preps) + [p for o in objects(verb) for p in prep_objects(o, preps)]


def money_object(tok: Token) -> bool:
    """Is ``tok`` (an object) a sum of money: "$1 billion", "more money"?"""
    lex = lexicon()
    return tok.lemma_ in T["invests_in"]["money_nouns"] or any(
        t.text in lex["currency_symbols"] or t.lower_ in lex["money_scales"] for t in tok.subtree
    )


# -- investment ---------------------------------------------------------------------------
def invest_verbs(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Google agreed to invest $2 billion in Anthropic"; "put $500 million into X"; passive "backed by"."""
    spec = T["invests_in"]
    for tok in idx.with_lemma(spec["verbs"]):
        if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_ not in spec["verbs"]:
            continue
        if tok.lemma_ in spec["object_verbs"]:
            if is_passive(tok) and tok.lemma_ != "invest":
                investee = args_of(idx, [c for c in tok.children if c.dep_ == "nsubjpass"])
                if tok.dep_ == "acl":
                    investee = idx.np(tok.head)
                yield from pairs(args_of(idx, agents(tok)), investee, "invests_in", tok, "invest-passive")
                continue
            targets = args_of(idx, verb_preps(tok, spec["preps"]))
            if tok.lemma_ != "invest":
                targets += args_of(idx, [o for o in objects(tok) if not money_object(o)])
            yield from pairs_or_implicit(subject_args(idx, tok), targets, "invests_in", tok, "invest-verb")
        elif tok.lemma_ in spec["money_verbs"] and any(money_object(o) for o in objects(tok)):
            targets = args_of(idx, verb_preps(tok, spec["preps"]))
            if not targets and tok.dep_ == "conj":  # "put $500m into X ... and will add $1.5bn in 2021"
                targets = args_of(idx, verb_preps(tok.head, spec["preps"]))
            yield from pairs_or_implicit(subject_args(idx, tok), targets, "invests_in", tok, "money-into")
        elif tok.lemma_ == "lead":  # "led a $75 million funding round in X"
            for obj in objects(tok):
                if obj.lemma_ in T["invests_in"]["round_nouns"]:
                    targets = args_of(idx, prep_objects(obj, ["in", "into"]))
                    yield from pairs_or_implicit(subject_args(idx, tok), targets, "invests_in", obj, "lead-round")


def investment_nouns(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Microsoft's investment in OpenAI", "its stake in X", "bought a stake"."""
    spec = T["invests_in"]
    for tok in idx.with_lemma(spec["nouns"]):
        if tok.pos_ != "NOUN" or tok.lemma_ not in spec["nouns"]:
            continue
        investors = owner_of(idx, tok)
        targets = args_of(idx, prep_objects(tok, spec["preps"]))
        anaphoric = is_anaphoric(tok)
        if not targets and not (anaphoric or investors):
            continue
        if not investors:  # "is making a multibillion-dollar investment in OpenAI": the maker invests
            head = tok.head if tok.dep_ in {"dobj", "pobj"} else None
            if head is not None and head.dep_ == "prep":
                head = head.head
            if head is not None and head.pos_ in {"VERB", "AUX"}:
                investors = subject_args(idx, head)
        if targets:
            yield from pairs(investors, targets, "invests_in", tok, "investment-noun")
        elif investors:
            yield from implicit(investors, "invests_in", tok, "investment-noun")
        elif anaphoric:
            yield deal_reference("invests_in", tok, "investment-noun")


def investor_nouns(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Backers named as such: "Its backers include A and B"; "Nvidia is also an investor (in X)"."""
    for tok in idx.with_lower(T["invests_in"]["investor_nouns"]):
        if tok.lower_ not in T["invests_in"]["investor_nouns"]:
            continue
        if tok.dep_ == "nsubj":
            investees = owner_of(idx, tok)
            listed = args_of(idx, objects(tok.head))
            yield from pairs(listed, investees, "invests_in", tok, "backers-include")
        elif tok.dep_ == "pobj" and tok.head.lower_ == "among":  # "counts A and B among its backers"
            verb = tok.head.head
            investees = owner_of(idx, tok) or subject_args(idx, verb)
            yield from pairs(args_of(idx, objects(verb)), investees, "invests_in", tok, "counts-among")
        elif tok.dep_ == "attr":
            investors = subject_args(idx, tok.head)
            investees = owner_of(idx, tok) + args_of(idx, prep_objects(tok, ["in"]))
            yield from pairs_or_implicit(investors, investees, "invests_in", tok, "is-investor")


def raise_from(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Money raised from named givers: "X raised $1 billion from investors including A and B";
    "raised $10 billion in a funding round led by Thrive Capital"."""
    for tok in idx.with_lemma(T["invests_in"]["raise_verbs"]):
        if tok.pos_ != "VERB" or tok.lemma_ not in T["invests_in"]["raise_verbs"]:
            continue
        if not any(money_object(o) for o in objects(tok)):
            continue
        givers = [g for p in verb_preps(tok, ["from"]) for g in p.subtree]
        rounds = [t for t in tok.subtree if t.lemma_ in T["invests_in"]["round_nouns"] and t.i != tok.i]
        givers += [g for r in rounds for v in r.children if v.dep_ == "acl" for a in agents(v) for g in a.subtree]
        investors = unique([a for g in givers for a in idx.at(g) if idx.type(a.id) in {"Organization", "Person"}])
        yield from pairs(investors, subject_args(idx, tok), "invests_in", tok, "raise-from")


# -- acquisition --------------------------------------------------------------------------
def acquire_verbs(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "AMD will buy ZT Systems"; "SoftBank, which bought Arm"; "X was acquired by Y"."""
    for tok in idx.with_lemma(T["acquires"]["verbs"]):
        if tok.pos_ != "VERB" or tok.lemma_ not in T["acquires"]["verbs"]:
            continue
        if tok.lemma_ == "take" and not any(c.lower_ == "over" for c in tok.children):
            continue
        objs = objects(tok)
        if any(o.lemma_ in T["invests_in"]["stake_nouns"] for o in objs):
            targets = args_of(idx, [p for o in objs for p in prep_objects(o, ["in"])])
            yield from pairs_or_implicit(subject_args(idx, tok), targets, "invests_in", tok, "buy-stake")
            continue
        if is_passive(tok):
            yield from pairs(
                args_of(idx, agents(tok)),
                args_of(idx, [c for c in tok.children if c.dep_ == "nsubjpass"]),
                "acquires",
                tok,
                "acquire-passive",
            )
        else:
            yield from pairs(subject_args(idx, tok), args_of(idx, objs), "acquires", tok, "acquire-verb")


def acquisition_nouns(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "its planned purchase of Arm", "Nvidia's acquisition of Run:ai"."""
    for tok in idx.with_lemma(T["acquires"]["nouns"]):
        if tok.pos_ != "NOUN" or tok.lemma_ not in T["acquires"]["nouns"]:
            continue
        targets = args_of(idx, prep_objects(tok, ["of"]))
        buyers = owner_of(idx, tok)
        if not targets and is_anaphoric(tok):
            yield from (
                implicit(buyers, "acquires", tok, "acquisition-noun")
                if buyers
                else iter([deal_reference("acquires", tok, "acquisition-noun")])
            )
            continue
        if targets and not buyers:
            by = args_of(idx, prep_objects(tok, ["by"]))
            head = tok.head.head if tok.dep_ == "pobj" else tok.head
            buyers = by or (subject_args(idx, head) if head.pos_ in {"VERB", "AUX"} else [])
        yield from pairs(buyers, targets, "acquires", tok, "acquisition-noun")


# -- partnership and competition ------------------------------------------------------------
def partner_verbs(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "X partnered with Y"; "the service it runs with Oracle, Microsoft and Google Cloud"."""
    spec = T["partners_with"]
    for tok in idx.with_lemma(spec["verbs"], spec["with_verbs"]):
        if tok.pos_ != "VERB":
            continue
        if tok.lemma_ in spec["verbs"] or tok.lemma_ in spec["with_verbs"]:
            partners = args_of(idx, prep_objects(tok, ["with", "alongside"]))
            subj = subject_args(idx, tok)
            yield from pairs(subj, partners, "partners_with", tok, "partner-verb")
            if tok.lemma_ in spec["verbs"] and tok.lemma_ != "join" and not partners and len(subj) == 2:
                yield Cand(subj[0], "partners_with", subj[1], tok, "partner-verb")


def partnership_nouns(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "the Microsoft-OpenAI collaboration", "a partnership the two companies began",
    "X's partnership with Y", "the partnership" (the article's deal)."""
    for tok in idx.with_lemma(T["partners_with"]["nouns"]):
        if tok.pos_ != "NOUN" or tok.lemma_ not in T["partners_with"]["nouns"] or tok.tag_ == "NNS":
            continue
        parties = unique(
            [a for c in tok.children if c.dep_ in {"poss", "compound", "nmod"} for a in idx.np(c)]
            + args_of(idx, prep_objects(tok, ["with", "between", "among"]))
        )
        for c in tok.children:  # "the Microsoft-OpenAI collaboration": both names compounded
            if c.dep_ in {"compound", "amod"}:
                parties = unique(parties + [a for g in c.subtree for a in idx.at(g)])
        relcl = [c for c in tok.children if c.dep_ == "relcl"]
        for verb in relcl:
            parties = unique(parties + subject_args(idx, verb))
        head = tok.head
        if tok.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_ in T["partners_with"]["forming_verbs"]:
            parties = unique(subject_args(idx, head) + parties)
        parties = [p for p in parties if idx.type(p.id) == "Organization"]
        if len(parties) >= 2:
            for a, b in combinations(parties[:4], 2):
                yield Cand(a, "partners_with", b, tok, "partnership-noun")
        elif not parties and tok.dep_ in {"nsubj"}:
            # "A new partnership gives ... Anthropic's models through Palantir's platform"
            clause = [a for c in tok.head.children if c != tok for a in idx.subtree(c, ["Organization"])]
            clause = unique(clause)
            if 2 <= len(clause) <= 3 and not is_anaphoric(tok):
                for a, b in combinations(clause, 2):
                    yield Cand(a, "partners_with", b, tok, "partnership-clause", {"confidence": 0.6})
            elif is_anaphoric(tok):
                yield deal_reference("partners_with", tok, "partnership-deal")


def competitor_nouns(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "OpenAI competitor Anthropic", "ahead of rivals Google and Amazon", "its challenge to Nvidia"."""
    for tok in idx.with_lemma(T["competes_with"]["nouns"]):
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_ not in T["competes_with"]["nouns"]:
            continue
        owners = owner_of(idx, tok)
        named = unique(
            [
                a
                for c in tok.children
                if c.dep_ in {"appos"} or c.dep_ in {"compound", "nmod"} and c.i > tok.i
                for a in idx.np(c)
            ]
            + args_of(idx, prep_objects(tok, ["to", "with"]))
        )
        if not named:  # the parser often misattaches these: read the words that follow
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ in {"to", "with", "against"}:
                named = following_names(idx, nxt)
            elif tok.tag_ == "NNS" or not any(c.dep_ == "det" for c in tok.children):
                named = following_names(idx, tok)
        described = idx.np(tok.head) if tok.dep_ in {"compound", "appos"} and tok.head.i > tok.i else []
        if tok.dep_ in {"attr"}:
            described = subject_args(idx, tok.head)
        if owners and (named or described):
            yield from pairs(owners, named or described, "competes_with", tok, "rival-noun")
        elif named and not owners:
            # "puts the company ahead of rivals Google and Amazon": the nearest name before
            before = [
                a
                for t in reversed(list(tok.sent))
                if t.i < tok.i
                for a in idx.at(t)
                if idx.type(a.id) == "Organization" and a.id not in {n.id for n in named}
            ]
            if before:
                yield from pairs(before[:1], named, "competes_with", tok, "rivals-appos", confidence=0.7)


def compete_verbs(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "X competes with Y" (products lift to their makers later)."""
    for tok in idx.with_lemma(T["competes_with"]["with_verbs"]):
        if tok.pos_ == "VERB" and tok.lemma_ in T["competes_with"]["with_verbs"]:
            rivals = args_of(idx, prep_objects(tok, ["with", "against"]))
            for c in tok.children:  # "competes with X and with Y"
                if c.dep_ == "conj" and c.pos_ == "ADP":
                    rivals += args_of(idx, [g for g in c.children if g.dep_ == "pobj"])
            yield from pairs(subject_args(idx, tok), unique(rivals), "competes_with", tok, "compete-verb")


# -- use, development, supply ------------------------------------------------------------------
def use_verbs(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Anthropic will use AWS Trainium and Inferentia chips to train"; "trains models on TPUs"."""
    for tok in idx.with_lemma(T["uses"]["verbs"], T["uses"]["from_verbs"]):
        if tok.pos_ != "VERB" or tok.lemma_ not in T["uses"]["verbs"] + T["uses"]["from_verbs"]:
            continue
        direct = tok.lemma_ in T["uses"]["verbs"] and tok.lemma_ not in {"train", "rely"}
        operated = args_of(idx, objects(tok), modifiers=True) if direct else []
        things = []
        if tok.lemma_ in T["uses"]["from_verbs"]:  # "rent computing power from Google Cloud"
            things += args_of(idx, verb_preps(tok, ["from"]), modifiers=True)
        if tok.lemma_ in T["uses"]["on_verbs"]:  # "trains models on TPUs", "run its apps on Azure"
            things += args_of(idx, verb_preps(tok, ["on", "upon"]), modifiers=True)
        purpose = next(
            (
                c.lemma_
                for c in tok.children
                if c.dep_ in {"xcomp", "advcl"} and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)
            ),
            None,
        )
        subj = subject_args(idx, tok)
        for thing in operated:  # "the AI service it runs" is its own; "run the MI300X" uses a chip
            if tok.lemma_ in {"run", "operate"} and idx.kind(thing.id) in {"cloud_service", "software"}:
                yield from pairs(subj, [thing], "develops", tok, "operate-service")
            else:
                things.append(thing)
        for thing in unique(things):
            yield from pairs(subj, [thing], "uses", tok, "use-verb", purpose=purpose)


def customer_nouns(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "X remains a customer of Google Cloud"; "making AWS the startup's primary cloud provider"."""
    for tok in idx.with_lemma(T["uses"]["nouns"], T["uses"]["provider_nouns"]):
        if tok.pos_ != "NOUN":
            continue
        if tok.lemma_ in T["uses"]["nouns"]:
            providers = args_of(idx, prep_objects(tok, ["of"]))
            users = (
                subject_args(idx, tok.head)
                if tok.dep_ in {"attr", "oprd"}
                else idx.np(tok.head)
                if tok.dep_ == "appos"
                else []
            )
            yield from pairs(users, providers, "uses", tok, "customer-of")
        elif tok.lemma_ in T["uses"]["provider_nouns"]:
            clients = owner_of(idx, tok) + args_of(idx, prep_objects(tok, ["for", "to"]))
            head = tok.head
            if tok.dep_ == "attr":
                providers = subject_args(idx, head)
            elif tok.dep_ in {"oprd", "xcomp", "ccomp"}:
                providers = args_of(idx, [c for c in head.children if c.dep_ == "dobj"])
                providers += args_of(idx, [c for c in tok.children if c.dep_ == "nsubj"])
            elif tok.dep_ == "appos":
                providers = idx.np(head)
            else:
                providers = []
            yield from pairs(clients, providers, "uses", tok, "provider-of")
            yield from pairs(providers, clients, "supplies", tok, "provider-of")


def develop_verbs(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Nvidia designs the Grace CPU"; "Google, which owns DeepMind"; "the service it runs"."""
    for tok in idx.with_lemma(T["develops"]["verbs"]):
        if (
            tok.pos_ != "VERB"
            or tok.lemma_ not in T["develops"]["verbs"]
            or tok.lemma_ in {"run", "operate"}
            and tok.dep_ != "relcl"
        ):
            continue
        makers = subject_args(idx, tok)
        if tok.dep_ == "relcl" and not objects(tok):
            made = idx.np(tok.head)
            makers = args_of(idx, [c for c in tok.children if c.dep_ == "nsubj"])
        else:
            made = args_of(idx, objects(tok), modifiers=True)
        for m in made:
            if idx.type(m.id) == "Product":
                yield from pairs(makers, [m], "develops", tok, "develop-verb")
            elif tok.lemma_ == "own" and idx.type(m.id) == "Organization":
                yield from pairs([m], makers, "part_of", tok, "owns")


def maker_nouns(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "OpenAI, the San Francisco-based maker of ChatGPT"; "the AI company behind the Claude chatbot"."""
    nouns = {t.i: t for t in idx.with_lemma(T["develops"]["nouns"]) + idx.with_lower(lexicon()["descriptor_heads"])}
    for tok in (nouns[i] for i in sorted(nouns)):
        if tok.pos_ != "NOUN":
            continue
        if tok.lemma_ in T["develops"]["nouns"]:
            made = args_of(idx, prep_objects(tok, ["of"]), modifiers=True)
        elif tok.lower_ in lexicon()["descriptor_heads"]:
            made = args_of(idx, prep_objects(tok, ["behind"]), modifiers=True)
        else:
            continue
        makers = idx.at(tok) or (idx.np(tok.head) if tok.dep_ == "appos" else [])
        makers += owner_of(idx, tok) if not makers else []
        yield from pairs(makers, [m for m in made if idx.type(m.id) == "Product"], "develops", tok, "maker-of")


def supply_verbs(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Arm licenses its processor designs to Apple, Qualcomm and others"."""
    for tok in idx.with_lemma(T["supplies"]["verbs"], T["supplies"]["for_verbs"]):
        if tok.pos_ == "VERB" and tok.lemma_ in T["supplies"]["verbs"] + T["supplies"]["for_verbs"]:
            if any(o.lemma_ in T["supplies"]["not_goods"] for o in objects(tok)):
                continue  # "sell its computing business to KKR"
            customers = args_of(idx, prep_objects(tok, ["to"] if tok.lemma_ in T["supplies"]["verbs"] else ["for"]))
            yield from pairs(subject_args(idx, tok), customers, "supplies", tok, "supply-verb")


def possessives(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Google's TPUs" (develops), "Alphabet's Google" (part_of), "AWS's Annapurna Labs team"."""
    for tok in idx.with_dep("poss"):
        if tok.dep_ != "poss":
            continue
        owners = idx.at(tok)
        if not owners:
            continue
        owned = possessed(idx, tok)
        for o in owned:
            otype = idx.type(o.id)
            for owner in owners:
                if otype == "Product" and idx.type(owner.id) in {"Organization", "Person"}:
                    yield Cand(owner, "develops", o, tok, "possessive-product")
                elif otype == "Organization" and idx.type(owner.id) == "Organization" and owns_unit(idx, tok, o):
                    yield Cand(o, "part_of", owner, tok, "possessive-unit", {"confidence": 0.75})
        # "Its latest model, Claude 2": the head's apposition
        if tok.head.pos_ == "NOUN":
            for ap in [c for c in tok.head.children if c.dep_ == "appos"]:
                for o in idx.np(ap):
                    if idx.type(o.id) == "Product":
                        for owner in owners:
                            yield Cand(owner, "develops", o, tok, "possessive-appos")
        # "OpenAI's models, including GPT-3.5 and DALL-E"
        for inc in prep_objects(tok.head, ["including", "like", "such"]):
            for o in idx.np(inc) + [a for g in inc.subtree for a in idx.at(g) if idx.type(a.id) == "Product"]:
                if idx.type(o.id) == "Product":
                    for owner in owners:
                        if idx.type(owner.id) == "Organization":
                            yield Cand(owner, "develops", o, tok, "possessive-including")


def owns_unit(idx: EntityIndex, poss: Token, owned: Arg) -> bool:
    """ "Alphabet's Google", "AWS's Annapurna Labs team", "Activision's mobile unit, King" are
    ownership; "Microsoft's Activision deal" is not: the possessed noun must be the company or a unit."""
    head = poss.head
    return not owned.ref and (head.i in idx.named or head.lemma_ in T["part_of"]["nouns"])


def possessed(idx: EntityIndex, poss: Token) -> list[Arg]:
    """What a possessor owns: "Alphabet's Google", "its Instinct MI300X accelerators and EPYC
    processors", "Anthropic's Claude AI models"."""
    head = poss.head
    if idx.mention_of.get(head.i) == idx.mention_of.get(poss.i):
        return []
    owned = idx.at(head) or idx.left_names(head) or [a for c in head.children if c.dep_ == "appos" for a in idx.np(c)]
    for c in head.conjuncts:
        if c.i > head.i:
            owned += idx.at(c) or idx.left_names(c)
    return unique(owned)


def unit_of(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "MosaicML, a unit of Databricks"; "X is a subsidiary of Y"."""
    for tok in idx.with_lemma(T["part_of"]["nouns"]):
        if tok.pos_ != "NOUN" or tok.lemma_ not in T["part_of"]["nouns"]:
            continue
        owners = args_of(idx, prep_objects(tok, ["of"]))
        if tok.dep_ == "appos":
            units = idx.at(tok.head)
        elif tok.dep_ == "attr":
            units = subject_args(idx, tok.head)
        else:
            continue
        yield from pairs(units, owners, "part_of", tok, "unit-of")


def owner_prefix(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "AWS Trainium and Inferentia chips": a product named with its maker in front, and the
    products listed with it in the same noun phrase."""
    names = {n: c.id for c in idx.entities.values() if c.type == "Organization" for n in (c.name, *c.aliases)}
    for product in (c for c in idx.entities.values() if c.type == "Product"):
        for m in product.mentions:
            core = m._.core_name
            if not core or not m.text.endswith(core):
                continue
            maker = names.get(m.text[: -len(core)].strip())
            if maker is None:
                continue
            listed = [a for t in m.root.conjuncts for a in idx.at(t) if idx.type(a.id) == "Product"]
            for made in unique([Arg(product.id, m.root, False), *listed]):
                yield Cand(Arg(maker, m.root, False), "develops", made, m.root, "owner-prefix", {"confidence": 0.7})


def family_members(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Claude 3 Haiku" is part of "Claude": a product named after another one in the article."""
    products = [c for c in idx.entities.values() if c.type == "Product"]
    for child in products:
        for family in products:
            rest = child.name[len(family.name) :]
            if child is not family and child.name.startswith(family.name + " ") and any(c.isdigit() for c in rest):
                m = child.mentions[0]
                yield Cand(
                    Arg(child.id, m.root, False),
                    "part_of",
                    Arg(family.id, m.root, False),
                    m.root,
                    "family-name",
                    {"confidence": 0.7},
                )


def available_through(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "customers utilize Claude models through the Bedrock service"; "reach them via Azure"."""
    spec = T["available_on"]
    for tok in idx.with_lemma(spec["verbs"], ["access"]):
        if tok.lemma_ not in spec["verbs"] and tok.lemma_ != "access":
            continue
        preps = spec["preps"] if tok.lemma_ != "use" else ["through", "via"]
        items_at = objects(tok) + prep_objects(tok, ["to"])
        platform_at = prep_objects(tok, preps) + [p for o in items_at for p in prep_objects(o, ["through", "via"])]
        platforms = args_of(idx, platform_at, modifiers=True)
        if not platforms:
            continue
        items = args_of(idx, items_at, modifiers=True)
        if tok.lemma_ == "available":  # "its DBRX model, which is available on Azure"
            items = args_of(idx, subjects(tok.head), modifiers=True)
        for item in items:
            if idx.type(item.id) == "Product":
                yield from pairs([item], platforms, "available_on", tok, "through-platform")


# -- regulators --------------------------------------------------------------------------------
def regulator_actions(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "The CMA has greenlit the investment"; "the FTC sued to block the transaction";
    "the European Commission opened a review"; "said it was examining Google's ties to X"."""
    for tok in idx.with_lemma(T["approves"]["verbs"], T["investigates"]["verbs"]):
        if tok.pos_ != "VERB":
            continue
        if tok.lemma_ in T["approves"]["verbs"]:
            pred = "approves"
        elif tok.lemma_ in T["investigates"]["verbs"]:
            pred = "investigates"
        else:
            continue
        regulators = [a for a in subject_args(idx, tok) if idx.type(a.id) == "GovernmentBody"]
        if not regulators:
            continue
        objs = objects(tok) + prep_objects(tok, ["into", "at"])
        if tok.lemma_ in T["investigates"]["opening_verbs"]:
            objs = [o for o in objs if o.lemma_ in T["investigates"]["nouns"]]
            if not objs:
                continue
            pred = "investigates"
            objs = objs + [p for o in objs for p in prep_objects(o, ["into", "of", "on"])]
        if tok.lemma_ == "sue" and not objs:  # "sued to block the transaction"
            objs = [o for c in tok.children if c.dep_ == "xcomp" for o in objects(c)]
        targets = unique([a for o in objs if o.pos_ != "PRON" for a in idx.subtree(o, ["Organization"])])
        if not targets and any(o.lower_ in {"it", "them"} for o in objs):  # "approved it in August"
            for reg in regulators:
                yield Cand(reg, pred, reg, tok, "regulator-deal", {"implicit_target": True, "deal_parties": True})
            continue
        if targets:
            yield from pairs(regulators, targets, pred, tok, "regulator-verb")
        elif any(o.lemma_ in T["deal_nouns"] or o.lemma_ in T["investigates"]["nouns"] for o in objs):
            for r in regulators:
                yield Cand(
                    r, pred, r, tok, "regulator-deal", {"implicit_target": True, "deal_parties": True}
                )  # parties filled in later


# -- people ---------------------------------------------------------------------------------------
def person_roles(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Satya Nadella, chief executive of Microsoft"; "AMD's chair Lisa Su"; "X is its CEO";
    "ZT Systems chief executive Frank Zhang"; "its chief executive, Simon Segars"."""
    roles: dict[str, str] = lexicon()["roles"]
    people = [c for c in idx.entities.values() if c.type == "Person"]
    for person in people:
        for m in person.mentions:
            head = m.root
            role_nps = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            role_nps += [c for c in head.children if c.dep_ in {"compound", "amod"} and c.lower_ in roles_words(roles)]
            if head.dep_ == "appos" and head.head.pos_ == "NOUN":
                role_nps.append(head.head)
            if head.dep_ == "nsubj":
                role_nps += [c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            for rnp in role_nps:
                role = role_of(rnp, roles)
                if not role:
                    continue
                subtree = [t for t in rnp.subtree if not (m.start <= t.i < m.end)]
                orgs = unique(
                    [a for t in subtree for a in idx.at(t) if idx.type(a.id) in {"Organization", "GovernmentBody"}]
                )
                me = Arg(person.id, head, False)
                yield from pairs([me], orgs[:1], "works_for", rnp, "role-apposition", role=role)
                if role in {"founder", "co-founder"}:
                    yield from pairs([me], orgs[:1], "founded", rnp, "founder-role")


def roles_words(roles: dict[str, str]) -> set[str]:
    return {w for r in roles for w in r.split()}


def role_of(tok: Token, roles: dict[str, str]) -> str | None:
    """Normalised role of a role noun phrase: "chief executive" → "ceo"."""
    doc = tok.doc
    words = [t.i for t in tok.subtree if t.i <= tok.i or t.dep_ == "conj"]
    start, end = min(words), max(words) + 1
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in {",", "(", '"'}:
        start -= 1  # "co-founder" is three tokens, and the parser may split them
    text = " " + doc[start:end].text.lower() + " "
    found = [(text.find(f" {r} "), -len(r), r) for r in roles]
    found = [f for f in found if f[0] >= 0]
    return roles[min(found)[2]] if found else None


def led_by(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "OpenAI is led by chief executive Sam Altman"; "Frank Zhang will join AMD's group"."""
    for tok in idx.with_lemma(T["works_for"]["verbs"]):
        if tok.pos_ != "VERB" or tok.lemma_ not in T["works_for"]["verbs"]:
            continue
        if (is_passive(tok) or agents(tok)) and tok.lemma_ in T["works_for"]["passive_verbs"]:
            people = [a for a in args_of(idx, agents(tok)) if idx.type(a.id) == "Person"]
            led = [c for c in tok.children if c.dep_ == "nsubjpass"] or ([tok.head] if tok.dep_ == "acl" else [])
            orgs = args_of(idx, led)
            role = next((role_of(p.token, lexicon()["roles"]) for p in people), None)
            yield from pairs(people, orgs, "works_for", tok, "led-by", role=role or "leader")
        elif tok.lemma_ in T["works_for"]["passive_verbs"] and (
            at_places := prep_objects(tok, ["at"]) + [p for o in objects(tok) for p in prep_objects(o, ["at"])]
        ):
            # "Daniel Gross, who previously led AI efforts at Apple"
            people = [a for a in subject_args(idx, tok) if idx.type(a.id) == "Person"]
            at = args_of(idx, at_places)
            orgs = [a for a in at if idx.type(a.id) in {"Organization", "GovernmentBody"}]
            yield from pairs(people, orgs[:1], "works_for", tok, "led-at", confidence=0.7)
        elif tok.lemma_ == "join":
            people = [a for a in subject_args(idx, tok) if idx.type(a.id) == "Person"]
            orgs = unique([a for o in objects(tok) for a in idx.subtree(o, ["Organization"])])
            yield from pairs(people, orgs[:1], "works_for", tok, "join", confidence=0.6)


def founded_by(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Anthropic was founded in 2021 by Dario and Daniela Amodei"; "X co-founded Y"."""
    for tok in idx.with_lemma(T["founded"]["verbs"]):
        if tok.pos_ != "VERB" or tok.lemma_ not in T["founded"]["verbs"]:
            continue
        if is_passive(tok):
            founders = args_of(idx, agents(tok))
            founded = args_of(idx, [c for c in tok.children if c.dep_ == "nsubjpass"])
            if tok.dep_ == "acl":
                founded = idx.np(tok.head)
        else:
            if tok.lemma_ in {"start", "launch"} and not any(
                idx.type(o.id) == "Organization" for o in args_of(idx, objects(tok))
            ):
                continue
            founders = subject_args(idx, tok)
            founded = args_of(idx, objects(tok))
        founders += [a for a in args_of(idx, prep_objects(tok, ["with"])) if idx.type(a.id) == "Person"]
        founders = [f for f in founders if idx.type(f.id) in {"Person", "Organization"}]
        # "by Omri Geller, its chief executive, and Ronen Dar": conjuncts hang off the apposition
        for f in list(founders):
            for ap in f.token.children:
                if ap.dep_ == "appos":
                    founders += [a for c in ap.conjuncts for a in idx.at(c) if idx.type(a.id) == "Person"]
        yield from pairs(
            unique(founders), [o for o in founded if idx.type(o.id) == "Organization"], "founded", tok, "found-verb"
        )


# -- places -----------------------------------------------------------------------------------------
def based_in(idx: EntityIndex, doc: Doc) -> Iterator[Cand]:
    """Reads "Cambridge-based Arm", "the San Francisco startup", "X, headquartered in Y"."""
    for tok in idx.tokens:
        if tok.lower_ in T["located_in"]["adjectives"]:
            places = [
                a
                for t in doc[max(tok.sent.start, tok.i - 5) : tok.i]
                for a in idx.at(t)
                if idx.type(a.id) == "Location"
            ]
            places += [a for a in args_of(idx, prep_objects(tok, ["in"])) if idx.type(a.id) == "Location"]
            if not places:
                continue
            noun = tok.head if tok.dep_ in {"amod", "acl", "compound"} else None
            if noun is None and tok.head.dep_ in {"amod", "compound"}:
                noun = tok.head.head
            if noun is not None:
                based = idx.np(noun)
            else:  # "X is based in Y", "X, which is headquartered in Y"
                verb = tok if tok.pos_ in {"VERB", "AUX"} or tok.dep_ in {"relcl", "ROOT", "conj"} else tok.head
                subj = [c for c in [*verb.children, *tok.children] if c.dep_ in {"nsubj", "nsubjpass"}]
                based = args_of(idx, subj) or subject_args(idx, verb)
            yield from pairs(
                [b for b in based if idx.type(b.id) == "Organization"],
                unique(places)[-1:],
                "located_in",
                tok,
                "x-based",
            )
        elif tok.pos_ == "PROPN" and tok.i + 1 < len(doc):
            # "the San Francisco startup": a place right before a description of a company
            places = [a for a in idx.at(tok) if idx.type(a.id) == "Location"]
            described = doc[tok.i + 1]
            if places and described.i not in idx.named and described.lower_ in lexicon()["descriptor_heads"]:
                orgs = [a for a in idx.at(described) if idx.type(a.id) == "Organization"]
                yield from pairs(orgs, places, "located_in", tok, "place-descriptor", confidence=0.7)


# -- shared --------------------------------------------------------------------------------------------
def owner_of(idx: EntityIndex, tok: Token) -> list[Arg]:
    """The possessor or compounded name of a noun: "its investment", "the Microsoft investment"."""
    return unique(
        [a for c in tok.children if c.dep_ in {"poss", "compound", "nmod"} and c.i < tok.i for a in idx.np(c)]
    )


def following_names(idx: EntityIndex, tok: Token) -> list[Arg]:
    """Names listed right after ``tok``: "rivals Google and Amazon", "to Nvidia"."""
    found: list[Arg] = []
    for t in tok.doc[tok.i + 1 : tok.sent.end]:
        if t.i in idx.mention_of:
            found += idx.at(t)
        elif t.text in {",", "and", "or", "'s"} and found or t.lower_ == "the" and not found:
            continue
        else:
            break
    return unique(found)


def is_anaphoric(tok: Token) -> bool:
    """Reads "the deal", "this investment", "its stake": refers back to something already told."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"} for c in tok.children)


RULES: tuple[Rule, ...] = (
    invest_verbs,
    investment_nouns,
    investor_nouns,
    raise_from,
    acquire_verbs,
    acquisition_nouns,
    partner_verbs,
    partnership_nouns,
    competitor_nouns,
    compete_verbs,
    use_verbs,
    customer_nouns,
    develop_verbs,
    maker_nouns,
    supply_verbs,
    possessives,
    unit_of,
    owner_prefix,
    family_members,
    available_through,
    regulator_actions,
    person_roles,
    led_by,
    founded_by,
    based_in,
)
