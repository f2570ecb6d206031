"""The pipeline's state and its speed-ups as spaCy checks them: declared extensions, analyze_pipes,
the fast components' check and fallback (issue 12, items 3 and 7)."""

from __future__ import annotations

import warnings

import pytest
import spacy
import spacy.tokens._retokenize as retokenize
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from extractor.nlp.api import make_doc
from extractor.nlp.components.fast_attributes import FastAttributeRuler, FastLemmatizer
from extractor.nlp.components.fast_check import PROBE, annotations
from extractor.nlp.pipeline import default_model, use_faster_equivalents
from extractor.text.article import from_text

ARTICLE = "Amazon buys Adept\n\nSEATTLE, Nov. 22, 2024 - Amazon said on Friday it would buy Adept.\n"


def test_analyze_pipes_finds_no_problem(nlp: Language) -> None:
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems == {name: [] for name in nlp.pipe_names}


def test_state_is_only_in_declared_extensions(nlp: Language) -> None:
    """Nothing but spaCy's own extension storage in user_data, and no span groups of our own."""
    doc = nlp(make_doc(nlp, from_text(ARTICLE, "a")))
    assert {key[0] for key in doc.user_data} == {"._."}
    assert not doc.spans
    assert doc._.dateline_end == ARTICLE.index("Amazon said")
    assert doc._.head.title == "Amazon buys Adept"
    assert [d.text for d in doc._.dates] == ["Nov. 22, 2024", "Friday"]
    assert not doc.has_extension("title")


def test_the_head_is_parsed_once(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """The layout reuses the article layer's parse; with plain text it parses the head itself."""
    import extractor.nlp.extensions as extensions

    article = from_text(ARTICLE, "a")
    calls: list[str] = []
    monkeypatch.setattr(extensions, "parse_head", lambda text: calls.append(text))
    nlp(make_doc(nlp, article))
    assert calls == []
    monkeypatch.undo()
    assert nlp(ARTICLE)._.dateline_end == ARTICLE.index("Amazon said")


def plain_and_fast() -> tuple[Language, Language]:
    plain = spacy.load(default_model())
    fast = spacy.load(default_model())
    assert use_faster_equivalents(fast) == {"attribute_ruler": True, "lemmatizer": True}
    return plain, fast


def test_fast_components_keep_spacys_factories(tmp_path) -> None:
    """The config and a saved pipeline name spaCy's factories: plain spaCy loads it, without ours."""
    _plain, fast = plain_and_fast()
    assert type(fast.get_pipe("attribute_ruler")) is FastAttributeRuler
    assert type(fast.get_pipe("lemmatizer")) is FastLemmatizer
    assert fast.get_pipe_meta("attribute_ruler").factory == "attribute_ruler"
    fast.to_disk(tmp_path / "p")
    reloaded = spacy.load(tmp_path / "p")
    assert type(reloaded.get_pipe("attribute_ruler")) is AttributeRuler
    assert annotations(reloaded(PROBE)) == annotations(fast(PROBE))


def test_fast_ruler_gives_spacys_matches() -> None:
    plain, fast = plain_and_fast()
    doc = fast.make_doc(PROBE)
    for _name, proc in fast.pipeline[:3]:
        doc = proc(doc)
    assert fast.get_pipe("attribute_ruler").match(doc) == plain.get_pipe("attribute_ruler").match(doc)


def test_fast_components_keep_the_error_handler() -> None:
    _plain, fast = plain_and_fast()
    seen: list[str] = []
    for name in ("attribute_ruler", "lemmatizer"):
        pipe = fast.get_pipe(name)
        pipe.set_error_handler(lambda name, proc, docs, e: seen.append(name))
        pipe(None)  # not a Doc: an error, handed to the handler
    assert seen == ["attribute_ruler", "lemmatizer"]


def test_missing_setter_falls_back_to_spacys_ruler(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(retokenize, "set_token_attrs")
    nlp = spacy.load(default_model())
    with pytest.warns(RuntimeWarning, match="fast attribute_ruler cannot be used"):
        done = use_faster_equivalents(nlp)
    assert done == {"attribute_ruler": False, "lemmatizer": True}
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
    monkeypatch.undo()
    plain = spacy.load(default_model())
    assert annotations(nlp(PROBE)) == annotations(plain(PROBE))


def test_changed_lemmatizer_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A private method gone, or a fast class that would annotate otherwise: spaCy's is kept."""
    nlp = spacy.load(default_model())
    monkeypatch.delattr(EnglishLemmatizer.__mro__[1], "_validate_tables")
    with pytest.warns(RuntimeWarning, match="Lemmatizer._validate_tables"):
        assert use_faster_equivalents(nlp)["lemmatizer"] is False
    assert type(nlp.get_pipe("lemmatizer")) is EnglishLemmatizer
    monkeypatch.undo()

    def wrong(self: FastLemmatizer, doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = "x"
        return doc

    monkeypatch.setattr(FastLemmatizer, "__call__", wrong)
    nlp = spacy.load(default_model())
    with pytest.warns(RuntimeWarning, match="different annotation"):
        assert use_faster_equivalents(nlp)["lemmatizer"] is False
    assert type(nlp.get_pipe("lemmatizer")) is EnglishLemmatizer


def test_a_passing_check_warns_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plain_and_fast()
