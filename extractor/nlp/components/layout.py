"""The article's layout, set before parsing: lines end sentences, a dateline is its own thing.

A dateline ("SAN FRANCISCO, June 20, 2024 - Ilya Sutskever said") misleads the base model: its
NER reads the date and the name after it as one DATE, and its parser joins the dateline to the
first sentence. Marking the dateline's place and date as entities before ``ner`` runs (spaCy's
NER keeps preset entities) and starting a sentence after it avoids both.

A monitoring service's source line ("Moscow IZVESTIYA in Russian 23 Mar 94 p 3", "LD0506194194
Paris Radio France International in French 1830 GMT 5 Jun 94", a line "Tokyo YOMIURI SHIMBUN")
names a newspaper or broadcaster and the city it publishes from; the base model reads the two as
one name or finds neither. Its place and name are marked the same way (``doc._.source_lines``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...text.lexicon import read_jsonl
from ..extensions import article_head, doc_text, register_extensions

# a document number ("LD0506194194", "944E0738B"), then PLACE NAME, "in LANGUAGE" and a time or date
DOC_NUMBER = r"(?:[A-Z]{2}\d{10}|\d{2}[A-Z0-9]{5,7}[A-Z])"
WORDS = rf"[A-Z][A-Za-z.'-]*(?: (?:(?!{DOC_NUMBER}\b)[A-Z][\w.'-]*|de|del|da|do|la|el|i|of|and))*"
STAMP = r"(?:\d{4} GMT|\d{1,2}(?:-\d{1,2})? [A-Z][a-z]{2} \d{2}\b|No \d)"
LANGUAGE = r"(?: \([^()\n]{1,40}\))? in [A-Z][a-z]+(?:-[A-Z][a-z]+)?"  # "(SCIENCE MEDICINE) in English"
SOURCE_LINE = re.compile(
    rf"(?:^(?P<seg>{WORDS}){LANGUAGE} {STAMP}|{DOC_NUMBER} (?P<dseg>{WORDS})(?:{LANGUAGE})? {STAMP})", re.M
)
BARE_SOURCE_LINE = re.compile(rf"^(?:{DOC_NUMBER} )?(?P<seg>{WORDS})(?: {STAMP}.*)?$", re.M)
BROADCAST_WORDS = {"Radio", "Television", "Network", "TV"}


@cache
def place_names() -> frozenset[str]:
    """Known places, also written without accents ("Sao Paulo")."""
    rows = read_jsonl(None, "places.jsonl")
    names = {n for r in rows for n in (r["name"], *r.get("aliases", []))}
    return frozenset(names | {plain(n) for n in names})


def plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def split_place(words: list[str], known_only: bool) -> int:
    """How many of a source line's first words are its place: the longest known place, else (not
    ``known_only``) the capitalised words before a name written all in capitals or a broadcaster's
    ("Madras THE HINDU", "Magadan Radio Magadan")."""
    for n in range(min(len(words) - 1, 4), 0, -1):
        place = " ".join(words[:n])
        if place in place_names() or place.title() in place_names():
            return n
    if known_only:
        return 0
    n = next((k for k, w in enumerate(words) if (w.isupper() and len(w) > 1) or w in BROADCAST_WORDS), 0)
    if 0 < n <= 3 and all(w[:1].isupper() and not w.isupper() for w in words[:n]):
        return n if all(w.isupper() for w in words[n:]) or words[n] in BROADCAST_WORDS else 0
    return 0


def source_lines(text: str) -> list[tuple[int, int, int, int, int]]:
    """Place and name spans of the source lines in ``text``, and where each line's stamp ends: the
    longest known place the line starts with, and the words after it. A line without "in LANGUAGE"
    and a time counts only when it is nothing but the place and a name all in capitals or a
    broadcaster's ("Moscow PRAVDA", "Riga Radio Riga Network"; not a headline, "Tokyo IPO Market Heats
    Up")."""
    found = []
    matches = [(m, False) for m in SOURCE_LINE.finditer(text)]
    matches += [(m, True) for m in BARE_SOURCE_LINE.finditer(text) if len(m.group("seg").split()) <= 8]
    seen: set[int] = set()
    for m, bare in matches:
        group = "seg" if m.group("seg") else "dseg"
        seg, start = m.group(group), m.start(group)
        words = seg.split(" ")
        n = split_place(words, known_only=bare)
        if not n:
            continue
        place, name = " ".join(words[:n]), words[n:]
        if bare and not (all(w.isupper() for w in name) or BROADCAST_WORDS & set(name)):
            continue
        if start in seen:
            continue
        seen.add(start)
        name_start = start + len(place) + 1
        found.append((start, start + len(place), name_start, start + len(seg), m.end()))
    return found


class ArticleLayout:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        self.mark_dateline(doc)
        self.mark_source_lines(doc)
        return doc

    @staticmethod
    def mark_source_lines(doc: Doc) -> None:
        lines = source_lines(doc_text(doc))
        if not lines:
            return
        spans: list[Span] = []
        outside: list[Span] = []  # "in Russian 2100 GMT 13 Feb 94" names nothing
        for p0, p1, n0, n1, end in lines:
            place = doc.char_span(p0, p1, label="GPE", alignment_mode="contract")
            name = doc.char_span(n0, n1, label="ORG", alignment_mode="contract")
            stamp = doc.char_span(n1, end, alignment_mode="expand") if end > n1 + 1 else None
            if place is not None and name is not None:
                spans += [place, name]
                outside += [stamp] if stamp is not None and stamp.start >= name.end else []
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        spans = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
        outside = [s for s in outside if not any(i in taken for i in range(s.start, s.end))]
        if spans:
            doc.set_ents(spans, outside=outside, default="unmodified")
            doc._.source_lines = [line[:4] for line in lines]

    @staticmethod
    def mark_dateline(doc: Doc) -> None:
        text = doc_text(doc)
        dateline = article_head(doc).dateline
        if dateline is None:
            return
        doc._.dateline_end = dateline.end
        if doc._.published is None:
            doc._.published = dateline.date
        spans = []
        if dateline.place_span:  # "REDMOND, Wash.", "ROME / DÜSSELDORF": each part a place
            start, end = dateline.place_span
            for part in re.split(r"([,/])", text[start:end]):
                if part not in {",", "/"}:
                    left = start + len(part) - len(part.lstrip())
                    place = doc.char_span(left, start + len(part.rstrip()), label="GPE", alignment_mode="contract")
                    spans += [place] if place is not None else []
                start += len(part)
        if dateline.date_span:
            date = doc.char_span(*dateline.date_span, label="DATE", alignment_mode="contract")
            spans += [date] if date is not None else []
        outside = []
        if dateline.agency_span:  # "(AP)": the agency that wrote the article is not in it
            agency = doc.char_span(*dateline.agency_span, alignment_mode="expand")
            outside += [agency] if agency is not None else []
        after = doc.char_span(dateline.end, len(text), alignment_mode="expand") if dateline.end < len(text) else None
        if not spans:
            return
        spans.sort(key=lambda s: s.start)
        dash = doc[spans[-1].end : after.start if after is not None and len(after) else len(doc)]
        outside = [s for s in outside if s.start >= spans[-1].end]
        rest = [t for t in dash if not any(o.start <= t.i < o.end for o in outside)]
        outside += [doc[t.i : t.i + 1] for t in rest]
        doc.set_ents(spans, outside=outside, default="unmodified")
        if after is not None and len(after):
            after[0].is_sent_start = True


@Language.factory(
    "newsgraph_layout",
    assigns=[
        "token.is_sent_start",
        "doc.ents",
        "doc._.head",
        "doc._.dateline_end",
        "doc._.published",
        "doc._.source_lines",
    ],
)
def make_layout(nlp: Language, name: str) -> ArticleLayout:
    return ArticleLayout()
