"""Installs the fast attribute ruler and lemmatizer (fast_attributes.py) only when they are safe.

They rely on spaCy internals a spaCy release may change. So before either is used, the internals
they read are looked for, and then the fast and spaCy's own component are both run on a tiny Doc
and their annotations compared. Anything missing or different leaves spaCy's component in place,
with a warning: slower, never wrong.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from .fast_attributes import FastAttributeRuler, FastLemmatizer, private_set_token_attrs

# contractions, "gonna", spaces and irregular forms: the attribute ruler's multi-token patterns too
PROBE = "I ain't gonna do it, let's go. He's got to.  \n The geese ran faster; it was you who had it."


def annotations(doc: Doc) -> list[tuple[int, int, int, int]]:
    return [(t.pos, t.morph.key, t.lemma, t.tag) for t in doc]


def ruler_internals(ruler: AttributeRuler) -> str | None:
    """What FastAttributeRuler reads that this AttributeRuler lacks, or None."""
    if private_set_token_attrs() is None:
        return "spacy.tokens._retokenize.set_token_attrs"
    for name in ("matcher", "attrs", "indices"):
        if not hasattr(ruler, name):
            return f"AttributeRuler.{name}"
    if len(ruler.attrs) != len(ruler.indices):
        return "AttributeRuler.attrs and .indices of one length"
    if any(ruler.matcher.get(str(i)) is None for i in range(len(ruler.attrs))):
        return "AttributeRuler's rule ids as Matcher keys"
    return None


def lemmatizer_internals(lemmatizer: EnglishLemmatizer) -> str | None:
    """What FastLemmatizer reads that this lemmatizer lacks, or None."""
    for name in ("_validated", "_validate_tables", "lemmatize", "overwrite", "mode"):
        if not hasattr(lemmatizer, name):
            return f"Lemmatizer.{name}"
    return None


def same_output(nlp: Language, name: str, component: Any, fast_class: type) -> str | None:
    """Runs spaCy's component and its fast class on copies of a tiny Doc annotated by the pipes
    before it; None when they annotate alike, else what went wrong."""
    doc = nlp.make_doc(PROBE)
    for pipe_name, proc in nlp.pipeline:
        if pipe_name == name:
            break
        doc = proc(doc)
    own_class = type(component)
    plain = component(doc.copy())
    component.__class__ = fast_class
    try:
        fast = component(doc.copy())
    except Exception as e:  # noqa: BLE001  (any failure means: not safe here)
        return f"{type(e).__name__}: {e}"
    finally:
        component.__class__ = own_class
    return None if annotations(plain) == annotations(fast) else "a different annotation of a test sentence"


def install(nlp: Language, name: str, fast_class: type, internals: Callable[[Any], str | None]) -> bool:
    """Switches the pipe ``name`` to ``fast_class`` when its check passes, else warns."""
    component = nlp.get_pipe(name)
    problem = internals(component) or same_output(nlp, name, component, fast_class)
    if problem is not None:
        warnings.warn(
            f"newsgraph: the fast {name} cannot be used with this spaCy ({problem}); using spaCy's own",
            RuntimeWarning,
            stacklevel=3,
        )
        return False
    component.__class__ = fast_class
    return True


def use_faster_equivalents(nlp: Language) -> dict[str, bool]:
    """Swaps the base model's attribute ruler and English rule lemmatizer for the fast classes where
    the check passes; says, per pipe, whether it did."""
    done: dict[str, bool] = {}
    if "attribute_ruler" in nlp.pipe_names and type(nlp.get_pipe("attribute_ruler")) is AttributeRuler:
        done["attribute_ruler"] = install(nlp, "attribute_ruler", FastAttributeRuler, ruler_internals)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if type(lemmatizer) is EnglishLemmatizer and lemmatizer.mode == "rule":
        done["lemmatizer"] = install(nlp, "lemmatizer", FastLemmatizer, lemmatizer_internals)
    return done
