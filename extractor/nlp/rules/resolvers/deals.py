"""Resolvers for investments and acquisitions: who gave the money, who bought what from whom.

Deal prose names its parties in ways the general resolvers do not read: groups ("a consortium of
BlackRock and TiL", "an investor group led by X"), rounds and their leaders ("a Series F led by A
and co-led by B"), sellers and buyers ("sold X to Y"), bidders and targets ("rejected a $23 billion
offer from Google"), the payer of a sum ("the $12.5 billion Google paid for X") and reported
speech ("Nubank said it had raised").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ....text.attributes import find_amounts
from ....text.attributes.dates import MONTH_RE
from ...components.grammar import Arg, EntityIndex, agents, governing_verb, objects, prep_objects, subjects, unique
from ...components.mentions import RELATIVE_PRONOUNS
from .core import args_of, subject_args, verb_preps
from .core import is_money as lexicon_money
from .registry import Context, argument, attribute, check

# word lists read here, not by rules
WORDS_READ: tuple[str, ...] = (
    "round_nouns",
    "group_nouns",
    "including_words",
    "report_verbs",
    "part_words",
    "reject_verbs",
    "offering_nouns",
    "majority_words",
    "investor_words",
    "raise_verbs",
    "buying_verbs",
    "drawing_verbs",
    "capex_nouns",
    "vehicle_nouns",
    "deal_event_verbs",
)
INVESTOR_TYPES = ("Organization", "Person")
PRONOUNS = {"it", "they", "we", "its", "their", "our"}
PERCENT = {"%", "percent", "pct"}
THING_WORDS = {"it", "its", "which"}  # never a person: "the bank said it had bought"


def is_money(ctx: Context, tok: Token) -> bool:
    """Is the phrase at ``tok`` a sum: "$1 billion", "₹2,058.5 crore", "3 billion reais", "more money"?"""
    if lexicon_money(ctx, tok):
        return True
    doc, end = tok.doc, tok.right_edge.i + 1
    if end + 1 < len(doc) and doc[end].lower_ in {"a", "per"} and doc[end + 1].lemma_ == "share":
        end += 2  # "220p a share": pence say they are money only with their share
    span = doc[tok.left_edge.i : end]
    return len(span) < 12 and next(find_amounts(span.text), None) is not None


@check("sum_object")
def _sum_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's object is a sum of money: "poured $2 billion", "raised ₹500 crore"."""
    return any(is_money(ctx, o) for o in objects(tok))


@check("capex_prep")
def _capex_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The money goes into plants or operations, not into a company: "invest $11 billion in U.S.
    Steel's operations", "pour £1bn into its stores", "invest in a combined 5G network"."""
    words = ctx.words["capex_nouns"]
    return any(o.lemma_.lower() in words or o.lower_ in words for o in verb_preps(tok, args))


# -- noun phrases ---------------------------------------------------------------------------------
def relative_target(tok: Token) -> Token | None:
    """What a relative pronoun deep in its clause stands for: "Arm, which Nvidia once agreed to buy",
    "a rival in which Amazon has invested" (the noun the relative clause describes)."""
    if tok.lower_ not in {"which", "whom", "that"}:
        return None
    t = tok
    for _ in range(5):
        if t.head == t:
            return None
        t = t.head
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ not in {"prep", "xcomp", "ccomp", "pcomp", "dobj", "pobj"} and t.pos_ not in {"ADP"}:
            return None
    return None


def members(ctx: Context, tok: Token) -> list[Arg]:
    """Entities a noun phrase names; a group gives its members: "a consortium of BlackRock and TiL",
    "an investor group led by X", "investors including A and B", "the Issa brothers and TDR"."""
    idx, words = ctx.idx, ctx.words
    if not idx.at(tok) and (target := relative_target(tok)) is not None:
        tok = target
    named = [a for c in tok.children if c.dep_ == "appos" and c.i in idx.named for a in idx.np(c)]
    found = named if named and tok.i not in idx.named else idx.np(tok)  # "the firm TDR Capital"
    if found:
        return unique(listed_before(idx, tok) + found + listed_after(idx, tok))
    if tok.lemma_ in words["group_nouns"] or tok.lower_ in words["investor_words"]:
        inner: list[Token] = prep_objects(tok, ("of", *words["including_words"]))
        inner += [a for v in tok.children if v.dep_ == "acl" for a in leaders(v)]
        inner += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "such" for g in prep_objects(c, ("as",))]
        found = unique([a for t in inner for a in idx.np(t) + (listed_before(idx, t) if t.i in idx.named else [])])
    for c in tok.conjuncts:  # "the billionaire Issa brothers and the private equity firm TDR Capital"
        if c.i > tok.i:
            named = [a for g in c.children if g.dep_ == "appos" and g.i in idx.named for a in idx.np(g)]
            found += named if named and c.i not in idx.named else idx.np(c, conj=False)
    return unique(found)


def listed_after(idx: EntityIndex, tok: Token) -> list[Arg]:
    """Names listed after a name when the parser lost the list: "Apple, Google, Nvidia and TSMC
    are among the investors" (only a whole list, closed by "and" or "or", counts)."""
    doc, i = tok.doc, tok.i + 1
    while i < tok.sent.end and doc[i].i in idx.named and idx.mention_of.get(doc[i].i) == idx.mention_of.get(tok.i):
        i += 1
    found: list[Arg] = []
    closed = False
    while i < tok.sent.end:
        t = doc[i]
        if t.text == "," or t.lower_ in {"and", "or"}:
            closed = closed or t.lower_ in {"and", "or"}
            i += 1
            continue
        if t.i not in idx.named:
            break
        ids = idx.mention_of.get(t.i)
        found += idx.at(t)
        while i < tok.sent.end and idx.mention_of.get(doc[i].i) == ids:
            i += 1
        if closed:
            return unique(found)
    return []


def listed_before(idx: EntityIndex, tok: Token) -> list[Arg]:
    """Names listed before a name the parser took as its modifiers: "Blackstone and Vista Equity
    Partners agreed to buy X" (a list that opens its clause: at the sentence start or after a comma)."""
    doc, ids = tok.doc, idx.mention_of.get(tok.i)
    i = tok.i
    while i > tok.sent.start and idx.mention_of.get(doc[i - 1].i) == ids:
        i -= 1
    if i - 1 <= tok.sent.start or doc[i - 1].lower_ not in {"and", "or"}:
        return []
    found: list[Arg] = []
    j = i - 2
    while j >= tok.sent.start and doc[j].i in idx.named:
        other = idx.mention_of.get(doc[j].i)
        found += idx.at(doc[j])
        while j >= tok.sent.start and idx.mention_of.get(doc[j].i) == other:
            j -= 1
        if j >= tok.sent.start and doc[j].text == ",":
            j -= 1
            continue
        break
    opens = j < tok.sent.start or doc[j].is_punct or doc[j].pos_ in {"DET", "ADP"}  # "led by A and B"
    opens = opens or (doc[j].i == tok.head.i and tok.dep_ == "dobj")  # "The round drew A and B"
    return unique(found) if found and opens else []


def leaders(verb: Token) -> list[Token]:
    """The "by" phrases of "led by A and co-led by B": agents of the verb and of verbs joined to it."""
    if verb.lemma_ not in {"lead", "co-lead", "head", "spearhead", "anchor", "back", "fund"} and verb.lower_ not in {
        "led",
        "co-led",
    }:
        return []
    found = agents(verb)
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in {"VERB", "NOUN"}:
            found += agents(c) + [a for g in c.children if g.dep_ == "conj" for a in agents(g)]
    return found


def np_members(ctx: Context, toks: list[Token]) -> list[Arg]:
    return unique([a for t in toks for a in members(ctx, t)])


def named_before_hyphen(idx: EntityIndex, tok: Token) -> list[Arg]:
    """The name right before "-backed": "Sequoia Capital-backed Wiz"."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text not in {"-", "\u2013"}:
        return []
    return idx.at(doc[tok.i - 2])


# -- who acts -------------------------------------------------------------------------------------
def actor_args(ctx: Context, verb: Token) -> list[Arg]:
    """Who does ``verb``, as ``subject`` reads it, and also: a group's members or leaders ("an
    investor group led by X agreed to buy"); the company a relative "which" stands for rather than
    a person it was parsed onto ("Berkshire, the conglomerate run by Warren Buffett, which took a
    stake"); the teller of reported speech ("Nubank said it had raised"); the subject of the clause
    a gerund hangs from ("the bank needed aid after agreeing in 2008 to buy X")."""
    idx = ctx.idx
    noun = relative_noun_of_pronoun(verb)
    if noun is not None:  # "a company that was valued at $10 billion when it raised": that company
        found = idx.np(noun) or (subject_args(idx, noun.head) if noun.dep_ == "attr" else [])  # "Wiz is a startup that"
        return [Arg(a.id, a.token, True) for a in found]
    v = verb
    for _ in range(4):
        found = subject_args(idx, v)
        toks = [c for c in v.children if c.dep_ == "nsubj"]
        relative = toks and all(t.lower_ in RELATIVE_PRONOUNS - {"who", "whom"} for t in toks)
        if relative and found and all(idx.type(a.id) == "Person" for a in found):
            found = non_person_antecedent(idx, v)
        found = [a for a in found if not (a.ref and a.token.lower_ in THING_WORDS and idx.type(a.id) == "Person")]
        groups = [t for t in subjects(v) if t.lemma_ in ctx.words["group_nouns"] and t.i not in idx.named]
        if found and groups:  # "a consortium led by Blackstone and Vista": every member, however parsed
            found = unique(found + np_members(ctx, groups))
        if found:
            named = [t for t in subjects(v) if t.i in idx.named]
            listed = [a for t in named for a in listed_after(idx, t) + listed_before(idx, t)]
            return unique(found + listed)
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if (v.dep_ == "acl" or v.dep_ == "relcl" and infinitive) and v.head.pos_ == "NOUN":
            # "its agreement to buy", "Microsoft's plan to acquire", "struck a deal to buy"
            found = [a for c in v.head.children if c.dep_ == "poss" for a in idx.np(c)]
            if found:
                return found
            holder = v.head.head  # "Google struck a deal to buy Wiz", not "Wiz rejected an offer to buy it"
            if v.head.dep_ == "dobj" and holder.pos_ == "VERB" and holder.lemma_ not in ctx.words["reject_verbs"]:
                v = holder
                continue
        own = subjects(v)
        if own:
            found = np_members(ctx, own) or owners_of_vehicle(ctx, own)
            if found:
                return found
            reported = v.dep_ == "ccomp" and v.head.lemma_ in ctx.words["report_verbs"]
            if reported and all(t.lower_ in PRONOUNS for t in own):
                v = v.head  # "Nubank said it had raised"
                continue
            return []
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in {"VERB", "AUX"}:
            v = v.head.head  # "after agreeing to buy": the subject of the clause it hangs from
            continue
        if v.dep_ in {"xcomp", "advcl", "conj"} and v.head != v and v.head.pos_ in {"VERB", "AUX"}:
            v = v.head
            continue
        return []
    return []


def relative_noun_of_pronoun(verb: Token) -> Token | None:
    """The noun a pronoun subject stands for when its clause hangs from a relative clause about
    that noun: in "a prize for a company that was valued at $10 billion when it raised $200
    million", "it" is the company, whoever the pronoun's nearest name before is."""
    subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ != "advcl" or len(subj) != 1 or subj[0].lower_ not in {"it", "they"}:
        return None
    rel = verb.head
    if rel.dep_ != "relcl" or rel.head.pos_ != "NOUN":
        return None
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in RELATIVE_PRONOUNS for c in rel.children):
        return None  # "the stake that Nvidia sold when it raised cash": the relative's subject is another
    return rel.head


def owners_of_vehicle(ctx: Context, toks: list[Token]) -> list[Arg]:
    """The company whose unnamed fund, arm or unit acts: "Brookfield's infrastructure fund will buy
    Neoen", "Alphabet's venture arm invested" (found through a description, so less sure)."""
    idx, words = ctx.idx, ctx.words["vehicle_nouns"]
    found = [
        Arg(a.id, a.token, True)
        for t in toks
        if t.lemma_ in words and t.i not in idx.mention_of
        for c in t.children
        if c.dep_ == "poss"
        for a in idx.np(c)
        if idx.type(a.id) == "Organization"
    ]
    return unique(found)


def non_person_antecedent(idx: EntityIndex, verb: Token) -> list[Arg]:
    """For "which" parsed onto a person, the organisation the person's phrase hangs from."""
    t = verb.head
    for _ in range(6):
        if t.dep_ not in {"pobj", "agent", "acl", "appos", "prep"} or t.head == t:
            break
        t = t.head
        found = [a for a in idx.np(t) if idx.type(a.id) != "Person"]
        if found:
            return found
    return []


@argument("actor")
def _actor(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who does the verb at the anchor, through groups, relatives, reported speech and gerunds."""
    return actor_args(ctx, tok)


@argument("verb_actor")
def _verb_actor(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who does the verb a noun is the object of: "Microsoft made an investment in X"."""
    verb = governing_verb(tok)
    return actor_args(ctx, verb) if verb is not None else []


@argument("group_leaders")
def _group_leaders(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The leaders or members of a group that does the verb: "An investor group led by X agreed to buy"."""
    found: list[Arg] = []
    for s in subjects(tok):
        if s.lemma_ in ctx.words["group_nouns"] and not ctx.idx.np(s):
            found += members(ctx, s)
    return unique(found)


# -- buyers and what they buy -------------------------------------------------------------------
def to_phrases(verb: Token) -> list[Token]:
    """The "to" phrases of a verb or noun of selling, on it, its object, or the verb it completes
    ("agreed to sell X, their arm, to Y", "completed the sale of X to Y": the parser often hangs
    "to Y" on the verb above)."""
    found = verb_preps(verb, ("to",))
    if found:
        return found
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ in {"VERB", "AUX"}:
        return prep_objects(head, ("to",))
    if verb.pos_ == "NOUN" and verb.dep_ == "dobj" and head.pos_ == "VERB":  # "completed the sale of X to Y"
        return prep_objects(head, ("to",))
    return []


@argument("recipient")
def _recipient(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who something is sold or handed to: "sold Adallom to Microsoft", "to a consortium of A and B"."""
    return np_members(ctx, to_phrases(tok))


@argument("sold")
def _sold(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What is sold or bought, through parts of it: "sell most of Hutchison Ports", "the rest of X"."""
    idx, found = ctx.idx, []
    for o in [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]:
        if is_money(ctx, o):
            continue
        if o.lemma_ in ctx.words["part_words"] or o.lower_ in ctx.words["part_words"]:
            found += args_of(idx, prep_objects(o, ("of",)))
        else:
            found += idx.np(o)
            if not found and o.lemma_ in ctx.words["vehicle_nouns"] and o.i not in idx.mention_of:
                # "sell its Crunchyroll unit to Comcast": the unit is the name before it
                found += [a for a in idx.left_names(o) if idx.type(a.id) == "Organization"]
            if not found and o.i not in idx.mention_of and any(c.lower_ == "the" for c in o.children):
                found += earlier_object(idx, tok)  # "co-founded Flickr and sold the photo site to Yahoo"
    return unique(found)


def earlier_object(idx: EntityIndex, verb: Token) -> list[Arg]:
    """The company a coordinated verb before this one took as its object: what "the company" or
    "the site" names in "founded Flickr and sold the photo site"."""
    if verb.dep_ != "conj" or verb.head.pos_ != "VERB":
        return []
    return [a for o in objects(verb.head) for a in idx.np(o) if idx.type(a.id) == "Organization"]


@argument("named_object")
def _named_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The companies the direct object names, whatever hangs from it ("take JSR, one of the biggest
    makers of photoresists, private for about ¥903.9 billion")."""
    return unique([a for o in tok.children if o.dep_ == "dobj" for a in ctx.idx.np(o)])


@argument("object_or_head")
def _object_or_head(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The object of a verb, or for a relative clause without one the noun it describes: "the
    Munich-based unit UniCredit bought in 2005", "the startup Google bought"."""
    found = args_of(ctx.idx, [o for o in objects(tok) if not is_money(ctx, o)])
    if not found and not objects(tok) and tok.dep_ == "relcl":
        found = ctx.idx.np(tok.head)
    if not found:  # "Arm, which Nvidia once agreed to buy"
        found = np_members(ctx, [o for o in objects(tok) if relative_target(o) is not None])
    return found


@argument("prep_named")
def _prep_named(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Companies named as the object of these prepositions on the verb or its object, not names
    compounded into another noun: "invest in Anthropic", not "in a new Ubisoft subsidiary"."""
    found: list[Arg] = []
    for o in verb_preps(tok, args):  # "invested in OpenAI's latest round": the round's company
        found += np_members(ctx, [o]) or (_round_owner(ctx, o, ()) if round_noun(o, ctx.words) else [])
    return unique(found)


@argument("own_prep_named")
def _own_prep_named(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Companies named as the object of these prepositions on the anchor itself ("its stake in
    Arm"), not names compounded into another noun ("a stake in a new Ubisoft subsidiary")."""
    objs = prep_objects(tok, args)
    for p in tok.children:  # "in the missile maker MBDA and in the space companies Telespazio and X"
        if p.dep_ == "prep" and p.lower_ in args:
            objs += [g for c in p.conjuncts if c.pos_ == "ADP" for g in c.children if g.dep_ == "pobj"]
    return np_members(ctx, objs)


@argument("into")
def _into(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Where something is folded or merged: "folds Vistara into Air India"."""
    return args_of(ctx.idx, verb_preps(tok, ("into",)))


@argument("folded")
def _folded(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What is folded in: the object, the passive subject, or (intransitive "X merged into Y") the
    subject; for a participle, the noun it describes ("With Vistara folded into the carrier")."""
    idx = ctx.idx
    found = args_of(idx, [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}])
    if not found and not objects(tok):
        found = subject_args(idx, tok) if tok.dep_ not in {"acl", "amod"} else idx.np(tok.head)
    return found


# -- payments -------------------------------------------------------------------------------------
@argument("paid_for")
def _paid_for(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a sum was paid for or spent on, named itself rather than compounded into a noun
    ("spent $5.4 billion on cybersecurity firm Mandiant", not "on Nvidia chips")."""
    preps = args or ("for",)
    found = verb_preps(tok, preps)
    if not found:  # "pay SFr3bn in its own shares for Credit Suisse": "for" hung on the means of payment
        means = [o for o in prep_objects(tok, ("in", "with")) if not is_date(o)]
        found = [p for o in means for p in prep_objects(o, preps)]
    return unique([a for o in found for a in ctx.idx.np(o)])


@check("pays")
def _pays(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb pays a sum: its object is money, or it describes one ("the $12.5 billion Google
    paid for", parsed as a clause on the sum or on its payer)."""
    if any(is_money(ctx, o) for o in objects(tok)):
        return True
    if any(c.dep_ == "dative" and is_money(ctx, c) for c in tok.children):
        return True  # "pay 220p a share for X", parsed as a dative
    holders = [tok.head] if tok.dep_ in {"relcl", "acl"} else []
    holders += [c for c in tok.children if c.dep_ == "nsubj"]  # "The $7 billion Nvidia paid", misparsed
    return any(
        is_money(ctx, h)
        if h.pos_ == "NUM"
        else any(
            is_money(ctx, c)
            for c in h.children
            if c.dep_ in {"nummod", "quantmod"} or c.dep_ in {"nmod", "compound"} and c.i < h.i
        )
        for h in holders
    )


# -- stakes ---------------------------------------------------------------------------------------
def percent_value(tok: Token) -> float | None:
    """The number of "25%", "25 per cent", "a 25% stake"."""
    for t in [tok, *tok.children, *(c for ch in tok.children for c in ch.children)]:
        if t.like_num:
            try:
                return float(t.text.replace(",", ""))
            except ValueError:
                return None
    return None


def is_percent(tok: Token) -> bool:
    return tok.lower_ in PERCENT or any(c.lower_ in PERCENT for c in tok.children)


@check("percent")
def _percent(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The anchor is a share of a company: "25%", "10 percent"."""
    return is_percent(tok)


@check("majority")
def _majority(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """A stake that is control: "a majority stake", "a controlling interest", "all of", "51%"."""
    words = ctx.words["majority_words"]
    if tok.lower_ in words or any(c.lower_ in words for c in tok.subtree if c.i < tok.i):
        return True
    stake = [tok, *(c for c in tok.children if c.dep_ in {"compound", "nummod", "amod"})]
    return any(is_percent(t) and (percent_value(t) or 0) > 50 for t in stake)


@argument("share_of")
def _share_of(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company a share is of: "25% of Arm", "the roughly 25% of Arm held by its Vision Fund"."""
    return args_of(ctx.idx, prep_objects(tok, ("of",)))


@check("governed_by")
def _governed_by(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The noun is the object of one of these verbs: "sell a majority stake in Asda"."""
    verb = governing_verb(tok) if tok.dep_ in {"dobj", "pobj", "nsubjpass"} else None
    return verb is not None and verb.lemma_ in args


# -- bids -----------------------------------------------------------------------------------------
def bid_verb(tok: Token) -> Token | None:
    """The verb a bid is the object of: "rejected a $23 billion offer", "pressing a hostile bid"."""
    return tok.head if tok.dep_ in {"dobj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"} else None


@argument("bidder")
def _bidder(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who bids: the bid's possessor ("Qualcomm dropped its bid"), its "from" phrase ("an offer from
    Google"), or whoever makes, presses or launches it (not who rejects or receives it)."""
    idx = ctx.idx
    owner = [a for c in tok.children if c.dep_ in {"poss", "compound"} and c.i < tok.i for a in idx.np(c)]
    if owner:
        return unique(owner)
    verb = bid_verb(tok)
    offered = np_members(ctx, prep_objects(tok, ("from", "by")) + (prep_objects(verb, ("from",)) if verb else []))
    if offered:
        return offered
    if verb is not None and verb.lemma_ not in ctx.words["reject_verbs"]:
        return actor_args(ctx, verb)
    return []


@argument("bid_target")
def _bid_target(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a bid is for: "its bid for NXP", or whoever rejects or weighs it ("Wiz rejected a $23
    billion offer from Google")."""
    idx = ctx.idx
    preps = ("for", "of", "to") if tok.lemma_ in {"pursuit", "courtship", "approach"} else ("for",)
    found = args_of(idx, prep_objects(tok, preps))
    if found:
        return found
    verb = bid_verb(tok)
    if verb is not None and verb.lemma_ in ctx.words["reject_verbs"] and tok.dep_ == "dobj":
        return actor_args(ctx, verb)
    head = tok.head  # "Direct Line agreed to a takeover by Aviva"
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in {"agree", "consent", "submit"}:
        return actor_args(ctx, head.head)
    return []


# -- rounds ---------------------------------------------------------------------------------------
def round_noun(tok: Token, words: dict) -> bool:
    """A funding round: "round", "financing", "Series F", "seed round"."""
    return tok.lemma_ in words["round_nouns"] or is_series(tok)


def is_series(tok: Token) -> bool:
    """ "Series F" (either word may head the phrase)."""
    doc = tok.doc
    if tok.lower_ == "series":
        return tok.i + 1 < len(doc) and bool(re.fullmatch(r"[A-Ha-h]\d?", doc[tok.i + 1].text))
    return bool(re.fullmatch(r"[A-H]\d?", tok.text)) and tok.i > 0 and doc[tok.i - 1].lower_ == "series"


@argument("givers")
def _givers(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who gave the money a company raised: "from A and B", "from investors including A", "in a
    round led by A and co-led by B and C", "with participation from D"."""
    idx, words = ctx.idx, ctx.words
    found = np_members(ctx, verb_preps(tok, ("from",)) + added_froms(tok))
    for means in verb_preps(tok, ("in",)):  # "secured $800 million in funding from A and B"
        if means.lemma_ in words["money_nouns"] or round_noun(means, words):
            found += np_members(ctx, prep_objects(means, ("from",)))
    found += participants(ctx, tok)  # "closed a round led by A, with participation from B and C"
    rounds = [t for t in tok.subtree if round_noun(t, words) and t.i != tok.i]
    for r in rounds:
        found += np_members(ctx, [a for v in r.children if v.dep_ in {"acl", "relcl"} for a in leaders(v)])
        found += participants(ctx, r)
    return unique([a for a in found if idx.type(a.id) in INVESTOR_TYPES])


def added_froms(tok: Token) -> list[Token]:
    """Objects of a "from" joined to the verb's own "from" by "as well as" or "and": "raised $40
    million from A and B, as well as from C" (the parser hangs the second on the first)."""
    froms = [p for p in tok.children if p.dep_ == "prep" and p.lower_ == "from"]
    if not froms:
        return []
    extra = [
        d
        for p in [tok, *froms]
        for c in p.children
        if c.dep_ in {"cc", "conj"}
        for d in [c, *c.children]
        if d not in froms and d.lower_ == "from" and d.pos_ == "ADP"
    ]
    return [g for d in extra for g in d.children if g.dep_ == "pobj"]


def participants(ctx: Context, tok: Token) -> list[Arg]:
    """ "with participation from B and C", on the round or on a verb within it."""
    found: list[Arg] = []
    holders = [tok, *(c for c in tok.children if c.dep_ in {"acl", "relcl"})]
    for h in holders:
        for w in prep_objects(h, ("with",)):
            if w.lemma_ in {"participation", "backing", "support"}:
                found += np_members(ctx, prep_objects(w, ("from", "by", "of")))
    return found


@check("round_verb")
def _round_verb(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb "led" tells of a round: "a Series F led by A", "the round was led by A"."""
    words = ctx.words
    if tok.dep_ in {"acl", "relcl"}:
        return round_noun(described(tok), words)
    return any(c.dep_ == "nsubjpass" and round_noun(c, words) for c in tok.children)


def described(clause: Token) -> Token:
    """The noun a relative clause or participle describes. A clause the parser hung on the date
    after its noun ("a $200 million Series B in January 2022, which was led by A") describes the
    noun before that date's phrase."""
    head = clause.head
    if is_date(head) and head.dep_ == "pobj" and head.head.dep_ == "prep":
        prep = head.head
        before = clause.doc[prep.i - 1] if prep.i > clause.sent.start else None
        if before is not None and before.pos_ in {"NOUN", "PROPN"} and not is_date(before):
            return before
    return head


def is_date(tok: Token) -> bool:
    """Is the token part of a date: "January", "2022", "last year"?"""
    if re.fullmatch(MONTH_RE, tok.text) or re.fullmatch(r"(?:19|20)\d\d", tok.text):
        return True
    return any(s.start <= tok.i < s.end for s in tok.doc._.dates or [])


@argument("round_leaders")
def _round_leaders(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who led a round, at the verb "led" of "a Series F led by A", "the round was led by A and B",
    and who joined it ("with participation from C")."""
    found = np_members(ctx, leaders(tok))
    found += participants(ctx, tok)
    for h in (tok.head,) if tok.dep_ in {"acl", "relcl"} else ():
        found += participants(ctx, h)
    for c in tok.children:  # "which was led by A and drew B and C among its participants"
        if c.dep_ == "conj" and c.lemma_ in ctx.words["drawing_verbs"]:
            found += _listed_objects(ctx, objects(c)[0], ()) if objects(c) else []
    return unique([a for a in found if ctx.idx.type(a.id) in INVESTOR_TYPES])


@argument("round_owner")
def _round_owner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose round it is: "Anthropic's Series E", "a round in X", "Scale's last funding round, a $1
    billion Series F led by Accel" (the round it stands in apposition to)."""
    idx = ctx.idx
    rounds = [tok]
    if tok.pos_ in {"VERB", "AUX"}:  # the verb "led": its round is what it describes or its subject
        if tok.dep_ in {"acl", "relcl"}:
            rounds = [described(tok)]
        else:
            rounds = [c for c in tok.children if c.dep_ == "nsubjpass"]
    for r in list(rounds):
        if r.dep_ == "appos":
            rounds.append(r.head)
        if r.lower_ == "series" and r.head.i == r.i + 1:
            rounds.append(r.head)
    for r in rounds:
        found = [a for c in r.children if c.dep_ in {"poss"} and c.i < r.i for a in idx.np(c)]
        found += args_of(idx, prep_objects(r, ("in", "into", "for")))
        if found:
            return unique(found)
    doc = tok.doc  # "Scale AI's last funding round, a $1 billion Series F led by Accel", misparsed
    for t in reversed(doc[max(tok.sent.start, tok.i - 12) : tok.i]):
        if round_noun(t, ctx.words):
            found = [a for c in t.children if c.dep_ == "poss" for a in idx.np(c)]
            if found:
                return found
    return []


@argument("raiser")
def _raiser(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company that raised money in the sentences just before (in its paragraph): "Mistral AI
    raised $640 million. The round was led by A", "... Nvidia was among the investors"."""
    idx, words = ctx.idx, ctx.words
    doc, sent = tok.doc, tok.sent
    start = sent.start
    while start > 0 and not (doc[start - 1].is_space and "\n" in doc[start - 1].text):
        start -= 1
        if start < sent.start - 400:
            break
    for t in reversed(doc[start : tok.i]):
        if t.lemma_ in words["raise_verbs"] and t.pos_ == "VERB" and any(is_money(ctx, o) for o in objects(t)):
            found = [a for a in actor_args(ctx, t) if idx.type(a.id) == "Organization"]
            if found:
                return found
    return []


# -- offerings ------------------------------------------------------------------------------------
@argument("issuer")
def _issuer(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company whose share offering the anchor's phrase is about ("investors that indicated an
    interest in buying shares in the offering"): the offering's possessor, else whoever the
    paragraph said is listing or offering shares ("Arm set terms for a Nasdaq listing")."""
    idx, words = ctx.idx, ctx.words
    offerings = [t for t in tok.subtree if t.lemma_ in words["offering_nouns"]]
    if not offerings:
        return []
    for o in offerings:
        owner = [a for c in o.children if c.dep_ in {"poss", "compound"} for a in idx.np(c)]
        if owner:
            return owner
    doc, start = tok.doc, tok.sent.start
    stop = start
    while stop > 0 and not (doc[stop - 1].is_space and "\n" in doc[stop - 1].text):
        stop -= 1  # the paragraph's first token
    for t in reversed(doc[stop:start]):
        if t.lemma_ in words["offering_nouns"] or t.lemma_ in {"offer", "list", "float"} and t.pos_ == "VERB":
            verb = t if t.pos_ == "VERB" else governing_verb(t)
            if verb is None:
                continue
            found = [a for a in subject_args(idx, verb) if idx.type(a.id) == "Organization"]
            if found:
                return found
    return []


@attribute("deal_party")
def _deal_party(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """Marks a rule whose subject must be the party of the deal of its kind it refers to ("Volkswagen
    will invest up to $5 billion in Rivian. The carmaker will start with a $1 billion investment")."""
    return "yes"


@check("sum_noun")
def _sum_noun(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The noun carries a sum of its own: "a $1 billion investment", "an initial €500m stake"."""
    return any(c.dep_ in {"nummod", "compound", "quantmod", "nmod", "amod"} and is_money(ctx, c) for c in tok.children)


@attribute("any_deal")
def _any_deal(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """Marks a rule whose fact is whichever deal it refers to, investment or acquisition ("the
    deal", "paid $7 billion"): the relation component gives it that deal's predicate."""
    return "yes"


@argument("hyphen_backer")
def _hyphen_backer(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The backer named before "-backed": "Sequoia Capital-backed Wiz", "SoftBank-backed OpenAI"."""
    idx = ctx.idx
    found = named_before_hyphen(idx, tok)
    if not found:
        found = [a for c in tok.children if c.dep_ in {"npadvmod", "compound"} for a in idx.np(c)]
    return found


@argument("backed_company")
def _backed_company(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company a "-backed" modifier describes: "Sequoia Capital-backed Wiz", "the SoftBank-backed
    startup OpenAI"; the backer's own name is not it."""
    idx = ctx.idx
    backer = {a.id for a in named_before_hyphen(idx, tok)}
    head = tok.head
    for _ in range(3):
        found = [a for a in idx.np(head) if a.id not in backer and not own_backer(a.token, head)]
        if found:
            return found
        if head.head == head or head.dep_ not in {"amod", "compound"}:
            break
        head = head.head
    return [a for a in misparsed_apposition(idx, head) if a.id not in backer]


def own_backer(name: Token, head: Token) -> bool:
    """Is a name coordinated with the described one backed by its own "-backed" modifier: "Tencent-
    backed Revolut and the Sequoia-backed Klarna" (Klarna is Sequoia's, not Tencent's)?"""
    if name.i == head.i or name.i in {t.i for t in head.subtree if t.dep_ in {"compound", "flat"}}:
        return False
    root = name
    while root.dep_ in {"compound", "flat"} and root.head != root:
        root = root.head
    return root.i != head.i and any(c.dep_ in {"amod", "compound"} and c.lower_ == "backed" for c in root.children)


def misparsed_apposition(idx: EntityIndex, noun: Token) -> list[Arg]:
    """The name right after a common noun that the parser made the noun's sibling, not its
    apposition: "The SoftBank-backed lender Nuvolo Finance cut jobs" (both parsed subjects of "cut")."""
    if noun.pos_ != "NOUN" or noun.i + 1 >= len(noun.doc) or noun.i + 1 not in idx.named:
        return []
    name = noun.doc[noun.i + 1]
    while name.dep_ in {"compound", "flat"} and name.head.i in idx.named and name.head != name:
        name = name.head
    if name.head != noun.head or name.dep_ != noun.dep_ or name.head == name:
        return []
    return idx.np(name)


@argument("passive_target")
def _passive_target(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a passive verb is done to, through coordination and control: "EG Group runs 6,000 sites
    and has been backed by TDR since 2015", "X agreed to be acquired by Y", "X entered into an
    agreement to be acquired by Y"."""
    idx = ctx.idx
    found = args_of(idx, [c for c in tok.children if c.dep_ == "nsubjpass"])
    if found:
        return found
    head = tok.head
    if tok.dep_ in {"conj", "xcomp"} and head.pos_ in {"VERB", "AUX"}:
        return args_of(idx, subjects(head))  # "X agreed to be acquired by Y"
    if tok.dep_ in {"acl", "relcl"} and head.pos_ == "NOUN" and any(c.lower_ == "to" for c in tok.children):
        owner = [a for c in head.children if c.dep_ == "poss" for a in idx.np(c)]
        holder = head.head  # "X entered into an agreement to be acquired by Y"
        while holder.pos_ == "ADP" and holder.head != holder:
            holder = holder.head
        return owner or (args_of(idx, subjects(holder)) if holder.pos_ in {"VERB", "AUX"} else [])
    return []


# -- deals told again -----------------------------------------------------------------------------
@check("deal_reference")
def _deal_reference(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """ "The deal", "this transaction", "the $27.7 billion deal": a deal told before, not "a
    deal with Amazon" (a partnership) nor "a deal to buy X" (told here)."""
    definite = any(
        c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"} for c in tok.children
    )
    if not definite:
        return False
    if prep_objects(tok, ("with", "between", "for", "to", "of")):
        return False
    return not any(
        c.dep_ in {"acl", "relcl"} and c.lemma_ in {"buy", "acquire", "invest", "purchase", "sell"}
        for c in tok.children
    )


def merged(ctx: Context, tok: Token) -> list[Arg]:
    """The companies a merger joins, in the order named: "the merger between A and B", "A's merger
    with B", "the merger of A and B"; "a merger of equals between A and B" (the parties hang from
    "equals"), and "A and B announced a merger (of equals)" (the parties are who tells the deal)."""
    idx = ctx.idx
    found = [a for c in tok.children if c.dep_ == "poss" for a in idx.np(c)]
    objs = prep_objects(tok, ("of", "between", "with"))
    for o in [o for o in objs if o.lower_ == "equals"]:
        objs.remove(o)
        objs += prep_objects(o, ("between", "of", "with"))
    found += args_of(idx, objs)
    verb = tok.head
    if not found and tok.dep_ == "dobj" and verb.lemma_ in ctx.words["deal_event_verbs"]:
        found = np_members(ctx, subjects(verb))
    return unique(found)


@argument("by_after_of")
def _by_after_of(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The buyer of "the takeover of X by Y" when the parser hangs "by Y" on X rather than on the
    noun."""
    return np_members(ctx, [b for o in prep_objects(tok, ("of",)) for b in prep_objects(o, ("by",))])


@check("after_round")
def _after_round(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """A bare "participated" right after a round is told, in the same paragraph: "Klarna raised
    $800 million in June. Heartland also participated." (not "participated in the talks")."""
    if any(c.dep_ in {"prep", "dobj", "xcomp", "ccomp", "advcl", "agent"} for c in tok.children):
        return False
    doc, start = tok.doc, tok.sent.start
    if start == 0:
        return False
    before = doc[start - 1].sent
    if "\n\n" in doc[before.end - 1 : start + 1].text or "\n\n" in doc.text[before.end_char : doc[start].idx]:
        return False
    words = ctx.words
    return any(
        (t.lemma_ in words["raise_verbs"] and any(is_money(ctx, o) for o in objects(t))) or round_noun(t, words)
        for t in before
    )


@argument("stake_worth_in")
def _stake_worth_in(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company of a stake told with its worth first: "a stake worth $1.5 billion in Uber" (the
    parser hangs "in Uber" on the sum)."""
    worth = [c for c in tok.children if c.dep_ == "amod" and c.lower_ in {"worth", "valued"}]
    return np_members(
        ctx,
        [
            g
            for w in worth
            for p in w.subtree
            if p.dep_ == "prep" and p.lower_ == "in"
            for g in p.children
            if g.dep_ == "pobj"
        ],
    )


@argument("merged_first")
def _merged_first(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The first company a merger names: taken as the buyer."""
    found = merged(ctx, tok)
    return found[:1] if len(found) == 2 else []


@argument("merged_second")
def _merged_second(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The second company a merger names."""
    found = merged(ctx, tok)
    return found[1:] if len(found) == 2 else []


@argument("round_investors")
def _round_investors(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The investors a round drew or included: "The round drew Nvidia and Amazon", "the round
    included A and B" (the verb's objects, and "among its investors" when so told)."""
    verb = tok.head
    found = np_members(ctx, objects(verb))
    for o in objects(verb):  # "the round saw participation from A and B"
        if o.lemma_ in {"participation", "backing", "support", "investment", "money", "commitment"}:
            found += np_members(ctx, prep_objects(o, ("from", "by", "of")))
    return unique([a for a in found if ctx.idx.type(a.id) in INVESTOR_TYPES])


@check("round_prep")
def _round_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb takes part in a round: "participated in the round", "took part in its Series B",
    "joined Anthropic's Series E"."""
    words = ctx.words
    if tok.lemma_ == "take" and not any(o.lower_ == "part" for o in objects(tok)):
        return False
    if tok.lemma_ == "join" and any(round_noun(o, words) for o in objects(tok)):
        return True
    return any(round_noun(o, words) for o in verb_preps(tok, ("in",)))


@argument("joined_round")
def _joined_round(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose round was joined: "joined Anthropic's Series E"."""
    return unique([a for o in objects(tok) if round_noun(o, ctx.words) for a in _round_owner(ctx, o, ())])


@argument("owner_company")
def _owner_company(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company an investor noun is said to belong to ("Stripe's earliest investor"), not a group
    of buyers ("the group's anchor investor": the group's deal says which company)."""
    idx = ctx.idx
    return unique(
        [
            a
            for c in tok.children
            if c.dep_ == "poss" and c.lemma_ not in ctx.words["group_nouns"]
            for a in idx.np(c)
            if idx.type(a.id) == "Organization"
        ]
    )


@argument("owner_whose")
def _owner_whose(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company "whose" stands for: "Figure AI, whose backers include Microsoft" (the noun its
    relative clause describes)."""
    if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in tok.children):
        return []
    clause = tok.head
    while clause.dep_ != "relcl" and clause.head != clause and clause.pos_ not in {"VERB", "AUX"}:
        clause = clause.head
    return ctx.idx.np(clause.head) if clause.dep_ == "relcl" else []


@check("majority_bought")
def _majority_bought(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """A controlling stake bought or paid for: "paid $69.1 billion for a 70% stake in SABIC", "bought a
    majority stake in X" (holding one is an investment; buying one, an acquisition)."""
    if not _majority(ctx, tok, ()):
        return False
    verb = governing_verb(tok) if tok.dep_ in {"dobj", "pobj"} else None
    return verb is not None and verb.lemma_ in ctx.words["buying_verbs"]


@argument("givers_by")
def _givers_by(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The "by" phrase of a passive, groups read as their members: "was bought by a consortium of
    A and B", "taken private by a consortium led by X"."""
    return np_members(ctx, agents(tok))


@argument("copula_prep")
def _copula_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The preposition the parser hung on "be" rather than on its noun: "A and B were early
    investors in Uber"."""
    head = tok.head
    if tok.dep_ != "attr" or head.lemma_ != "be":
        return []
    return np_members(ctx, prep_objects(head, args))


@argument("listed_objects")
def _listed_objects(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The objects of the anchor's verb, lists the parser lost included: "Its early backers included
    Benchmark and First Round Capital"."""
    if tok.head == tok:
        return []
    found: list[Arg] = []
    for o in objects(tok.head):
        found += members(ctx, o)
        if o.i in ctx.idx.named:
            found += listed_before(ctx.idx, o)
    return unique(found)


@check("has_copula_prep")
def _has_copula_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """ "were early investors in X": the copula carries the noun's preposition."""
    return tok.dep_ == "attr" and tok.head.lemma_ == "be" and bool(prep_objects(tok.head, args))


@check("real_stake")
def _real_stake(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """A stake in a company: "a stake", "a 9% holding", "a 20% interest", or "shares" with the company
    named ("shares in X"); not "market share", nor "took an interest in"."""
    if any(c.lemma_ in {"market", "voice", "mind", "wallet"} for c in tok.children if c.dep_ in {"compound", "amod"}):
        return False
    if tok.lemma_ in {"stake", "holding", "shareholding"}:
        return True
    if tok.lemma_ == "interest":  # "a 20% interest in X", "an equity interest", not "took an interest in"
        return any(
            is_percent(c) or c.lower_ in {"equity", "minority", "majority", "controlling", "ownership"}
            for c in tok.children
        )
    return bool(prep_objects(tok, ("in", "of")))
