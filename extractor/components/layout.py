"""The article's layout, set before parsing: lines end sentences, a dateline is its own thing.

A dateline ("SAN FRANCISCO, June 20, 2024 - Ilya Sutskever said") misleads the base model: its
NER reads the date and the name after it as one DATE, and its parser joins the dateline to the
first sentence. Marking the dateline's place and date as entities before ``ner`` runs (spaCy's
NER keeps preset entities) and starting a sentence after it avoids both.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..article import headline_end
from ..attributes.dates import find_dateline
from ..extensions import doc_text, register_extensions

DATELINE_KEY = "newsgraph_dateline_end"


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
        _title, body = headline_end(text)
        dateline = find_dateline(text[body:], offset=body)
        if dateline is None:
            return
        doc.user_data[DATELINE_KEY] = dateline.end
        if doc._.published is None:
            doc._.published = dateline.date
        spans = []
        if dateline.place_span:  # "REDMOND, Wash.": a city and its state, each a place
            start, end = dateline.place_span
            for part in text[start:end].split(","):
                left = start + len(part) - len(part.lstrip())
                place = doc.char_span(left, start + len(part.rstrip()), label="GPE", alignment_mode="contract")
                spans += [place] if place is not None else []
                start += len(part) + 1
        date = doc.char_span(*dateline.date_span, label="DATE", alignment_mode="contract")
        spans += [date] if date is not None else []
        after = doc.char_span(dateline.end, len(text), alignment_mode="expand")
        if after is None or not len(after) or not spans:
            return
        dash = doc[spans[-1].end : after.start]
        doc.set_ents(spans, outside=[dash] if len(dash) else [], default="unmodified")
        after[0].is_sent_start = True


@Language.factory("newsgraph_layout", requires=["token.text"], assigns=["token.is_sent_start", "doc.ents"])
def make_layout(nlp: Language, name: str) -> ArticleLayout:
    return ArticleLayout()
