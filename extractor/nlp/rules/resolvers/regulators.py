"""Resolvers for regulators: the companies an action, an approval or a probe is about, who gave it,
which deal "the deal" is, and whether the approval is only pending."""

from __future__ import annotations

from spacy.tokens import Token

from ...components.grammar import Arg, agents, is_passive, objects, prep_objects, unique
from ...components.mentions import mention_head, relative_antecedent
from .core import args_of, governing_verb, subject_args
from .registry import Context, argument, check

WORDS_READ: tuple[str, ...] = (
    "opening_verbs",
    "investigation_nouns",
    "deal_nouns",
    "acquire_verbs",
    "acquisition_nouns",
    "approval_givers",
    "approval_winners",
    "pending_words",
    "pending_modifiers",
    "abandon",
    "hypothetical_words",
    "hypothetical_marks",
    "approve_modals",
    "probe_modals",
    "probe_holder_verbs",
    "facing_verbs",
    "legal_nouns",
    "probe_preps_words",
    "opening_verbs_more",
    "probe_nouns",
    "deal_words_more",
    "regulator_nouns",
    "relational_nouns",
    "adversarial_nouns",
    "paying_verbs",
    "stopping_verbs",
    "violation_verbs",
)  # word lists read here, not by rules

GOV = "GovernmentBody"
ORG = "Organization"


def _orgs(ctx: Context, toks: list[Token]) -> list[Arg]:
    """Organisations named in the subtrees of ``toks`` (pronouns resolved, generic nouns skipped), less the
    possessors that only describe another company: "fined Nvidia's rival Google" is about Google, while
    "cleared Microsoft's purchase of Activision" is about both."""
    idx, relational = ctx.idx, set(ctx.words["relational_nouns"])
    found: list[Arg] = []
    for top in toks:
        describing = {
            t.i
            for p in top.subtree
            if p.dep_ == "poss" and _relational(p.head, relational) and _names_own(ctx, p.head, p)
            for t in p.subtree
        }
        found += [a for t in top.subtree if t.i not in describing for a in idx.at(t) if idx.type(a.id) == ORG]
    return unique(found)


def _relational(noun: Token, relational: set[str]) -> bool:
    """A possessed noun that is a relation, or a name a relation word modifies ("Nvidia's rival Google")."""
    return noun.lemma_ in relational or any(
        c.dep_ in {"amod", "compound"} and c.lemma_ in relational for c in noun.children
    )


def _names_own(ctx: Context, noun: Token, poss: Token) -> bool:
    """Whether a relational noun names its own company beside its possessor ("Nvidia's rival Google"), so
    the possessor only describes it; "the offices of Google's Japanese unit" names none, so it is Google."""
    phrase = noun.head if noun.dep_ in {"amod", "compound", "nmod"} else noun  # "Nvidia's rival Google"
    own = [t for t in phrase.subtree if t.i not in {p.i for p in poss.subtree}]
    return any(ctx.idx.type(a.id) == ORG for t in own for a in ctx.idx.at(t))


def _govs(ctx: Context, args: list[Arg]) -> list[Arg]:
    return [a for a in args if ctx.idx.type(a.id) == GOV]


def _deal_antecedent(ctx: Context, tok: Token) -> Token:
    """What a relative pronoun stands for: "the deal, which was cleared by SAMR"; "Microsoft's purchase of
    Activision, which was cleared" is the purchase (the parser hangs the clause on the nearest name)."""
    noun = relative_antecedent(tok)
    if noun is None:
        return tok
    deals = set(ctx.words["deal_nouns"]) | set(ctx.words["acquisition_nouns"])
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_ in deals:
        return prep.head
    return noun


def _acted_on(ctx: Context, tok: Token) -> list[Token]:
    """What a regulator's verb acts on: its objects, the subject of a passive ("Google was fined by the
    Commission"), "into"/"at"/"on" phrases ("signed off on the deal"), the object of "sued to block"."""
    through = tok.lemma_ in {"wave", "nod"}  # "waved through X", "nodded through X"
    preps = ("into", "at", "on", "through") if through else ("into", "at", "on")
    objs = objects(tok) + [c for c in tok.children if c.dep_ in {"dative", "nsubjpass"}]  # "X was cleared by"
    # "the deal, which was cleared by SAMR": the noun the relative pronoun stands for
    objs = [_deal_antecedent(ctx, o) if o.dep_ == "nsubjpass" else o for o in objs]
    # "cleared the way for the deal", "cleared the path for Microsoft's takeover"
    if any(o.lemma_ in {"way", "path"} and o.dep_ == "dobj" for o in objs):
        ways = [o for o in objs if o.lemma_ in {"way", "path"}]
        fors = [f for o in ways for f in prep_objects(o, ("for",))] or prep_objects(tok, ("for",))
        objs = [o for o in objs if o not in ways] + fors
    objs += prep_objects(tok, preps)
    deals = set(ctx.words["deal_nouns"]) | set(ctx.words["acquisition_nouns"])
    if any(o.lemma_ in deals for o in objects(tok)) and not is_passive(tok):
        objs += prep_objects(tok, ("by",))  # "cleared the takeover of Commerzbank by UniCredit"
    if not objs:  # "sued to block the transaction", "moved to block it"
        objs = [o for c in tok.children if c.dep_ == "xcomp" for o in objects(c)]
    if not objs:  # "allowed the transaction to proceed", "let the merger go ahead"
        objs = [s for c in tok.children if c.dep_ in {"ccomp", "xcomp"} for s in c.children if s.dep_ == "nsubj"]
    return objs


@argument("regulated")
def _regulated(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The companies a regulator's action is about: in its object ("cleared Microsoft's purchase of
    Activision"), "into"/"at"/"on" phrases, or an investigation noun's phrases ("opened a probe into X")."""
    words = ctx.words
    objs = _acted_on(ctx, tok)
    if tok.lemma_ in words["opening_verbs"] or tok.lemma_ in words["opening_verbs_more"]:
        # "opened a probe into X": the probe, and what it is into
        nouns = set(words["investigation_nouns"]) | set(words["probe_nouns"])
        probes = [o for o in objects(tok) if o.lemma_ in nouns]
        if not probes and tok.lemma_ == "order":  # "ordered Google to stop ...": an order, not a probe
            return _orgs(ctx, [o for o in objs if o.pos_ != "PRON"])
        if not probes:
            return []
        objs = probes + prep_objects(tok, ("into", "at", "against"))
        # "filed suit to stop Kroger from buying Albertsons", "brought a case to block the merger"
        stopping = set(words["stopping_verbs"])
        objs += [o for c in tok.children if c.dep_ in {"advcl", "xcomp"} and c.lemma_ in stopping for o in objects(c)]
        objs += [p for o in probes for p in prep_objects(o, ("into", "of", "on", "over", "against"))]
    return _orgs(ctx, [o for o in objs if o.pos_ != "PRON"])


@check("refers_to_deal")
def _refers_to_deal(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's object is a deal or a pronoun for one ("approved the merger", "cleared it"), or the verb
    has no object at all: "the deal closed after the FTC and the Commission signed off"."""
    words = ctx.words
    acted_on = _acted_on(ctx, tok)
    if not acted_on:
        # a relative clause's verb has its object in the noun it hangs on: "the companies it will examine"
        return tok.dep_ not in {"amod", "acl", "compound", "relcl"} and not any(
            c.dep_ in {"ccomp", "xcomp", "prep", "advcl"} and c.lower_ not in {"after", "in", "on", "by"}
            for c in tok.children
        )
    return any(
        o.lower_ in {"it", "them"} or o.lemma_ in words["deal_nouns"] or o.lemma_ in words["investigation_nouns"]
        for o in acted_on
    )


@check("probe_about_deal")
def _probe_about_deal(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """ "Opened an in-depth investigation" (into nothing named) or "... into the deal" is about the deal the
    article tells; "... into Chinese-built electric cars" is not."""
    words = ctx.words
    preps = ("into", "of", "on", "over", "against", "about")
    if tok.pos_ == "NOUN":  # "its in-depth investigation", "a review of the deal", "approval for the merger"
        targets = prep_objects(tok, (*preps, "for", "to"))
        if tok.dep_ == "dobj":  # "opened an investigation into X": the phrase hangs on the verb
            targets += prep_objects(tok.head, ("into", "of", "over", "against", "about"))
    else:
        probes = [o for o in objects(tok) if o.lemma_ in words["investigation_nouns"]]
        targets = prep_objects(tok, preps) + [p for o in probes for p in prep_objects(o, preps)]
    targets = [t for t in targets if not _govs(ctx, ctx.idx.np(t))]  # "the blessing of the Commission"
    return all(t.lower_ in {"it", "them"} or t.lemma_ in words["deal_nouns"] for t in targets)


def _deal_parties_at(ctx: Context, t: Token) -> list[Arg]:
    """Buyer and target of one acquisition word: "Oracle bought Cerner", "its agreement to buy X",
    "Microsoft's purchase of Activision"."""
    idx = ctx.idx
    if t.pos_ == "VERB" and t.lemma_ in {"merge", "combine"}:  # "Vodafone and Three agreed to merge"
        return [a for a in subject_args(idx, t) + args_of(idx, prep_objects(t, ("with",))) if idx.type(a.id) == ORG]
    if t.pos_ == "VERB" and t.lemma_ in ctx.words["paying_verbs"]:  # "agreed to pay SFr3bn in shares for X"
        fors = prep_objects(t, ("for",)) + [p for o in t.subtree if o.dep_ == "pobj" for p in prep_objects(o, ("for",))]
        target = args_of(idx, [f for f in fors if f.pos_ == "PROPN" or f.i in idx.named])
        return [a for a in unique(subject_args(idx, t) + target) if idx.type(a.id) == ORG] if target else []
    if t.pos_ == "VERB":
        buyer = subject_args(idx, t)
        if not buyer and t.dep_ == "acl":  # "its agreement to buy X"
            buyer = [a for c in t.head.children if c.dep_ in {"poss", "compound"} for a in idx.np(c)]
        target = args_of(idx, objects(t))
    else:
        buyer = [a for c in t.children if c.dep_ in {"poss", "compound", "nmod"} and c.i < t.i for a in idx.np(c)]
        target = args_of(idx, prep_objects(t, ("of", "for")))
    return [a for a in unique(buyer + target) if idx.type(a.id) == ORG]


@argument("deal_in_sentence")
def _deal_in_sentence(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The parties of the deal its sentence tells before "the deal": "MaxLinear walked away from its
    agreement to buy Silicon Motion shortly after SAMR cleared the deal" (that deal, not the article's)."""
    words = ctx.words
    deal_words = set(words["acquire_verbs"]) | set(words["acquisition_nouns"]) | set(words["deal_words_more"])
    deal_words |= set(words["paying_verbs"])
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.lemma_ in deal_words and not tok.is_ancestor(t):
            found = _deal_parties_at(ctx, t)
            if len(found) >= 2:
                return found
    return []


@argument("named_regulator")
def _named_regulator(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The regulator a described subject names in apposition: "the financial regulator, FINMA, which approved
    the merger", "The banking watchdog, BaFin, cleared the deal" (the name, not what the description might
    refer back to, nor the other bodies of a list the relative clause hangs on)."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return []
    noun = relative_antecedent(subj[0]) or subj[0]
    if noun.pos_ != "NOUN":
        return []
    return _govs(ctx, args_of(ctx.idx, [c for c in noun.children if c.dep_ == "appos"]))


def _paragraph(tok: Token) -> tuple[int, int]:
    """The token span of the paragraph ``tok`` is in: a paragraph ends at a line break."""
    doc = tok.doc
    start = tok.i
    while start > 0 and not (doc[start - 1].is_space and "\n" in doc[start - 1].text):
        start -= 1
    end = tok.i
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    return start, end


def _told_deals(ctx: Context, tok: Token) -> list[tuple[int, list[Arg]]]:
    """Each acquisition or deal word of the article with its two parties, in text order (worked out once)."""
    cached = ctx.cache.get("regulators.told_deals")
    if cached is None:
        words = ctx.words
        deal_words = set(words["acquire_verbs"]) | set(words["acquisition_nouns"]) | set(words["deal_words_more"])
        deal_words |= set(words["paying_verbs"])
        cached = []
        for t in tok.doc:
            if t.lemma_ in deal_words:
                found = _deal_parties_at(ctx, t)
                if len(found) >= 2:
                    cached.append((t.i, found))
        ctx.cache["regulators.told_deals"] = cached
    return cached


@argument("article_deal")
def _article_deal(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The article's first deal, for "the deal" in a paragraph that names no company at all: "The Committee on
    Foreign Investment in the United States reviewed the deal for most of the year" in a feature whose
    lead told who buys whom. A paragraph that names a company is left to the deal the relation component
    finds for it."""
    idx = ctx.idx
    start, end = _paragraph(tok)
    if any(i in idx.named and any(idx.type(e) == ORG for e in idx.mention_of.get(i, ())) for i in range(start, end)):
        return []
    for i, found in _told_deals(ctx, tok):
        if i >= start:
            break
        return [Arg(a.id, tok, True) for a in found]
    return []


@argument("regulator_behind")
def _regulator_behind(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who stands behind the order, ruling or bid that does the verb: "the FTC accepted a consent order that
    allowed the transaction to proceed", "a ruling by the EC that cleared the deal", "the FTC lost its bid
    to block X"."""
    idx = ctx.idx
    if tok.dep_ not in {"relcl", "acl"}:  # "an order that allowed X", "its bid to block X"
        return []
    noun = tok.head
    found = args_of(idx, prep_objects(noun, ("by", "from")))
    found += [a for c in noun.children if c.dep_ in {"poss", "compound"} for a in idx.np(c)]
    verb = governing_verb(noun)
    if verb is not None:
        found += subject_args(idx, verb)
    return _govs(ctx, unique(found))


@check("hypothetical")
def _hypothetical(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb is not (yet) a fact: "is expected to approve", "could clear", "if the FTC approves".
    ``args`` names the modal list: "approve_modals" (a forecast "will approve" too) or "probe_modals"."""
    words = ctx.words
    modals = set(words[args[0]] if args else words["approve_modals"])
    t = tok
    for _ in range(4):
        for c in t.children:
            if c.dep_ in {"aux", "auxpass"} and c.lower_ in modals:
                return True
            if c.dep_ == "mark" and c.lower_ in words["hypothetical_marks"]:
                return True
            if c.dep_ == "acomp" and c.lemma_ in words["hypothetical_words"]:  # "is likely to"
                return True
        if t != tok and t.lemma_ in words["hypothetical_words"]:
            return True
        if t != tok and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in t.children):
            return True  # "has yet to approve", "is yet to clear"
        if t.dep_ in {"xcomp", "ccomp"} and t.head != t:
            t = t.head
        else:
            break
    return False


# -- approval nouns: "won approval from the FTC", "gave conditional approval to X" -------------------
def _approval_verb(tok: Token) -> Token | None:
    """The verb an approval noun is the object or subject of: "won approval", "approval came"."""
    verb = governing_verb(tok)
    if verb is None and tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}:
        verb = tok.head
    return verb


@argument("approver")
def _approver(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who gave an approval: "approval from SAMR", "the FTC's clearance", "the CMA gave its approval",
    "The last sign-off came from X"."""
    idx, words = ctx.idx, ctx.words
    found = args_of(idx, prep_objects(tok, ("from", "by", "of")))  # "the blessing of the European Commission"
    found += [a for c in tok.children if c.dep_ in {"poss", "compound", "nmod"} and c.i < tok.i for a in idx.np(c)]
    verb = _approval_verb(tok)
    if verb is not None:
        found += args_of(idx, prep_objects(verb, ("from", "by")))
        if verb.lemma_ in words["approval_givers"] and tok.dep_ == "dobj":
            found += subject_args(idx, verb)
        if tok.dep_ == "nsubjpass":  # "approval was granted by the EC"
            found += args_of(idx, agents(verb))
    return _govs(ctx, unique(found))


@argument("approved_party")
def _approved_party(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who or what was approved: "approval for its purchase of Cerner", "gave approval to X's takeover",
    "Oracle won approval", "approval to buy X"."""
    idx, words = ctx.idx, ctx.words
    toks = prep_objects(tok, ("for", "of", "to"))
    toks += [o for c in tok.children if c.dep_ in {"acl", "relcl"} for o in objects(c)]
    verb = _approval_verb(tok)
    if verb is not None:
        toks += prep_objects(verb, ("for", "to"))
        toks += [c for c in verb.children if c.dep_ == "dative"]
        toks += [o for o in objects(verb) if o != tok]
        toks += [o for c in verb.children if c.dep_ in {"xcomp", "advcl"} for o in objects(c)]
        found = _orgs(ctx, toks)
        if verb.lemma_ in words["approval_winners"] and tok.dep_ == "dobj":
            found = unique([a for a in subject_args(idx, verb) if idx.type(a.id) == ORG] + found)
        return found
    return _orgs(ctx, toks)


@check("pending")
def _pending(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """An approval still awaited, sought, needed or failed: "subject to approval by", "pending clearance",
    "still needs approval from", "failed to win approval", "without approval", "no approval"."""
    words = ctx.words
    pending = set(words["pending_words"])
    modifiers = set(words["pending_modifiers"])
    if any(c.lower_ in modifiers or c.lemma_ in modifiers for c in tok.children if c.dep_ in {"det", "amod"}):
        return True
    modals = {"would", "could", "might", "may", "should", "must"}
    if tok.dep_ in {"nsubj", "nsubjpass"}:  # "approval is expected", not "the lawsuit seeks to unwind"
        head = tok.head
        return any(c.dep_ == "aux" and c.lower_ in modals for c in head.children) or (
            tok.dep_ == "nsubjpass" and head.lemma_ in pending
        )
    abandon = set(words["abandon"])
    t = tok
    for _ in range(6):
        if t != tok and (t.lemma_ in pending or t.lower_ in pending or t.lemma_ in abandon):
            return True
        if t != tok and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
            return True  # "no clear path to approval"
        if any(c.dep_ in {"aux", "mark"} and c.lower_ in words["hypothetical_marks"] for c in t.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in modals for c in t.children):
            return True
        if t.head == t or t.dep_ in {"nsubj", "nsubjpass", "advcl", "ccomp", "conj", "relcl", "parataxis"}:
            break  # the clause ends: "Google need not sell X, rejecting the remedy" is not a denied remedy
        t = t.head
    return False


# -- probe nouns: "the remedy sought by the DOJ", "the FTC's lawsuit against Meta" --------------------
@argument("probe_holder")
def _probe_holder(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The regulator behind a probe, case or remedy: its possessor or compounded name ("the FTC's
    lawsuit", "an EU probe"), a "by"/"from" phrase, or the agent of "sought by", "brought by"."""
    idx, words = ctx.idx, ctx.words
    # a name the tagger read as an adjective counts too: "a CFIUS review"
    deps = {"poss", "compound", "nmod", "amod"}
    found = [a for c in tok.children if c.dep_ in deps and c.i < tok.i for a in idx.np(c)]
    found += args_of(idx, prep_objects(tok, ("by", "from")))
    for acl in (c for c in tok.children if c.dep_ == "acl" and c.lemma_ in words["probe_holder_verbs"]):
        found += args_of(idx, agents(acl))
    verb = governing_verb(tok)
    if verb is not None and verb.lemma_ in words["facing_verbs"]:  # "faces scrutiny from the FTC"
        found += args_of(idx, prep_objects(verb, ("from", "by")))
    if verb is not None and verb.lemma_ in words["probe_holder_verbs"] and tok.dep_ == "dobj":
        found += subject_args(idx, verb)  # "the Commission slapped a fine on Google"
    return _govs(ctx, unique(found))


@argument("probe_target")
def _probe_target(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whom a probe or case is against: "lawsuit against Meta", "probe into Apple's App Store", "its review
    of Microsoft's deal"; for "X faces scrutiny", X."""
    idx, words = ctx.idx, ctx.words
    # a pronoun is the deal more often than a company: "concerns about it", "a probe into it"
    found = _orgs(ctx, [t for t in prep_objects(tok, tuple(words["probe_preps_words"])) if t.pos_ != "PRON"])
    verb = governing_verb(tok)
    if not found and verb is not None and verb.lemma_ in words["probe_holder_verbs"] and tok.dep_ == "dobj":
        toks = prep_objects(verb, ("on", "against", "into")) + [c for c in verb.children if c.dep_ == "dative"]
        found = _orgs(ctx, toks)  # "slapped a fine on Google", "handed Google a fine"
    if not found and verb is not None and verb.lemma_ in words["facing_verbs"] and tok.dep_ == "dobj":
        found = [a for a in subject_args(idx, verb) if idx.type(a.id) == ORG]
    return found


@argument("lone_company")
def _lone_company(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The one company its sentence names, when it names only one and the anchor is a case against someone:
    "A judge rejected the biggest remedy sought by the Justice Department ... that the company illegally
    monopolized search" (Google)."""
    idx = ctx.idx
    if tok.pos_ == "NOUN" and tok.lemma_ not in ctx.words["adversarial_nouns"]:
        return []  # "the Commission's action plan will help Intel" names no one it acts against
    heads = [t for t in tok.sent if t.i in idx.mention_of and mention_head(t, idx.mention_of) == t]
    # a name compounded into a common noun names a product or a brand, not a party: "its Chrome browser"
    heads = [t for t in heads if not (t.dep_ == "compound" and t.head.pos_ == "NOUN")]
    found = unique([a for t in heads for a in idx.at(t) if idx.type(a.id) == ORG])
    return found if len(found) == 1 else []


@argument("opponent")
def _opponent(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The regulator a company fights, appeals or settles with: "Google fights the Justice Department",
    "Apple will appeal the Commission's ruling", "Meta settled with the FTC"."""
    idx, words = ctx.idx, ctx.words
    toks = objects(tok) + prep_objects(tok, ("with", "against"))
    found = args_of(idx, toks)
    for o in toks:
        if o.lemma_ in words["legal_nouns"]:
            found += [a for c in o.children if c.dep_ in {"poss", "compound"} and c.i < o.i for a in idx.np(c)]
            found += args_of(idx, prep_objects(o, ("by", "from")))
    return _govs(ctx, unique(found))


@argument("examined_antecedent")
def _examined_antecedent(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a relative clause's probing verb is about, when it has no object of its own: "picked BYD, Geely
    and SAIC as the sample companies it will examine", "X is among the firms the FTC is probing"."""
    idx = ctx.idx
    if tok.dep_ != "relcl" or objects(tok) or any(c.dep_ == "nsubjpass" for c in tok.children):
        return []
    if any(c.dep_ == "nsubj" and c.lower_ in {"which", "who", "that"} for c in tok.children):
        return []  # "which examined ...": the noun is its subject, not its object
    noun = tok.head
    found = idx.np(noun)
    if not found and noun.dep_ == "pobj" and noun.head.lower_ in {"as", "among"}:
        holder = noun.head.head
        if holder.pos_ in {"VERB", "AUX"}:  # "picked X as the companies", "X is among the firms"
            found = args_of(idx, objects(holder)) or subject_args(idx, holder)
    return [a for a in found if idx.type(a.id) == ORG]


@argument("regulator_group")
def _regulator_group(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The body a generic subject belongs to: "Regulators at the European Commission approved the deal",
    "officials from the Justice Department are examining", "the watchdog, the CMA, said"."""
    idx, words = ctx.idx, ctx.words
    subj = [c for c in tok.children if c.dep_ == "nsubj" and c.lemma_ in words["regulator_nouns"]]
    toks = [p for s in subj for p in prep_objects(s, ("at", "of", "from", "with"))]
    toks += [c for s in subj for c in s.children if c.dep_ == "appos"]
    return _govs(ctx, args_of(idx, toks))


@check("concern_about_deal")
def _concern_about_deal(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """Concerns "about the deal", "about it", "over the merger": about a deal, named by a noun or pronoun
    (concerns with no object, or about prices, are not about the deal)."""
    words = ctx.words
    targets = prep_objects(tok, ("about", "over", "with", "on", "regarding", "to"))
    return bool(targets) and all(t.lower_ in {"it", "them"} or t.lemma_ in words["deal_nouns"] for t in targets)


@argument("found_violator")
def _found_violator(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whom a regulator or court finds, rules or alleges to have broken the law: "the JFTC found that Google
    had broken antitrust law", "the court ruled against Meta" (the subject of the finding's clause, or the
    object of "against")."""
    words = ctx.words
    found = [o for o in prep_objects(tok, ("against",))] if tok.lemma_ == "rule" else []
    for c in tok.children:
        if c.dep_ == "ccomp" and c.lemma_ in words["violation_verbs"] and not any(n.dep_ == "neg" for n in c.children):
            found += [s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}]
    return _orgs(ctx, [f for f in found if f.pos_ != "PRON" or f.lower_ in {"it", "they"}])


@argument("amount_by")
def _amount_by(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The regulator of a passive whose "by" phrase the parser hangs on the amount: "Meta has been fined 1.2
    billion euros by Ireland's Data Protection Commission"."""
    if not is_passive(tok):
        return []
    return _govs(ctx, args_of(ctx.idx, [b for o in objects(tok) for b in prep_objects(o, ("by",))]))
