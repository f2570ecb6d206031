"""The article's layout, set before parsing: lines end sentences, a dateline is its own thing.

A dateline ("SAN FRANCISCO, June 20, 2024 - Ilya Sutskever said") misleads the base model: its
NER reads the date and the name after it as one DATE, and its parser joins the dateline to the
first sentence. Marking the dateline's place and date as entities before ``ner`` runs (spaCy's
NER keeps preset entities) and starting a sentence after it avoids both.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import article_head, doc_text, register_extensions


class ArticleLayout:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        self.mark_dateline(doc)
        return doc

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
    assigns=["token.is_sent_start", "doc.ents", "doc._.head", "doc._.dateline_end", "doc._.published"],
)
def make_layout(nlp: Language, name: str) -> ArticleLayout:
    return ArticleLayout()
