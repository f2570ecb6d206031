"""Resolvers for rivals and partners: named rivals, the sides of a contest, the parties of a partnership."""

from __future__ import annotations

from spacy.tokens import Token

from ...components.grammar import Arg, agents, is_passive, objects, prep_objects, subjects, unique
from ...components.mentions import RELATIVE_PRONOUNS, relative_antecedent
from .core import args_of, following_args, governing_verb, subject_args, verb_preps
from .registry import Context, argument, check

WORDS_READ: tuple[str, ...] = (
    "forming_verbs",
    "forming_verbs_more",
    "descriptor_words",
    "unit_nouns",
    "product_offering_nouns",
    "member_preps_words",
    "acquisitive_words",
    "copula_words",
    "including_verbs",
    "pact_purpose_verbs",
    "venture_owned",
    "partner_preps_words",
    "ip_nouns",
    "partnership_kinds",
    "venture_words",
    "share_nouns",
    "joint_owned_modifiers",
    "legal_context_words",
    "pilot_verbs",
    "destination_verbs",
    "rights_kinds",
    "content_nouns",
    "rights_giving_verbs",
    "rights_getting_verbs",
    "co_verb_skip_words",
    "leading_verbs",
    "leader_nouns",
    "metric_nouns",
)  # word lists read here, not by rules

ORG = "Organization"
SINGULAR_VERB_TAGS = {"VBZ"}
SINGULAR_AUX = {"is", "has", "was", "'s"}
PLURAL_NOUN_TAGS = {"NNS", "NNPS"}


def _orgs(ctx: Context, args: list[Arg]) -> list[Arg]:
    return [a for a in args if ctx.idx.type(a.id) in {ORG, "Product"}]


def _singular_verb(verb: Token) -> bool:
    """ "which is working", "which makes": the verb agrees with a singular subject."""
    if verb.tag_ in SINGULAR_VERB_TAGS:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in SINGULAR_AUX for c in verb.children)


def _agreeing_antecedent(verb: Token, rel: Token) -> Token | None:
    """The noun a relative clause is about, when the parser hung it on a plural noun its singular verb
    cannot agree with: in "Rapidus, the venture set up by Toyota, Sony and six other companies, which is
    working with IBM", the clause is about the nearest singular noun above the list (the venture), or
    the singular subject of a verb above it. ``rel`` itself when no such noun is found (then the clause
    names nobody)."""
    antecedent = relative_antecedent(rel)
    if antecedent is None or not _singular_verb(verb) or antecedent.tag_ not in PLURAL_NOUN_TAGS:
        return None
    inside = {t.i for t in antecedent.subtree}
    t = antecedent
    for _ in range(12):
        if t.head == t:
            break
        t = t.head
        if (
            t.pos_ in {"NOUN", "PROPN"}
            and t.tag_ in {"NN", "NNP"}
            and t.dep_ not in {"compound", "poss", "pobj", "conj"}
        ):
            return t  # the first singular noun outside the list and its preposition
        if t.pos_ == "VERB":  # "the venture set up by ...", parsed as a clause with the venture its subject
            subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"NN", "NNP"}]
            subj = [c for c in subj if c.i not in inside and c.i < antecedent.i]
            if subj:
                return subj[-1]
    return rel


def _named_before(ctx: Context, noun: Token) -> list[Arg]:
    """The name a description follows after a comma, when the parser missed the apposition: "Rapidus, the
    chip venture set up by ..." with "venture" read as a subject."""
    left = noun.left_edge.i
    if left >= 2 and noun.doc[left - 1].text == "," and (left - 2) in ctx.idx.mention_of:
        return ctx.idx.at(noun.doc[left - 2])
    return []


def _pronoun_antecedents(verb: Token, objs: list[Token]) -> list[Token]:
    """A relative pronoun a preposition takes stands for the noun its clause hangs on: "ArcelorMittal, with
    which it also runs a steel business", "Nissan, with whom it had an alliance"."""
    if verb.dep_ != "relcl":
        return objs
    return [verb.head if o.lower_ in RELATIVE_PRONOUNS else o for o in objs]


def _np_or_owner(ctx: Context, tok: Token) -> list[Arg]:
    """The entities a noun phrase names, else the names compounded into it ("its Spectrum chips"), else its
    possessor ("Wiz's software" is Wiz competing)."""
    idx = ctx.idx
    found = idx.np(tok) or idx.np(tok, modifiers=True)
    if not found:
        found = [a for c in tok.children if c.dep_ == "poss" for a in idx.np(c)]
    if not found:  # a verb the tagger took for a noun has its own subject: "Google Cloud trails rivals X"
        found = [a for c in tok.children if c.dep_ == "nsubj" for a in idx.np(c)]
    return found


def _country_possessed(ctx: Context, nouns: list[Token]) -> list[Arg]:
    """The company coordinated into a country's possessive: "Shell and Norway's Equinor agreed", which the
    parser reads as the possessor "Shell and Norway" of Equinor (Shell is a second subject)."""
    idx = ctx.idx
    found: list[Arg] = []
    for noun in nouns:
        for p in (c for c in noun.children if c.dep_ == "poss"):
            if any(idx.type(a.id) == "Location" for c in p.conjuncts for a in idx.at(c)):
                found += [a for a in idx.at(p) if idx.type(a.id) == ORG]
    return found


def _doers(ctx: Context, verb: Token) -> list[Arg]:
    """Who does ``verb`` (``subject_args``), with the company of "A and Norway's B" that the parser hides in a
    possessive."""
    idx = ctx.idx
    found = subject_args(idx, verb)
    if found and not is_passive(verb):
        found = unique(_country_possessed(ctx, subjects(verb)) + found)
    if not is_passive(verb):
        # the whole list a relative pronoun or a description stands for: "Sony and Honda, which formed a
        # venture", "The two companies, Sony and Honda, have been partners"
        for s in subjects(verb):
            noun = relative_antecedent(s) or s
            listed = idx.np(noun) + [a for c in noun.children if c.dep_ == "appos" for a in idx.np(c)]
            found = unique(found + [a for a in listed if idx.type(a.id) == ORG])
    return found


@argument("rival_subject")
def _rival_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who competes or partners: the verb's subject, with what the general resolver misses: every name of
    "A and B, which vie with C"; the agreeing noun of "companies, which is working with X"; the maker
    behind "Its Spectrum chips compete with" and "Wiz's software goes up against"."""
    idx = ctx.idx
    rels = [c for c in tok.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS]
    if rels:
        rel = rels[0]
        fixed = _agreeing_antecedent(tok, rel)
        if fixed is not None:
            return [] if fixed == rel else _orgs(ctx, idx.np(fixed) or _named_before(ctx, fixed))
        antecedent = relative_antecedent(rel)
        if antecedent is not None:
            conj = [c for c in antecedent.conjuncts if c.i > antecedent.i]
            if conj and all(c.i < rel.i for c in conj):  # "A and B, which vie": both
                return _orgs(ctx, unique([a for t in [antecedent, *conj] for a in idx.np(t, conj=False)]))
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subj) == 2 and not objects(tok):  # "X, the incumbent Y is chasing": Y (X is what is chased)
        return idx.np(subj[1])
    found = subject_args(idx, tok)
    if found:
        return found
    return unique([a for s in subj for a in _np_or_owner(ctx, s)])


@argument("rival_side")
def _rival_side(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The companies a rival phrase names: "Broadcom", "offerings from Palo Alto Networks and CrowdStrike",
    "Brazil's incumbent banks, led by Itau and Bradesco", "banks such as X", "those of X"."""
    idx, words = ctx.idx, ctx.words
    found = idx.np(tok, modifiers=True)
    if found:
        return found
    members: list[Token] = []
    if tok.lemma_ in words["product_offering_nouns"]:
        members += prep_objects(tok, ("from", "by", "of"))
        members += [c for c in tok.children if c.dep_ == "poss"]
    members += prep_objects(tok, tuple(words["member_preps_words"]))
    for c in tok.children:
        if c.dep_ == "acl":  # "banks, led by X and Y", "rivals including X"
            members += agents(c) + [o for o in c.children if c.lower_ == "including" and o.dep_ == "pobj"]
        if c.dep_ == "prep" and c.lower_ == "such":
            members += [g for a in c.children for g in a.children if g.dep_ == "pobj"]
    return unique([a for m in members for a in idx.np(m, modifiers=True)])


@argument("against_side")
def _against_side(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a company goes up against: objects of the prepositions given (or, with none, the verb's object),
    read as rival phrases: "goes up against offerings from A and B", "takes on Nvidia"."""
    toks = prep_objects(tok, args) if args else objects(tok)
    if not toks and args and tok.dep_ == "dobj" and tok.pos_ == "NOUN":
        toks = prep_objects(tok.head, args)  # "faces stiff competition from Disney": "from" on the verb
    return unique([a for t in toks for a in _rival_side(ctx, t, ())])


@argument("rival_copula")
def _rival_copula(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a rival or partner noun is said to be or to include: "Slack's real rival is Microsoft",
    "Nvidia's rivals include AMD and Intel" (a list a news story gives as the rivals themselves)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "among" and head.head.lemma_ in ctx.words["copula_words"]:
        # "Among Nvidia's rivals are AMD and Intel"
        return args_of(ctx.idx, [c for c in head.head.children if c.dep_ in {"attr", "nsubj"}])
    if tok.dep_ != "nsubj":
        return []
    if head.lemma_ in ctx.words["including_verbs"]:
        return args_of(ctx.idx, [c for c in head.children if c.dep_ == "dobj"])
    if head.lemma_ not in ctx.words["copula_words"]:
        return []
    return args_of(ctx.idx, [c for c in head.children if c.dep_ in {"attr", "acomp"}])


@argument("conj_described")
def _conj_described(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company a list of descriptions is about: "IndiGo, India's largest airline and Air India's main
    rival" (the parser coordinates the descriptions with the name)."""
    if tok.dep_ != "conj":
        return []
    t = tok
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    found = ctx.idx.np(t, conj=False)
    if not found and t.dep_ == "appos":
        found = ctx.idx.np(t.head, conj=False)
    return found


@argument("contest_subject")
def _contest_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who is in a race or battle: the subject of the verb the contest noun hangs on, active or passive:
    "BYD is locked in a race with Tesla", "Apple is in a fight with Samsung"."""
    idx = ctx.idx
    t = tok
    for _ in range(3):
        if t.head == t:
            return []
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            passive = [c for c in t.children if c.dep_ == "nsubjpass"]
            found = args_of(idx, passive) or _rival_subject(ctx, t, args)
            if not found and t.dep_ == "conj":  # "BYD sells cars ... and is locked in a race with Tesla"
                found = args_of(idx, subjects(t))
            return found
    return []


@argument("gap_object")
def _gap_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The object a relative clause leaves out: "Intel's data-centre group, the incumbent Nvidia is now
    chasing" (the incumbent: Intel's group, so Intel)."""
    if objects(tok):
        return []
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subjects) == 2 and tok.dep_ != "relcl":  # the parser's reading of "X, the incumbent Y is chasing, ..."
        return _np_or_owner(ctx, subjects[0])
    if tok.dep_ != "relcl" or any(c.lower_ in RELATIVE_PRONOUNS for c in subjects):
        return []
    noun = tok.head
    found = _np_or_owner(ctx, noun)
    if not found and noun.dep_ == "appos":
        found = _np_or_owner(ctx, noun.head)
    return found


@argument("leader_ahead")
def _leader_ahead(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who leads a market ahead of rivals, the anchor "ahead": "Ryanair is the market leader, ahead of easyJet",
    "Visa leads the card market ahead of Mastercard" (a leader or a leading verb, not any ranking)."""
    words = ctx.words
    t = tok
    for _ in range(4):
        if t.head == t and t.pos_ not in {"VERB", "AUX"}:
            return []
        t = t.head if t.pos_ not in {"VERB", "AUX"} else t
        if t.pos_ in {"VERB", "AUX"}:
            break
    if t.lemma_ in words["leading_verbs"]:
        return subject_args(ctx.idx, t)
    if t.lemma_ in words["copula_words"] and any(
        c.dep_ == "attr" and c.lemma_ in words["leader_nouns"] for c in t.children
    ):
        return subject_args(ctx.idx, t)
    return []


@argument("venture_owners")
def _venture_owners(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The two owners of a joint venture: "the joint venture, 51% owned by Tata Sons and 49% by Singapore
    Airlines", "a venture jointly owned by A and B" (more than two owners is a consortium, not a pair)."""
    idx, words = ctx.idx, ctx.words
    owners: list[Token] = []
    holders = [tok] + [c for c in tok.children if c.dep_ == "appos"]  # "a joint venture, 85% owned by"
    for holder in holders:
        acls = [c for c in holder.children if c.dep_ == "acl" and c.lemma_ in words["venture_owned"]]
        if not acls:
            continue
        owners += [a for acl in acls for a in agents(acl)]
        for part in holder.subtree:  # "... and 49% by Singapore Airlines"
            if part.dep_ == "prep" and part.lower_ == "by" and part.head not in acls:
                owners += [g for g in part.children if g.dep_ == "pobj"]
    found = [a for a in unique([a for o in owners for a in idx.np(o)]) if idx.type(a.id) == ORG]
    return found if len(found) == 2 else []


def _owned_venture(ctx: Context, share: Token) -> Token | None:
    """The jointly owned company a share is of: "51% of the combined company", "half of the joint venture",
    "a 50% stake in the new entity" (not "10% of the company", which any investor may hold)."""
    words = ctx.words
    for owned in prep_objects(share, ("of", "in")):
        modifiers = {c.lower_ for c in owned.children if c.dep_ in {"amod", "compound"}}
        if owned.lemma_ in words["venture_words"] or modifiers & set(words["joint_owned_modifiers"]):
            return owned
    return None


@argument("co_owners")
def _co_owners(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The two companies that split a jointly owned company: "Vodafone will own 51% of the combined company
    and CK Hutchison 49%", "Ford will own 51% of the joint venture and SK On will own 49%", "Tata will hold
    74.9% of the merged airline, with Singapore Airlines owning the rest". A list of investors in a company
    ("Sequoia owns 10% of the company and Accel 5%") is not a venture's owners."""
    idx, words = ctx.idx, ctx.words
    shares = [o for o in objects(tok) if o.lemma_ in words["share_nouns"] or o.lower_ in words["share_nouns"]]
    owned = next((v for v in (_owned_venture(ctx, s) for s in shares) if v is not None), None)
    if owned is None:
        return []
    inside = {t.i for t in owned.subtree} - {t.i for c in owned.children if c.dep_ == "conj" for t in c.subtree}
    others: list[Arg] = []
    for share in shares:  # the gapped "and CK Hutchison 49%", read into the share's phrase
        others += [a for t in share.subtree if t.i not in inside for a in idx.at(t) if t.i in idx.named]
    owning = set(words["venture_owned"])
    for c in tok.children:
        if c.dep_ == "conj" and c.lemma_ in owning:  # "... and SK On will own 49%"
            others += subject_args(idx, c)
        if c.dep_ == "prep" and c.lower_ == "with":  # "..., with Singapore Airlines owning the rest"
            doers = [s for v in c.children if v.lemma_ in owning for s in v.children if s.dep_ == "nsubj"]
            others += args_of(idx, doers)
    found = [a for a in unique(subject_args(idx, tok) + others) if idx.type(a.id) == ORG]
    return found if len(found) == 2 else []


@argument("joint_owners")
def _joint_owners(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who owns something jointly or together: "Boeing owns United Launch Alliance jointly with Lockheed
    Martin" (the subject and the "with" phrase), "Ultium Cells, jointly owned by GM and LG Energy Solution",
    "A and B jointly control the refinery" (two or three companies)."""
    idx = ctx.idx
    if agents(tok):
        found = args_of(idx, agents(tok))
    else:
        withs = _partner_prep(ctx, tok, ("with", "alongside"))
        # "owns X, a mill, jointly with Y": the phrase on the object
        withs += [a for o in objects(tok) for a in _partner_prep(ctx, o, ("with", "alongside"))]
        found = _rival_subject(ctx, tok, ()) + withs
    found = [a for a in unique(found) if idx.type(a.id) == ORG]
    return found if 2 <= len(found) <= 3 else []


def _legal(ctx: Context, tok: Token) -> bool:
    """Is the sentence about a court case ("the trial with Epic", "a jury trial")?"""
    legal = set(ctx.words["legal_context_words"])
    return any(t.lemma_ in legal or t.lower_ in legal for t in tok.sent)


@check("legal_sentence")
def _legal_sentence(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The sentence is about a court case: "Epic is fighting Apple in court"."""
    return _legal(ctx, tok)


@check("metric_subject")
def _metric_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The verb's subject is a market figure, not a company: "Tesla shares trailed the Nasdaq", "Intel's revenue
    lagged behind forecasts"."""
    metrics = set(ctx.words["metric_nouns"])
    return any(c.lemma_ in metrics or c.lower_ in metrics for c in subjects(tok))


@argument("pilot_runner")
def _pilot_runner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who runs a trial or pilot: the subject of "began/ran/launched a trial", or its possessor ("Walmart's
    drone pilot with Wing"). A court trial is none."""
    idx = ctx.idx
    if _legal(ctx, tok):
        return []
    found = [a for c in tok.children if c.dep_ == "poss" for a in idx.np(c)]
    verb = governing_verb(tok) if tok.dep_ == "dobj" else None
    if not found and verb is not None and verb.lemma_ in ctx.words["pilot_verbs"]:
        found = subject_args(idx, verb)
    return found


@argument("pilot_partner")
def _pilot_partner(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company a trial or pilot is run with: "a trial with Waymo", "a year-long trial of self-driving
    deliveries with Wayve" (the phrase hung on what is tried), "began trials in Austin with Uber" (on the
    verb). A company's product tried is not a partner: "a trial of its drug with Merck's Keytruda"."""
    idx = ctx.idx
    withs = prep_objects(tok, ("with", "alongside"))
    withs += [w for p in prep_objects(tok, ("of", "for")) for w in prep_objects(p, ("with", "alongside"))]
    verb = governing_verb(tok) if tok.dep_ == "dobj" else None
    if verb is not None and verb.lemma_ in ctx.words["pilot_verbs"]:
        withs += prep_objects(verb, ("with", "alongside"))
    return unique([a for w in withs for a in idx.np(w)])


@argument("partner_of")
def _partner_of(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a partner noun names as partners: "Exxon and CNOOC, Hess's partners in the block" (what it
    describes), "Hess's partners are Exxon and CNOOC", "its partners include A and B"."""
    idx = ctx.idx
    found: list[Arg] = []
    if tok.dep_ == "appos":
        found = idx.np(tok.head)
        if not found and tok.head.dep_ == "conj":
            found = _conj_described(ctx, tok.head, args)
    found = found or _rival_copula(ctx, tok, args)
    if not found and tok.dep_ == "attr" and tok.head.lemma_ in ctx.words["copula_words"]:
        found = subject_args(idx, tok.head)  # "Oracle is a Microsoft partner"
    if not found and tok.dep_ == "nsubj" and tok.head.lemma_ in {"include", "comprise"}:
        found = args_of(idx, objects(tok.head))
    if not found:
        found = args_of(idx, [c for c in tok.children if c.dep_ == "appos"])
    return found


@argument("partner_attr_parties")
def _partner_attr_parties(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The parties of "A and B are partners" and "A is a partner of B" (the noun as the copula's attribute)."""
    idx, words = ctx.idx, ctx.words
    head = tok.head
    if tok.dep_ != "attr" or head.lemma_ not in words["copula_words"]:
        return []
    parties = _doers(ctx, head) + args_of(idx, prep_objects(tok, tuple(words["partner_preps_words"])))
    parties += [a for c in tok.children if c.dep_ == "poss" for a in idx.np(c)]
    return [a for a in unique(parties) if idx.type(a.id) == ORG]


@argument("licensor")
def _licensor(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Whose technology a company licensed: "licensed the startup's technology", "licensed Adept's
    models", "licenses technology from Arm"."""
    idx, words = ctx.idx, ctx.words
    found = args_of(idx, prep_objects(tok, ("from",)))
    for o in objects(tok):
        if o.lemma_ in words["ip_nouns"] or o.lower_ in words["ip_nouns"]:
            found += [a for c in o.children if c.dep_ == "poss" for a in idx.np(c)]
            found += args_of(idx, prep_objects(o, ("from", "of")))
    return [a for a in unique(found) if idx.type(a.id) == ORG]


def _has_acquisitive(ctx: Context, toks: list[Token]) -> bool:
    acquisitive = set(ctx.words["acquisitive_words"])
    return any(t.lemma_ in acquisitive or t.lower_ in acquisitive for t in toks)


@check("acquisitive")
def _acquisitive(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """A deal that is an acquisition, an investment or a settlement, not a partnership: "a deal with the
    Issa brothers to sell Asda", "a $69 billion merger agreement with Activision", "a deal for X"."""
    purpose = [c for c in tok.head.children if c.dep_ in {"xcomp", "advcl"}]  # "reached a deal with X to buy"
    toks = list(tok.subtree) + [t for c in purpose for t in c.subtree]
    return _has_acquisitive(ctx, toks) or bool(prep_objects(tok, ("for",)))


@check("acquisitive_clause")
def _acquisitive_clause(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The clause a phrase hangs on tells an acquisition or investment: "Under the partnership, Microsoft will
    buy a stake in Mistral"."""
    head = tok.head if tok.head != tok else tok
    return _has_acquisitive(ctx, list(head.subtree))


@check("described_noun")
def _described_noun(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The noun describes something named rather than refers back: "the chip venture set up by Toyota",
    "Rapidus, the venture ..." (an apposition, or a noun with its own clause)."""
    if tok.dep_ == "appos" or any(c.dep_ in {"acl", "relcl", "appos"} for c in tok.children):
        return True
    head = tok.head  # "Rapidus, the chip venture set up by ...", the participle read as the noun's verb
    participle = tok.dep_ == "nsubj" and head.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in head.children)
    return participle or bool(_named_before(ctx, tok))


@argument("first_subject")
def _first_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The first of two coordinated subjects: "Nvidia and Siemens partnered"."""
    found = subject_args(ctx.idx, tok)
    return found[:1] if len(found) == 2 else []


@argument("second_subject")
def _second_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    found = subject_args(ctx.idx, tok)
    return found[1:] if len(found) == 2 else []


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
        + args_of(idx, prep_objects(tok, ("to", "with", "of")))  # "a longtime competitor of Coca-Cola"
    )
    if named:
        return named
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in {"to", "with", "against"} or tok.tag_ == "NNS":
        return following_args(ctx, tok, ())
    if not any(c.dep_ == "det" for c in tok.children):
        return following_args(ctx, tok, ())
    return []


@argument("rival_members")
def _rival_members(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Rivals listed after a plural rival noun: "competitors such as A and B", "rivals including A", "rivals
    like A"."""
    idx, words = ctx.idx, ctx.words
    members = prep_objects(tok, tuple(words["member_preps_words"]))
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "such":
            members += [g for a in c.children for g in a.children if g.dep_ == "pobj"]
            members += [g for g in c.children if g.dep_ == "pobj"]
        if c.dep_ == "acl" and c.lemma_ in {"include", "led"}:
            members += objects(c) + agents(c)
    return unique([a for m in members for a in idx.np(m)])


@argument("partnership_parties")
def _partnership_parties(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The parties a partnership noun names: "the Microsoft-OpenAI collaboration", "X's partnership with Y",
    "a partnership the two companies began", "X and Y announced a partnership"."""
    idx, words = ctx.idx, ctx.words
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
    forming = set(ctx.words["forming_verbs"]) | set(ctx.words["forming_verbs_more"])
    if tok.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_ in forming:  # "A and B set up a venture"
        parties = unique(_doers(ctx, head) + parties)
    elif tok.dep_ == "pobj" and head.lower_ in {"in", "into", "through", "via"}:
        verb = head.head  # "A and B agreed to combine their assets in a joint venture", "... to run it through a JV"
        if verb.pos_ == "VERB" and tok.lemma_ in words["venture_words"]:
            parties = unique(_doers(ctx, verb) + parties)
    parties = [p for p in parties if idx.type(p.id) == "Organization"]
    return parties if len(parties) >= 2 else []


@argument("clause_organizations")
def _clause_organizations(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Two or three organisations named in the clause a subject noun heads: "A new partnership gives
    Palantir's customers Anthropic's models"."""
    idx = ctx.idx
    found = unique([a for c in tok.head.children if c != tok for a in idx.subtree(c, ["Organization"])])
    return found if 2 <= len(found) <= 3 else []


@argument("pact_parties")
def _pact_parties(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The two sides of a deal a verb makes: "Slack signed a multiyear deal with Amazon" (subject and the
    "with" phrase on the verb or the noun), "Google and Apple struck a deal" (two coordinated subjects)."""
    idx = ctx.idx
    verb = governing_verb(tok) if tok.dep_ == "dobj" else None
    if verb is None:
        return []
    sides = _doers(ctx, verb)
    withs = prep_objects(tok, ("with", "between")) + _pronoun_antecedents(verb, prep_objects(verb, ("with",)))
    # "a memorandum of understanding with Ericsson": the phrase hangs on "understanding"
    withs += [w for o in prep_objects(tok, ("of",)) for w in prep_objects(o, ("with", "between"))]
    other = args_of(idx, withs)
    found = [a for a in unique(sides + other) if idx.type(a.id) == ORG]
    if other:
        return found if len(found) >= 2 else []
    # "A and B signed a deal" is often their merger: only a deal of a partnering kind counts
    kinds = set(ctx.words["partnership_kinds"])
    kind = tok.lemma_ in kinds or any(c.dep_ in {"compound", "amod"} and c.lower_ in kinds for c in tok.children)
    # or a deal about working together: "signed an agreement on batteries", "an agreement to develop chips"
    purposes = set(ctx.words["pact_purpose_verbs"])
    kind = kind or any(
        (c.dep_ == "prep" and c.lower_ == "on") or (c.dep_ == "acl" and c.lemma_ in purposes) for c in tok.children
    )
    return found if len(found) == 2 and kind else []


@argument("pact_destination")
def _pact_destination(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The companies whose platform, stores or devices a deal brings something to: "Microsoft signed ten-year
    agreements to bring Call of Duty to Nintendo's consoles and to keep it on Sony's PlayStation", "signed a
    deal to put its app in Tesla's cars" (the owner of the place, or the company itself)."""
    idx, words = ctx.idx, ctx.words
    verb = governing_verb(tok) if tok.dep_ == "dobj" else None
    if verb is None:
        return []
    clauses = [c for c in tok.children if c.dep_ == "acl"] + [c for c in verb.children if c.dep_ in {"xcomp", "advcl"}]
    clauses += [j for c in clauses for j in c.conjuncts if j.pos_ == "VERB"]
    found: list[Arg] = []
    for c in unique_tokens(clauses):
        if c.lemma_ not in words["destination_verbs"]:
            continue
        for o in verb_preps(c, ("to", "on", "onto", "into", "in", "across")):  # "put its app on X's boxes"
            here = [a for a in idx.np(o) if idx.type(a.id) == ORG]
            owners = [a for p in o.children if p.dep_ == "poss" for a in idx.np(p) if idx.type(a.id) == ORG]
            found += here or owners
    return unique(found)


def unique_tokens(toks: list[Token]) -> list[Token]:
    seen: set[int] = set()
    return [t for t in toks if not (t.i in seen or seen.add(t.i))]


def _rights_kind(ctx: Context, rights: Token) -> bool:
    """Rights that are a licence: media, streaming, distribution, naming or marketing rights, or rights to
    content ("the rights to its games"); not voting, mineral or land rights."""
    words = ctx.words
    kinds = set(words["rights_kinds"])
    if any(c.lower_ in kinds or c.lemma_ in kinds for c in rights.children if c.dep_ in {"amod", "compound"}):
        return True
    content = set(words["ip_nouns"]) | set(words["content_nouns"])
    return any(o.lemma_ in content or o.lower_ in content for o in prep_objects(rights, ("to", "for", "of")))


@argument("rights_party")
def _rights_party(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The other side of a rights deal, the anchor a verb whose object is licence-like rights: who gets them
    ("sold the streaming rights to its games to Ubisoft", "granted Amazon the rights") or who gives them
    ("won the broadcast rights from the league")."""
    idx = ctx.idx
    rights = [o for o in objects(tok) if o.lower_ == "rights" and _rights_kind(ctx, o)]
    if not rights:
        return []
    toks = [c for c in tok.children if c.dep_ == "dative"]
    words = ctx.words
    preps = ("to",) if tok.lemma_ in words["rights_giving_verbs"] else ()
    preps += ("from",) if tok.lemma_ in words["rights_getting_verbs"] else ()  # "licensed the rights from X"
    for p in (t for t in tok.subtree if t.dep_ in {"prep", "conj"} and t.lower_ in preps):  # "..., and to X"
        toks += [o for o in p.children if o.dep_ == "pobj"]
    return [a for a in args_of(idx, toks) if idx.type(a.id) == ORG]


def _names_run(ctx: Context, toks: list[Token]) -> list[Arg]:
    """The companies of a run of names joined by "and" and commas (``toks`` in reading order from the
    run's first word); empty when the run does not start with a name."""
    idx = ctx.idx
    found: list[Arg] = []
    for t in toks:
        if t.i in idx.mention_of:
            found += [a for a in idx.at(t) if idx.type(a.id) in {ORG, "Location"}]
        elif t.text in {",", "and", "'s", "’s"} and found:
            continue
        else:
            break
    return [a for a in unique(found) if idx.type(a.id) == ORG]


@argument("co_verb_left")
def _co_verb_left(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who does a "co-" verb the parser splits ("co", "-", "develops"): the names right before it ("Pfizer
    and BioNTech co-developed", "Sanofi is co-developing"), the names after "by" ("co-developed by A and
    B"), else the sentence's first company when the verb is coordinated or controlled ("Seagen markets X
    with A and co-develops Y with B", "Lilly agreed to co-commercialize")."""
    idx, doc = ctx.idx, tok.doc
    verb = doc[tok.i + 2]
    after = doc[verb.i + 1] if verb.i + 1 < tok.sent.end else None
    if after is not None and after.lower_ == "by":
        return _names_run(ctx, list(doc[after.i + 1 : tok.sent.end]))
    skip = set(ctx.words["co_verb_skip_words"])
    i = tok.i - 1
    while i >= tok.sent.start and doc[i].lower_ in skip:
        i -= 1
    if i >= tok.sent.start and i in idx.mention_of:
        start = i
        joiners = {",", "and", "'s"}
        while start > tok.sent.start and (start - 1 in idx.mention_of or doc[start - 1].text in joiners):
            start -= 1
        return _names_run(ctx, list(doc[start : i + 1]))
    if i >= tok.sent.start and doc[i].lower_ in {"and", "to"}:
        firsts = [t for t in doc[tok.sent.start : tok.i] if t.i in idx.mention_of]
        return [a for a in idx.at(firsts[0]) if idx.type(a.id) == ORG][:1] if firsts else []
    return []


@argument("co_verb_right")
def _co_verb_right(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company a verb read from the words is done with: "co-develops Tivdak with Denmark's Genmab",
    "Daiichi Sankyo markets Enhertu with AstraZeneca" (the names after the first "with" of its clause)."""
    doc = tok.doc
    for t in doc[tok.i + 1 : tok.sent.end]:
        next_clause = t.lower_ in {"and", "but", "while", "whereas"} and t.dep_ == "cc" and t.head.pos_ == "VERB"
        if t.text in {";", ":"} or next_clause:
            return []
        if t.lower_ == "with":
            return _names_run(ctx, list(doc[t.i + 1 : tok.sent.end]))
    return []


@argument("pp_clause_organizations")
def _pp_clause_organizations(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Two or three organisations named in the clause a phrase hangs on, outside the phrase: "Under the
    same pact, Amazon agreed to roll Slack out to its own employees"."""
    idx = ctx.idx
    head = tok.head
    if head == tok or head.pos_ not in {"VERB", "AUX"}:
        return []
    inside = {t.i for t in tok.subtree}
    found = unique([a for t in head.subtree if t.i not in inside for a in idx.at(t) if idx.type(a.id) == ORG])
    return found if 2 <= len(found) <= 3 else []


@argument("paid_party")
def _paid_party(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who is paid: "paying Apple", "paid Samsung $1 billion", "pays $20 billion to Apple"."""
    idx = ctx.idx
    toks = objects(tok) + [c for c in tok.children if c.dep_ == "dative"] + prep_objects(tok, ("to",))
    return [a for a in args_of(idx, toks, modifiers=True) if idx.type(a.id) == ORG]  # "pays Google billions"


@argument("partner_prep")
def _partner_prep(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The companies a verb partners with: objects of the given prepositions on the verb, and of
    prepositions coordinated with them ("with Microsoft in 2019, and later with Oracle"), not of
    prepositions inside them ("with Oracle on the Stargate project" is not with Stargate)."""
    idx, words = ctx.idx, ctx.words
    objs: list[Token] = []
    # the phrase may hang on the verb's object: "is developing two electric models with the Chinese carmaker"
    holders = [c for c in tok.children if c.dep_ == "dobj"] if tok.pos_ == "VERB" else []
    for p in [c for h in [tok, *holders] for c in h.children]:
        if p.dep_ == "prep" and p.lower_ in args:
            for q in [p, *(c for c in p.conjuncts if c.pos_ == "ADP")]:
                objs += [g for g in q.children if g.dep_ == "pobj"]
    objs = _pronoun_antecedents(tok, objs)
    # names compounded into a company or unit noun count ("with AWS's Annapurna Labs team"), into goods not
    # ("built the service with Nvidia chips" uses the chips)
    companies = set(words["descriptor_words"]) | set(words["unit_nouns"])
    return unique([a for o in objs for a in idx.np(o, modifiers=o.lemma_ in companies)])


@argument("clause_subject_of")
def _clause_subject_of(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The subject of the clause a phrase hangs on: "Unlike rivals OpenAI and Google, Anthropic has focused
    on businesses" (Anthropic)."""
    t = tok
    for _ in range(6):
        if t.head == t:
            return []
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:  # "Compared with rivals X, Anthropic spends": past the participle
            found = [a for a in subject_args(ctx.idx, t) if not tok.left_edge.i <= a.token.i <= tok.right_edge.i]
            if found:
                return found
    return []


@argument("coordinated_subjects")
def _coordinated_subjects(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Two or three coordinated companies doing the verb a phrase hangs on: "Microsoft and Google are locked
    in a battle for AI customers", "Intel and AMD agreed to work together"."""
    t = tok
    for _ in range(3):
        if t.pos_ in {"VERB", "AUX"}:
            passive = [c for c in t.children if c.dep_ == "nsubjpass"]
            found = args_of(ctx.idx, passive) if passive else _doers(ctx, t)
            found = [a for a in found if ctx.idx.type(a.id) == ORG]
            return found if 2 <= len(found) <= 3 else []
        if t.head == t:
            return []
        t = t.head
    return []


@argument("described_list")
def _described_list(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The coordinated names a plural rival noun describes: "Intel and AMD, longtime rivals, ...", "Amazon and
    Microsoft are rivals in cloud"."""
    if tok.dep_ == "appos":
        found = ctx.idx.np(tok.head)
    elif tok.dep_ == "attr" and tok.head.lemma_ in ctx.words["copula_words"]:  # "A and B are rivals"
        found = subject_args(ctx.idx, tok.head)
    else:
        return []
    found = [a for a in found if ctx.idx.type(a.id) == ORG]
    return found if 2 <= len(found) <= 3 else []


@argument("faced_by")
def _faced_by(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who faces, feels or meets the competition a noun names: "Google faces competition from Microsoft",
    "Nvidia faces a growing challenge from AMD"."""
    verb = governing_verb(tok) if tok.dep_ == "dobj" else None
    if verb is None or verb.lemma_ not in {"face", "feel", "meet", "see", "encounter", "confront", "fend"}:
        return []
    return _rival_subject(ctx, verb, args)


@argument("whose_antecedent")
def _whose_antecedent(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The company "whose" stands for: "Boeing, whose main rival is Airbus" (the noun the relative clause
    hangs on), which the owner resolver cannot read from a pronoun."""
    if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in tok.children):
        return []
    t = tok
    for _ in range(4):
        if t.dep_ == "relcl":
            return [a for a in ctx.idx.np(t.head, conj=False) if ctx.idx.type(a.id) == ORG]
        if t.head == t:
            break
        t = t.head
    return []
