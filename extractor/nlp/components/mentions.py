"""One entity per thing: cluster named mentions, then resolve pronouns and descriptors.

Named mentions join when they share a gazetteer entry, a normalised name, an acronym
introduced in brackets ("Amazon Web Services (AWS)"), or a short form of a longer name
used earlier ("ZT" for "ZT Systems", "Commission" for "European Commission", a surname).
Pronouns ("it", "its", "they") and definite descriptions ("the company", "the search
giant", "the two companies") are resolved to antecedents by salience with two grammatical
constraints: an object pronoun or a full description does not refer to the subject of its
own clause, and a description must fit what the gazetteer knows of the antecedent.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...text.lexicon import KBEntry, KnowledgeBase, lexicon
from ..extensions import register_extensions, token_texts
from .memo import DocMemo

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
TYPE_PRIORITY = {"GovernmentBody": 4, "Organization": 3, "Product": 2, "Person": 1, "Location": 0}
ORG_LIKE = {"Organization", "GovernmentBody"}
SENTENCE_WINDOW = 4
FOUNDING_VERBS = {"found", "establish", "start", "launch", "incorporate", "create", "register"}


@dataclass
class EntityCluster:
    """An entity of the article: its canonical name, type and every named mention."""

    id: str
    key: str
    type: str
    kind: str | None = None
    kb: KBEntry | None = None
    mentions: list[Span] = field(default_factory=list)
    name: str = ""
    aliases: list[str] = field(default_factory=list)

    @property
    def wikidata(self) -> str | None:
        return self.kb.wikidata if self.kb else None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def fits(self, descriptor: str, lex: dict) -> bool:
        """Can "the <descriptor>" refer to this entity?"""
        if descriptor in lex["gov_descriptors"]:
            return self.type == "GovernmentBody"
        if self.type != "Organization":
            return False
        if descriptor in lex["generic_descriptors"] or self.kb is None or not self.kb.descriptors:
            return True
        return descriptor in self.kb.descriptor_heads


def name_key(span: Span, apart: bool) -> str:
    """A name's key; with ``apart``, people apart from things, so that "Hess" the man and "Hess"
    the company stay two."""
    group = group_of(span) if apart else "any"
    return f"name:{group}:" + norm_key(span._.core_name or span.text)


def group_of(span: Span) -> str:
    return {"Person": "person", "Location": "place"}.get(span.label_, "thing")


def head_word(span: Span) -> str:
    """ "Commission" of "European Commission" and of "Competition Commission of India"."""
    words = span.text.split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


@lru_cache(maxsize=65536)
def initial_words(name: str) -> list[str]:
    """The words whose initials make a name's acronym: not "of", "the", ..., and not a legal suffix,
    which no acronym spells ("ANSYS, Inc." is not "AI", "International Business Machines Corp." is "IBM")."""
    legal = legal_suffixes()
    return [w for w in name.split() if w.lower() not in ACRONYM_SKIPS and w.strip(",") not in legal]


@lru_cache(maxsize=1)
def legal_suffixes() -> frozenset[str]:
    return frozenset(lexicon()["legal_suffixes"])


ACRONYM_SKIPS = {"of", "and", "the", "for", "&"}


def norm_key(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    text = re.sub(r"^(the|The)\s+", "", text)
    return re.sub(r"[^\w]+", " ", text).casefold().strip()


class MentionResolver:
    """Builds ``doc._.entities`` and ``doc._.mention_of`` from ``doc.ents``.

    The gazetteer is not its own: it belongs to ``newsgraph_entities`` (set by its config, saved by
    its ``to_disk``), read from that component of the pipeline on each Doc, so that a custom or
    reloaded gazetteer gives the spans' kb ids and the entities' Wikidata ids and names alike.
    ``kb`` pins one, for a resolver used without the pipeline."""

    def __init__(self, nlp: Language, name: str = "newsgraph_mentions", kb: KnowledgeBase | None = None):
        register_extensions()
        self.name = name
        self._nlp = nlp
        self._own_kb = kb
        self.kb = kb or self.owners_gazetteer()
        self.lex = lexicon()
        self.memo = DocMemo()  # per-Doc values of this component only (components/memo.py)
        self._sents_of: Doc | None = None
        self._sents: list[Span] = []
        self._sent_index: list[int] = []

    def owners_gazetteer(self) -> KnowledgeBase:
        """The gazetteer of the pipeline's entity recogniser; the packaged one when there is none."""
        from .entities import pipeline_gazetteer

        return pipeline_gazetteer(self._nlp)

    def __call__(self, doc: Doc) -> Doc:
        self.memo.reset(doc)
        self.kb = self._own_kb or self.owners_gazetteer()
        mentions, phrases = self.named_mentions(doc)
        clusters = self.cluster(doc, mentions)
        mention_of: dict[int, tuple[str, ...]] = {}
        for c in clusters:
            for m in c.mentions:
                for i in range(m.start, m.end):
                    mention_of[i] = (c.id,)
        for c in clusters:  # "Secaucus, New Jersey" as a whole names the city
            for m in c.mentions:
                phrase = phrases.get((m.start, m.end))
                if phrase is not None:
                    for i in range(phrase.start, phrase.end):
                        mention_of[i] = (c.id,)
                    if phrase.text not in c.aliases and phrase.text != c.name:
                        c.aliases = sorted({*c.aliases, phrase.text})
        self.resolve_references(doc, clusters, mention_of)
        merged = self.former_names(doc, clusters, mention_of)
        merged.update(self.capital_metonyms(doc, clusters, mention_of))
        if merged:
            clusters, mention_of = self.merge_clusters(clusters, mention_of, merged)
        doc._.entities = clusters
        doc._.mention_of = mention_of
        return doc

    # -- one thing under two names ---------------------------------------------------
    def former_names(
        self, doc: Doc, clusters: list[EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> dict[str, str]:
        """ "Equinor, formerly Statoil", "Seagen, formerly known as Seattle Genetics", "Kellanova
        (formerly Kellogg Co)", "It is the former Kellogg Co": the old name is an alias of the company,
        not a second company. Returns old id -> current id."""
        by_id = {c.id: c for c in clusters}
        texts = token_texts(doc)
        n = len(texts)
        links: dict[str, str] = {}

        def org_at(i: int) -> str | None:
            ids = mention_of.get(i, ()) if 0 <= i < n else ()
            return ids[0] if len(ids) == 1 and by_id[ids[0]].type == "Organization" else None

        def before(i: int) -> str | None:
            while i >= 0 and texts[i] in {",", "("}:
                i -= 1
            return org_at(i)

        for i, low in enumerate(t.lower() for t in texts):
            old = new = None
            if low in {"formerly", "previously", "once"}:
                j = i + 1
                if j + 1 < n and texts[j] in {"known", "called", "named"} and texts[j + 1] == "as":
                    j += 2
                elif j < n and texts[j] in {"called", "named"}:
                    j += 1
                elif low != "formerly":
                    continue  # "once" and "previously" need "known as" or "called"
                new, old = before(i - 1), org_at(j)
            elif low == "former" and i > 0 and texts[i - 1].lower() == "the":
                old = org_at(i + 1)
                k = i - 2
                if k >= 0 and texts[k] == ",":
                    new = before(k)  # "Kellanova, the former Kellogg Co"
                elif k >= 0 and texts[k].lower() in {"is", "was"} and doc[k].lemma_ == "be":
                    subj = next((c for c in doc[k].children if c.dep_ in SUBJECT_DEPS), None)
                    new = org_at(subj.i) if subj is not None else None  # "It is the former Kellogg Co"
            elif low == "as" and i + 1 < n and doc[i].head.lemma_ in FOUNDING_VERBS:
                verb = doc[i].head  # "Tata founded the carrier as Tata Airlines in 1932"
                obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
                new, old = (org_at(obj.i) if obj is not None else None), org_at(i + 1)
            if old and new and old != new and old not in links and new not in links:
                links[old] = new
        return links

    def capital_metonyms(
        self, doc: Doc, clusters: list[EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> dict[str, str]:
        """ "a concession to Washington", "Berlin is not impressed": a capital acting as its
        government is the government the article names ("the U.S. government", "the German
        government"), never where it is a place ("based in Berlin", "Washington-based")."""
        metonyms: dict[str, list[str]] = self.lex["capital_metonyms"]
        governments = [c for c in clusters if c.type == "GovernmentBody"]
        if not governments:
            return {}
        links: dict[str, str] = {}
        for c in clusters:
            if c.type != "Location":
                continue
            words = metonyms.get(c.name) or next((metonyms[a] for a in c.aliases if a in metonyms), None)
            if not words:
                continue
            target = next((g for g in governments if self.government_of(g, words)), None)
            if target is None:
                continue
            roles = [metonym_role(m) for m in c.mentions]
            if "place" not in roles and "agent" in roles:
                links[c.id] = target.id
        return links

    def government_of(self, gov: EntityCluster, words: list[str]) -> bool:
        """Is ``gov`` the government (or the body) a capital stands for?"""
        nouns = set(self.lex["government_nouns"])
        for name in (gov.name, *gov.aliases):
            parts = name.split()
            if name in words or len(parts) >= 2 and parts[-1].lower() in nouns and " ".join(parts[:-1]) in words:
                return True
        return False

    @staticmethod
    def merge_clusters(
        clusters: list[EntityCluster], mention_of: dict[int, tuple[str, ...]], merged: dict[str, str]
    ) -> tuple[list[EntityCluster], dict[int, tuple[str, ...]]]:
        """Fold each merged cluster into its target, and number the clusters anew."""
        by_id = {c.id: c for c in clusters}
        for old, new in merged.items():
            while new in merged:
                new = merged[new]
            source, target = by_id[old], by_id[new]
            target.mentions = sorted([*target.mentions, *source.mentions], key=lambda m: m.start)
            written = {m.text for m in source.mentions}  # "Washington", not the place's "Washington, D.C."
            names = {*written, *(a for a in source.aliases if a in written), *target.aliases} - {target.name}
            target.aliases = sorted(names)
        kept = [c for c in clusters if c.id not in merged]
        kept.sort(key=lambda c: c.first)
        renumber: dict[str, str] = {}
        for n, c in enumerate(kept, start=1):
            renumber[c.id] = f"e{n}"
        for old, new in merged.items():
            while new in merged:
                new = merged[new]
            renumber[old] = renumber[new]
        for c in kept:
            c.id = renumber[c.id]
        remapped: dict[int, tuple[str, ...]] = {}
        for i, ids in mention_of.items():
            out: list[str] = []
            for eid in ids:
                new_id = renumber.get(eid, eid)
                if new_id not in out:
                    out.append(new_id)
            remapped[i] = tuple(out)
        return kept, remapped

    # -- named mentions -------------------------------------------------------------
    @staticmethod
    def named_mentions(doc: Doc) -> tuple[list[Span], dict[tuple[int, int], Span]]:
        """``doc.ents``, with "City, State" split into the city and its state (each a place of its
        own), and the whole phrase of each such city by the city's span."""
        qualifiers = sorted(doc._.place_qualifiers or [], key=lambda q: q.start)
        if not qualifiers:
            return list(doc.ents), {}
        mentions: list[Span] = []
        phrases: dict[tuple[int, int], Span] = {}
        for ent in doc.ents:
            inner = [q for q in qualifiers if ent.start < q.start and q.end <= ent.end]
            if not inner:
                mentions.append(ent)
                continue
            city = Span(doc, ent.start, inner[0].start - 1, label=ent.label_, kb_id=ent.kb_id_)
            phrases[(city.start, city.end)] = ent
            mentions += [city, *inner]
        return mentions, phrases

    def cluster(self, doc: Doc, mentions: list[Span] | None = None) -> list[EntityCluster]:
        by_key: dict[str, list[Span]] = defaultdict(list)
        ents = list(doc.ents if mentions is None else mentions)
        two_things = self.person_and_company_names(ents)
        for ent in ents:
            by_key[ent.kb_id_ or name_key(ent, norm_key(ent._.core_name or ent.text) in two_things)].append(ent)
        self.join_known_names(by_key)
        keys = list(by_key)
        alias_of = self.acronym_links(doc)
        merged: dict[str, str] = {}
        for short, long in alias_of.items():
            k_short = next((k for k in keys if any(m.text == short for m in by_key[k])), None)
            k_long = next((k for k in keys if any(m.text == long for m in by_key[k])), None)
            places = [group_of(by_key[k][0]) == "place" for k in (k_short, k_long) if k]
            if k_short and k_long and k_short != k_long and len(set(places)) == 1:
                merged[k_short] = k_long
        # short forms: "Commission" for "European Commission", "Scale" for "Scale AI", a surname
        extra: dict[str, list[Span]] = defaultdict(list)
        longer: dict[str, list[tuple[str, Span]]] = defaultdict(list)  # a word -> the longer names with it
        for k in keys:
            for m in {m.text: m for m in by_key[k] if len(m) > 1}.values():
                words = (m._.core_name or m.text).split()
                pieces = {p for w in words if "-" in w for p in w.split("-") if p}  # "Cliffs" of "Cleveland-Cliffs"
                for w in {norm_key(w) for w in (*words, *pieces)}:
                    longer[w].append((k, m))
        for other in keys:
            if other in merged:
                continue
            target = self.long_form_of(other, by_key, merged, longer)
            if target is not None:
                merged[other] = target
        long_forms = {k: [m for m in by_key[k] if len(m) > 1] for k in keys if by_key[k][0].label_ in ORG_LIKE}
        for k, spans in self.unlabelled_short_forms(doc, {k: v for k, v in long_forms.items() if v}).items():
            extra[k].extend(spans)
        groups: dict[str, list[Span]] = defaultdict(list)
        for k in keys:
            root = k
            while root in merged:
                root = merged[root]
            groups[root].extend(by_key[k])
        for k, spans in extra.items():
            root = k
            while root in merged:
                root = merged[root]
            groups[root].extend(spans)
        clusters = [self.make_cluster(k, spans) for k, spans in groups.items()]
        clusters.sort(key=lambda c: c.first)
        for n, c in enumerate(clusters, start=1):
            c.id = f"e{n}"
        return clusters

    def join_known_names(self, by_key: dict[str, list[Span]]) -> None:
        """A name the gazetteer matched only where its context words were ("Tower" near "chip") is
        the same thing where the article repeats it without them."""
        known: dict[str, str] = {}
        for k in by_key:
            entry = self.kb.entries.get(k)
            if entry is not None and entry.type != "Location":
                for name in entry.names:
                    known.setdefault(norm_key(name), k)
        for k in [k for k in by_key if k.startswith("name:any:")]:
            target = known.get(k.split(":", 2)[2])
            if target is not None and all(m.label_ != "Location" for m in by_key[k]):
                by_key[target].extend(by_key.pop(k))

    @staticmethod
    def person_and_company_names(ents: list[Span]) -> set[str]:
        """Names that stand for a person and for a company in the same article: "Hess" when both
        "John Hess" and "Hess Corp" are named. Elsewhere a name typed two ways is one thing."""
        surnames = {norm_key(e[-1].text) for e in ents if e.label_ == "Person" and len(e) > 1}
        firsts = {norm_key(e[0].text) for e in ents if e.label_ in ORG_LIKE and len(e) > 1}
        return surnames & firsts

    def long_form_of(
        self,
        key: str,
        by_key: dict[str, list[Span]],
        merged: dict[str, str],
        longer: dict[str, list[tuple[str, Span]]],
    ) -> str | None:
        """The key of the longer name that a short mention stands for, if exactly one fits.

        A surname (or, alone, a given name) is the person named in full; "Commission" is the
        "European Commission"; a first word, "Scale", is "Scale AI" and "Tatas" "Tata Sons" -- but
        not when the longer name adds a unit or a place ("Google Cloud", "Rheinmetall Italia"), nor
        when the gazetteer knows the short name as a thing of its own.
        """
        short = by_key[key][0]
        votes = Counter(m.label_ for m in by_key[key])
        label = max(votes, key=lambda t: (votes[t], TYPE_PRIORITY[t]))
        if label not in ORG_LIKE | {"Person", "Product"}:
            return None
        apart = key.startswith(("name:person:", "name:thing:"))
        words = short.text.split()
        company_words = set(self.lex["legal_suffixes"]) | set(self.lex["org_suffixes"]) | set(self.lex["org_heads"])
        found: dict[str, bool] = {}  # key -> "the extra words are only a legal suffix"
        first = norm_key((short._.core_name or short.text).split()[0])
        near = longer.get(first, []) + (longer.get(first[:-1], []) if first.endswith("s") else [])  # "Tatas"
        for k, m in near:
            if k == key or k in merged:
                continue
            if len(m) < len(short) or m.text == short.text or apart and group_of(m) != group_of(short):
                continue
            if label == "Person" and m.label_ == "Person":
                bare = short._.core_name or short.text  # "Hess" of "Mr. Hess"
                full = (m._.core_name or m.text).split()
                if len(full) > 1 and " " not in bare and bare in {full[-1], full[0]}:
                    found[k] = full[-1] == bare
            elif m.label_ == "GovernmentBody" and len(short) == 1 and short.text == head_word(m):
                found[k] = True
            elif m.label_ == "GovernmentBody" and len(short) == 1 and self.department_field(short, m):
                found[k] = True  # "Transportation Secretary X" of the "Department of Transportation"
            elif label in ORG_LIKE and len(short) == 1 and len(m.text.split()) == 1 and self.hyphen_piece(short, m):
                found[k] = True  # "Cliffs" of "Cleveland-Cliffs"
            elif label == "Product" and m.label_ == "Product" and len(short) == 1:
                # "Panther" of "Panther KF51", unless the gazetteer knows them apart ("Claude 3")
                if m[0].text == short.text and not short.kb_id_ and any(c.isdigit() for c in m[1:].text):
                    found[k] = True
            elif self.is_org_prefix(short, words, m) and self.may_join(short, words, m):
                found[k] = all(w in company_words for w in m.text.split()[len(words) :])
        if len(found) == 1:
            return next(iter(found))
        strong = [k for k, legal in found.items() if legal]
        if len(strong) == 1:
            return strong[0]
        found = {k: v for k, v in found.items() if v} or found
        # "Tata" where "Tata Sons" is named seven times and "Tata Airlines" once
        counts = sorted(((len(by_key[k]), k) for k in found), reverse=True)
        if len(counts) > 1 and counts[0][0] >= 3 and counts[0][0] >= 3 * counts[1][0]:
            return counts[0][1]
        return None

    def department_field(self, short: Span, long: Span) -> bool:
        """ "Transportation" before a secretary's or minister's title is the "Department of
        Transportation" ("Ministry of Finance") named in the article; "India" alone is not the
        "Competition Commission of India"."""
        words = long.text.split()
        if (
            "of" not in words
            or words[-1] != short.text
            or words[words.index("of") - 1] not in {"Department", "Ministry", "Office", "Secretary"}
        ):
            return False
        after = short.doc[short.end] if short.end < len(short.doc) else None
        return after is not None and after.lower_ in {"secretary", "minister", "department", "ministry"}

    def hyphen_piece(self, short: Span, long: Span) -> bool:
        """Is ``short`` a piece of a hyphenated company name ("Cliffs", "Mercedes"), not a place?"""
        pieces = [p for p in long.text.split("-") if p]
        return len(pieces) > 1 and short.text in pieces and self.kb.lookup(short.text) is None

    def may_join(self, short: Span, words: list[str], long: Span) -> bool:
        """The gazetteer keeps its own apart: "Slack" joins "Slack Technologies" (only a company
        word added) but a known short name does not join a longer name known as something else."""
        if not short.kb_id_:
            return True  # the gazetteer knows only the long name, or neither
        if long.kb_id_ and long.kb_id_ != short.kb_id_:
            return False
        suffixes = set(self.lex["org_suffixes"]) | set(self.lex["legal_suffixes"])
        return all(w in suffixes for w in long.text.split()[len(words) :])

    def is_org_prefix(self, short: Span, words: list[str], long: Span) -> bool:
        """ "Scale" of "Scale AI", "Exxon" of "Exxon Mobil", "Tatas" of "Tata Sons"."""
        if long.label_ not in ORG_LIKE:
            return False
        long_words = long.text.split()
        words = [norm_key(w) for w in words]
        long_words = [norm_key(w) for w in long_words]  # "Ansys" of "ANSYS, Inc."
        head = long_words[: len(words)]
        if head != words and not (len(words) == 1 and words[0].endswith("s") and head == [words[0][:-1]]):
            return False
        rest = long_words[len(words) :]
        if len(words) == 1 and words[0].endswith("s") and head != words:
            rest = long_words[1:]
        unit_words = {w.casefold() for w in self.lex["unit_words"]}
        legal = {w.casefold() for w in self.lex["legal_suffixes"]}
        if len(rest) >= 2 and rest[-1] in legal and long.label_ == "Organization":
            # "Direct Line" of "Direct Line Insurance Group": the company's full legal name
            return not any(self.kb.lookup(w.title()) is not None for w in rest)
        return bool(rest) and not any(w in unit_words or self.kb.lookup(w.title()) is not None for w in rest)

    def unlabelled_short_forms(self, doc: Doc, long_forms: dict[str, list[Span]]) -> dict[str, list[Span]]:
        """Tokens the NER left out that repeat the first word of a company's name ("Marlow" after
        "Marlow Exploration", "ZT" after "ZT Systems") or its initials ("RMA"), by the name's key."""
        unit_words = set(self.lex["unit_words"])
        firsts: dict[str, tuple[str, str]] = {}
        for k, spans in long_forms.items():
            for m in spans:
                first = m[0]
                if (
                    m.label_ == "Organization"
                    and first.text[:1].isupper()
                    and len(first.text) > 1
                    and not first.is_stop
                    and self.kb.lookup(first.text) is None
                    and not any(w in unit_words for w in m.text.split()[1:])
                ):
                    firsts.setdefault(first.text, (m.label_, k))
                words = initial_words(m.text)
                if len(words) >= 2 and all(w[:1].isupper() for w in words):
                    firsts.setdefault("".join(w[0] for w in words), (m.label_, k))
        found: dict[str, list[Span]] = defaultdict(list)
        if not firsts:
            return found
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        texts = token_texts(doc)
        propn = doc.vocab.strings["PROPN"]
        pos = doc.to_array("POS").tolist()
        for i, text in enumerate(texts):
            if text not in firsts or i in taken or not (pos[i] == propn or text.isupper() and len(text) > 1):
                continue
            if i + 1 < len(texts) and pos[i + 1] == propn and i + 1 not in taken:
                continue  # "Marlow Street": the start of another name
            label, k = firsts[text]
            found[k].append(Span(doc, i, i + 1, label=label))
        return found

    @staticmethod
    def acronym_links(doc: Doc) -> dict[str, str]:
        """Acronyms: "Amazon Web Services (AWS)" names the entity before it, and "ECB" alone is the
        "European Central Bank" named elsewhere in the article when its initials are the acronym."""
        links: dict[str, str] = {}
        for ent in doc.ents:
            if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
                acr = doc[ent.end + 1].text
                initials = "".join(w[0] for w in ent.text.split() if w[0].isupper())
                if acr.isupper() and (acr == initials or acr[0] == ent.text[0]):
                    links[acr] = ent.text
        by_initials: dict[str, set[str]] = defaultdict(set)
        for ent in doc.ents:
            words = initial_words(ent.text)
            if ent.label_ in ORG_LIKE and len(words) >= 2 and all(w[:1].isupper() for w in words):
                by_initials["".join(w[0] for w in words)].add(ent.text)
        for ent in doc.ents:
            acr = ent.text
            if len(ent) == 1 and acr.isupper() and acr.isalpha() and len(acr) >= 2 and acr not in links:
                names = by_initials.get(acr, set())
                if len(names) == 1 and ent.label_ in ORG_LIKE | {"Product"}:
                    links[acr] = next(iter(names))
        return links

    def make_cluster(self, key: str, spans: list[Span]) -> EntityCluster:
        spans = sorted(spans, key=lambda s: s.start)
        kb = self.kb.entries.get(key)
        votes = Counter(s.label_ for s in spans)
        etype = kb.type if kb else max(votes, key=lambda t: (votes[t], TYPE_PRIORITY[t]))
        longest = max(spans, key=len)
        if kb is None and longest.label_ in ORG_LIKE and etype in ORG_LIKE and len(longest) > 1:
            etype = longest.label_  # "European Central Bank" decides for "ECB"
        if kb is None and longest.label_ == "Product" and longest._.core_name and len(longest) > 1:
            etype = "Product"  # "Adobe XD" decides for "XD"
        kinds = [s._.kind for s in spans if s._.kind]
        kind = (kb.kind if kb else None) or (Counter(kinds).most_common(1)[0][0] if kinds else None)
        kind = (kind or "other") if etype == "Product" else None
        names = [s.text for s in spans] + [s._.core_name for s in spans if s._.core_name]
        name = self.canonical(etype, kb, spans, names)
        aliases = sorted({n for n in names if n != name})
        return EntityCluster("", key, etype, kind, kb, spans, name, aliases)

    @staticmethod
    def canonical(etype: str, kb: KBEntry | None, spans: list[Span], names: list[str]) -> str:
        if kb:
            return kb.name  # the knowledge base's label: the same name in every article
        if etype == "Location":
            cores = [s._.core_name or s.text for s in spans]
            name = max(cores, key=len)
            return name.title() if name.isupper() and len(name) > 3 else name
        if etype == "Person":  # "Mr. Hess" is an alias; the name is "Hess" or "John Hess"
            names = [s._.core_name for s in spans if s._.core_name] + [s.text for s in spans if not s._.core_name]
        # the fullest proper name: prefer names that are not bare acronyms, then length
        return max(names, key=lambda n: (not n.isupper(), len(n), -names.index(n)))

    # -- pronouns and descriptions -------------------------------------------------------
    def resolve_references(
        self, doc: Doc, clusters: list[EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> None:
        by_id = {c.id: c for c in clusters}
        pronouns: dict[str, str] = self.lex["pronouns"]
        descriptor_heads = set(self.lex["descriptor_heads"])
        plural_heads = set(self.lex["plural_descriptors"])
        strings = doc.vocab.strings
        wanted = {strings.add(w) for w in (*pronouns, *descriptor_heads, *plural_heads)}
        lowers = doc.to_array("LOWER")  # one array read instead of a Token per word
        for i in (i for i, h in enumerate(lowers.tolist()) if h in wanted and i not in mention_of):
            tok = doc[i]
            low = tok.lower_
            if low in pronouns and tok.pos_ == "PRON":
                found = self.resolve_pronoun(tok, pronouns[low], by_id, mention_of)
            elif low in descriptor_heads and (tok.pos_ == "NOUN" and self.is_definite(tok) or placed_description(tok)):
                found = self.resolve_description(tok, by_id, mention_of)
            elif low in plural_heads and self.is_definite(tok) and any(c.lower_ in {"two", "both"} for c in tok.lefts):
                found = self.resolve_pair(tok, by_id, mention_of)
            else:
                continue
            if found:
                mention_of[tok.i] = found

    def is_definite(self, tok: Token) -> bool:
        lefts = list(tok.lefts)
        if any(t.ent_type_ and t.ent_type_ != "Location" for t in lefts for t in t.subtree):
            return False
        return any(t.lower_ in {"the", "both", "this", "that"} for t in lefts if t.dep_ in {"det", "predet", "nummod"})

    def sentences(self, tok: Token) -> tuple[list[Span], int]:
        """The Doc's sentences (listed once per Doc) and the index of ``tok``'s."""
        doc = tok.doc
        if self._sents_of is not doc:
            self._sents_of, self._sents = doc, list(doc.sents)
            self._sent_index = [0] * len(doc)
            for n, s in enumerate(self._sents):
                self._sent_index[s.start : s.end] = [n] * (s.end - s.start)
        return self._sents, self._sent_index[tok.i]

    def antecedents(self, tok: Token, mention_of: dict[int, tuple[str, ...]]) -> Iterator[tuple[str, Token]]:
        """Entity mentions before ``tok``, most salient first: this sentence, then back.

        Within a sentence, subjects (and what they contain) come first, then objects, then
        the rest, shallower before deeper.
        """
        sents, index = self.sentences(tok)
        for back in range(SENTENCE_WINDOW + 1):
            if index - back < 0:
                break
            sent = sents[index - back]
            found: list[tuple[int, int, str, Token]] = []
            for t in sent:
                if back == 0 and t.i >= tok.i:
                    break
                for eid in mention_of.get(t.i, ()):
                    head = mention_head(t, mention_of)
                    found.append((role_rank(head), depth(head), eid, t))
            for _, _, eid, t in sorted(found, key=lambda f: (f[0], f[1], -f[3].i)):
                yield eid, t

    def resolve_pronoun(
        self, tok: Token, gender: str, by_id: dict[str, EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> tuple[str, ...] | None:
        if gender == "plural":
            return self.resolve_group(tok, by_id, mention_of)
        want = {"Person"} if gender == "person" else ORG_LIKE
        if tok.dep_ in {"poss"} or tok.dep_ in SUBJECT_DEPS:
            # "Nvidia uses Arm cores in its Grace CPU": a possessive or embedded subject
            # pronoun prefers the subject of an enclosing clause.
            for subj in enclosing_subjects(tok):
                for eid in mention_of.get(subj.i, ()):
                    if by_id[eid].type in want and subj.i < tok.i:
                        return (eid,)
        excluded = set() if tok.dep_ == "poss" or tok.dep_ in SUBJECT_DEPS else self.local_subject_ids(tok, mention_of)
        for eid, _ in self.antecedents(tok, mention_of):
            if by_id[eid].type in want and eid not in excluded:
                return (eid,)
        return None

    def resolve_description(
        self, tok: Token, by_id: dict[str, EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> tuple[str, ...] | None:
        # "OpenAI, the San Francisco-based maker of ChatGPT": an apposition names it
        head_ids = mention_of.get(tok.head.i, ()) if tok.dep_ == "appos" else ()
        if head_ids and by_id[head_ids[0]].fits(tok.lower_, self.lex):
            return head_ids[:1]  # not a place the parser made its head ("The McLean, Va.-based company")
        if any(t.dep_ == "prep" and t.lower_ == "of" for t in tok.rights):
            return None  # "the maker of X" describes rather than refers
        excluded = self.local_subject_ids(tok, mention_of)
        # "The McLean, Virginia-based company": not a company the article bases elsewhere
        start = description_start(tok)
        words = range(start, tok.i) if start is not None else [s.i for t in tok.lefts for s in t.subtree]
        places = {eid for i in words for eid in mention_of.get(i, ()) if by_id[eid].type == "Location"}
        based = self.based_places(tok.doc, by_id, mention_of) if places else {}
        if tok.lower_ not in self.lex["generic_descriptors"]:
            # "the carrier", "the Leeds-based grocer": an antecedent known as one (gazetteer or article) first
            described = self.described_as(tok.doc, by_id, mention_of)
            for eid, _ in self.antecedents(tok, mention_of):
                if eid in excluded or by_id[eid].type != "Organization" or tok.lower_ not in described.get(eid, ()):
                    continue
                if places and based.get(eid) and not based[eid] & places:
                    continue
                return (eid,)
        for eid, _ in self.antecedents(tok, mention_of):
            if eid in excluded or not by_id[eid].fits(tok.lower_, self.lex):
                continue
            if places and based.get(eid) and not based[eid] & places:
                continue
            return (eid,)
        return None

    def described_as(
        self, doc: Doc, by_id: dict[str, EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> dict[str, set[str]]:
        """The nouns each company is known by: its gazetteer descriptors and the article's own
        ("the forecourt operator EG Group", "Asda, the supermarket chain")."""
        memo = self.memo.of(doc)
        cached = memo.get("described_as")
        if cached is not None and cached[0] == len(mention_of):
            return cached[1]
        heads = set(self.lex["descriptor_heads"])
        found: dict[str, set[str]] = defaultdict(set)
        for c in by_id.values():
            if c.kb is not None:
                found[c.id].update(c.kb.descriptor_heads)
        for t in doc:
            if t.lower_ not in heads or t.pos_ != "NOUN":
                continue  # a description already resolved still names what it describes
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and nxt.i in mention_of and nxt.ent_type_:
                for eid in mention_of[nxt.i]:
                    found[eid].add(t.lower_)  # "the forecourt operator EG Group"
            if t.dep_ == "appos" and t.head.i in mention_of and t.head.ent_type_:
                for eid in mention_of[t.head.i]:
                    found[eid].add(t.lower_)  # "Asda, the supermarket chain"
        memo["described_as"] = (len(mention_of), found)
        return found

    def based_places(
        self, doc: Doc, by_id: dict[str, EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> dict[str, set[str]]:
        """Where the article says each company is based: "Chicago-based Kellanova" (once per Doc)."""
        memo = self.memo.of(doc)
        cached = memo.get("based_places")
        if cached is not None and cached[0] == len(mention_of):
            return cached[1]
        found: dict[str, set[str]] = defaultdict(set)
        for t in doc:
            if t.lower_ != "based" or t.i < 2 or doc[t.i - 1].text != "-":
                continue
            place_ids = [e for e in mention_of.get(t.i - 2, ()) if by_id[e].type == "Location"]
            named = t.head if t.head.i > t.i else None
            if not place_ids or named is None:
                continue
            head = named
            for eid in mention_of.get(head.i, ()):
                if by_id[eid].type in ORG_LIKE and head.ent_type_:  # a named company, not "the company"
                    found[eid].update(place_ids)
        memo["based_places"] = (len(mention_of), found)
        return found

    def resolve_pair(
        self, tok: Token, by_id: dict[str, EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> tuple[str, ...] | None:
        """Pairs ("the two companies"): the first two organisations of the nearest sentence naming two."""
        sents, index = self.sentences(tok)
        for back in range(SENTENCE_WINDOW + 1):
            if index - back < 0:
                break
            ids: list[str] = []
            for t in sents[index - back]:
                if back == 0 and t.i >= tok.i:
                    break
                for eid in mention_of.get(t.i, ()):
                    if by_id[eid].type == "Organization" and eid not in ids:
                        ids.append(eid)
            if len(ids) >= 2:
                return tuple(ids[:2])
        return None

    def resolve_group(
        self, tok: Token, by_id: dict[str, EntityCluster], mention_of: dict[int, tuple[str, ...]]
    ) -> tuple[str, ...] | None:
        """Plural pronouns ("they", "them", "their"): the nearest coordinated group of one type."""
        excluded = set() if tok.dep_ == "poss" or tok.dep_ in SUBJECT_DEPS else self.local_subject_ids(tok, mention_of)
        seen: set[int] = set()
        for _, t in self.antecedents(tok, mention_of):
            head = mention_head(t, mention_of)
            if head.i in seen:
                continue
            seen.add(head.i)
            group = [head, *conjuncts_of(head)]
            ids: list[str] = []
            for member in group:
                for m in (member, *member.children):
                    for eid in mention_of.get(m.i, ()):
                        if eid not in ids and (m == member or m.dep_ in {"appos", "compound"}):
                            ids.append(eid)
            ids = [i for i in ids if i not in excluded]
            types = {by_id[i].type for i in ids}
            if len(ids) >= 2 and len(types) == 1:
                return tuple(ids)
        return None

    @staticmethod
    def local_subject_ids(tok: Token, mention_of: dict[int, tuple[str, ...]]) -> set[str]:
        ids: set[str] = set()
        for subj in clause_subjects(tok):
            for t in (subj, *conjuncts_of(subj)):
                ids.update(mention_of.get(t.i, ()))
        return ids

    def to_disk(self, path: str, *, exclude: Iterable[str] = ()) -> None:
        """Stateless: its knowledge lives in the gazetteer of ``newsgraph_entities``."""

    def from_disk(self, path: str, *, exclude: Iterable[str] = ()) -> MentionResolver:
        return self


def metonym_role(span: Span) -> str:
    """ "agent" where a capital acts or is addressed ("Washington's powers", "a concession to
    Washington", "Berlin began selling"), "place" where it is where something is, else "other"."""
    doc = span.doc
    root = span.root
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "based":
        return "place"
    if span.start > 0 and doc[span.start - 1].text == ",":
        return "place"  # "Redmond, Washington": a state after a city
    if root.dep_ in {"nsubj", "nsubjpass", "poss", "dobj", "dative", "iobj"}:
        return "agent"
    if root.dep_ == "pobj":
        prep = root.head.lower_
        if prep in {"in", "at", "near", "outside", "across", "around", "throughout", "into", "via", "through"}:
            return "place"
        if prep in {"with", "against", "by", "between"} or prep in {"to", "from"} and root.head.head.pos_ == "NOUN":
            return "agent"  # "talks with Beijing", "a concession to Washington", "pressure from Brussels"
    return "other"


def placed_description(tok: Token) -> bool:
    """A placed description, "the San Francisco startup", "The McLean, Virginia-based company",
    which the parser may read as a verb or as an apposition to the place."""
    return description_start(tok) is not None


def description_start(tok: Token) -> int | None:
    """Where the determiner of a placed description ("The McLean, Virginia-based company") is."""
    doc = tok.doc
    j = tok.i - 1
    placed = False
    while j >= 0 and (doc[j].ent_type_ == "Location" or doc[j].text in {",", "-"} or doc[j].lower_ == "based"):
        placed = placed or doc[j].ent_type_ == "Location"
        j -= 1
    return j if placed and j >= 0 and doc[j].lower_ == "the" else None


# -- tree helpers shared with the relation rules ----------------------------------------
def depth(tok: Token) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok, d = tok.head, d + 1
    return d


NP_INTERNAL_DEPS = {"poss", "compound", "appos", "conj", "amod", "nmod", "case", "det", "nummod", "flat", "cc"}


def role_rank(tok: Token) -> int:
    """0 for a clause subject (or its possessor or conjunct), 1 for an object, 2 otherwise:
    a name inside an apposition or an of-phrase is oblique ("X, a co-founder of OpenAI")."""
    t = tok
    for _ in range(20):
        if t.dep_ in {"appos", "acl", "relcl"} or t.dep_ == "pobj" and t.head.lower_ == "of":
            return 2
        if t.dep_ in NP_INTERNAL_DEPS and t.head != t:
            t = t.head
        else:
            break
    if t.dep_ in SUBJECT_DEPS:
        return 0
    return 1 if t.dep_ in {"dobj", "attr", "oprd", "ROOT"} else 2


def mention_head(tok: Token, mention_of: dict[int, tuple[str, ...]]) -> Token:
    """The token that stands for the whole mention in the tree (the root of a multi-token name)."""
    ids = mention_of.get(tok.i)
    while (
        tok.head != tok
        and tok.head.i in mention_of
        and mention_of.get(tok.head.i) == ids
        and tok.dep_ in {"compound", "flat", "nmod", "amod", "punct", "nummod"}
    ):
        tok = tok.head
    return tok


def conjuncts_of(tok: Token) -> list[Token]:
    return [t for t in tok.conjuncts if t != tok]


def clause_of(tok: Token) -> Token | None:
    """The verb (or copula) of the clause ``tok`` belongs to."""
    t = tok
    for _ in range(50):
        if t.pos_ in {"VERB", "AUX"} and t != tok:
            return t
        if t.head == t:
            return t if t.pos_ in {"VERB", "AUX"} else None
        t = t.head
    return None


def clause_subjects(tok: Token) -> list[Token]:
    """Subjects of the clause ``tok`` is in, through control ("agreed to invest") and relatives."""
    verb = clause_of(tok)
    seen = 0
    while verb is not None and seen < 10:
        seen += 1
        subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if any(s.left_edge.i <= tok.i <= s.right_edge.i for s in subs):
            return []  # ``tok`` is (in) the subject: nothing above binds it
        subs = [relative_antecedent(s) or s for s in subs]
        if subs:
            return subs
        controlled = (
            verb.dep_ in {"xcomp", "conj", "pcomp"}
            or verb.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        )  # "to train", not "giving"
        if controlled and verb.head != verb:
            verb = verb.head if verb.head.pos_ in {"VERB", "AUX"} else clause_of(verb.head)
        elif verb.dep_ == "relcl":
            return [verb.head]
        else:
            return []
    return []


def relative_antecedent(tok: Token) -> Token | None:
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        return tok.head.head
    return None


def enclosing_subjects(tok: Token) -> Iterator[Token]:
    """Subjects of each clause above ``tok``, nearest first."""
    t = tok
    for _ in range(50):
        if t.head == t:
            break
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            for c in t.children:
                if c.dep_ in SUBJECT_DEPS and c != tok:
                    yield relative_antecedent(c) or c


@Language.factory(
    "newsgraph_mentions",
    requires=["doc.ents", "doc._.place_qualifiers", "token.tag", "token.dep"],
    assigns=["doc._.entities", "doc._.mention_of"],
)
def make_mentions(nlp: Language, name: str) -> MentionResolver:
    return MentionResolver(nlp, name)
