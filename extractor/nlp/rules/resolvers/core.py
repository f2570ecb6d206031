"""General resolvers: subjects, objects, prepositions, possessors and modifiers of any construction."""

from __future__ import annotations

from spacy.tokens import Token

from ....text.lexicon import lexicon
from ...components.grammar import Arg, EntityIndex, agents, is_passive, objects, prep_objects, subjects, unique
from ...components.mentions import RELATIVE_PRONOUNS
from .registry import ARGUMENTS, ORG_TYPES, Context, argument, attribute, check

WORDS_READ: tuple[str, ...] = ("money_nouns",)  # word lists read here, not by rules


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
def object_args(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
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
def following_args(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
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


@argument("own_subject")
def _own_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The anchor's own grammatical subject, without climbing: "the chips it designs" → it."""
    return args_of(ctx.idx, [c for c in tok.children if c.dep_ == "nsubj"])


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
