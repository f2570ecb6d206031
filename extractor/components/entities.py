"""Typed entity mentions: gazetteer first, then the base NER, corrected by context.

The base model's labels are often wrong for company and product names ("Anthropic" as
PERSON, "Nvidia" as GPE, "AI" as ORG). This component keeps the base NER's spans as
candidates, relabels them with schema types using the gazetteer and cue words from
``resources/lexicon.json``, adds names the base NER missed, and writes the result to
``doc.ents`` with labels that are schema types (Organization, Product, ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from ..extensions import register_extensions
from ..lexicon import KnowledgeBase, default_gazetteer, lexicon

GAZETTEER_FILE = "gazetteer.jsonl"
DATES_KEY = "newsgraph_dates"
PRIORITY_GAZETTEER, PRIORITY_CUE, PRIORITY_NER = 3, 2, 1


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    kind: str | None = None
    key: str = ""
    priority: int = PRIORITY_NER
    core: str | None = None

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

    # -- the component ---------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        # the base NER's dates feed relation attributes; keep them before doc.ents is replaced
        doc.spans[DATES_KEY] = [e for e in doc.ents if e.label_ == "DATE"]
        candidates = [*self.gazetteer_candidates(doc), *self.cue_candidates(doc), *self.ner_candidates(doc)]
        chosen = self.resolve(candidates)
        chosen = self.resolve(chosen + list(self.repeated_names(doc, chosen)))
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
            yield Candidate(start, end, entry.type, entry.kind, key, PRIORITY_GAZETTEER, core)

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
            if span is None or span.text in self.lex["not_entities"] or not any(t.is_alpha for t in span):
                continue
            span = self.with_of_phrase(span)
            etype, kind = self.correct_type(span, etype)
            if etype:
                yield Candidate(span.start, span.end, etype, kind, "", PRIORITY_NER)

    def cue_candidates(self, doc: Doc) -> Iterator[Candidate]:
        """Names the base NER misses, recognised from the words around them."""
        yield from self.colon_names(doc)
        cue_nouns = set(self.lex["org_cue_nouns"])
        typed = {"ORG", "PERSON", "GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
        ner_tokens = {i for e in doc.ents if e.label_ in typed for i in range(e.start, e.end)}
        for run in self.proper_runs(doc):
            if run.text in self.lex["not_entities"]:
                continue
            run = self.with_of_phrase(run)
            etype, kind = self.type_from_form(run)
            if etype is None:
                before = doc[run.start - 1] if run.start > 0 else None
                if before is not None and before.lower_ in cue_nouns and before.pos_ == "NOUN":
                    etype = "Organization"
            missed = not any(i in ner_tokens for i in range(run.start, run.end))
            if etype is None and self.org_apposition(run):
                etype = "Organization"  # "MosaicML, a unit of Databricks": the model missed the name
            if etype is None and 2 <= len(run) <= 3 and all(t.is_title for t in run) and self.near_role(run):
                etype = "Person"  # "Ilya Sutskever, a co-founder of OpenAI": the model missed the name
            if etype is None and missed and self.is_business_argument(run):
                etype = "Organization"
            if etype is None:
                kind = self.kind_from_head(run)
                if kind:
                    etype = "Product"
            if etype:
                # a family member ("Claude 3 Haiku") outranks the gazetteer's "Claude" inside it
                family = (
                    etype == "Product" and self.kb.lookup(run[0].text) is not None and any(t.like_num for t in run[1:])
                )
                yield Candidate(run.start, run.end, etype, kind, "", PRIORITY_GAZETTEER if family else PRIORITY_CUE)

    @staticmethod
    @staticmethod
    def repeated_names(doc: Doc, chosen: list[Candidate]) -> Iterator[Candidate]:
        """A name recognised once is the same thing wherever else the article writes it."""
        texts = [t.text for t in doc]
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
                    yield Candidate(i, i + n, c.type, c.kind, c.key, PRIORITY_NER, c.core)

    # -- helpers ----------------------------------------------------------------------
    def colon_names(self, doc: Doc) -> Iterator[Candidate]:
        """Names written with a colon and no spaces, such as "Run:ai"."""
        for colon in doc[1:-1]:
            if colon.text != ":" or colon.whitespace_:
                continue
            head, tail = doc[colon.i - 1], doc[colon.i + 1]
            if head.is_alpha and head.text[0].isupper() and not head.whitespace_ and tail.is_alpha:
                yield Candidate(head.i, head.i + 3, "Organization", None, "", PRIORITY_CUE)

    @staticmethod
    def proper_runs(doc: Doc) -> Iterator[Span]:
        """Maximal runs of proper nouns (and digits inside them) not at a sentence start alone."""
        propn = doc.vocab.strings["PROPN"]
        pos = doc.to_array("POS").tolist()  # one array read instead of a Token per word
        num = doc.to_array("LIKE_NUM").tolist()
        texts = [t.text for t in doc] if propn in pos else []
        i = 0
        while i < len(pos):
            if pos[i] == propn and texts[i][:1].isalnum():
                j = i + 1
                while j < len(pos) and (pos[j] == propn or num[j]) and texts[j][:1].isalnum():
                    j += 1
                yield doc[i:j]
                i = j
            else:
                i += 1

    def with_of_phrase(self, span: Span) -> Span:
        """Names that go on through "of": "the Data Authority of Freedonia" is one institution."""
        doc = span.doc
        if span[-1].text not in self.lex["gov_heads"] or span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
            return span
        end = span.end + 1
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1
        return doc[span.start : end] if end > span.end + 1 else span

    def trim(self, ent: Span) -> Span | None:
        """Drop leading determiners, trailing possessives and anything across a line break."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (
            doc[end - 1].tag_ == "POS"
            or doc[end - 1].is_punct
            and doc[end - 1].text != "."
            or doc[end - 1].is_space
            or doc[end - 1].lower_ in {"and", "or"}
        ):
            end -= 1
        for k in range(start, end):
            if "\n" in doc[k].text:
                end = k
                break
        return doc[start:end] if end > start else None

    def is_business_argument(self, run: Span) -> bool:
        """A capitalised name doing or undergoing a deal is a company: "Adobe agreed to buy Figma"."""
        root = run.root
        if len(run) > 3 or root.i == run.sent.start and len(run) == 1 and root.dep_ != "nsubj":
            return False
        if root.dep_ == "pobj" and root.head.lower_ in {"in", "into", "with", "for", "from"}:
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
        """Type from the name's own words: "X Labs" is a company, "X Authority" a regulator."""
        of = [i for i, t in enumerate(span) if t.lower_ == "of"]
        last = span[of[0] - 1].text if of and of[0] > 0 else span[-1].text  # "Ministry of Economy"
        if len(span) > 1 and last in self.lex["gov_heads"]:
            return "GovernmentBody", None
        if len(span) > 1 and last in self.lex["org_suffixes"]:
            return "Organization", None
        first = self.kb.lookup(span[0].text)
        if len(span) > 1 and first and first.type == "Product" and any(t.like_num for t in span[1:]):
            return "Product", first.kind  # a member of a known family: "Claude 3 Haiku"
        return None, None

    def kind_from_head(self, span: Span) -> str | None:
        """Product kind from the noun after a name: "Grace CPU", "EPYC processors"."""
        doc = span.doc
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is None:
            return None
        if nxt.lower_ in {"-", "data"} and span.end + 2 < len(doc):  # "data-center CPU"
            nxt = next(
                (t for t in doc[span.end : span.end + 4] if t.pos_ == "NOUN" and t.lower_ not in {"data", "center"}),
                nxt,
            )
        for kind, heads in self.lex["product_heads"].items():
            if nxt.lower_ in heads and kind != "cloud_service":
                return kind
        return None

    def correct_type(self, span: Span, etype: str) -> tuple[str | None, str | None]:
        """Relabel a base-NER span using its form, the gazetteer and its context."""
        known = self.kb.lookup(span.text)
        if known:
            return known.type, known.kind
        form_type, kind = self.type_from_form(span)
        if form_type:
            return form_type, kind
        kind = self.kind_from_head(span)
        if kind and etype != "Person":
            return "Product", kind
        if etype == "Person":
            if self.near_role(span):
                return "Person", None
            if len(span) == 1 and not self.is_surname(span):
                return "Organization", None
            if any(t.like_num for t in span):
                return "Product", "other"
            return "Person", None
        if etype == "Organization" and len(span) >= 2 and self.near_role(span) and all(t.is_title for t in span):
            return "Person", None
        if etype == "Location":
            before = span.doc[span.start - 1] if span.start else None
            if before is not None and before.lower_ in self.lex["org_cue_nouns"] and span.text not in self.places:
                return "Organization", None  # "sovereign fund Mubadala"
            if span.text in self.places or self.in_place_context(span):
                return "Location", None
            return "Location", None
        if etype == "Product":
            return "Product", "other"
        return etype, None

    def org_apposition(self, span: Span) -> bool:
        """Is the name followed by ", a/the <company noun>": "X, a unit of Y", "X, a data startup"?"""
        doc = span.doc
        if span.end + 2 >= len(doc) or doc[span.end].text != ",":
            return False
        for t in doc[span.end + 1 : span.end + 6]:
            if t.text in {",", "."} or t.lower_ in {"of", "which", "who"}:
                return False
            if t.pos_ == "NOUN":
                return t.lower_ in self.lex["org_cue_nouns"] or t.lemma_ in {"unit", "subsidiary", "division"}
        return False

    def near_role(self, span: Span) -> bool:
        """A role word right before or after a name marks a person: "chief executive Sam Altman"."""
        roles = [r for r in self.lex["roles"] if " " in r or len(r) > 3]
        doc = span.doc
        before = doc[max(0, span.start - 2) : span.start].text.lower()
        if any(before.endswith(r) for r in roles):
            return True
        # "X, a co-founder and former chief scientist of Y": an apposition headed by a role
        if span.end >= len(doc) or doc[span.end].text != ",":
            return False
        words = []
        for t in doc[span.end + 1 : span.end + 8]:
            if t.text in {",", "."} or t.lower_ in {"of", "at", "for", "who", "which"}:
                break
            words.append(t.lower_)
        apposition = " ".join(words).replace(" - ", "-")
        return any(f" {r} " in f" {apposition} " for r in roles)

    @staticmethod
    def is_surname(span: Span) -> bool:
        return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == span.text for e in span.doc.ents)

    @staticmethod
    def in_place_context(span: Span) -> bool:
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].text if span.end < len(doc) else ""
        return before in {"in", "from", "near", "across", "at", "to"} or after in {"-", ","} or span.text.isupper()

    # -- overlap resolution -------------------------------------------------------------
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
        """A city and its state ("Secaucus, New Jersey", "REDMOND, Wash.") are one place, named by the city."""
        out: list[Candidate] = []
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
                prev.end = c.end
                continue
            out.append(c)
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


@Language.factory(
    "newsgraph_entities",
    default_config={"gazetteer": None},
    requires=["doc.ents", "token.pos", "token.dep"],
    assigns=["doc.ents", "span._.kind", "span._.core_name"],
)
def make_entities(nlp: Language, name: str, gazetteer: str | None) -> NewsEntityRecognizer:
    """``gazetteer``: path of a JSONL gazetteer to use instead of the packaged one."""
    kb = None
    if gazetteer:
        rows: list[dict[str, Any]] = list(srsly.read_jsonl(gazetteer))
        kb = KnowledgeBase.from_rows(rows)
    return NewsEntityRecognizer(nlp, name, kb)
