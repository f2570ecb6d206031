"""The named resolvers, checks and attribute readers that rules call: what patterns cannot say.

A pattern finds where a construction is; a resolver turns one of its anchors into entities, with
what English does to arguments: subjects shared through control ("agreed to invest") and
coordination, relative clauses ("SoftBank, which bought Arm"), passives ("was acquired by"),
appositions and lists ("investors including A, B and C"), pronouns and descriptions resolved by
the mentions component. Each is registered under the name rules use (``subject:trigger``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..components.grammar import (
    Arg,
    EntityIndex,
    agents,
    is_passive,
    objects,
    prep_objects,
    subjects,
    unique,
)
from ..components.mentions import RELATIVE_PRONOUNS
from ..lexicon import lexicon
from .spec import WordLists

ORG_TYPES = ("Organization", "GovernmentBody")


@dataclass
class Context:
    """What resolvers read: the Doc's entities and the rules' word lists."""

    idx: EntityIndex
    words: WordLists


ArgResolver = Callable[[Context, Token, tuple[str, ...]], list[Arg]]
Check = Callable[[Context, Token, tuple[str, ...]], bool]
AttrResolver = Callable[[Context, Token, tuple[str, ...]], str | None]

ARGUMENTS: dict[str, ArgResolver] = {}
CHECKS: dict[str, Check] = {}
ATTRIBUTES: dict[str, AttrResolver] = {}
# Filled in by the relation component once the facts they refer to are known.
DEFERRED = {"deal_subject", "deal_object", "deal_parties"}
# The word lists of words.json that resolvers and checks read themselves.
WORDS_READ = (
    "money_nouns",
    "round_nouns",
    "unit_nouns",
    "including_words",
    "forming_verbs",
    "opening_verbs",
    "investigation_nouns",
    "deal_nouns",
)


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


# -- shared helpers ---------------------------------------------------------------------------
def args_of(idx: EntityIndex, toks: list[Token], modifiers: bool = False) -> list[Arg]:
    return unique([a for t in toks for a in idx.np(t, modifiers)])


def subject_args(idx: EntityIndex, verb: Token, modifiers: bool = False) -> list[Arg]:
    """Who does ``verb``: its subject (through control, coordination and relative clauses), or
    for a passive verb its "by" phrase; with ``modifiers``, names compounded into a subject noun
    count too ("its Llama model, which is available")."""
    if is_passive(verb):
        return args_of(idx, agents(verb), modifiers)
    if any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children):
        # subjects() already chose which of "A, who led X, and B" the relative clause speaks of
        return unique([a for t in subjects(verb) for a in idx.np(t, modifiers, conj=False)])
    return args_of(idx, subjects(verb), modifiers)


def verb_preps(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    """Prepositional objects of a word or of its object: the parser attaches them either way."""
    return prep_objects(verb, preps) + [p for o in objects(verb) for p in prep_objects(o, preps)]


def is_money(ctx: Context, tok: Token) -> bool:
    """Is ``tok`` (an object) a sum of money: "$1 billion", "more money"?"""
    lex = lexicon()
    return tok.lemma_ in ctx.words["money_nouns"] or any(
        t.text in lex["currency_symbols"] or t.lower_ in lex["money_scales"] for t in tok.subtree
    )


def governing_verb(tok: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition."""
    head = tok.head if tok.dep_ in {"dobj", "pobj", "attr", "nsubjpass", "oprd"} else None
    if head is not None and head.dep_ in {"prep", "agent"}:
        head = head.head
    return head if head is not None and head.pos_ in {"VERB", "AUX"} and head != tok else None


# -- arguments --------------------------------------------------------------------------------
@argument("subject")
def _subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who does the verb at the anchor."""
    return subject_args(ctx.idx, tok)


@argument("agent")
def _agent(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The "by" phrase of a passive: "was acquired by Oracle"."""
    return args_of(ctx.idx, agents(tok))


@argument("passive_subject")
def _passive_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a passive verb is done to: "Arm was bought by SoftBank"; "X, backed by Y" (the noun it describes)."""
    found = args_of(ctx.idx, [c for c in tok.children if c.dep_ == "nsubjpass"])
    if not found and tok.dep_ in {"acl", "amod"}:
        found = ctx.idx.np(tok.head)
    return found


@argument("object")
def _object(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The direct object's entities, names compounded into it included ("AWS Trainium chips")."""
    return args_of(ctx.idx, [o for o in objects(tok) if not is_money(ctx, o)], modifiers=True)


@argument("np")
def _np(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The entities the noun phrase at the anchor names: its head, appositions and conjuncts."""
    return ctx.idx.np(tok)


@argument("names")
def _names(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """As ``np``, with the names compounded before the head: "the Bedrock AI cloud service"."""
    return ctx.idx.np(tok, modifiers=True)


@argument("here")
def _here(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The entity the anchor token itself is part of."""
    return ctx.idx.at(tok)


@argument("prep")
def _prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects of the given prepositions on the anchor or on its object: "invest $2 billion in X"."""
    return args_of(ctx.idx, verb_preps(tok, args), modifiers=True)


@argument("own_prep")
def _own_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects of the given prepositions attached to the anchor itself ("its stake in X"), and of
    prepositions coordinated with them ("competes with X and with Y")."""
    objs = prep_objects(tok, args)
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in args:
            objs += [g for c in p.conjuncts if c.pos_ == "ADP" for g in c.children if g.dep_ == "pobj"]
    return args_of(ctx.idx, objs, modifiers=True)


@argument("head_prep")
def _head_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """A coordinated verb's preposition left on the first verb: "put $5m into X and added $1m"."""
    return args_of(ctx.idx, verb_preps(tok.head, args)) if tok.dep_ == "conj" else []


@argument("owner")
def _owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The possessor or compounded name of a noun: "its investment", "the Microsoft investment"."""
    idx = ctx.idx
    return unique(
        [a for c in tok.children if c.dep_ in {"poss", "compound", "nmod"} and c.i < tok.i for a in idx.np(c)]
    )


@argument("described")
def _described(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The noun phrase a modifier or apposition describes: "Sequoia-backed Wiz", "Wiz, a startup"."""
    if tok.dep_ in {"amod", "acl", "compound", "appos", "relcl", "npadvmod"} and tok.head != tok:
        head = tok.head
        if head.dep_ in {"amod", "compound"} and head.head != head and not ctx.idx.at(head):
            head = head.head  # "the Sequoia Capital-backed startup Wiz"
        return ctx.idx.np(head)
    return []


@argument("verb_subject")
def _verb_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The subject of the verb a noun is the object of: "Microsoft made an investment in X"."""
    verb = governing_verb(tok)
    return subject_args(ctx.idx, verb) if verb is not None else []


@argument("head_subject")
def _head_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The subject of the anchor's head: "Nvidia is an investor" (attr of "is"), "its Llama model,
    which is available on Azure" (names compounded into the subject count)."""
    head = tok.head
    return subject_args(ctx.idx, head, modifiers=True) if head != tok and head.pos_ in {"VERB", "AUX"} else []


@argument("head_objects")
def _head_objects(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The objects of the anchor's verb: "Its backers include A and B" (anchor: "backers")."""
    return args_of(ctx.idx, objects(tok.head)) if tok.head != tok else []


@argument("subtree")
def _subtree(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Every entity of the given types in the anchor's subtree: "opened a probe into Google's ties to X"."""
    return ctx.idx.subtree(tok, args or ("Organization", "GovernmentBody", "Person", "Product", "Location"))


@argument("following")
def _following(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Names listed right after the anchor: "rivals Google and Amazon"."""
    idx = ctx.idx
    found: list[Arg] = []
    for t in tok.doc[tok.i + 1 : tok.sent.end]:
        if t.i in idx.mention_of:
            found += idx.at(t)
        elif t.text in {",", "and", "or", "'s"} and found or t.lower_ in {"the", "to", "with", "against"} and not found:
            continue
        else:
            break
    return unique(found)


@argument("preceding")
def _preceding(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The nearest organisation named before the anchor in its sentence."""
    idx = ctx.idx
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        found = [a for a in idx.at(t) if idx.type(a.id) in ORG_TYPES]
        if found:
            return found[:1]
    return []


@argument("givers")
def _givers(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who gave the money a company raised: "from investors including A and B", "a round led by A"."""
    idx, words = ctx.idx, ctx.words
    givers = [g for p in verb_preps(tok, ("from",)) for g in p.subtree]
    rounds = [t for t in tok.subtree if t.lemma_ in words["round_nouns"] and t.i != tok.i]
    givers += [g for r in rounds for v in r.children if v.dep_ == "acl" for a in agents(v) for g in a.subtree]
    return unique([a for g in givers for a in idx.at(g) if idx.type(a.id) in {"Organization", "Person"}])


@argument("first_subject")
def _first_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The first of two coordinated subjects: "Nvidia and Siemens partnered"."""
    found = subject_args(ctx.idx, tok)
    return found[:1] if len(found) == 2 else []


@argument("second_subject")
def _second_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    found = subject_args(ctx.idx, tok)
    return found[1:] if len(found) == 2 else []


for _name in DEFERRED:  # placeholders: the component fills them from the article's deals

    def _deferred(ctx: Context, tok: Token, args: tuple[str, ...], name: str = _name) -> list[Arg]:
        return [Arg("", tok, True)]

    ARGUMENTS[_name] = _deferred


# -- checks ------------------------------------------------------------------------------------
@check("passive")
def _is_passive(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb is passive ("was acquired") or a participle with a "by" phrase ("X, backed by Y")."""
    return is_passive(tok) or bool(agents(tok))


@check("money_object")
def _money_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's object is a sum of money: "poured $2 billion"."""
    return any(is_money(ctx, o) for o in objects(tok))


@check("anaphoric")
def _anaphoric(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The noun refers back: "the deal", "this investment", "its stake"."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"} for c in tok.children)


@check("has_prep")
def _has_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The anchor (or its object) has one of these prepositions."""
    return bool(verb_preps(tok, args))


@check("has_child")
def _has_child(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The anchor has a child with one of these words: "take over", "snap up"."""
    return any(c.lower_ in args for c in tok.children)


# -- attributes ---------------------------------------------------------------------------------
@attribute("purpose")
def _purpose(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """What something is used for: "use Trainium chips to train" → "train"."""
    return next(
        (
            c.lemma_
            for c in tok.children
            if c.dep_ in {"xcomp", "advcl"} and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)
        ),
        None,
    )


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


# -- resolvers for particular constructions ----------------------------------------------------------
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
        return _following(ctx, tok, ())
    if not any(c.dep_ == "det" for c in tok.children):
        return _following(ctx, tok, ())
    return []


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


@argument("own_subject")
def _own_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The anchor's own grammatical subject, without climbing: "the chips it designs" → it."""
    return args_of(ctx.idx, [c for c in tok.children if c.dep_ == "nsubj"])


@argument("object_of_kind")
def _object_of_kind(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Objects that are products of the given kinds: "runs the Bedrock service" (cloud_service)."""
    return [a for a in _object(ctx, tok, ()) if ctx.idx.kind(a.id) in args]


@argument("object_not_of_kind")
def _object_not_of_kind(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    return [a for a in _object(ctx, tok, ()) if ctx.idx.kind(a.id) not in args]


# -- checks for particular constructions -------------------------------------------------------------
@check("found")
def _found(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """One of the named resolvers finds an entity at the anchor: "!found:trigger:regulated"."""
    return any(ARGUMENTS[name](ctx, tok, ()) for name in args)


@check("has_owner")
def _has_owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The noun has a possessor or a name compounded before it."""
    return bool(_owner(ctx, tok, args))


@check("has_own_prep")
def _has_own_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The anchor itself has one of these prepositions with an object."""
    return bool(prep_objects(tok, args))


@check("object_lemma")
def _object_lemma(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's object is one of these words: "bought a stake", "sold its chip business"."""
    return any(o.lemma_ in args for o in objects(tok))


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
