"""Typed entity mentions: gazetteer first, then the base NER, corrected by context.

The base model's labels are often wrong for company and product names ("Anthropic" as
PERSON, "Nvidia" as GPE, "AI" as ORG). This component keeps the base NER's spans as
candidates, relabels them with schema types using the gazetteer and cue words from
``resources/lexicon.json``, adds names the base NER missed, and writes the result to
``doc.ents`` with labels that are schema types (Organization, Product, ...).

Relabelling never goes against the base model without evidence: a PERSON stays a Person
unless its form, the gazetteer or company cues around it say otherwise, and a name the
model calls an organisation becomes a Person only on person cues (a given name from
``resources/given_names.txt``, an honorific or title from ``resources/person_cues.json``,
an age or "who" after it). A place from the gazetteer never cuts a longer name that
contains it ("University of Texas", "Palo Alto Networks").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from ...text.attributes.dates import MONTHS, WEEKDAYS
from ...text.lexicon import KnowledgeBase, default_gazetteer, lexicon
from ..extensions import article_head, doc_text, register_extensions, token_texts
from .memo import DocMemo

GAZETTEER_FILE = "gazetteer.jsonl"
PRIORITY_GAZETTEER, PRIORITY_CUE, PRIORITY_NER = 3, 2, 1
ORG_TYPES = {"Organization", "GovernmentBody"}
NAME_PARTICLES = {"de", "da", "di", "del", "della", "der", "den", "van", "von", "bin", "binti", "al", "el", "la", "le"}
NAME_PARTICLES |= {"du", "dos", "das", "do", "ibn", "y", "ter", "zu", "St.", "Jr.", "Sr.", "Jr", "Sr", "II", "III"}
INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]\.?-?[A-Z]?\.$")
MODEL_CODE = re.compile(r"^(?=.*\d)[A-Z]{0,4}-?\d{1,4}[A-Za-z]{0,3}$")
AGE = re.compile(r"^\d{1,3}$")
STANDALONE_CODE = re.compile(r"^[A-Z][A-Z]{0,3}\d{1,4}[A-Z]{0,3}$")  # "R2", "M4", "EV9", "A350"
ADJECTIVE_END = r"(?:ed|ive|al|ic|ous|able|ible|ful|ent|ant)$"
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower"}


def stem(word: str) -> str:
    """A crude stem, enough to see "Completes" in "completed" and "Acquires" in "acquisition"."""
    for end in ("ing", "es", "ed", "s", "d", "e"):
        if len(word) > len(end) + 3 and word.endswith(end):
            return word[: -len(end)]
    return word


@cache
def person_cues() -> dict[str, Any]:
    """Given names, honorifics, titles: the data files that tell a person's name."""
    files = resources.files("extractor.resources")
    cues = json.loads(files.joinpath("person_cues.json").read_text(encoding="utf-8"))
    names = files.joinpath("given_names.txt").read_text(encoding="utf-8").splitlines()
    return {
        "given_names": frozenset(n.strip() for n in names if n.strip() and not n.startswith("#")),
        "honorifics": frozenset(cues["honorifics"]),
        "titles": tuple(sorted(cues["titles"], key=len, reverse=True)),
        "corporate_possessions": tuple(sorted(cues["corporate_possessions"], key=len, reverse=True)),
    }


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    kind: str | None = None
    key: str = ""
    priority: int = PRIORITY_NER
    core: str | None = None
    source: str = "ner"  # ner, cue or gazetteer: who proposed the span
    evidence: bool = True  # typed from evidence, not only from the base model's label

    @property
    def length(self) -> int:
        return self.end - self.start


class NewsEntityRecognizer:
    """Turns base NER output plus gazetteer matches into schema-typed ``doc.ents``."""

    def __init__(self, nlp: Language, name: str = "newsgraph_entities", gazetteer: KnowledgeBase | None = None):
        register_extensions()
        self.name = name
        self.vocab = nlp.vocab
        self.lex = lexicon()
        self.memo = DocMemo()  # per-Doc values of this component only (components/memo.py)
        cues = person_cues()
        self.given_names: frozenset[str] = cues["given_names"]
        self.honorifics: frozenset[str] = cues["honorifics"]
        self.titles: tuple[str, ...] = cues["titles"]
        self.corporate_possessions: tuple[str, ...] = cues["corporate_possessions"]
        self.org_words = set(self.lex["org_suffixes"]) | set(self.lex["org_heads"])
        self.not_name_ends = self.org_words | set(self.lex["gov_heads"]) | set(self.lex["place_heads"])
        self.not_name_ends |= set(self.lex["law_heads"])
        self.title_set = frozenset(self.titles)
        self.roles = [r for r in self.lex["roles"] if (" " in r or len(r) > 3) and r != "partner"]
        self.apposition_roles = frozenset(self.roles) | self.title_set
        self.title_words = {w for t in (*self.titles, *self.lex["roles"]) for w in t.split()} | {"general", "manager"}
        self.product_heads = {w: k for k, ws in self.lex["product_heads"].items() for w in ws if k != "cloud_service"}
        self.set_gazetteer(gazetteer or default_gazetteer())

    def set_gazetteer(self, kb: KnowledgeBase) -> None:
        """Build the gazetteer's SpanRuler: one phrase pattern per name, labelled with the type
        and identified by the entry's key (its Wikidata id when known)."""
        self.kb = kb
        tokenizer_only = spacy.blank("en", vocab=self.vocab)  # patterns need tokens, not a parse
        self.ruler = SpanRuler(
            tokenizer_only, name=f"{self.name}_gazetteer", spans_key=None, phrase_matcher_attr="ORTH"
        )
        self.ruler.add_patterns(
            [{"label": e.type, "pattern": name, "id": key} for key, e in kb.entries.items() for name in e.names]
        )
        self.places = {n for e in kb.entries.values() if e.type == "Location" for n in e.names}
        # a place's key by name, the entry with a Wikidata id first when two share the name
        self.place_keys: dict[str, str] = {}
        for key, e in sorted(kb.entries.items(), key=lambda kv: kv[1].wikidata is None):
            if e.type == "Location":
                for n in e.names:
                    self.place_keys.setdefault(n, key)

    # -- the component ---------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        # the base NER's dates feed relation attributes; keep them before doc.ents is replaced
        self.memo.reset(doc)
        doc._.dates = [e for e in doc.ents if e.label_ == "DATE"]
        candidates = [
            *self.gazetteer_candidates(doc),
            *self.listed_products(doc),  # before other cues: a list's reading wins a tie
            *self.cue_candidates(doc),
            *self.ner_candidates(doc),
            *self.government_phrases(doc),
            *self.model_names(doc),
        ]
        chosen = self.resolve(self.places_inside_names(doc, candidates))
        chosen = self.resolve(chosen + list(self.repeated_names(doc, chosen)))
        chosen = self.consistent_types(doc, self.coordinated_types(doc, self.one_type_per_name(doc, chosen)))
        chosen = self.resolve(chosen + list(self.bracketed_acronyms(doc, chosen)))
        chosen = self.bracketed_qualifiers(doc, self.whole_words(doc, chosen))
        chosen = self.makers_products(doc, chosen)
        chosen = [c for c in chosen if not self.is_junk(doc, c)]
        chosen = self.merge_place_qualifiers(doc, chosen)
        spans = []
        for c in chosen:
            span = Span(doc, c.start, c.end, label=c.type, kb_id=c.key)
            spans.append((span, c))
        doc.ents = [s for s, _ in spans]
        for span, c in zip(doc.ents, [c for _, c in spans], strict=True):
            span._.kind = c.kind
            span._.core_name = c.core
        return doc

    # -- candidate sources ------------------------------------------------------------
    def gazetteer_candidates(self, doc: Doc) -> Iterator[Candidate]:
        gov_prefixes = set(self.lex["gov_prefixes"])
        matches = [(span.id_, span.start, span.end) for span in self.ruler.match(doc)]
        # two entries of one name on one span ("New York" twice): the one with a Wikidata id
        best: dict[tuple[int, int], str] = {}
        for key, start, end in matches:
            other = best.get((start, end))
            if other is None or self.kb.entries[other].wikidata is None and self.kb.entries[key].wikidata:
                best[(start, end)] = key
        matches = [(key, start, end) for (start, end), key in best.items()]
        org_ends = {e: s for key, s, e in matches if self.kb.entries[key].type == "Organization"}
        for key, start, end in matches:
            entry = self.kb.entries[key]
            if entry.context and not self.has_context(doc[start:end], entry.context):
                continue
            core = None
            if entry.type == "GovernmentBody" and start > 0 and doc[start - 1].text in gov_prefixes:
                core = doc[start:end].text
                start -= 1
            elif entry.type == "Product" and start in org_ends:  # "AWS Trainium", "Nvidia H100"
                core = doc[start:end].text
                start = org_ends[start]
            yield Candidate(start, end, entry.type, entry.kind, key, PRIORITY_GAZETTEER, core, "gazetteer")

    @staticmethod
    def has_context(span: Span, words: Iterable[str]) -> bool:
        sent_words = {t.text for t in span.sent}
        return any(w in sent_words for w in words)

    def ner_candidates(self, doc: Doc) -> Iterator[Candidate]:
        label_types: dict[str, str] = self.lex["ner_label_types"]
        for ent in doc.ents:
            etype = label_types.get(ent.label_)
            if etype is None:
                continue
            span = self.trim(ent)
            if span is None:
                continue
            if etype == "Person" and span.start == ent.start:
                span = self.with_given_name(span)
            parts = [
                (piece, part_type)
                for whole, part_type in self.split_coordination(span, etype)
                for piece in self.headline_pieces(whole)
            ]
            for part, part_type in parts:
                if part.text in self.lex["not_entities"] or not any(c.isalpha() for c in part.text):
                    continue
                part = self.with_ampersand(self.with_of_phrase(part))
                foreign = self.with_foreign_tail(part)
                if foreign is not None:
                    part, part_type = foreign
                if part_type == "Location" and len(part) > 1 and part[0].is_lower and part[0].lower_ in COMPASS:
                    part = part[1:]  # "in west London": the place is London
                ptype, kind, evidence = self.typed(part, part_type)
                if ptype == "Person" and self.abbreviated_honorific_before(part):
                    # "Mr. Hess", "Sen. Jane Doe": the honorific is written as part of the name
                    yield Candidate(part.start - 1, part.end, ptype, kind, "", PRIORITY_NER, part.text, "ner", evidence)
                elif ptype:
                    key = ""
                    if ptype == "Location" and part.text.isupper() and len(part.text) > 3:
                        key = self.place_keys.get(part.text.title(), "")  # "NEW YORK" in a dateline is New York
                    yield Candidate(part.start, part.end, ptype, kind, key, PRIORITY_NER, None, "ner", evidence)

    def number_names(self, doc: Doc) -> Iterator[Candidate]:
        """A capitalised number word inside a sentence that names, not counts: "Three UK", "merge
        Vodafone and Three" (listed with a company)."""
        numbers = set(self.lex["number_words"])
        for t in doc:
            if t.text not in numbers or t.is_sent_start or t.i == 0 or not doc[t.i - 1].text[:1].isalnum():
                continue
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and t.head == nxt and nxt.pos_ == "PROPN" and nxt.whitespace_ is not None:
                end = t.i + 1
                while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                    end += 1
                yield Candidate(t.i, end, "Organization", None, "", PRIORITY_CUE, None, "cue")
            elif t.dep_ == "conj" and (t.head.ent_type_ == "ORG" or self.is_known_org(t.head.text)):
                yield Candidate(t.i, t.i + 1, "Organization", None, "", PRIORITY_CUE, None, "cue")

    def is_known_org(self, text: str) -> bool:
        known = self.kb.lookup(text)
        return known is not None and known.type in ORG_TYPES

    def cue_candidates(self, doc: Doc) -> Iterator[Candidate]:
        """Names the base NER misses, recognised from the words around them."""
        yield from self.colon_names(doc)
        yield from self.number_names(doc)
        yield from self.legal_names(doc)
        cue_nouns = set(self.lex["org_cue_nouns"])
        typed = {"ORG", "PERSON", "GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
        ner_tokens = {i for e in doc.ents if e.label_ in typed for i in range(e.start, e.end)}
        persons = {i for e in doc.ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
        for whole in self.proper_runs(doc):
            parts = self.split_coordination(whole, "Organization") if len(whole) > 2 else [(whole, "")]
            pieces = [piece for p, _ in parts for piece in self.headline_pieces(p)]
            yield from self.run_candidates(doc, pieces, cue_nouns, ner_tokens, persons)

    def run_candidates(
        self, doc: Doc, runs: list[Span], cue_nouns: set[str], ner_tokens: set[int], persons: set[int]
    ) -> Iterator[Candidate]:
        for run in runs:
            while len(run) > 1 and (run[0].text in self.honorifics or run[0].lower_ in self.titles):
                run = run[1:]  # "Premier Li Peng": the title is not the name
            if run.text in self.lex["not_entities"]:
                continue
            run = self.with_ampersand(self.with_of_phrase(run))
            foreign = self.with_foreign_tail(run)
            if foreign is not None:
                yield Candidate(foreign[0].start, foreign[0].end, foreign[1], None, "", PRIORITY_CUE, None, "cue")
                continue
            etype, kind = self.type_from_form(run)
            coded = run[-1].is_upper or any(ch.isdigit() for ch in run[:-1].text)
            if etype is None and len(run) > 1 and run[-1].lower_ in self.product_heads and coded:
                kind = self.product_heads[run[-1].lower_]  # "the R1S SUV": the model and its head noun
                yield Candidate(run.start, run.end - 1, "Product", kind, "", PRIORITY_CUE, None, "cue")
                continue
            if etype == "Organization" and all(i in persons for i in range(run.start, run.end)) and self.is_name(run):
                etype = None  # "Grace Lee" is a person the model found, not an "X Lee" firm
            if etype is None:
                before = doc[run.start - 1] if run.start > 0 else None
                cued = before is not None and before.lower_ in cue_nouns and before.pos_ == "NOUN"
                if cued and not (len(run) > 1 and self.person_evidence(run)):
                    etype = "Organization"
            missed = not any(i in ner_tokens for i in range(run.start, run.end))
            if etype is None and self.org_apposition(run) and not self.person_evidence(run):
                etype = "Organization"  # "MosaicML, a unit of Databricks": the model missed the name
            if etype is None and 2 <= len(run) <= 3 and self.is_name(run) and self.near_role(run):
                etype = "Person"  # "Ilya Sutskever, a co-founder of OpenAI": the model missed the name
            given = run[0].text in self.given_names and not any(i in ner_tokens for i in range(run.start, run.end))
            if etype is None and 2 <= len(run) <= 3 and self.is_name(run) and given:
                etype = "Person"  # "- Andrea Orcel has never been ...": a given name the model missed
            if etype is None and 2 <= len(run) <= 3 and self.is_name(run) and self.listed_with_person(run, persons):
                etype = "Person"  # "by Mitchell Hashimoto and Armon Dadgar": the model found only the first
            if etype is None and len(run) <= 3 and run.root.dep_ == "compound" and self.kb.lookup(run.text) is None:
                after = " " + " ".join(t.lower_ for t in doc[run.end : run.end + 3]) + " "
                if any(after.startswith(f" {p} ") for p in self.lex["company_compounds"]):
                    etype = "Organization"  # "Atlassian chief executive Mike Cannon-Brookes"
            if etype is None and missed and self.is_business_argument(run) and not self.person_evidence(run):
                etype = "Organization"
            if etype is None and missed and self.owned_by_firm(run) and not self.person_evidence(run):
                kind = self.product_context(run)  # "BT's EE", "Alphabet's Google"; "Apple's Vision Pro headset"
                etype = "Product" if kind else "Organization"
            if etype is None:
                kind = self.product_context(run)
                if kind:
                    etype = "Product"
            if etype:
                # a family member ("Claude 3 Haiku") outranks the gazetteer's "Claude" inside it
                family = (
                    etype == "Product" and self.kb.lookup(run[0].text) is not None and any(t.like_num for t in run[1:])
                )
                priority = PRIORITY_GAZETTEER if family else PRIORITY_CUE
                yield Candidate(run.start, run.end, etype, kind, "", priority, None, "cue")

    @staticmethod
    def listed_with_person(run: Span, persons: set[int]) -> bool:
        root = run.root
        return any(t.i in persons and t.i not in range(run.start, run.end) for t in root.conjuncts)

    def government_phrases(self, doc: Doc) -> Iterator[Candidate]:
        """ "the German government", "the Hungarian cabinet": a nationality and a government noun."""
        nouns = set(self.lex["government_nouns"])
        for ent in doc.ents:
            if ent.label_ not in {"NORP", "GPE"} or ent.end >= len(doc) or not ent[0].text[:1].isupper():
                continue
            if ent.label_ == "GPE":  # "the U.S. government", "the UK government": a country's, not a city's
                place = self.kb.lookup(ent.text)
                if place is None or place.type != "Location" or ent.start == 0 or doc[ent.start - 1].lower_ != "the":
                    continue
            head = doc[ent.end]
            if head.lower_ in nouns and head.pos_ == "NOUN":
                yield Candidate(ent.start, ent.end + 1, "GovernmentBody", None, "", PRIORITY_CUE, None, "cue")

    def model_names(self, doc: Doc) -> Iterator[Candidate]:
        """Products named by a model code: "Panther KF51", "Airbus A350", "Leopard 2 tanks", and a
        code alone before a product noun: "its smaller R2 SUV", "the M4 chip"."""
        blockers = set(self.lex["code_blockers"])
        texts = token_texts(doc)
        not_codes = set(self.lex["not_codes"])
        for i in range(len(texts) - 1):
            code, nxt = texts[i], texts[i + 1].lower()
            alone = i == 0 or not texts[i - 1][:1].isupper() or doc[i - 1].pos_ in {"DET", "PRON", "ADJ"}
            coded = STANDALONE_CODE.match(code) and code not in not_codes and doc[i].whitespace_
            if alone and coded and nxt in self.product_heads:  # "R2 SUV"; "R1T" as "R1"+"T" is read whole elsewhere
                yield Candidate(i, i + 1, "Product", self.product_heads[nxt], "", PRIORITY_CUE, None, "cue")
        for i in range(1, len(texts)):
            code = texts[i]
            if not MODEL_CODE.match(code) or re.fullmatch(r"(?:19|20)\d\d", code):
                continue
            name = doc[i - 1]
            word = name.text
            if (
                not (word[:1].isupper() or word[:1].islower() and word[1:2].isupper())
                or not name.is_alpha
                or word in blockers
                or word in self.org_words  # "Virgin Media O2": the code ends a company's name
                or name.pos_ in {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "PART"}  # "The H100"
                or word.lower()[:3] in MONTHS
                or word.lower() in WEEKDAYS
                or word.isupper()
                and len(word) > 1
                and code.isdigit()
                or name.i > 0
                and doc[name.i - 1].text == "$"
                or name.whitespace_ == ""
            ):
                continue
            end = i + 1
            nxt = doc[end].lower_ if end < len(doc) else ""
            kind = self.product_heads.get(nxt)
            if code.isdigit() and not kind and (len(code) < 3 or nxt in {"percent", "%", "million", "billion"}):
                continue  # "Leopard 2 tanks" and "Boeing 737" name products; "Arsenal 2" is a score
            if self.kb.lookup(word) is not None and self.kb.lookup(word).type == "Location":
                continue
            start = i - 1
            if start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
                known = self.kb.lookup(doc[start - 1].text)
                if known is not None and known.type == "Organization":  # "Rheinmetall Lynx KF41"
                    start -= 1
            core = doc[i - 1 : end].text if start < i - 1 else None
            yield Candidate(start, end, "Product", kind or "other", "", PRIORITY_GAZETTEER, core, "cue")

    def listed_products(self, doc: Doc) -> Iterator[Candidate]:
        """Names listed as products: "It sells four medicines: A for lymphoma, B and C", "its snack
        brands include A, B and Kind bars", "the maker of A and B", "which makes A, B and C", "A maker
        B", "the diabetes treatment Ozempic" -- typed from the construction, whatever the model says."""
        texts = token_texts(doc)
        n = len(texts)
        list_nouns = set(self.lex["product_list_nouns"])
        makers = set(self.lex["maker_nouns"])
        for t in doc:
            low = t.lower_
            start = kind = None
            brands = False
            if low in list_nouns and t.pos_ == "NOUN":
                nxt = t.i + 1
                after = [w.lower() for w in texts[nxt : nxt + 2]]
                if after[:1] and (after[0] == ":" or after[0] in {"include", "includes", "included", "including"}):
                    start = nxt + 1
                elif after in ([",", "including"], ["such", "as"]):
                    start = nxt + 2
                if start is not None:
                    kind = self.product_heads.get(low) or self.product_heads.get(low.rstrip("s")) or "other"
                    brands = low in {"brands", "labels"}
                    if brands and any(m.lower_ in self.lex["goods_words"] for m in t.lefts):
                        brands = False  # "snack brands": goods
            elif low in makers and t.i + 1 < n and texts[t.i + 1] == "of" and t.pos_ == "NOUN":
                start, kind = t.i + 2, "other"  # "the family-owned maker of M&M's and Snickers"
            elif (
                t.lemma_ in self.lex["making_verbs"]
                and t.pos_ == "VERB"
                and not any(c.dep_ in {"oprd", "ccomp", "xcomp"} for c in t.children)
            ):
                start, kind = t.i + 1, "other"  # "Kellanova, which makes Pringles, Cheez-It and Pop-Tarts"
            elif low in makers and t.i > 0 and t.i + 1 < n and texts[t.i + 1][:1].isupper() and t.pos_ == "NOUN":
                before = self.item_before(doc, t.i)  # "Pringles maker Kellanova", "ChatGPT maker OpenAI"
                if before is not None:
                    yield self.listed(doc, before, "other")
                continue
            elif low in self.product_heads and t.pos_ == "NOUN" and t.i + 1 < n and texts[t.i + 1][:1].isupper():
                item = self.list_item(doc, t.i + 1)  # "the diabetes treatment Ozempic", "antiviral pill Paxlovid"
                if item is not None and self.names_the_noun(doc, t, item):
                    yield self.listed(doc, item, self.product_heads[low])
                continue
            if start is None:
                continue
            items = self.list_items(doc, start)
            if not items:
                continue
            last_end = items[-1][1]
            head = doc[last_end] if last_end < n else None
            goods_head = head is not None and head.lower_ in self.product_heads  # "Twix, Skittles and Kind bars"
            for item in items:
                known = self.kb.lookup(doc[item[0] : item[1]].text)
                if known is not None and known.type != "Product":
                    continue  # "brands include Volvo Cars": the gazetteer knows the company
                if self.brand_and_model(doc, item):  # "Porsche Macan" outranks the gazetteer's "Porsche"
                    core = doc[item[0] + 1 : item[1]].text
                    yield Candidate(item[0], item[1], "Product", "other", "", PRIORITY_GAZETTEER, core, "cue")
                elif brands and not goods_head:
                    # "whose brands include Churchill, Privilege and Green Flag": companies
                    yield Candidate(item[0], item[1], "Organization", None, "", PRIORITY_CUE, None, "cue")
                else:
                    yield self.listed(doc, item, kind)

    def listed(self, doc: Doc, item: tuple[int, int], kind: str) -> Candidate:
        start, end = item
        return Candidate(start, end, "Product", kind, "", PRIORITY_CUE, None, "cue")

    def names_the_noun(self, doc: Doc, noun: Any, item: tuple[int, int]) -> bool:
        """Is the name right after a product noun that noun's name ("the treatment Ozempic"),
        rather than the subject of a clause on it ("the vaccine Moderna developed")?"""
        span = doc[item[0] : item[1]]
        root = span.root
        if self.person_evidence(span) or root.dep_ in {"nsubj", "nsubjpass"}:
            return False
        has_det = (
            any(c.dep_ in {"det", "poss", "amod", "compound"} for c in noun.children)
            or noun.i > 0
            and (doc[noun.i - 1].pos_ in {"ADJ", "NOUN", "DET", "PRON"})
        )
        linked = noun.head.i in range(*item) and noun.dep_ == "compound" or root.dep_ == "appos" and root.head == noun
        return has_det and linked

    def item_before(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """The name written right before token ``i`` ("Pringles" of "Pringles maker")."""
        end = i
        start = end
        while start > 0 and (
            doc[start - 1].text[:1].isupper()
            or doc[start - 1].text[:1].isdigit()
            or (doc[start - 1].text in {"-", "&"} and not doc[start - 1].whitespace_)
        ):
            start -= 1
        if start == end or doc[start].is_sent_start or doc[start].text in {"-", "&"}:
            return None
        if self.kb.lookup(doc[start:end].text) is not None:
            return None
        return start, end

    def list_item(self, doc: Doc, j: int) -> tuple[int, int] | None:
        """The name written from token ``j``: capitalised words and codes, joined pieces ("Cheez-It",
        "M&M's"), "of" inside a title ("Call of Duty"), a code's suffix ("Q6 e-tron")."""
        texts = token_texts(doc)
        n = len(texts)
        while j < n and texts[j].lower() in {"the", "its", "their", "his", "her", "a", "an"}:
            j += 1
        while j < n and doc[j].is_lower and doc[j].pos_ == "ADJ":
            j += 1  # "the electric Porsche Macan"
        if j >= n or not (texts[j][:1].isupper() or texts[j][:1].isdigit() and any(ch.isupper() for ch in texts[j])):
            return None
        if texts[j].lower() in WEEKDAYS or texts[j].lower()[:3] in MONTHS and doc[j].ent_type_ == "DATE":
            return None
        k = j + 1
        while k < n:
            prev_joined = not doc[k - 1].whitespace_
            piece = texts[k]
            if piece[:1].isupper() or piece[:1].isdigit():
                k += 1
            elif prev_joined and piece in {"-", "&", "/"} and k + 1 < n and not doc[k].whitespace_:
                k += 2  # "Cheez-It", "M&M"
            elif prev_joined and piece in {"'s", "\u2019s"} and k + 1 < n and texts[k + 1] in {",", "and", "or", "."}:
                k += 1  # "M&M's and Snickers": the brand's own "'s"
            elif piece == "of" and k + 1 < n and texts[k + 1][:1].isupper() and texts[k - 1][:1].isupper():
                k += 2  # "Call of Duty"
            elif (
                len(piece) == 1
                and piece.islower()
                and k + 2 < n
                and texts[k + 1] == "-"
                and not doc[k].whitespace_
                and texts[k + 2].isalpha()
                and any(ch.isdigit() for ch in texts[k - 1])
            ):
                k += 3  # "Q6 e-tron": a code's written suffix
            else:
                break
        while k > j and texts[k - 1] in {"-", "&", "/"}:
            k -= 1
        return (j, k) if k > j else None

    def list_items(self, doc: Doc, start: int) -> list[tuple[int, int]]:
        """The names of a list from ``start``: "A for lymphoma, B for bladder cancer and C, a pill"."""
        texts = token_texts(doc)
        n = len(texts)
        sent_end = doc[start].sent.end if start < n else n
        items: list[tuple[int, int]] = []
        j = start
        while j < sent_end and len(items) < 12:
            item = self.list_item(doc, j)
            if item is None or item[1] > sent_end:
                break
            items.append(item)
            k = item[1]
            if k < n and texts[k] in {"for", "in", "from", "with", "by"} and k + 1 < n and doc[k + 1].is_lower:
                k += 1  # "Adcetris for lymphoma"
                while k < sent_end and doc[k].is_lower and texts[k] not in {"and", "or"}:
                    k += 1
            if k + 1 < n and texts[k] == "," and texts[k + 1].lower() in {"a", "an", "the", "its"}:
                k += 1  # "Tukysa, a breast cancer pill": an apposition, up to its comma
                while k < sent_end and texts[k] not in {",", ";", "."}:
                    k += 1
            if k < n and texts[k] == ",":
                k += 1
            if k < n and texts[k] in {"and", "or"}:
                k += 1
            if k == item[1]:
                break
            j = k
        return items

    def brand_and_model(self, doc: Doc, item: tuple[int, int]) -> bool:
        """ "Porsche Macan", "Audi Q6 e-tron": a known maker's name and more words name its model."""
        start, end = item
        if end - start < 2:
            return False
        first = doc[start]
        if not first.whitespace_:
            return False  # "Pop-Tarts" is one word
        maker = self.kb.lookup(first.text)
        rest = [t.text for t in doc[start + 1 : end]]
        alone = first.ent_type_ == "ORG" and doc[start + 1].ent_iob_ != "I"  # the model's "Porsche" by itself
        known = maker is not None and maker.type == "Organization" or alone
        return known and not any(w in self.org_words or w in self.lex["legal_suffixes"] for w in rest)

    @staticmethod
    def repeated_names(doc: Doc, chosen: list[Candidate]) -> Iterator[Candidate]:
        """A name recognised once is the same thing wherever else the article writes it."""
        texts = token_texts(doc)
        starts: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            starts.setdefault(text, []).append(i)
        by_words: dict[tuple[str, ...], Candidate] = {}
        for c in chosen:
            words = tuple(texts[c.start : c.end])
            if c.type != "Location" and words[0][:1].isupper():
                by_words.setdefault(words, c)
        for words, c in by_words.items():
            n = len(words)
            for i in starts.get(words[0], ()):
                if tuple(texts[i : i + n]) == words:
                    yield Candidate(i, i + n, c.type, c.kind, c.key, PRIORITY_NER, c.core, c.source, False)

    def bracketed_acronyms(self, doc: Doc, chosen: list[Candidate]) -> Iterator[Candidate]:
        """ "Contemporary Amperex Technology Co (CATL)": the acronym in brackets names the same thing."""
        for c in chosen:
            if c.type not in ORG_TYPES | {"Product"} or c.end + 2 >= len(doc):
                continue
            if doc[c.end].text == "(" and doc[c.end + 2].text == ")":
                acr = doc[c.end + 1].text
                if acr.isupper() and acr.isalpha() and len(acr) > 1 and acr[0] == doc[c.start].text[0]:
                    yield Candidate(c.end + 1, c.end + 2, c.type, c.kind, c.key, PRIORITY_NER, None, c.source)

    def whole_words(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """A name begins and ends where a written word does: the tokenizer splits "R1T", "AM/NS",
        "I-PACE" and "A/S" into pieces, and the model may find one piece; a legal suffix after a
        company's name ("Novo Nordisk A/S") belongs to it."""
        texts = token_texts(doc)
        spaced = doc.to_array("SPACY").tolist()
        n = len(texts)
        legal = set(self.lex["legal_suffixes"])
        ends = {c.end for c in chosen if c.type in ORG_TYPES | {"Person"}}

        def suffix_after_name(c: Candidate) -> bool:
            """ "A/S" (or its "S") found on its own right after a company's name is that name's suffix."""
            start, end = c.start, c.end
            while start > 0 and not spaced[start - 1]:
                start -= 1
            while end < n and not spaced[end - 1] and texts[end] not in {",", ".", ";", ")", "'s"}:
                end += 1
            return start in ends and "".join(texts[start:end]).rstrip(".") in legal

        chosen = [c for c in chosen if not suffix_after_name(c)]
        owner = {i: k for k, c in enumerate(chosen) for i in range(c.start, c.end)}
        places = {k for k, c in enumerate(chosen) if c.type == "Location" and c.length == 1}
        absorbed: set[int] = set()

        def free(i: int, k: int) -> bool:
            """Token ``i`` is ``k``'s, nobody's, or a one-word place's ("Cleveland" of "Cleveland-Cliffs")."""
            other = owner.get(i, k)
            return other == k or other in places and texts[i + 1 if i + 1 < n else i] == "-" or other in places

        out = []
        for k, c in enumerate(chosen):
            start, end = c.start, c.end
            if c.type != "Location":
                while start > 0 and not spaced[start - 1] and free(start - 1, k):
                    step = self.joined(texts, start - 1, -1)
                    if not step or not all(free(i, k) for i in range(start - step, start)):
                        break
                    start -= step
                while end < n and not spaced[end - 1] and free(end, k):
                    step = self.joined(texts, end, 1)
                    if not step or not all(free(i, k) for i in range(end, end + step)):
                        break
                    end += step
                absorbed |= {owner[i] for i in range(start, end) if owner.get(i, k) != k}
            if c.type in ORG_TYPES | {"Person"} and end < n and spaced[end - 1] and end not in owner:
                j = end  # the next written word, if it is a legal suffix: "A/S", "S.p.A."
                while j < n and not spaced[j] and j + 1 < n and texts[j + 1] not in {",", ".", ";", ")", "'s"}:
                    j += 1
                word = "".join(texts[end : j + 1])
                unowned = all(i not in owner for i in range(end, j + 1))
                if unowned and (word in legal or word.endswith(".") and word[:-1] in legal and j + 1 - end > 1):
                    end = j + 1
                    if c.type == "Person" and not c.evidence:
                        c = replace(c, type="Organization", kind=None, evidence=True)
            if (start, end) != (c.start, c.end):
                c = replace(c, start=start, end=end)
                owner.update({i: k for i in range(start, end)})
            out.append(c)
        return [c for k, c in enumerate(out) if k not in absorbed]

    def makers_products(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """ "Adobe XD" is "XD" where the article drops the maker's name: a product whose first word
        is a company of the article keeps the rest as its core name."""
        texts = token_texts(doc)
        firms = {texts[c.start] for c in chosen if c.type == "Organization" and c.length == 1}
        out = []
        for c in chosen:
            named = c.type == "Product" and c.core is None and c.length > 1 and doc[c.start].whitespace_
            if named and (texts[c.start] in firms or self.is_known_org(texts[c.start])):
                c = replace(c, core=doc[c.start + 1 : c.end].text)
            out.append(c)
        return out

    def legal_names(self, doc: Doc) -> Iterator[Candidate]:
        """Capitalised words before a legal suffix name a company, whatever their tags: "Novonesis
        A/S", "Hjortholm Pharma GmbH"."""
        texts = token_texts(doc)
        spaced = doc.to_array("SPACY").tolist()
        suffixes = set(self.lex["strict_legal_suffixes"])
        n = len(texts)
        i = 0
        while i < n:
            j = i
            while j + 1 < n and not spaced[j] and texts[j + 1] not in {",", ";", ")", "'s"}:
                j += 1  # the written word from i: "A/S"
            word = "".join(texts[i : j + 1])
            if (word in suffixes or word.rstrip(".") in suffixes) and i > 0 and spaced[i - 1]:
                start = i
                while start > 0 and spaced[start - 1] and texts[start - 1][:1].isupper() and i - start < 4:
                    if texts[start - 1] in {"The", "A", "An"} or texts[start - 1] in suffixes:
                        break
                    start -= 1
                if start < i:
                    yield Candidate(start, j + 1, "Organization", None, "", PRIORITY_CUE, None, "cue")
            i = j + 1

    def bracketed_qualifiers(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """ "Credit Suisse (Schweiz)", "Vodafone (UK)": a country in brackets after a company's name
        names its national unit, a company of its own (and not the gazetteer's parent)."""
        texts = token_texts(doc)
        native = set(self.lex["native_place_names"])
        at = {c.start: c for c in chosen}
        drop: set[int] = set()
        out = []
        for c in chosen:
            e = c.end
            if c.type == "Organization" and e + 2 < len(texts) and texts[e] == "(" and texts[e + 2] == ")":
                word = texts[e + 1]
                place = self.kb.lookup(word)
                if word in native or place is not None and place.type == "Location":
                    c = replace(c, end=e + 3, key="", source="cue", evidence=True, priority=PRIORITY_CUE)
                    if e + 1 in at:
                        drop.add(e + 1)
            out.append(c)
        return [c for c in out if c.start not in drop]

    @staticmethod
    def joined(texts: list[str], i: int, direction: int) -> int:
        """How many tokens from ``i`` (going ``direction``) continue a written name: a piece that
        starts with a capital or digit ("R1|T"), or a joiner and such a piece ("Cheez-It", "AM/NS");
        never a lower-case tail ("Washington-based") or a possessive."""
        piece = texts[i]
        if piece[:1].isupper() or piece[:1].isdigit():
            return 1
        j = i + direction
        if piece in {"-", "/", "&", "+"} and 0 <= j < len(texts):
            other = texts[j]
            if not (other[:1].isupper() or other[:1].isdigit()):
                return 0
            if piece == "/":  # "AM/NS", "A/S"; "Vodafone/Three" joins two names
                near = texts[i - direction] if 0 <= i - direction < len(texts) else ""
                if not (other.isupper() and len(other) <= 4 and near.isupper() and len(near) <= 4):
                    return 0
            return 2
        return 0

    def headline_pieces(self, span: Span) -> list[Span]:
        """In a headline written in title case ("Novo Holdings Completes Acquisition of Catalent")
        every word is capitalised, so the model reads the line as one name: its common words
        (those the article writes in lower case, and function words) cut it into names."""
        commons = self.headline_commons(span.doc)
        if not commons or not any(i in commons for i in range(span.start, span.end)):
            return [span]
        doc = span.doc
        pieces, start = [], span.start
        for i in range(span.start, span.end + 1):
            if i == span.end or i in commons:
                if i > start:
                    piece = doc[start:i]
                    while len(piece) and not piece[-1].text[:1].isalnum():
                        piece = piece[:-1]
                    if len(piece):
                        pieces.append(piece)
                start = i + 1
        return pieces

    def headline_commons(self, doc: Doc) -> set[int]:
        """Indices of the common words of a title-case headline (none when the headline is not)."""
        memo = self.memo.of(doc)
        cached = memo.get("headline_commons")
        if cached is not None:
            return cached
        commons: set[int] = set()
        body = article_head(doc).body_start
        if body:
            head = doc.char_span(0, body, alignment_mode="contract")
            words = [t for t in head or () if t.is_alpha and len(t) > 3]
            if len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words):
                body_tokens = doc[head.end :]
                lower = {stem(t.lower_) for t in body_tokens if t.is_lower}
                # a word the body writes capitalised inside a sentence is a name's ("Holdings")
                named = {t.text for t in body_tokens if t.text[:1].isupper() and not t.is_sent_start}
                function = {"of", "the", "and", "to", "for", "in", "on", "with", "as", "at", "by", "from", "a", "an"}
                for t in head:
                    low = t.lower_
                    if low in function or t.text[0].isupper() and t.text not in named and stem(low) in lower:
                        commons.add(t.i)
        memo["headline_commons"] = commons
        return commons

    # -- helpers ----------------------------------------------------------------------
    def colon_names(self, doc: Doc) -> Iterator[Candidate]:
        """Names written with a colon and no spaces, such as "Run:ai"."""
        texts = token_texts(doc)
        for i in (i for i in range(1, len(texts) - 1) if texts[i] == ":"):
            colon = doc[i]
            if colon.whitespace_:
                continue
            head, tail = doc[colon.i - 1], doc[colon.i + 1]
            if head.is_alpha and head.text[0].isupper() and not head.whitespace_ and tail.is_alpha:
                if head.text in self.lex["stock_exchanges"]:
                    continue
                yield Candidate(head.i, head.i + 3, "Organization", None, "", PRIORITY_CUE, None, "cue")

    @staticmethod
    def proper_runs(doc: Doc) -> Iterator[Span]:
        """Maximal runs of proper nouns (and digits inside them) not at a sentence start alone."""
        propn = doc.vocab.strings["PROPN"]
        pos = doc.to_array("POS").tolist()  # one array read instead of a Token per word
        num = doc.to_array("LIKE_NUM").tolist()
        texts = token_texts(doc) if propn in pos else []
        spaced = doc.to_array("SPACY").tolist() if texts else []
        breaks = {  # a source line's name is not one with its place ("Berlin N-TV")
            span.start for line in doc._.source_lines or () if (span := doc.char_span(line[2], line[3])) is not None
        }
        i = 0
        while i < len(pos):
            if pos[i] == propn and texts[i][:1].isalnum():
                j = i + 1
                while j < len(pos) and j not in breaks:
                    if (pos[j] == propn or num[j]) and texts[j][:1].isalnum():
                        j += 1
                    elif (
                        texts[j] in {"-", "/"}
                        and not spaced[j - 1]
                        and not spaced[j]
                        and j + 1 < len(pos)
                        and (texts[j + 1][:1].isupper() or texts[j + 1][:1].isdigit())
                    ):
                        j += 2  # "Jaguar I-PACE", "AM/NS Calvert": one written name
                    else:
                        break
                yield doc[i:j]
                i = j
            else:
                i += 1

    def with_of_phrase(self, span: Span) -> Span:
        """Names that go on through "of": "the Data Authority of Freedonia", "University of Texas",
        "Ministry of Economy, Trade and Industry" are one institution each."""
        doc = span.doc
        heads = set(self.lex["gov_heads"]) | set(self.lex["of_heads"])
        if span[-1].text not in heads or span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
            return span
        end = span.end + 1
        listing = True  # "Ministry of Economy, Trade and Industry"
        while end < len(doc) and doc[end].pos_ == "PROPN" and "\n" not in doc[end].text:
            if doc[end].text in self.honorifics or self.title_at(doc, end):
                break  # "Department of Public Utilities Chairman Jane Doe", "Government of Prime Minister X"
            end += 1
            if listing and end + 1 < len(doc) and doc[end].text in {",", "and"}:
                end = self.listed_words(doc, end)
        return doc[span.start : end] if end > span.end + 1 else span

    def with_foreign_tail(self, span: Span) -> tuple[Span, str] | None:
        """ "Garante per la protezione dei dati personali", "Autorité de la concurrence": a body's
        name in its own language goes on in lower case through that language's function words."""
        doc = span.doc
        foreign = set(self.lex["foreign_function_words"])
        english = set(self.lex["english_function_words"])
        end = span.end
        if end >= len(doc) or doc[end].text not in foreign:
            return None
        seen = 0
        while end < len(doc) and doc[end].is_alpha and (doc[end].is_lower or doc[end].text[:1].isupper() and seen):
            if doc[end].text in english:
                break
            seen += doc[end].text in foreign
            end += 1
        while end > span.end and doc[end - 1].text in foreign:
            end -= 1
        if seen < 2 or end - span.end < 3:
            return None  # "Banco de Chile" is the model's; one particle is a person's "de"
        head = span[0].text
        gov = head in self.lex["foreign_gov_heads"] or self.gov_apposition(span)
        return doc[span.start : end], "GovernmentBody" if gov else "Organization"

    def gov_apposition(self, span: Span) -> bool:
        """ "Italy's data protection authority, the Garante ...": named in apposition to a regulator."""
        root = span.root
        return root.dep_ == "appos" and root.head.lower_ in self.lex["gov_descriptors"]

    def title_at(self, doc: Doc, i: int) -> bool:
        """Does a title ("chairman", "prime minister") begin at token ``i``?"""
        for title in self.titles:
            words = title.split()
            if doc[i].lower_ == words[0] and [t.lower_ for t in doc[i : i + len(words)]] == words:
                return True
        return False

    def listed_words(self, doc: Doc, end: int) -> int:
        """Where a list of one-word fields closing with "and X" ends: ", Trade and Industry"."""
        k = end
        while k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].pos_ == "PROPN":
            k += 2
        if k + 1 < len(doc) and doc[k].text == "and" and doc[k + 1].pos_ == "PROPN":
            tail = k + 2
            while tail < len(doc) and doc[tail].pos_ == "PROPN":
                tail += 1
            ends = set(self.lex["of_heads"]) | set(self.lex["legal_suffixes"]) | set(self.lex["org_suffixes"])
            other = doc[k + 1].ent_type_ in {"PERSON", "GPE", "LOC", "NORP"}  # "... Mathematics and Wang Yuan"
            short = tail - k - 1 <= 2 and doc[tail - 1].text not in ends and not other
            if short and self.kb.lookup(doc[k + 1].text) is None:
                return tail
        return end

    @staticmethod
    def with_ampersand(span: Span) -> Span:
        """Names joined by "&": "Seven & i Holdings", "Fidelity Management & Research Company"."""
        doc = span.doc
        start, end = span.start, span.end
        texts = token_texts(doc)
        if not (start >= 2 and texts[start - 1] in {"&", "-"} or end + 1 < len(texts) and texts[end] == "&"):
            return span
        if start >= 2 and doc[start - 1].text == "&" and doc[start - 2].text[:1].isupper():
            start -= 2
        if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and doc[start - 2].is_digit:
            start -= 2  # "7-Eleven"
        if end + 1 < len(doc) and doc[end].text == "&" and doc[end + 1].text[:1].isupper():
            end += 2
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
        return doc[start:end]

    def with_given_name(self, span: Span) -> Span:
        """ "- Amanda Knox" where the model found only "Knox": a given name before a person's name."""
        doc = span.doc
        start = span.start
        while start > 0 and doc[start - 1].text in self.given_names and not doc[start - 1].ent_type_:
            if not doc[start - 1].is_title:
                break
            start -= 1
        return doc[start : span.end]

    def split_coordination(self, span: Span, etype: str) -> list[tuple[Span, str]]:
        """ "BlackRock and Terminal Investment Limited" names two firms, "Procter and Gamble" one;
        "Mellanox of Yokneam" is a firm and its place, not a person."""
        doc = span.doc
        of = [t.i for t in span if t.lower_ == "of" and span.start < t.i < span.end - 1]
        left = doc[span.start : of[0]] if of else span
        if etype == "Person" and of and doc[of[0] + 1].is_title and not self.person_evidence(left):
            return [(doc[span.start : of[0]], "Organization"), (doc[of[0] + 1 : span.end], "Location")]
        for t in span[1:-1]:  # "Cape Town Supreme Court Judge J.H. Berman": a body, a title, a person
            rest = doc[t.i + 1 : span.end]
            if t.text in self.honorifics and t.is_title and self.is_name(rest) and self.person_evidence(rest):
                return [(doc[span.start : t.i], etype), (rest, "Person")]
        ands = [t.i for t in span if t.lower_ in {"and", "or"} and span.start < t.i < span.end - 1]
        commas = [t.i for t in span if t.text == "," and span.start < t.i < ands[-1]] if ands else []
        legal = self.lex["legal_suffixes"]
        if commas and not of and etype != "Location" and not any(doc[k + 1].text in legal for k in commas):
            # "Twix, Skittles and Kind": a list of names read as one
            cuts = [span.start - 1, *commas, ands[-1], span.end]
            parts = [doc[a + 1 : b] for a, b in zip(cuts, cuts[1:], strict=False)]
            parts = [p[1:] if len(p) > 1 and p[0].lower_ in {"and", "or"} else p for p in parts]
            if all(len(p) and p[0].text[:1].isupper() for p in parts):
                return [(p, etype) for p in parts]
        ands = [i for i in ands if doc[i].lower_ == "and"]
        if etype != "Organization" or len(ands) != 1 or of:
            return [(span, etype)]
        left, right = doc[span.start : ands[0]], doc[ands[0] + 1 : span.end]
        if right[-1].text in self.lex["gov_heads"] or not left[0].text[:1].isupper():
            return [(span, etype)]  # "Competition and Markets Authority": one body
        known_left = self.kb.lookup(left.text) is not None or left[-1].text in self.lex["legal_suffixes"]
        if (len(right) >= 2 and right[-1].text in self.lex["legal_suffixes"]) or known_left:
            return [(left, etype), (right, etype)]
        return [(span, etype)]

    def trim(self, ent: Span) -> Span | None:
        """Drop leading determiners, trailing possessives, a bracket and anything after it, and
        anything across a line break."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space):
            start += 1
        for k in range(start + 1, end):
            if doc[k].text == "(":  # "Contemporary Amperex Technology Co (CATL": the acronym is an alias
                end = k
                break
            if doc[k].tag_ == "POS" and k + 1 < end and doc[k + 1].lower_ in self.corporate_possessions:
                end = k  # "Chevron's Board of Directors": the company, not its board
                break
            legal = self.lex["legal_suffixes"]
            after_legal = doc[k - 1].text.endswith(".") and doc[k - 1].text in legal and doc[k].text not in legal
            if after_legal and (doc[k].is_title or doc[k].is_sent_start):
                end = k  # "WK Kellogg Co. Mars's brands": the parser missed the sentence end
                break
        while end > start and (
            doc[end - 1].tag_ == "POS"
            or doc[end - 1].is_punct
            and doc[end - 1].text != "."
            or doc[end - 1].is_space
            or doc[end - 1].lower_ in {"and", "or", "of", "on", "for", "in", "at", "the", "to"}
        ):
            end -= 1
        for k in range(start, end):
            if "\n" in doc[k].text:
                end = k
                break
        return doc[start:end] if end > start else None

    def is_business_argument(self, run: Span, places: bool = True) -> bool:
        """A capitalised name doing or undergoing a deal is a company: "Adobe agreed to buy Figma"."""
        root = run.root
        if len(run) > 3 or root.i == run.sent.start and len(run) == 1 and root.dep_ != "nsubj":
            return False
        if root.dep_ == "pobj" and root.head.lower_ in {"in", "into", "with", "for", "from"}:
            if not places:
                return False  # "invest in Szeged": a place can follow these too
            root = root.head  # "invest $1.5 billion in G42": the preposition's attachment decides
            if root.head.pos_ in {"NUM", "NOUN"} and root.head.dep_ == "dobj":
                root = root.head
            return root.head.pos_ == "VERB" and root.head.lemma_ in self.lex["org_context_verbs"]
        verb = root.head
        while verb.dep_ in {"xcomp", "aux"} and verb.head != verb and verb.pos_ != "VERB":
            verb = verb.head
        if root.dep_ in {"nsubj", "dobj", "nsubjpass"} and verb.pos_ == "VERB":
            lemmas = {verb.lemma_} | {c.lemma_ for c in verb.children if c.dep_ == "xcomp"}
            return bool(lemmas & set(self.lex["org_context_verbs"]))
        return False

    def type_from_form(self, span: Span) -> tuple[str | None, str | None]:
        """Type from the name's own words: "X Labs" is a company, "X Authority" a regulator,
        "Directorate General of Civil Aviation" and "European Central Bank" government bodies."""
        words = [t.text for t in span]
        if len(words) < 2:
            return None, None
        of = words.index("of") if "of" in words else len(words)
        name = words[:of] or words
        last = name[-1]
        text = " ".join(name)
        gov_heads = set(self.lex["gov_heads"])
        if words[-1] in self.lex["law_heads"]:
            return None, None
        if len(name) >= 2 and name[-2] in self.lex["org_over_gov_words"] and last in gov_heads:
            return "Organization", None  # "Qatar Investment Authority": a fund
        if any(f" {text}".endswith(f" {p}") for p in self.lex["gov_head_phrases"]):
            return "GovernmentBody", None
        if last in gov_heads or of < len(words) and any(w in gov_heads for w in name):
            return "GovernmentBody", None
        if name[0] in self.lex["gov_domain_words"] and last in self.lex["gov_unit_heads"]:
            return "GovernmentBody", None  # "Defense Innovation Unit"
        if last in self.org_words:
            return "Organization", None
        if last in self.lex["named_place_heads"] and not any(w in self.org_words or w in gov_heads for w in name):
            return "Location", None  # "Custer National Forest", "Brushy Mountain Penitentiary": a named place
        first = self.kb.lookup(span[0].text)
        if first and first.type == "Product" and any(t.like_num for t in span[1:]):
            return "Product", first.kind  # a member of a known family: "Claude 3 Haiku"
        return None, None

    def kind_from_head(self, span: Span) -> str | None:
        """Product kind from the noun after a name: "Grace CPU", "EPYC processors", and after a list
        of names and modifiers: "the Terraform and Vault infrastructure software"."""
        doc = span.doc
        end = span.end
        # skip coordinated names: "Terraform and Vault software", "Lynx, Boxer and Puma vehicles"
        while end + 1 < len(doc) and doc[end].text in {",", "and", "or"} and doc[end + 1].pos_ == "PROPN":
            end += 1
            while end < len(doc) and (
                doc[end].pos_ in {"PROPN", "NUM"}
                or doc[end].tag_ == "POS"
                or not doc[end - 1].whitespace_
                and (doc[end].text == "-" or doc[end].text[:1].isupper())
            ):
                end += 1  # "Jaguar I-PACE and Ford Mustang Mach-E vehicles"
        nxt = doc[end] if end < len(doc) else None
        if nxt is None:
            return None
        if nxt.text == "-" and end + 1 < len(doc) and doc[end + 1].tag_ in {"VBN", "VBD", "JJ"}:
            return None  # "England-based chip designer": the name is the place, not the chip
        if nxt.lower_ in {"-", "data"} and end + 2 < len(doc):  # "data-center CPU"
            nxt = next(
                (t for t in doc[end : end + 4] if t.pos_ == "NOUN" and t.lower_ not in {"data", "center"}),
                nxt,
            )
        if nxt.lower_ in self.product_heads:
            return self.product_heads[nxt.lower_]
        # "the Lynx infantry fighting vehicle", "its PowerArtist RTL power analysis product"
        for t in doc[end : end + 6]:
            if t.tag_ in {"NN", "NNS", "JJ", "NNP", "VBG", "RB"} or t.text == "-":
                if t.pos_ == "NOUN" and t.lower_ in self.product_heads:
                    nxt2 = doc[t.i + 1] if t.i + 1 < len(doc) else None
                    carrier = nxt2 is not None and nxt2.lower_ in {"platform", "technology", "family", "line"}
                    if nxt2 is None or nxt2.pos_ != "NOUN" or carrier:
                        return self.product_heads[t.lower_]  # "the Zydis ... tablet platform"
                continue
            break
        return None

    def correct_type(self, span: Span, etype: str) -> tuple[str | None, str | None]:
        """Relabel a base-NER span using its form, the gazetteer and its context."""
        etype, kind, _evidence = self.typed(span, etype)
        return etype, kind

    def typed(self, span: Span, etype: str) -> tuple[str | None, str | None, bool]:
        """(type, kind, whether evidence decided it rather than the base model's label alone)."""
        known = self.kb.lookup(span.text)
        if known and (not known.context or self.has_context(span, known.context)):
            return known.type, known.kind, True  # a context-only name ("Lambda") is typed from context elsewhere
        if self.based_place(span):
            return "Location", None, True  # "The Swindon-based mutual": the name is the place
        form_type, kind = self.type_from_form(span)
        if etype == "Location" and span[0].lower_ in COMPASS:
            form_type = None  # "West Bank", "South Korea"
        if form_type == "Location" and etype == "Person":
            form_type = None  # "Jennifer Hall", "Tom Rivers": a person's surname can be a place word
        if form_type and not (etype == "Person" and form_type == "Organization" and self.person_evidence(span)):
            return form_type, kind, True
        if span[-1].text in self.lex["law_heads"]:
            return None, None, True  # "Securities Exchange Act": a law, not an organisation
        if self.acronym_after(span):
            return ("GovernmentBody" if etype == "GovernmentBody" else "Organization"), None, True
        title_after = span.end < len(span.doc) and span.doc[span.end].lower_ in {"secretary", "minister"}
        if etype == "Organization" and len(span) == 1 and title_after and span[0].is_title:
            return "GovernmentBody", None, True  # "Transportation Secretary Pete Buttigieg": his department
        if etype != "Location" and self.city_before_region(span):
            return "Location", None, True  # "Bothell, Washington-based Seagen", "in Anagni, Italy"
        if etype == "Person" and not self.person_context(span) and self.before_place_noun(span):
            return "Location", None, True  # "Ashe and Alleghany counties"
        if etype == "Organization" and self.written_as_place(span):
            return "Location", None, True  # "HARTVILLE, Ohio", "Tazewell and Bland counties"
        person = self.person_evidence(span)
        if etype == "Person":
            first = self.kb.lookup(span[0].text) if len(span) > 1 else None
            if self.person_context(span):
                return "Person", None, True
            if first is not None and first.type in ORG_TYPES:
                kind = self.product_context(span)  # "Leonardo DRS": a unit named after its owner
                return ("Product", kind, True) if kind else ("Organization", None, True)
            if person:
                return "Person", None, True
            kind = self.product_context(span)
            if kind or any(t.like_num for t in span):
                return "Product", kind or "other", True
            if self.owned_by_place(span) and not self.is_surname(span):
                return "Organization", None, True  # "Denmark's Genmab": a country's company
            if self.org_evidence(span):
                return "Organization", None, True
            return "Person", None, False
        nationality = span[0].ent_type_ == "NORP" or span[0].tag_ == "JJ"
        first_place = self.kb.lookup(span[0].text)
        place_name = etype == "Location" and span.text in self.places
        if first_place is not None and first_place.type == "Location" or place_name:
            # "U.S. Embassy": a place, not a person's initials; "Paris Hilton said she" is a person
            person = len(span) > 1 and not place_name and self.person_context(span)
        elif etype == "Location" and person and span.root.dep_ == "pobj":
            # "the ambassador to Cuba, who said": "who" is the ambassador
            given = len(span) > 1 and span[0].text in self.given_names
            person = self.honorific_before(span) or self.titled(span) or given
        titled_apposition = len(span) == 1 and self.near_role(span)
        strong = len(span) > 1 or self.person_context(span) or titled_apposition
        if person and strong and self.is_name(span) and not nationality:
            return "Person", None, True
        kind = self.product_context(span)
        if kind:
            return "Product", kind, True
        if etype == "Location":
            if span.text in self.places or span[0].lower_ in COMPASS:
                return "Location", None, True
            if self.org_evidence(span, place=True):
                return "Organization", None, True  # "sovereign fund Mubadala", "Salesforce bought Tableau"
            return "Location", None, False
        if etype == "Organization" and self.surname_alone(span):
            return "Person", None, True  # "Okafor said", "Okafor's widow"
        if etype == "Organization" and self.org_evidence(span):
            return "Organization", None, True
        if etype == "Product":
            return "Product", "other", False
        return etype, None, False

    def based_place(self, span: Span) -> bool:
        """ "The Swindon-based mutual", "Leeds-based Asda": a place a company is based in, not the
        product something is built on ("a Lynx-based combat system")."""
        doc = span.doc
        end = span.end
        if end + 1 >= len(doc) or doc[end].text != "-" or doc[end + 1].lower_ not in {"based", "headquartered"}:
            return False
        for t in doc[end + 2 : end + 6]:
            if t.pos_ == "PROPN" or t.text[:1].isupper():
                return True  # "Chicago-based Kellanova"
            if t.lower_ in self.lex["org_cue_nouns"] or t.lower_ in self.lex["descriptor_heads"]:
                return True  # "the Swindon-based mutual", whatever part of speech the parser gives "mutual"
            if t.pos_ in {"NOUN", "VERB", "AUX", "ADP", "PUNCT"}:
                return False  # "a Lynx-based combat system"
        return False

    def city_before_region(self, span: Span) -> bool:
        """ "Bothell, Washington-based", "based in Anagni, Italy": a name, a comma and a known place
        that is written as the name's region."""
        doc = span.doc
        end = span.end
        if end + 1 >= len(doc) or doc[end].text != ",":
            return False
        region = self.kb.lookup(doc[end + 1].text)
        if region is None or region.type != "Location":
            region_end = next((k for k in (end + 3, end + 2) if self.kb.lookup(doc[end + 1 : k].text)), None)
            if region_end is None or self.kb.lookup(doc[end + 1 : region_end].text).type != "Location":
                return False
        else:
            region_end = end + 2
        based = region_end + 1 < len(doc) and doc[region_end].text == "-" and doc[region_end + 1].lower_ == "based"
        placed = span.start > 0 and doc[span.start - 1].lower_ in {"in", "of", "from", "near", "outside"}
        return based or placed

    def region_after(self, span: Span) -> bool:
        """Is the name followed by a comma and a known place: "HARTVILLE, Ohio", "Brandon, Fla."?"""
        doc = span.doc
        end = span.end
        if end + 1 >= len(doc) or doc[end].text != ",":
            return False
        for k in (end + 3, end + 2):
            known = self.kb.lookup(doc[end + 1 : k].text) if k <= len(doc) else None
            if known is not None and known.type == "Location":
                return True
        return False

    def written_as_place(self, span: Span) -> bool:
        """What the base model calls an organisation is written the way places are: an all-caps
        dateline name before its region, a name before a place noun ("Tazewell and Bland
        counties", "the Hartville district"), a town as an apposition ("Hartville, a mill town"),
        where a company is ("Acme Pipe Co. of Hartville"), a compass word ("the Northwest"), or
        one unknown word after "in" or "near" that nothing marks as a company."""
        doc = span.doc
        text = span.text
        if len(span) == 1 and text.lower() in COMPASS | {"northwest", "northeast", "southwest", "southeast", "midwest"}:
            return True
        line_start = span.start == span.sent.start or "\n" in doc[span.start - 1].text
        if text.isupper() and len(text) > 3 and line_start and self.region_after(span):
            return True
        if any(t.is_upper and len(t) > 1 for t in span) or self.is_known_org(text):
            return False  # acronyms name organisations: "in NATO", "RSK"
        if self.before_place_noun(span):
            return True
        if span.end + 2 < len(doc) and doc[span.end].text == ",":
            head = self.apposition_head(doc, span.end + 1)
            if head is not None and head.is_lower and head.lower_ in self.lex["place_nouns"]:
                return True
        if (
            span.start >= 2
            and doc[span.start - 1].lower_ == "of"
            and doc[span.start - 2].text in self.lex["legal_suffixes"]
        ):
            return True  # "Acme Pipe Co. of Hartville"
        if len(span) > 2 or not all(t.is_title for t in span) or span[0].text in self.given_names:
            return False
        before = " ".join(t.lower_ for t in doc[max(0, span.start - 2) : span.start])
        placed = any(f" {before}".endswith(f" {w}") for w in self.lex["places_before_name"])
        if not placed or self.org_evidence(span, place=True) or self.is_business_argument(span):
            return False
        head = doc[span.start - 1].head
        return not (head.pos_ in {"NOUN", "VERB"} and head.lemma_ in {"stake", "invest", "investment", "job", "work"})

    def before_place_noun(self, span: Span) -> bool:
        """Names before a lower-case place noun: "Tazewell, Bland and Wise counties", "the Hartville
        district" (not "Acme village stores")."""
        doc = span.doc
        end = span.end
        while end + 1 < len(doc) and doc[end].text in {",", "and", "or"} and doc[end + 1].pos_ == "PROPN":
            end += 2
            while end < len(doc) and doc[end].pos_ == "PROPN":
                end += 1
        if end >= len(doc) or not doc[end].is_lower or doc[end].lower_ not in self.lex["place_nouns"]:
            return False
        after = doc[end + 1] if end + 1 < len(doc) else None
        return after is None or after.pos_ != "NOUN"

    def owned_by_firm(self, span: Span) -> bool:
        """A name possessed by a company: "BT's EE"."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].tag_ != "POS":
            return False
        owner = doc[span.start - 2]
        return owner.ent_type_ == "ORG" or self.is_known_org(owner.text)

    def owned_by_place(self, span: Span) -> bool:
        """ "Denmark's Genmab", "Japan's Astellas": a name possessed by a known place."""
        doc = span.doc
        if len(span) != 1 or span.start < 2 or doc[span.start - 1].tag_ != "POS":
            return False
        owner = doc[span.start - 2]
        known = self.kb.lookup(owner.text)
        return known is not None and known.type == "Location" and not self.titled(span)

    def product_context(self, span: Span) -> str | None:
        """Product kind from the words around a name: a head noun after it ("its Chrome browser",
        "the Terraform and Vault infrastructure software"), an apposition ("Summit, the IBM-built
        supercomputer"), "the Jira maker", or a conjunct of a product noun ("the Arc browser and Dia")."""
        kind = self.kind_from_head(span)
        if kind:
            return kind
        doc = span.doc
        end = span.end
        maker = end + 1 < len(doc) and doc[end].lower_ in {"maker", "makers", "developer", "creator"}
        maker = maker and doc[end + 1].lower_ != "of" and span[0].ent_type_ != "NORP"  # "the Franco-German maker of"
        if maker and span.start > 0 and doc[span.start - 1].lower_ in {"the", "its", "a"}:
            return "other"  # "the Jira maker said": Jira is what it makes
        if end + 2 < len(doc) and doc[end].text == ",":
            head = self.apposition_head(doc, end + 1)
            if head is not None and head.lower_ in self.product_heads:
                return self.product_heads[head.lower_]
        root = span.root
        if root.dep_ == "conj" and root.head.lower_ in self.product_heads and root.head.i < span.start:
            return self.product_heads[root.head.lower_]
        head = root.head
        if root.dep_ == "appos" and head.is_lower and head.lower_ in self.product_heads and head.i < span.start:
            return self.product_heads[head.lower_]  # "Adobe's own design tool, Adobe XD"
        return None

    def apposition_head(self, doc: Doc, start: int) -> Any:
        """The head noun of an apposition that starts at ``start`` with a determiner or possessive:
        "the IBM-built supercomputer", "Mellanox's family of programmable network processors"."""
        first = doc[start]
        possessed = first.tag_ == "POS" or start + 1 < len(doc) and doc[start + 1].tag_ == "POS"
        if not (first.lower_ in {"a", "an", "the", "its", "their", "our"} or possessed):
            return None
        head = None
        for t in doc[start : start + 10]:
            if t.text in {",", ".", ";", ":", ")"} or t.lower_ in {"which", "who", "that", "whose", "and"}:
                break
            if t.pos_ in {"PRON", "AUX"} or t.pos_ == "VERB" and t.tag_ != "VBN" and t.dep_ != "amod":
                break  # "the document startup he co-founded"; "a driving model" goes on
            if t.lower_ == "of" and head is not None and head.lower_ in {"family", "line", "range", "series"}:
                head = None  # "family of ... processors": the kind is after "of"
                continue
            if t.lower_ in {"of", "in", "at", "for", "with", "from", "to", "on", "by"}:
                break
            if t.pos_ in {"NOUN", "PROPN"} and t.tag_ != "POS":
                head = t
        return head

    # -- persons -------------------------------------------------------------------------
    def is_name(self, span: Span) -> bool:
        """Shaped like a person's name: capitalised words or initials, with name particles, not
        ending in a company, government or place word."""
        words = [t.text for t in span]
        if not words or words[-1] in self.not_name_ends or len(words) > 5:
            return False
        if all(w.lower() in self.title_words for w in words):
            return False  # "Chief Executive Officer and General Manager"
        for w in words:
            if w in NAME_PARTICLES or INITIAL.match(w):
                continue
            core = w.replace("-", "").replace("'", "").replace("\u2019", "").replace(".", "")
            if not core.isalpha() or not w[:1].isupper() or w.isupper() and len(w) > 2:
                return False
        return not INITIAL.match(words[-1]) and not (words[-1].isupper() and len(words[-1]) > 1)

    def abbreviated_honorific_before(self, span: Span) -> bool:
        doc = span.doc
        if span.start == 0:
            return False
        word = doc[span.start - 1].text
        return word in self.honorifics and (word.endswith(".") or word in {"Mr", "Mrs", "Ms", "Dr", "Miss", "Mx"})

    def honorific_before(self, span: Span) -> bool:
        doc = span.doc
        return span.start > 0 and doc[span.start - 1].text in self.honorifics

    def titled(self, span: Span) -> bool:
        """A title right before the name: "chief executive Jane Doe", "Chancellor Olaf Scholz"."""
        doc = span.doc
        if span.start == 0:
            return False
        words = [t.lower_ for t in doc[max(0, span.start - 4) : span.start]]
        return any(" ".join(words[k:]) in self.title_set for k in range(len(words)))

    def person_evidence(self, span: Span) -> bool:
        """Cues that a name is a person's: a given name, an honorific or title before it, an age,
        "who" or "he" after it, or an apposition headed by a role."""
        first = span[0].text
        named = first in self.given_names or INITIAL.match(first) or first in self.honorifics
        if len(span) >= 2 and named and self.is_name(span):
            return True
        return self.person_context(span) or self.near_role(span)

    def person_context(self, span: Span) -> bool:
        """Cues around a name that only a person has: "Mr. X", "chief executive X", "X, 45,",
        "X, who", "X said he"."""
        doc = span.doc
        if self.honorific_before(span) or self.titled(span):
            return True
        end = span.end
        if end + 2 < len(doc) and doc[end].text == "," and AGE.match(doc[end + 1].text) and doc[end + 2].is_punct:
            return 0 < int(doc[end + 1].text) < 120  # "Jane Doe, 45, said"
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who":
            return True
        if end < len(doc) and doc[end].lower_ == "who" and doc[end].dep_ in {"nsubj", "nsubjpass"}:
            return True
        return self.pronoun_after(span) or self.person_predicate(span)

    def person_predicate(self, span: Span) -> bool:
        """What only happens to people: "Booth shot Lincoln", "Smith was born in 1920", "X died"."""
        root = span.root
        verb = root.head
        cues = self.lex["person_predicates"]
        if root.dep_ in {"dobj", "nsubjpass"} and verb.lemma_ in cues["undergoes"]:
            return True
        return root.dep_ in {"nsubj", "nsubjpass"} and verb.lemma_ in cues["does"]

    @staticmethod
    def pronoun_after(span: Span) -> bool:
        """ "Okonkwo said he was relieved": the next name-like word of the sentence is "he" or "she"."""
        doc = span.doc
        if span.root.dep_ not in {"nsubj", "nsubjpass"}:
            return False
        for t in doc[span.end : min(span.end + 8, span.sent.end)]:
            if t.lower_ in {"he", "she"} and t.dep_ in {"nsubj", "nsubjpass"}:
                return True
            if t.pos_ in {"PROPN", "PRON"} or t.text in {".", ";", '"'}:
                return False
        return False

    def org_evidence(self, span: Span, place: bool = False) -> bool:
        """Cues that a name is an organisation's: a company noun before it ("the startup X") or as
        its apposition ("X, a Y-based lender", "the startup, X,"), "X's chief executive", "X chief
        executive Jane Doe", "Y-based X", "the purchase of X" or, for one word, a deal verb."""
        doc = span.doc
        cue_nouns = self.lex["org_cue_nouns"]
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and (before.lower_ in cue_nouns or before.lemma_ in cue_nouns) and before.pos_ == "NOUN":
            return True  # "the startup X", "the discounters Aldi and Lidl"
        if self.org_apposition(span) or self.acronym_after(span):
            return True
        root = span.root
        if root.dep_ == "appos" and root.head.lower_ in cue_nouns:
            return True  # "their first cloud security startup, Adallom, ..."
        if span.end + 1 < len(doc) and doc[span.end].tag_ == "POS":
            after = " " + " ".join(t.lower_ for t in doc[span.end + 1 : span.end + 5]) + " "
            if any(after.startswith(f" {p} ") for p in self.corporate_possessions):
                return True
        if span.end < len(doc) and root.dep_ == "compound" and root.head.i >= span.end:
            after = " " + " ".join(t.lower_ for t in doc[span.end : span.end + 3]) + " "
            if any(after.startswith(f" {p} ") for p in self.lex["company_compounds"]):
                return True  # "Tower chief executive Russell Ellwanger", "a new Ubisoft subsidiary"
        if span.start >= 2 and doc[span.start - 1].lower_ == "based" and doc[span.start - 2].text == "-":
            return True  # "Sao Paulo-based Nubank"
        if span.start >= 2 and doc[span.start - 1].tag_ == "POS" and doc[span.start - 2].ent_type_ == "PERSON":
            return not self.person_evidence(span)  # "Warren Buffett's Berkshire Hathaway": what a person owns
        if root.dep_ == "pobj" and root.head.lower_ in {"of", "on", "for", "in"}:
            noun = root.head.head
            if root.head.lower_ == "of" and noun.lemma_ in self.lex["purchase_nouns"]:
                return True  # "AMD's purchase of ATI", "a stake of 10% in X" reads below
            if root.head.lower_ in {"on", "for"} and noun.lemma_ in self.lex["purchase_verbs"]:
                return True  # "the $16.7 billion Intel spent on Altera", "paid $6.5 billion for MuleSoft"
            if root.head.lower_ == "in" and noun.lemma_ in {"stake", "holding", "shareholding"}:
                return True
        if len(span) == 1 and span.text not in self.given_names and not self.is_surname(span):
            return self.deal_subject(span) or place and self.bought(span)
        return False

    @staticmethod
    def acronym_after(span: Span) -> bool:
        """ "Leonardo Rheinmetall Military Vehicles (LRMV)": people are not given acronyms."""
        doc = span.doc
        if len(span) < 2 or span.end + 2 >= len(doc) or doc[span.end].text != "(" or doc[span.end + 2].text != ")":
            return False
        acr = doc[span.end + 1].text
        return acr.isupper() and acr == "".join(t.text[0] for t in span if t.text[:1].isupper())

    def bought(self, span: Span) -> bool:
        """The object of a purchase: "Salesforce bought Tableau" (countries are not bought)."""
        root = span.root
        verb = root.head
        bought = verb.lemma_ in self.lex["purchase_verbs"] and verb.lemma_ not in {"spend", "pay"}
        return root.dep_ in {"dobj", "nsubjpass"} and bought

    def deal_subject(self, span: Span) -> bool:
        """The subject of a verb only companies do: "Nubank raised ...", "Tableau agreed to merge"."""
        root = span.root
        if root.dep_ not in {"nsubj", "nsubjpass"}:
            return False
        verb = root.head
        lemmas = {verb.lemma_} | {c.lemma_ for c in verb.children if c.dep_ == "xcomp"}
        return bool(lemmas & set(self.lex["company_verbs"]))

    def is_surname(self, span: Span) -> bool:
        doc = span.doc
        memo = self.memo.of(doc)
        surnames = memo.get("surnames")
        if surnames is None:  # once per Doc, before doc.ents is replaced
            surnames = memo["surnames"] = sorted({e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1})
        return span.text in surnames

    def surname_alone(self, span: Span) -> bool:
        """One unknown capitalised word the base model calls an organisation, written as people
        are: the speaker of "said" or "insists" ("Okafor said"), or the owner of a family or a
        killer ("Okafor's widow"); known companies and company cues keep it an organisation."""
        doc = span.doc
        word = span[0]
        if len(span) != 1 or not word.is_title or len(word) < 3 or self.kb.lookup(word.text) is not None:
            return False
        if span.text in self.places or self.org_evidence(span):
            return False
        if span.end + 1 < len(doc) and doc[span.end].tag_ == "POS":
            return doc[span.end + 1].lower_ in self.lex["person_possessions"]
        verb = word.head
        return word.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_ in self.lex["speech_verbs"]

    def org_apposition(self, span: Span) -> bool:
        """Is the name followed by ", a/the <company noun>": "X, a unit of Y", "X, a data startup",
        "Quip, the document startup he co-founded", "IndiGo, India's largest airline"?"""
        doc = span.doc
        if span.end + 2 >= len(doc) or doc[span.end].text != ",":
            return False
        head = self.apposition_head(doc, span.end + 1)
        return head is not None and (head.lower_ in self.lex["org_cue_nouns"] or head.lemma_ in {"unit", "subsidiary"})

    def near_role(self, span: Span) -> bool:
        """A role word right before or after a name marks a person: "chief executive Sam Altman"."""
        doc = span.doc
        before = doc[max(0, span.start - 2) : span.start].text.lower()
        if any(before.endswith(r) for r in self.roles):
            return True
        # "X, a co-founder and former chief scientist of Y": an apposition headed by a role
        if span.end >= len(doc) or doc[span.end].text != ",":
            return False
        words = []
        for t in doc[span.end + 1 : span.end + 8]:
            if t.text in {",", "."} or t.lower_ in {"of", "at", "for", "who", "which"}:
                break
            words.append(t.lower_)
        words = " ".join(words).replace(" - ", "-").split()
        # every run of up to three words: "Tidwell, a retired CIA officer", "Lincoln, the 16th president"
        return any(" ".join(words[i : i + n]) in self.apposition_roles for n in (1, 2, 3) for i in range(len(words)))

    # -- one name, one type ---------------------------------------------------------------
    @staticmethod
    def one_type_per_name(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """A name typed from evidence somewhere ("its Chrome browser") has that type where the
        article repeats it without evidence ("Google keeps Chrome")."""
        texts = token_texts(doc)
        decided: dict[tuple[str, ...], list[Candidate]] = {}
        for c in chosen:
            if c.evidence:
                decided.setdefault(tuple(texts[c.start : c.end]), []).append(c)
                if c.core and c.type == "Product":  # "Microsoft Teams" decides for "Teams"
                    decided.setdefault(tuple(c.core.split()), []).append(c)
        out = []
        for c in chosen:
            found = decided.get(tuple(texts[c.start : c.end]))
            if found and not c.evidence and c.source != "gazetteer":
                votes: dict[str, int] = {}
                for f in found:
                    votes[f.type] = votes.get(f.type, 0) + 1
                best = max(found, key=lambda f: votes[f.type])
                c = replace(c, type=best.type, kind=best.kind, evidence=True)
            out.append(c)
        return out

    def coordinated_types(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """Names listed together are things of one kind: "Tesco, Aldi and Lidl", "BYD, Geely and
        SAIC Motor" -- a name the model alone typed takes the type its listed neighbours have."""
        at = {i: n for n, c in enumerate(chosen) for i in range(c.start, c.end)}
        out = list(chosen)
        for n, c in enumerate(chosen):
            if c.evidence or c.type not in {"Person", "Location", "Organization"} or c.length > 3:
                continue
            if c.type == "Location" and doc[c.start : c.end].text in self.places:
                continue
            root = doc[c.start : c.end].root
            listed = [t for c_ in root.conjuncts for t in (c_, *(a for a in c_.children if a.dep_ == "appos"))]
            neighbours = [chosen[at[t.i]] for t in listed if t != root and t.i in at]
            kinds = {o.type for o in neighbours if o.evidence}
            if any(o.type == c.type for o in neighbours):
                continue  # "Colombia, Bolivia, Ecuador": a list of places stays one
            if c.type == "Organization" and kinds != {"Product"}:
                continue  # an organisation changes only to a product: "into Photoshop and Illustrator"
            if len(kinds) == 1 and kinds <= ORG_TYPES | {"Product"}:
                kind = next((o.kind for o in neighbours if o.type == "Product" and o.kind), "other")
                out[n] = replace(c, type=next(iter(kinds)), kind=None if kinds <= ORG_TYPES else kind)
        return out

    def consistent_types(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """A surname alone is the person named in full elsewhere ("Scholz" after "Olaf Scholz"), a
        first word alone the company ("Scale" after "Scale AI"), unless the gazetteer knows it."""
        texts = token_texts(doc)
        surnames = {texts[c.end - 1] for c in chosen if c.type == "Person" and c.length > 1}
        firsts = {texts[c.start] for c in chosen if c.type in ORG_TYPES and c.length > 1 and not c.key}
        one_word_orgs = {texts[c.start] for c in chosen if c.type in ORG_TYPES and c.length == 1}
        models = {
            texts[c.start]: c
            for c in chosen
            if c.type == "Product" and c.length > 1 and MODEL_CODE.match(texts[c.end - 1]) and not c.key
        }
        models.update({texts[c.start]: c for c in chosen if c.type == "Product" and c.core and len(c.core.split()) > 1})
        out = []
        for c in chosen:
            span = doc[c.start : c.end]
            named_after_firm = c.length > 1 and texts[c.start] in one_word_orgs
            if c.type == "Person" and named_after_firm and not self.person_context(span):
                kind = self.product_context(span)  # "Ansys Fluent" where the article names Ansys
                c = replace(c, type="Product" if kind else "Organization", kind=kind)
            model = models.get(texts[c.start]) if c.length == 1 else None
            weak = not c.evidence and c.source != "gazetteer" and c.type not in ORG_TYPES | {"Product"}
            if model is not None and weak:  # "Airbus" stays the maker of the "Airbus A350"
                c = replace(c, type="Product", kind=model.kind)  # "the Panther" after "Panther KF51"
            if c.length == 1 and not c.key and c.source != "gazetteer":
                word = texts[c.start]
                span = doc[c.start : c.end]
                if word in surnames and word not in firsts and c.type != "Person":
                    if not self.org_evidence(span):
                        c = replace(c, type="Person", kind=None)
                elif word in firsts and word not in surnames and c.type == "Person" and not self.person_evidence(span):
                    c = replace(c, type="Organization", kind=None)
                elif word in firsts and c.type == "Location" and word not in self.places:
                    c = replace(c, type="Organization", kind=None)  # "EG" after "EG Group"
            out.append(c)
        return out

    # -- junk ----------------------------------------------------------------------------
    def is_junk(self, doc: Doc, c: Candidate) -> bool:
        """Not entities: single letters, tickers, "Series E", section labels, the agency of a dateline."""
        span = doc[c.start : c.end]
        text = span.text
        if c.source == "gazetteer" and c.type != "Location":
            return False
        if text in self.lex["diseases"] or text in self.lex["not_codes"] or not any(ch.isupper() for ch in text):
            return True  # "Covid-19", "Q3", "frequent-flyer miles": a disease, a quarter, lower-case words
        one_word_org = c.length == 1 and c.source == "ner" and not c.evidence and c.type == "Organization"
        modifier = c.end < len(doc) and doc[c.end].pos_ == "NOUN" and doc[c.end].is_lower
        if one_word_org and span[0].is_sent_start and modifier and text.lower() in self.lower_words(doc):
            return True  # "Software problems delayed ...": a common word opening the sentence
        if self.contact_line(doc, span):
            return True  # "Media contacts: Wayve Communications": a press office
        words = text.split()
        if len(words) == 2 and words[0] in self.lex["round_letters_before"] and len(words[1]) <= 3:
            return True  # "Series C": a funding round
        if len(words) == 2 and words[1] == "AI" and not c.key and re.search(ADJECTIVE_END, words[0]):
            return True  # "Embodied AI", "Generative AI": a field of AI, not a company
        weak = c.length == 1 and c.source == "ner" and not c.evidence and c.type in {"Product", "Person"}
        if weak and span[0].is_sent_start and text.lower() in self.lower_words(doc):
            return True  # "Round led by SoftBank": a common word at the start of a line
        dateline_end = doc._.dateline_end
        if dateline_end is not None and span.end_char <= dateline_end and c.type != "Location":
            return True  # "WASHINGTON (Reuters) -": the agency writes the article, it is not in it
        if len(text.rstrip(".")) <= 1:
            return True
        if c.type == "Location" and text in self.lex["generic_regions"]:
            return True  # "Europe", "the Gulf": a region of the world, not a place a firm is based in
        before = doc[c.start - 1] if c.start > 0 else None
        if c.length == 1 and any(ch.isdigit() for ch in text) and self.after_flight_word(doc, c.start):
            return True  # "a flight numbered AI2286", "boarded flight BA117": a flight, not a product
        if before is not None and before.text in self.lex["round_letters_before"] and len(text) <= 2:
            return True  # "Series E"
        exchanges = self.lex["stock_exchanges"]
        if before is not None and before.text == ":" and c.start > 1 and doc[c.start - 2].text in exchanges:
            return True  # "(Nasdaq: SNPS)"
        line_start = c.start == 0 or "\n" in doc[c.start - 1].text
        if c.length == 1 and text.isupper() and c.end < len(doc) and doc[c.end].text == ":" and line_start:
            return True  # "PORTS: CK Hutchison agrees ...": a section label
        bracketed = before is not None and before.text == "(" and c.end < len(doc) and doc[c.end].text == ")"
        # "main battle tank (MBT)": a term's abbreviation
        return bracketed and text.isupper() and self.initials_of_words(doc, c.start - 1, text)

    @staticmethod
    def after_flight_word(doc: Doc, start: int) -> bool:
        """Is a code written after "flight" (or "flight numbered"), or boarded like one?"""
        words = [t.lower_ for t in doc[max(0, start - 2) : start]]
        return "flight" in words or "flights" in words or bool(words) and words[-1] in {"boarded", "aboard"}

    def contact_line(self, doc: Doc, span: Span) -> bool:
        """Does the span stand on a line that begins with a contact label ("Media contacts:")?"""
        text = doc_text(doc)
        line = text[text.rfind("\n", 0, span.start_char) + 1 : span.start_char].lower()
        if ":" not in line:
            return False
        label = line.split(":", 1)[0].strip()
        return label in self.lex["contact_labels"]

    def lower_words(self, doc: Doc) -> set[str]:
        """The words the article writes in lower case (once per Doc)."""
        memo = self.memo.of(doc)
        words = memo.get("lower_words")
        if words is None:
            words = memo["lower_words"] = {t for t in token_texts(doc) if t.islower()}
        return words

    @staticmethod
    def initials_of_words(doc: Doc, bracket: int, acronym: str) -> bool:
        """Are the lower-case words before the bracket the acronym's words?"""
        words = [t for t in doc[max(0, bracket - len(acronym)) : bracket]]
        return (
            len(words) == len(acronym)
            and all(t.is_lower for t in words)
            and "".join(t.text[0] for t in words).upper() == acronym
        )

    # -- overlap resolution -------------------------------------------------------------
    def places_inside_names(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """A place from the gazetteer does not cut a longer name that contains it: "University of
        Texas", "Palo Alto Networks", "Central America", "New York City"; nor does a known company
        cut the name of its unit or product ("Meta Superintelligence Labs", "Microsoft Teams")."""
        longer = [c for c in candidates if c.source != "gazetteer" and c.type in ORG_TYPES | {"Location", "Person"}]
        ner = [c for c in candidates if c.source == "ner"]
        out = []
        for c in candidates:
            if c.source == "gazetteer" and c.type == "Location":
                # "George Washington", "Sydney J. Freedberg": a place's name inside a person's
                if any(o.start <= c.start and c.end <= o.end and o.length > c.length for o in longer):
                    c = replace(c, priority=PRIORITY_NER - 1)
            elif c.source == "cue" and c.priority == PRIORITY_CUE and c.type in ORG_TYPES | {"Person", "Product"}:
                # "Veltrix Cloud Services", "Mike Cannon-Brookes": the model's longer name of the same
                # kind beats "Cloud Services" or "Mike Cannon" read from form or role
                kinds = ORG_TYPES if c.type in ORG_TYPES else {c.type}  # "Assassin's Creed", not "Creed"
                inside = [o for o in ner if o.start <= c.start and c.end <= o.end and o.length > c.length]
                c = replace(c, priority=PRIORITY_NER - 1) if any(o.type in kinds for o in inside) else c
            out.append(c)
        return self.units_and_products_of_known_firms(doc, out + list(self.firms_and_regions(doc, out)))

    def firms_and_regions(self, doc: Doc, candidates: list[Candidate]) -> Iterator[Candidate]:
        """ "Honda North America", "Nippon Steel North America": a known firm and a region right
        after it, where the region is not a modifier ("the Honda Tokyo plant"), name the firm's unit."""
        places = {c.start: c for c in candidates if c.type == "Location" and c.source in {"gazetteer", "ner"}}
        for c in candidates:
            if c.source != "gazetteer" or c.type != "Organization" or c.end not in places:
                continue
            place = places[c.end]
            after = doc[place.end] if place.end < len(doc) else None
            if doc[c.end - 1].whitespace_ == "" or after is not None and (after.is_lower and after.pos_ == "NOUN"):
                continue
            if after is not None and after.text in {"-", "'s", "\u2019s"}:
                continue
            yield Candidate(c.start, place.end, "Organization", None, "", PRIORITY_GAZETTEER, None, "cue")

    def units_and_products_of_known_firms(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """The model's "Microsoft Teams" or "Intel Foundry Services" around the gazetteer's firm: a
        product named with its maker, or a unit; "Nvidia Corp." is the firm itself."""
        firms = [c for c in candidates if c.source == "gazetteer" and c.type in {"Organization", "Product"}]
        if not firms:
            return candidates
        known_places = [c for c in candidates if c.source == "gazetteer" and c.type == "Location"]
        places = {i for c in known_places for i in range(c.start, c.end)}
        known_tokens = {i for c in candidates if c.source == "gazetteer" for i in range(c.start, c.end)} - places
        unit_heads = set(self.lex["org_suffixes"]) | set(self.lex["org_heads"]) | set(self.lex["unit_words"])
        out = list(candidates)
        for n, c in enumerate(candidates):
            if c.source != "ner" or c.type == "Location":
                continue
            span = doc[c.start : c.end]
            if c.type in ORG_TYPES and len(span) > 2 and self.acronym_after(span):
                # "Leonardo Rheinmetall Military Vehicles (LRMV)": one company, not its parents' names
                for k, f in enumerate(out):
                    if f.source == "gazetteer" and c.start <= f.start and f.end <= c.end:
                        out[k] = replace(f, priority=PRIORITY_NER - 1)
                out[n] = replace(c, evidence=True, priority=PRIORITY_GAZETTEER)
                continue
            firm = next((f for f in firms if f.start == c.start and f.end < c.end), None)
            if firm is None:
                continue
            rest = doc[firm.end : c.end]
            if any(i in known_tokens for i in range(firm.end, c.end)) or not rest[0].text[:1].isupper():
                continue
            words = [t.text for t in rest]
            if all(w in self.lex["legal_suffixes"] for w in words):
                continue  # "Nvidia Corp.": the gazetteer's firm
            if firm.type == "Product":  # "GeForce Now service": a product of its own, named after the family
                plain = not any(w in self.org_words or w in self.lex["not_entities"] for w in words)  # "Claude AI"
                if plain and not any(t.like_num for t in rest) and rest[0].text[:1].isupper():
                    out[out.index(firm)] = replace(firm, priority=PRIORITY_NER - 1)
                    after = doc[c.end].lower_ if c.end < len(doc) else ""
                    kind = self.lex_product_kind(after) or firm.kind
                    out[n] = replace(c, type="Product", kind=kind, evidence=True, priority=PRIORITY_GAZETTEER)
                continue
            out[out.index(firm)] = replace(firm, priority=PRIORITY_NER - 1)
            placed = all(i in places for i in range(firm.end, c.end))  # "Nippon Steel North America"
            field = len(words) == 1 and words[0].endswith("ing") and len(words[0]) > 5  # "Microsoft Gaming"
            if words[-1] in unit_heads or placed or field:
                out[n] = replace(c, type="Organization", kind=None, evidence=True)
            elif not any(w in self.honorifics or w.lower() in self.titles for w in words):
                kind = c.kind if c.type == "Product" else self.product_context(doc[c.start : c.end])
                out[n] = replace(c, type="Product", kind=kind or "other", core=rest.text, evidence=True)
        return out

    def lex_product_kind(self, noun: str) -> str | None:
        """The kind a head noun gives, cloud services included ("the GeForce Now service")."""
        for kind, nouns in self.lex["product_heads"].items():
            if noun in nouns:
                return kind
        return None

    @staticmethod
    def resolve(candidates: list[Candidate]) -> list[Candidate]:
        """Higher priority first, then longer; a kept span blocks the tokens it covers."""
        taken: set[int] = set()
        chosen: list[Candidate] = []
        for c in sorted(candidates, key=lambda c: (-c.priority, -c.length, c.start)):
            if any(i in taken for i in range(c.start, c.end)):
                continue
            taken.update(range(c.start, c.end))
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def merge_place_qualifiers(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """A city and its state ("Secaucus, New Jersey", "REDMOND, Wash.") are one mention, of the
        city; the state is kept in ``doc._.place_qualifiers`` and becomes a place of its own."""
        out: list[Candidate] = []
        qualifiers: list[Span] = []
        state_abbrev = re.compile(self.lex["us_state_abbrev_pattern"])
        for c in chosen:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.type == "Location"
                and c.type == "Location"
                and c.start == prev.end + 1
                and doc[prev.end].text == ","
                and (c.key or state_abbrev.match(doc[c.start : c.end].text))
            ):
                prev.core = prev.core or doc[prev.start : prev.end].text
                qualifiers.append(Span(doc, c.start, c.end, label=c.type, kb_id=c.key))
                prev.end = c.end
                continue
            out.append(c)
        doc._.place_qualifiers = qualifiers
        return out

    # -- serialisation, as spaCy's rulers do -------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / GAZETTEER_FILE, self.kb.rows())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NewsEntityRecognizer:
        rows = list(srsly.read_jsonl(Path(path) / GAZETTEER_FILE))
        self.set_gazetteer(KnowledgeBase.from_rows(rows))
        return self


def pipeline_gazetteer(nlp: Language) -> KnowledgeBase:
    """The gazetteer of the pipeline's entity recogniser, its one owner; the packaged one when the
    pipeline has none. Looked up per Doc, so a gazetteer set or loaded later is the one used."""
    for _name, proc in nlp.pipeline:
        if isinstance(proc, NewsEntityRecognizer):
            return proc.kb
    return default_gazetteer()


@Language.factory(
    "newsgraph_entities",
    default_config={"gazetteer": None},
    # token.pos and token.morph come from the attribute ruler, whose spaCy factory declares nothing:
    # they follow from token.tag, which the tagger declares
    requires=["doc.ents", "token.tag", "token.dep", "token.lemma"],
    assigns=["doc.ents", "doc._.dates", "doc._.place_qualifiers", "span._.kind", "span._.core_name"],
)
def make_entities(nlp: Language, name: str, gazetteer: str | None) -> NewsEntityRecognizer:
    """``gazetteer``: path of a JSONL gazetteer to use instead of the packaged one."""
    kb = None
    if gazetteer:
        rows: list[dict[str, Any]] = list(srsly.read_jsonl(gazetteer))
        kb = KnowledgeBase.from_rows(rows)
    return NewsEntityRecognizer(nlp, name, kb)
