"""Resolvers for people: roles and the organisations in role phrases, founders, leaders.

News names a person's post in a handful of shapes: a title before the name ("Ford chief executive
Jim Farley", "Boeing attorney Jane Roe"), an apposition after it ("Jane Roe, a spokeswoman
for Ford", "X, Intel's president"), a prepositional tag ("Tom Smith of the Federal Reserve"), a
verb ("who heads OpenAI's applications business", "is run by chief executive X", "took over as
chief executive") or an appointment ("named Y chief executive"). Titles before names are read as
a run of words rather than through the parse, since the parser often splits "Shopify founder and
chief executive Tobi Lutke" into a coordination of nouns.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ....text.lexicon import lexicon
from ...components.grammar import Arg, agents, is_passive, objects, prep_objects, unique
from ...components.mentions import RELATIVE_PRONOUNS, mention_head, relative_antecedent
from .core import args_of, subject_args
from .places import description_antecedent
from .registry import ORG_TYPES, Context, argument, attribute, check

WORDS_READ: tuple[str, ...] = (  # word lists read here, not by rules
    "role_words",
    "founder_words",
    "title_fillers",
    "honorifics",
    "role_preps",
    "led_things",
    "gov_nouns",
    "as_lemmas",
    "outsider_nouns",
    "past_markers",
    "gov_titles",
    "found_verbs",
    "say_lemmas",
    "insider_posts",
    "bare_title_posts",
    "serve_preps",
    "person_preps",
    "legislator_titles",
    "legislature_words",
    "judge_titles",
    "court_words",
    "represent_lemmas",
)

# dependencies that stay inside a role's noun phrase ("chief executive of Microsoft's cloud unit");
# clauses (relcl, acl, advcl) are left out: "an analyst who covers Apple" does not work for Apple
PHRASE_DEPS = {"prep", "pobj", "poss", "compound", "nmod", "amod", "appos", "conj", "cc", "case", "det", "npadvmod"}
INDEFINITE = {"a", "an", "another", "one", "some", "any"}
POSSESSIVE_MARKS = {"'s", "'", "\u2019s", "\u2019"}
MAX_TITLE_WORDS = 7


# -- role words ------------------------------------------------------------------------------------


def role_words(ctx: Context) -> set[str]:
    """Single words naming a post: the lexicon's roles and this family's longer list."""
    return set(ctx.words["role_words"]) | {r for r in lexicon()["roles"] if " " not in r}


def phrase_span(tok: Token) -> tuple[int, int]:
    """Where a role noun's phrase runs, modifiers and coordinated roles included."""
    words = [t.i for t in tok.subtree if t.i <= tok.i or t.dep_ == "conj"]
    start, end = min(words), max(words) + 1
    doc = tok.doc
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in {",", "(", '"'}:
        start -= 1  # "co-founder" is three tokens, and the parser may split them
    return start, end


def role_of(tok: Token, roles: dict[str, str]) -> str | None:
    """The lexicon's normal form of the first role the phrase names: "chief executive" → "ceo"."""
    start, end = phrase_span(tok)
    text = " " + tok.doc[start:end].text.lower() + " "
    found = [(text.find(f" {r} "), -len(r), r) for r in roles]
    found = [f for f in found if f[0] >= 0]
    return roles[min(found)[2]] if found else None


def roles_in(ctx: Context, tok: Token) -> set[str]:
    """Every post a role phrase names: the lexicon's normal forms and the single role words."""
    start, end = phrase_span(tok)
    doc = tok.doc
    text = " " + doc[start:end].text.lower().replace(" - ", "-") + " "
    roles = lexicon()["roles"]
    found = {roles[r] for r in roles if f" {r} " in text}
    words = role_words(ctx)
    found |= {t.lower_ for t in doc[start:end] if t.lower_ in words and t.i not in ctx.idx.named}
    if "co-founder" in text or "cofounder" in text:
        found.discard("founder")
        found.add("co-founder")
    return found


def is_founder_only(ctx: Context, roles: Iterable[str]) -> bool:
    """Founding is not a post: "Nvidia founder Jensen Huang" founded Nvidia but may no longer work there."""
    founders = set(ctx.words["founder_words"]) | {"co-founder"}
    roles = set(roles)
    return bool(roles) and roles <= founders


@check("occupation")
def _occupation(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The phrase names a post other than founder ("chief executive", "attorney", "official"), or,
    with arguments, one of the posts given ("occupation:trigger:founder|co-founder")."""
    if tok.lower_ not in role_words(ctx) and role_of(tok, lexicon()["roles"]) is None:
        return False
    roles = roles_in(ctx, tok)
    if args:
        return bool(roles & set(args))
    return bool(roles) and not is_founder_only(ctx, roles)


@attribute("post")
def _post(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """The normalised post of a role phrase: the lexicon's form ("ceo"), else the role word itself."""
    return role_of(tok, lexicon()["roles"]) or (tok.lower_ if tok.lower_ in role_words(ctx) else None)


# -- organisations in role phrases -----------------------------------------------------------------


def described_people(ctx: Context, tok: Token) -> set[str]:
    """The people a role phrase describes: the name it is in apposition to, or its own apposition."""
    idx = ctx.idx
    found = {a.id for a in idx.at(tok.head)} if tok.dep_ == "appos" else set()
    found |= {a.id for c in tok.children if c.dep_ == "appos" for a in idx.at(c)}
    return found


def phrase_tokens(ctx: Context, tok: Token) -> list[Token]:
    """The tokens of a role's noun phrase, without its clauses, by the prepositions a post takes."""
    preps = set(ctx.words["role_preps"])
    outsiders = set(ctx.words["outsider_nouns"])
    out, todo = [], [tok, *split_pieces(tok)]
    while todo:
        t = todo.pop()
        out.append(t)
        if t != tok and t.lemma_ in outsiders and t.i not in ctx.idx.mention_of:
            continue  # "a lawyer for Apple shareholders" does not work for Apple
        for c in t.children:
            if c.dep_ not in PHRASE_DEPS or c.dep_ == "prep" and c.lower_ not in preps:
                continue
            todo.append(c)
    return sorted(out, key=lambda t: t.i)


def split_pieces(tok: Token) -> list[Token]:
    """The pieces the tokenizer split a word like "co-founder" into, before ``tok``, when the parser
    made each its own sibling ("Ubisoft's co - founder", with "Ubisoft's" hung on "co")."""
    doc, out = tok.doc, []
    j = tok.i - 1
    while j >= tok.sent.start and not doc[j].whitespace_ and doc[j].head == tok.head and doc[j].dep_ == tok.dep_:
        out.append(doc[j])
        j -= 1
    return out


def is_indefinite(tok: Token) -> bool:
    """ "an investor group", "a consortium": a description that introduces, not one that refers back."""
    return any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children)


def apposed_org(ctx: Context, noun: Token) -> list[Arg]:
    """The organisation a description stands beside when the parser has not made it an apposition:
    "Afeela, the venture set up by ..." with "venture" the subject of "set up"."""
    idx, doc = ctx.idx, noun.doc
    start = min(t.i for t in noun.subtree if t.i <= noun.i)
    if start - 2 < noun.sent.start or doc[start].lower_ not in {"the", "a", "an"} or doc[start - 1].text != ",":
        return []
    return [a for a in idx.at(doc[start - 2]) if idx.type(a.id) in ORG_TYPES and not a.ref]


def first_organization(ctx: Context, toks: Iterable[Token], skip: set[str] = frozenset()) -> list[Arg]:
    """The first organisation named among ``toks``; a reference ("its", "the company") only when no
    organisation is named there ("a spokesman for the company" vs "the firm Symphony Technology Group")."""
    idx = ctx.idx
    named: list[Arg] = []
    refs: list[Arg] = []
    for t in toks:
        for a in idx.at(t):
            if idx.type(a.id) not in ORG_TYPES or a.id in skip:
                continue
            if not a.ref:
                named.append(a)
            elif not is_indefinite(t):
                refs.append(a)
    first = (named or refs)[:1]
    if first and not first[0].ref:  # "the Vishwa Hindu Parishad (VHP)": the short form too, when it is its own entity
        tok = first[0].token
        head = next((t for t in [tok, *tok.ancestors] if t.dep_ != "compound"), tok)
        first += [  # and those coordinated with it: "chief executive of Alphabet and Google"
            a
            for c in [*head.children, *head.conjuncts]
            if c.dep_ in {"appos", "conj"} and c.i > head.i
            for a in idx.at(c)
            if idx.type(a.id) in ORG_TYPES and a.id != first[0].id and a.id not in skip and not a.ref
        ]
    return unique(first)


@argument("role_org")
def _role_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation of a post: "chief executive of Microsoft", "Intel's president", "its chief
    executive", "a spokesman for the company" (not the person the phrase describes); for posts
    coordinated with their own organisations, each one ("director of A and a member of B")."""
    skip = described_people(ctx, tok)
    words = role_words(ctx)
    posts = [c for c in tok.children if c.dep_ == "conj" and c.lower_ in words]
    # "a professor at Columbia University and honorary president of the Socialist International": the
    # parser may hang the second post on the first one's organisation
    posts += [
        c
        for t in phrase_tokens(ctx, tok)
        if t.i != tok.i and t.i in ctx.idx.mention_of
        for c in t.children
        if c.dep_ == "conj" and c.lower_ in words and c.i not in ctx.idx.named
    ]
    own = {t.i for p in posts for t in p.subtree}
    found = first_organization(ctx, [t for t in phrase_tokens(ctx, tok) if t.i not in own], skip)
    for p in posts:
        found += first_organization(ctx, phrase_tokens(ctx, p), skip)
    if not found:  # "the attorney representing Boeing"
        clauses = [c for c in tok.children if c.dep_ == "acl" and c.lemma_ in ctx.words["represent_lemmas"]]
        found = [a for c in clauses for o in objects(c) for a in ctx.idx.np(o, conj=False)]
        found = [a for a in found if ctx.idx.type(a.id) in ORG_TYPES]
    return unique(found)


# -- titles before a name, read as a run of words ----------------------------------------------------


def is_honorific(ctx: Context, tok: Token) -> bool:
    """ "Dr.", "Lt", or the full stop the tokenizer split off one ("Lt ." )."""
    honorifics = ctx.words["honorifics"]
    if tok.text == ".":
        return tok.i > 0 and tok.doc[tok.i - 1].lower_ in honorifics
    return tok.lower_.rstrip(".") in honorifics


def is_title_word(ctx: Context, tok: Token) -> bool:
    """A word of a title: a post, a filler such as "chief" or "and", or an honorific."""
    return tok.lower_ in role_words(ctx) or tok.lower_ in ctx.words["title_fillers"] or is_honorific(ctx, tok)


def title_run(ctx: Context, tok: Token) -> tuple[int, int]:
    """The run of title words around ``tok``: "founder and chief executive", "co-founder"."""
    doc, idx = tok.doc, ctx.idx
    start = end = tok.i
    while start - 1 >= tok.sent.start and is_title_word(ctx, doc[start - 1]) and start - 1 not in idx.named:
        start -= 1
    while end + 1 < tok.sent.end and is_title_word(ctx, doc[end + 1]) and end + 1 not in idx.named:
        end += 1
    return start, end + 1


def title_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation written before a title: "Microsoft chief executive", "AMD's chair", "its
    chief executive", "Burlington operations manager", "the Foreign Ministry's department chief"."""
    doc, idx = tok.doc, ctx.idx
    i = title_run(ctx, tok)[0] - 1
    steps = 0
    while i >= tok.sent.start and steps <= MAX_TITLE_WORDS:
        t = doc[i]
        found = idx.at(t)
        if not found and t.lower_ == "whose":  # "Mellanox, whose chief executive Eyal Waldman"
            clause = next((a for a in t.ancestors if a.dep_ == "relcl"), None)
            found = idx.at(clause.head) if clause is not None else []
        if found:
            orgs = [a for a in found if idx.type(a.id) in ORG_TYPES]
            return orgs[:1] if not (orgs and orgs[0].ref and is_indefinite(t)) else []
        if t.text in POSSESSIVE_MARKS:
            i -= 1
            continue
        if t.text == ")":  # "CHP (Republican People's Party) leader Deniz Baykal": both names
            opening = next((j for j in range(i - 1, max(tok.sent.start, i - 12) - 1, -1) if doc[j].text == "("), None)
            if opening is None:
                break
            inside = first_organization(ctx, doc[opening + 1 : i])
            before = (
                [a for a in idx.at(doc[opening - 1]) if idx.type(a.id) in ORG_TYPES] if opening > tok.sent.start else []
            )
            return unique(inside + before)
        if t.is_alpha and t.pos_ in {"NOUN", "PROPN", "ADJ"} and t.lower_ not in INDEFINITE:
            i -= 1
            steps += 1
            continue
        break
    return []


def title_post_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """As ``title_org``, for a title that names a post other than founder ("Nvidia founder and chief
    executive" is a post; "Nvidia founder" alone is not)."""
    start, end = title_run(ctx, tok)
    words = role_words(ctx)
    roles = {t.lower_ for t in tok.doc[start:end] if t.lower_ in words}
    text = " " + tok.doc[start:end].text.lower().replace(" - ", "-") + " "
    if "co-founder" in text:
        roles = (roles - {"founder"}) | {"co-founder"}
    if not roles or is_founder_only(ctx, roles):
        return []
    return title_org(ctx, tok, args)


def title_before(ctx: Context, tok: Token) -> Token | None:
    """The last title word written before the name that starts at ``tok``: "chief executive Satya
    Nadella" (a comma and honorifics may sit between: "its chief executive, Dr. Rene Haas")."""
    idx, doc = ctx.idx, tok.doc
    people = [a for a in idx.at(tok) if idx.type(a.id) == "Person" and not a.ref]
    starts = [m.start for p in people for m in idx.entities[p.id].mentions if m.start <= tok.i < m.end]
    if not starts or min(starts) != tok.i:
        return None
    i = tok.i - 1
    while i >= tok.sent.start and is_honorific(ctx, doc[i]):
        i -= 1
    if i >= tok.sent.start and doc[i].text == ",":
        i -= 1
    if i < tok.sent.start or i in idx.named or doc[i].lower_ not in role_words(ctx):
        return None
    return doc[i]


@check("titled")
def _titled(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """A name with a title written before it ("Microsoft chief executive Satya Nadella"); with
    ``founder``, a title that names a founder ("Nvidia founder and chief executive Jensen Huang")."""
    title = title_before(ctx, tok)
    if title is None:
        return False
    return is_founder_title(ctx, title, ()) if args else True


@argument("titled_org")
def _titled_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation of the title before a name, when the title is a post (not "founder" alone);
    with ``founder``, of any title: "Microsoft co-founder Bill Gates"."""
    title = title_before(ctx, tok)
    if title is None:
        return []
    return title_org(ctx, title, ()) if args else title_post_org(ctx, title, ())


@attribute("titled_post")
def _titled_post(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    title = title_before(ctx, tok)
    return title_post(ctx, title, ()) if title is not None else None


def is_founder_title(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The run of title words around the anchor names a founder: "co-founder and chief executive"."""
    start, end = title_run(ctx, tok)
    return any(t.lower_ in ctx.words["founder_words"] for t in tok.doc[start:end])


def title_post(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """The normalised post of a title run: "founder and chief executive" → "ceo"."""
    start, end = title_run(ctx, tok)
    text = " " + tok.doc[start:end].text.lower() + " "
    roles = lexicon()["roles"]
    found = sorted((len(r), r) for r in roles if f" {r} " in text and roles[r] not in {"founder", "co-founder"})
    return roles[found[-1][1]] if found else None


# -- posts told by verbs --------------------------------------------------------------------------------


@argument("led_org")
def _led_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a person leads, in the passive: "OpenAI is led by X", "Airbus, led by X",
    "its supervisory board, chaired by X" (the board's owner), "which was then led by X" (the
    nearest of "A and B, which")."""
    idx = ctx.idx
    for s in own_subjects(tok) or (shared_subjects(tok) if tok.dep_ == "conj" else []):
        if s.lower_ in RELATIVE_PRONOUNS:
            antecedent = relative_antecedent(s)
            if antecedent is None:
                return []
            before = [c for c in [antecedent, *antecedent.conjuncts] if c.i < s.i]
            return idx.np(max(before, key=lambda c: c.i), conj=False) if before else []
        return led_noun(ctx, s)
    if tok.dep_ in {"acl", "amod"} and tok.head != tok:
        return led_noun(ctx, tok.head)
    return []


def led_noun(ctx: Context, noun: Token) -> list[Arg]:
    """The organisation a led noun names: itself, or the owner of its board or unit."""
    idx = ctx.idx
    if is_indefinite(noun) and noun.i not in idx.named:
        return []
    # "the ECB's supervisors, led by X, and the European Commission": not the noun's conjuncts
    found = [a for a in idx.np(noun, conj=noun.i in idx.mention_of) if idx.type(a.id) in ORG_TYPES]
    found = found or apposed_org(ctx, noun) or description_antecedent(ctx, noun)  # "The Swindon-based mutual, led by"
    if found:
        return found
    if noun.lower_ in ctx.words["led_things"] or noun.lemma_ in ctx.words["led_things"]:
        owners = [c for c in noun.children if c.dep_ in {"poss", "compound", "nmod"} and c.i < noun.i]
        return first_organization(ctx, [t for o in owners for t in o.subtree])
    return []


@argument("led_object")
def _led_object(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What a person heads, runs or chairs: an organisation ("chairs Tata Motors", "runs it"), or a unit
    of one ("heads OpenAI's applications business"); not "led the talks with X"."""
    found: list[Arg] = []
    for o in objects(tok):
        found += led_noun(ctx, o)
    return unique(found)


@argument("people_subject")
def _people_subject(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The people who do the verb; for "set up by"/"founded by" participles, the "by" phrase."""
    idx = ctx.idx
    found = args_of(idx, agents(tok)) if agents(tok) else subject_args(idx, tok)
    return [a for a in found if idx.type(a.id) == "Person"]


@argument("appointed")
def _appointed(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who is given a post: the verb's object ("named X chief executive", "hired X"), or, in the
    passive, its subject ("X was named chief executive")."""
    idx = ctx.idx
    if is_passive(tok):
        found = args_of(idx, [c for c in tok.children if c.dep_ == "nsubjpass"])
    else:
        found = args_of(idx, [c for c in tok.children if c.dep_ == "dobj"])
    found = [a for a in found if idx.type(a.id) == "Person"]
    if not found and not is_passive(tok):  # "named Harvey Lutz president": the parser folds the name into the post
        posts = [c for c in tok.children if c.dep_ in {"oprd", "attr"} and c.pos_ == "NOUN"]
        names = [n for p in posts for n in p.children if n.dep_ in {"compound", "nmod"} and n.i < p.i]
        found = [a for a in args_of(idx, names) if idx.type(a.id) == "Person"]
    return found


@argument("appointer")
def _appointer(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who gives the post: the organisation that hires or names ("Amazon hired X"; "its board named
    X", the board's owner; "X was hired by Y")."""
    idx = ctx.idx
    subj = agents(tok) if is_passive(tok) else [c for c in tok.children if c.dep_ == "nsubj"]
    found: list[Arg] = []
    for s in subj:
        found += led_noun(ctx, relative_antecedent(s) or s)
    if not found and not is_passive(tok):
        found = [a for a in subject_args(idx, tok) if idx.type(a.id) in ORG_TYPES]
    return unique(found)


@argument("given_post_org")
def _given_post_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation of the post an appointment gives: "named X chief executive of Y", "appointed X
    as Disney's chief executive"."""
    given = {a.id for a in _appointed(ctx, tok, ())}
    posts = [c for c in tok.children if c.dep_ in {"oprd", "xcomp", "attr", "ccomp"} and c.pos_ in {"NOUN", "PROPN"}]
    posts += prep_objects(tok, ("as",))
    if not posts:  # "named Jane Doe its chief financial officer", parsed as an apposition; not "X, a former ..."
        posts = [c for o in objects(tok) for c in o.children if c.dep_ in {"appos", "oprd"}]
        posts = [p for p in posts if not is_past_post(ctx, p)]
    for p in posts:
        found = first_organization(ctx, phrase_tokens(ctx, p), given)
        if found:
            return found
    return []


def is_past_post(ctx: Context, tok: Token) -> bool:
    """ "a former Cadence chief executive", "then chief executive of Scoot": a post no longer held."""
    start, end = phrase_span(tok)
    return any(t.lower_ in ctx.words["past_markers"] for t in tok.doc[start:end])


@check("given_post")
def _given_post(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """An appointment verb gives a post: "named X chief executive", "appointed X as chair"; "hire"
    gives one by itself."""
    if tok.lemma_ in {"hire", "recruit", "poach", "employ"}:
        return True
    posts = [c for c in tok.children if c.dep_ in {"oprd", "xcomp", "attr", "ccomp"}]
    posts += prep_objects(tok, ("as",))
    posts += [c for o in objects(tok) for c in o.children if c.dep_ in {"appos", "oprd"}]
    return any(_occupation(ctx, p, ()) for p in posts)


@argument("as_person")
def _as_person(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who holds the post of "as ROLE": the verb's person object ("appointed X as chief executive"),
    else its subject ("X took over as chief executive", "X joined Y as chief technology officer")."""
    idx = ctx.idx
    verb = as_verb(tok, ctx.words["as_lemmas"])
    if verb is None:
        return []
    if verb.lemma_ not in {"succeed", "replace"}:
        obj = [a for o in objects(verb) for a in idx.np(o) if idx.type(a.id) == "Person"]
        if obj:
            return obj
    found = subject_args(idx, verb)
    return [a for a in found if idx.type(a.id) == "Person"]


def as_verb(tok: Token, lemmas: Iterable[str]) -> Token | None:
    """The verb of one of ``lemmas`` whose "as" phrase ``tok`` is in ("took over as", not "such as")."""
    prep = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "as" else None
    if prep is None:
        return None
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"} and verb.dep_ in {"dobj", "nsubjpass"}:
        verb = verb.head  # the parser hangs "as" on the object now and then
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ not in lemmas:
        return None
    if any(c.dep_ in {"prt", "advmod"} and c.lower_ in {"down", "aside", "away"} for c in verb.children):
        return None  # "stepped down as chairman": a post left
    return verb


@argument("as_org")
def _as_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation of an "as ROLE" post: in the role ("as Disney's chief executive"), the
    company joined ("joined Meta as"), whoever appoints ("its board named X as chief executive"), or
    the person's own apposition ("X, its lead director, would succeed Y as chief executive")."""
    idx = ctx.idx
    found = _role_org(ctx, tok, ())
    verb = as_verb(tok, ctx.words["as_lemmas"])
    if found or verb is None:
        return found
    if verb.lemma_ in {"join", "rejoin"}:
        return [a for o in objects(verb) for a in idx.np(o) if idx.type(a.id) in ORG_TYPES][:1]
    if verb.lemma_ in set(ctx.words["as_lemmas"]) - {"take", "serve", "act", "work", "step", "come", "continue"}:
        found = _appointer(ctx, verb, ())
        if found:
            return found
    for person in _as_person(ctx, tok, ()):
        for ap in (c for c in person.token.children if c.dep_ == "appos"):
            found = _role_org(ctx, ap, ())
            if found:
                return found
    return []


# -- founders ---------------------------------------------------------------------------------------------


def co_split(tok: Token) -> Token | None:
    """The "co" of "co-founded", which the tokenizer splits off ("co", "-", "founded") and the parser
    often makes the verb, hanging the arguments on it."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "co":
        return doc[tok.i - 2]
    return None


def own_subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, also when the parser hangs them on its auxiliary or on a split "co-"."""
    heads = [verb]
    co = co_split(verb)
    if co is not None:
        heads.append(co)
    heads += [c for h in list(heads) for c in h.children if c.dep_ in {"aux", "auxpass"}]
    return [c for h in heads for c in h.children if c.dep_ in {"nsubj", "nsubjpass"}]


def shared_subjects(verb: Token) -> list[Token]:
    """The subjects a verb has or shares with the verb it is coordinated with: "Databricks was
    co-founded in 2013 by A and is run by B"."""
    t = verb
    for _ in range(4):
        found = own_subjects(t)
        if found:
            return found
        co = co_split(t)
        if t.dep_ == "conj" and t.head != t:
            t = t.head
        elif co is not None and co.dep_ == "conj" and co.head != co:
            t = co.head
        elif t.dep_ == "advcl" and co_split(t) is not None and t.head == co_split(t):
            t = t.head
        else:
            return []
    return []


@argument("founders")
def _founders(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who founded: the "by" phrase, else the subject; people named "with" them ("started the company
    with A and B"); people coordinated after an apposition ("by Omri Geller, its chief executive, and
    Ronen Dar")."""
    idx = ctx.idx
    co = co_split(tok)
    verbs = [tok] if co is None else [tok, co]
    by = [a for v in verbs for a in agents(v)]
    if by:
        found = args_of(idx, by)
    elif any(is_passive(v) for v in verbs):
        found = []
    else:
        found = unique([a for v in verbs for a in subject_args(idx, v)])
    withs = prep_objects(tok, ("with",)) + [w for b in by for w in prep_objects(b, ("with",))]
    found += [a for a in args_of(idx, withs) if idx.type(a.id) == "Person"]
    for f in list(found):
        for ap in f.token.children:
            if ap.dep_ == "appos":
                found += [a for c in ap.conjuncts for a in idx.at(c) if idx.type(a.id) == "Person"]
    return unique(found)


@argument("founded_org")
def _founded_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What was founded: the passive subject ("Databricks was co-founded by"), the noun a participle
    describes ("BYD, founded in 1995 by", "the venture set up by"), or the object, also when a later
    coordinated verb carries it ("who founded and still run Stripe"); for "the company", the company the
    founder's own title names ("Ford chief executive X started the company")."""
    idx = ctx.idx
    co = co_split(tok)
    passive = bool(agents(tok)) or is_passive(tok) or (co is not None and is_passive(co))
    if passive:
        subj = own_subjects(tok)
        if subj:
            found = args_of(idx, subj) or [a for t in subj for a in apposed_org(ctx, t)]
            return found or [a for t in subj for a in description_antecedent(ctx, t)]
        if tok.dep_ in {"acl", "amod"} and tok.head != tok:
            # "The Sao Paulo-based lender, founded in 2013 by ..."
            return idx.np(tok.head) or description_antecedent(ctx, tok.head)
        return []
    if tok.dep_ in {"acl", "amod"} and tok.tag_ == "VBN" and co is None and tok.head != tok:
        return idx.np(tok.head) or description_antecedent(ctx, tok.head)
    objs = objects(tok) or (objects(co) if co is not None else [])
    objs = objs or [o for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" for o in objects(c)]
    if not objs and tok.dep_ == "relcl" and tok.head.pos_ in {"NOUN", "PROPN"}:
        objs = [tok.head]  # "Quip, the startup he co-founded"
    if tok.lemma_ == "spin":  # "spun off its cereal business as WK Kellogg Co": the company it became
        names = prep_objects(tok, ("as", "into")) + [p for o in objs for p in prep_objects(o, ("as", "into"))]
        became = [a for a in args_of(idx, names) if idx.type(a.id) in ORG_TYPES]
        if became:
            return became
    found = args_of(idx, objs, modifiers=True)
    if not found and co is not None and tok.i + 1 < len(tok.doc):
        found = [a for a in idx.at(tok.doc[tok.i + 1]) if idx.type(a.id) in ORG_TYPES and not a.ref]
    if found and all(a.ref for a in found):
        own = [o for f in _founders(ctx, tok, ()) for o in person_title_orgs(ctx, f.token)]
        if own:
            return own[:1]
    return found


def person_title_orgs(ctx: Context, person: Token) -> list[Arg]:
    """The organisation named in the title before a name: "Ford chief executive Jim Farley"."""
    idx = ctx.idx
    doc = person.doc
    spans = [m for a in idx.at(person) for m in idx.entities[a.id].mentions if m.start <= person.i < m.end]
    start = min((m.start for m in spans), default=person.i)
    if start - 1 < person.sent.start or not is_title_word(ctx, doc[start - 1]):
        return []
    return [a for a in title_org(ctx, doc[start - 1], ()) if not a.ref]


@argument("cofounder_org")
def _cofounder_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """What the possessor of "his co-founder" founded, told in this or one of the three sentences
    before: "Brian Chesky, who co-founded the company ... His co-founder, Joe Gebbia"."""
    idx, doc = ctx.idx, tok.doc
    start, end = phrase_span(tok)  # "His co-founder": the parser may hang "His" on a split "co"
    poss = [c for t in doc[start:end] for c in t.children if c.dep_ == "poss"]
    owners = {a.id for t in poss for a in idx.at(t) if idx.type(a.id) == "Person"}
    if not owners:
        return []
    sents = list(doc.sents)
    here = next(n for n, sent in enumerate(sents) if sent.start <= tok.i < sent.end)
    lemmas = set(ctx.words["found_verbs"])
    for sent in reversed(sents[max(0, here - 3) : here + 1]):
        for verb in (t for t in sent if t.lemma_ in lemmas and t.pos_ == "VERB" and t.i != tok.i):
            if owners & {a.id for a in _founders(ctx, verb, ())}:
                found = [a for a in _founded_org(ctx, verb, ()) if idx.type(a.id) in ORG_TYPES]
                if found:
                    return found[:1]
    return []


@argument("gov_of_person")
def _gov_of_person(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The government a "government of PERSON" phrase names: "the Spanish government of Prime
    Minister Pedro Sanchez"."""
    idx = ctx.idx
    return [a for a in idx.at(tok) if idx.type(a.id) in ORG_TYPES]


@argument("titled_government")
def _titled_government(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The government a minister or chancellor named at the anchor serves, when the article names it
    as an entity: "French Finance Minister Eric Lombard" → the French government (its
    nationality must match); "Chancellor Rachel Reeves" → the one government the article names."""
    title = title_before(ctx, tok)
    if title is None or title.lower_ not in ctx.words["gov_titles"]:
        return []
    return national_government(ctx, title)


def national_government(ctx: Context, tok: Token) -> list[Arg]:
    """The government entity a minister's title ``tok`` refers to (see ``titled_government``)."""
    idx = ctx.idx
    if title_org(ctx, tok, ()):
        return []  # "Tata Sons chairman": a company's post
    gov_nouns = set(ctx.words["gov_nouns"])
    govs = [
        c for c in idx.entities.values() if c.type in ORG_TYPES and any(w in gov_nouns for w in c.name.lower().split())
    ]
    start = title_run(ctx, tok)[0]
    before = tok.doc[max(tok.sent.start, start - 2) : start]
    nationality = [t.lower_ for t in before if t.ent_type_ in {"NORP", "Location"} or t.pos_ == "ADJ" and t.is_title]
    if nationality:
        govs = [c for c in govs if any(n in c.name.lower() for n in nationality)]
    elif len(govs) != 1:
        return []
    if len(govs) != 1:
        return []
    m = govs[0].mentions[0]
    return [Arg(govs[0].id, m.root, True)]


# -- small readers ----------------------------------------------------------------------------------------


@argument("joined_org")
def _joined_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation joined: in the object's phrase ("will join AMD's data center group"), not
    the one left ("joined Starbucks from Chipotle")."""
    return first_organization(ctx, [t for o in objects(tok) for t in phrase_tokens(ctx, o)])


@argument("person_group")
def _person_group(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The person at the anchor and the people coordinated before it: "James Blight and David Welch
    of Harvard" (the tag hangs on the last name and is said of both)."""
    idx = ctx.idx
    found = [a for a in idx.at(tok) if idx.type(a.id) == "Person" and not a.ref]
    if found and tok.dep_ == "conj":
        first = tok
        while first.dep_ == "conj" and first.head != first:
            first = first.head
        chain = [first, *first.conjuncts]
        tagged = any(  # "A of ESA and B of NASA": each name has its own tag
            c.dep_ == "prep" and c.lower_ in ctx.words["person_preps"] for t in chain if t != tok for c in t.children
        )
        if max(t.i for t in chain) == tok.i and not tagged:
            found += [a for t in chain for a in idx.at(t) if idx.type(a.id) == "Person" and not a.ref]
    return unique(found)


PLANNING_AUXILIARIES = {"will", "would", "shall", "'ll"}
PLANNING_HEADS = {"set", "expect", "plan", "due", "poised", "slate", "tap", "agree", "intend"}


@argument("tag_org")
def _tag_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation of a "PERSON of/at ORG" tag: the named one ("of the Federal Reserve"), also
    when it owns or names the noun ("of Harvard University's Kennedy School", "of the smaller Rollei
    company"); not the employer of another person ("Sam Altman with Microsoft's Satya Nadella")."""
    idx = ctx.idx
    if any(idx.type(a.id) == "Person" for a in idx.at(tok)):
        return []
    return first_organization(ctx, phrase_tokens(ctx, tok))


@argument("post_holder")
def _post_holder(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who holds a post named as a complement: the subject of be/become ("Sam Altman is OpenAI's chief
    executive"), or the object of a verb that makes someone it ("elected X to be chairman of Y")."""
    idx = ctx.idx
    head = tok.head
    if head == tok or head.pos_ not in {"VERB", "AUX"}:
        return []
    controlled = head.dep_ in {"xcomp", "advcl"} and any(c.lower_ == "to" for c in head.children)
    if not [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}] and controlled and head.head != head:
        made = [a for o in objects(head.head) for a in idx.np(o) if idx.type(a.id) == "Person"]
        if made:
            return made
    return subject_args(idx, head, modifiers=True)


@attribute("post_status")
def _post_status(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """ "planned" for a post still to come ("will become", "would succeed Y as", "is set to join"),
    else "asserted": a post held now is not planned because the sentence is ("agreed to buy Mellanox,
    whose chief executive ...")."""
    t = tok
    for _ in range(4):
        if t.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ == "aux" and c.lower_ in PLANNING_AUXILIARIES for c in t.children):
                return "planned"
            if t.dep_ == "xcomp" and t.head.lemma_ in PLANNING_HEADS:
                return "planned"
            if t.dep_ not in {"xcomp", "conj"}:
                return "asserted"
        if t.head == t:
            return "asserted"
        t = t.head
    return "asserted"


@attribute("agent_post")
def _agent_post(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """The post of whoever leads: "led by chief executive Sam Altman" → ceo; else "leader"."""
    roles = lexicon()["roles"]
    return next((r for a in agents(tok) if (r := role_of(a, roles))), "leader")


@attribute("lead_post")
def _lead_post(ctx: Context, tok: Token, args: tuple[str, ...]) -> str | None:
    """ "chair" for who chairs, "head" for who heads, runs or leads."""
    return "chair" if tok.lemma_ == "chair" else "head"


@check("after_comma")
def _after_comma(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """The role phrase opens after a comma: "said Lisa Su, President and Chief Executive
    Officer of AMD", which the parser reads as a coordination of names."""
    start = phrase_span(tok)[0]
    doc = tok.doc
    while start < tok.i and doc[start].dep_ == "det":
        start += 1
    return start > 0 and doc[start - 1].text == ","


# -- speakers: the organisation a quoted person speaks for -------------------------------------------------


def speaker_verb(ctx: Context, person: Token) -> Token | None:
    """The verb the person at ``person`` is the subject of: "..., said Linda Park" → said."""
    head = mention_head(person, ctx.idx.mention_of)
    if head.dep_ != "nsubj" or head.head == head or head.head.pos_ not in {"VERB", "AUX"}:
        return None
    return head.head


def clause_organization(ctx: Context, verb: Token) -> list[Arg]:
    """The organisation a clause is about: its subject, named or referred to ("Ford will cut jobs")."""
    idx = ctx.idx
    heads = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
    subj = [c for h in heads for c in h.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return [a for a in args_of(idx, subj) if idx.type(a.id) in ORG_TYPES][:1]


def according_to(person: Token) -> Token | None:
    """The "according" of "according to PERSON", when the person is its source."""
    to = person.head
    if person.dep_ == "pobj" and to.lower_ == "to" and to.head.lower_ == "according":
        return to.head
    return None


def spoken_for(ctx: Context, person: Token) -> list[Arg]:
    """The organisation a person who says something speaks for, when the sentence names no other
    post: the subject of what is said ("Becton Dickinson may develop one, said Linda Park, a product
    manager"), or of the clause the person's own clause is joined to ("Citigroup brought back Jane
    Fraser, and chairman John Dugan warned ...")."""
    head = mention_head(person, ctx.idx.mention_of)
    source = according_to(person)
    if source is not None:  # "Kestrel recalled the salad, according to Daniel Ruiz, a spokesman"
        if prep_objects(head, ctx.words["person_preps"]) or source.head.pos_ not in {"VERB", "AUX"}:
            return []
        return clause_organization(ctx, source.head)
    verb = speaker_verb(ctx, person)
    if verb is None or prep_objects(head, ctx.words["person_preps"]):
        return []  # "spokesman Dietmar Kanzer of Rollei told the AP ...": the tag says whose
    clauses = []
    if verb.lemma_ in ctx.words["say_lemmas"]:
        clauses += [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}]
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        clauses.append(verb.head)
    for clause in clauses:
        found = clause_organization(ctx, clause)
        if found:
            return found
    return []


def names_affiliation(ctx: Context, tok: Token) -> bool:
    """The role phrase says whose post it is, named or not: "a manager at a local bank", "its
    spokesman", "a Ford engineer"."""
    idx = ctx.idx
    if _role_org(ctx, tok, ()):
        return True
    for t in phrase_tokens(ctx, tok):
        if t.dep_ == "prep" and t.head.i == tok.i:
            return True
        if t.dep_ == "poss" or (t.i != tok.i and t.i in idx.mention_of):
            return True
    return False


def is_insider(ctx: Context, roles: Iterable[str]) -> bool:
    """A post held inside an organisation (a spokesman, an official, a manager), not one that
    comments from outside (an analyst, a lawyer, a consultant)."""
    insiders = set(ctx.words["insider_posts"])
    roles = {r for r in roles if r not in {"founder", "co-founder"}}
    return bool(roles) and all(any(w in insiders for w in r.split()) for r in roles)


@check("speaker_post")
def _speaker_post(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """A post in apposition to someone quoted, held inside an organisation and naming none: "said
    Linda Park, an assistant product manager"."""
    if tok.dep_ != "appos" or is_past_post(ctx, tok) or names_affiliation(ctx, tok):
        return False
    return is_insider(ctx, roles_in(ctx, tok))


@argument("speaker_org")
def _speaker_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The organisation the person a post describes speaks for (see ``spoken_for``)."""
    person = tok.head if tok.dep_ == "appos" else tok
    return spoken_for(ctx, person)


@check("bare_title")
def _bare_title(ctx: Context, tok: Token, args: tuple[str, ...]) -> bool:
    """A name with a company post written before it and no organisation: "said chairman John Dugan"
    (not "President Joe Biden" or "former chairman X")."""
    title = title_before(ctx, tok)
    if title is None or title_org(ctx, title, ()):
        return False
    start, end = title_run(ctx, title)
    words = [t.lower_ for t in tok.doc[max(tok.sent.start, start - 1) : end]]
    if any(w in ctx.words["past_markers"] for w in words):
        return False
    bare = set(ctx.words["bare_title_posts"])
    posts = [w for w in words[1 if start > tok.sent.start else 0 :] if w in role_words(ctx)]
    return bool(posts) and all(p in bare or p in ctx.words["title_fillers"] for p in posts)


@argument("served_org")
def _served_org(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Where someone serves: "who served 24 years in Congress", "serves on the board of Nike", "served
    with the Marines" (an organisation, or a board or committee of one)."""
    idx = ctx.idx
    found: list[Arg] = []
    for obj in prep_objects(tok, args or ctx.words["serve_preps"]):
        named = [a for a in idx.np(obj, conj=False) if idx.type(a.id) in ORG_TYPES]
        if not named:  # "a United Nations peacekeeping force", "the board of Nike"
            owners = [c for c in obj.children if c.dep_ in {"poss", "compound", "nmod"} and c.i < obj.i]
            if obj.lemma_ in ctx.words["led_things"] or obj.lower_ in ctx.words["led_things"]:
                owners += [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"]
            named = first_organization(ctx, [t for c in owners for t in c.subtree])
        found += named[:1]
    return unique(found)


@argument("clause_person")
def _clause_person(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Who a participle is said of: its subject, or that of the clause it hangs on ("Tom Smith was
    seized while assigned to ...")."""
    idx = ctx.idx
    found = [a for a in subject_args(idx, tok) if idx.type(a.id) == "Person"]
    if found or tok.dep_ not in {"advcl", "xcomp", "conj"} or tok.head == tok:
        return found
    subj = [c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return [a for a in args_of(idx, subj) if idx.type(a.id) == "Person"]


@argument("titled_founders")
def _titled_founders(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """Founders written with a current post and no organisation of its own: "founded in 2010 by chief
    executive Patrick Collison" (the post is at the company founded)."""
    found = []
    for f in _founders(ctx, tok, ()):
        if ctx.idx.type(f.id) != "Person" or f.ref:
            continue
        start = min(
            (m.start for m in ctx.idx.entities[f.id].mentions if m.start <= f.token.i < m.end), default=f.token.i
        )
        title = title_before(ctx, f.token.doc[start])
        if title is None or title_org(ctx, title, ()) or not title_post_org_free(ctx, title):
            continue
        found.append(f)
    return found


def title_post_org_free(ctx: Context, title: Token) -> bool:
    """The title run names a current post other than founder: "chief executive", not "former
    chief executive" or "founder"."""
    start, end = title_run(ctx, title)
    words = [t.lower_ for t in title.doc[max(title.sent.start, start - 1) : end]]
    if any(w in ctx.words["past_markers"] for w in words):
        return False
    roles = {w for w in words if w in role_words(ctx)}
    return bool(roles) and not is_founder_only(ctx, roles)


# -- titles that name their institution ---------------------------------------------------------------


def title_word_before(ctx: Context, tok: Token) -> str | None:
    """The word written right before the name that starts at ``tok``: "Sen." → "sen", "Judge" → "judge"."""
    idx, doc = ctx.idx, tok.doc
    people = [a for a in idx.at(tok) if idx.type(a.id) == "Person" and not a.ref]
    starts = [m.start for p in people for m in idx.entities[p.id].mentions if m.start <= tok.i < m.end]
    if not starts or min(starts) != tok.i:
        return None
    if is_honorific(ctx, tok):  # the name's mention may begin with its title: "Sen. Mark Warner"
        return tok.lower_.rstrip(".")
    i = tok.i - 1
    if i >= tok.sent.start and doc[i].text == ".":
        i -= 1
    return doc[i].lower_.rstrip(".") if i >= tok.sent.start else None


def is_institution(ctx: Context, name: str, kind: str) -> bool:
    """A legislature ("the Senate", "U.S. Congress", "House of Representatives", not "White House" or
    "Senate Banking Committee") or a court ("Supreme Court", "U.S. Court of Appeals")."""
    words = name.lower().replace(".", " ").split()
    if kind == "court":
        return any(w in ctx.words["court_words"] for w in words)
    legislatures = set(ctx.words["legislature_words"])
    if "white" in words:
        return False
    if not words:
        return False
    return words[-1] in legislatures or (len(words) >= 3 and words[0] in legislatures and words[1] == "of")


@argument("title_institution")
def _title_institution(ctx: Context, tok: Token, args: tuple[str, ...]) -> list[Arg]:
    """The institution a legislator's or judge's title points to, when the sentence names it: "Sen.
    Mark Warner said the Senate would vote" → the Senate; "Judge Jane Roe ... the U.S. Court of
    Appeals" → the court. The nearest such name in the sentence."""
    word = title_word_before(ctx, tok)
    if word is None:
        return []
    if word in ctx.words["legislator_titles"]:
        kind = "legislature"
    elif word in ctx.words["judge_titles"]:
        kind = "court"
    else:
        return []
    idx = ctx.idx
    found: list[tuple[int, Arg]] = []
    for t in tok.sent:
        for a in idx.at(t):
            if a.ref or idx.type(a.id) not in ORG_TYPES or not is_institution(ctx, idx.entities[a.id].name, kind):
                continue
            found.append((abs(t.i - tok.i), a))
    return [min(found, key=lambda f: f[0])[1]] if found else []
