"""Sentence starts at line breaks: headlines and paragraphs never run into each other."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreakSentencizer:
    """Marks the token after a newline as a sentence start; the parser keeps these."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("newsgraph_sentences", requires=["token.text"], assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> LineBreakSentencizer:
    return LineBreakSentencizer()
