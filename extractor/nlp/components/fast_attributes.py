"""spaCy's AttributeRuler and English lemmatizer with the same output, sooner.

The English pipelines' attribute ruler maps tags to POS, morphology and a few lemmas with about
180 Matcher patterns; matching them costs about a tenth of the pipeline's time. Every
single-token pattern depends only on the token's TAG, LOWER, DEP and IS_SPACE, so its outcome is
computed once per distinct combination and cached; only multi-token patterns go through a Matcher.
As in AttributeRuler, a token's matching rules apply in pattern order, so a later pattern wins.

Both lean on spaCy internals (``spacy.tokens._retokenize.set_token_attrs``, AttributeRuler's
``matcher``/``attrs``/``indices`` and its rule-id keys, the lemmatizer's ``_validate_tables``):
components/fast_check.py verifies them on a tiny Doc against spaCy's own components before they are
used, and falls back to spaCy's with a warning. They are installed by switching the class of the
pipeline's own spaCy instances, so the config and a saved pipeline still name spaCy's factories
(``attribute_ruler``, ``lemmatizer``) and load with plain spaCy. The two factories below are kept
only so that pipelines saved by earlier newsgraph versions, which named them, still load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
Condition = Callable[[tuple[str, str, str, bool]], bool]
MAX_CACHED_OUTCOMES = 500_000  # distinct (TAG, LOWER, DEP, IS_SPACE); bounds memory on endless corpora


def _condition(key: str, spec: Any) -> Condition | None:
    """A test of one token attribute, or None when the spec is beyond plain values, IN and NOT_IN."""
    at = KEYS.index(key)
    if isinstance(spec, str | bool):
        return lambda t: t[at] == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, values),) = spec.items()
        if op == "IN" and isinstance(values, list):
            allowed = frozenset(values)
            return lambda t: t[at] in allowed
        if op == "NOT_IN" and isinstance(values, list):
            banned = frozenset(values)
            return lambda t: t[at] not in banned
    return None


def _token_test(pattern: list[dict[str, Any]]) -> Condition | None:
    if len(pattern) != 1 or not set(pattern[0]) <= set(KEYS):
        return None
    tests = [_condition(k, v) for k, v in pattern[0].items()]
    if any(t is None for t in tests):
        return None
    return lambda tok: all(test(tok) for test in tests)  # type: ignore[misc]


def _plain_values(spec: Any) -> frozenset[str] | None:
    if isinstance(spec, str):
        return frozenset([spec])
    if isinstance(spec, dict) and set(spec) == {"IN"} and isinstance(spec["IN"], list):
        return frozenset(spec["IN"])
    return None


class _Index:
    """Single-token rules found by their TAG or LOWER value; the rest tested on every token."""

    def __init__(self) -> None:
        self.by_tag: dict[str, list[tuple[int, Condition]]] = {}
        self.by_lower: dict[str, list[tuple[int, Condition]]] = {}
        self.always: list[tuple[int, Condition]] = []

    def add(self, rule_id: int, pattern: dict[str, Any], test: Condition) -> None:
        for key, table in (("TAG", self.by_tag), ("LOWER", self.by_lower)):
            values = _plain_values(pattern.get(key))
            if values:
                for v in values:
                    table.setdefault(v, []).append((rule_id, test))
                return
        self.always.append((rule_id, test))

    def rules(self, values: tuple[str, str, str, bool]) -> list[int]:
        candidates = self.by_tag.get(values[0], []) + self.by_lower.get(values[1], []) + self.always
        return sorted({r for r, test in candidates if test(values)})


def private_set_token_attrs() -> Callable[[Any, dict], None] | None:
    """spaCy's private token-attribute setter, looked up each time it is asked for (it may be gone)."""
    import spacy.tokens._retokenize as retokenize

    found = getattr(retokenize, "set_token_attrs", None)
    return found if callable(found) else None


class FastAttributeRuler(AttributeRuler):
    """Drop-in for ``attribute_ruler``: same patterns, same serialisation, same annotations. Its own
    state is made on first use, as an instance of spaCy's class may be switched to this one."""

    _compiled: tuple[int, _Index, Matcher] | None = None
    _outcomes: dict[tuple[int, int, int, bool], tuple[tuple[int, ...], dict[str, Any]]]
    _set_token_attrs: Callable[[Any, dict], None] | None = None

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        self._compiled = None

    def add(self, patterns: Any, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = None

    def _compile(self) -> tuple[_Index, Matcher]:
        if self._compiled is None or self._compiled[0] != len(self.attrs):
            single = _Index()
            multi = Matcher(self.vocab, validate=False)
            for rule_id in range(len(self.attrs)):
                for pattern in self.matcher.get(str(rule_id))[1]:
                    test = _token_test(pattern) if self.indices[rule_id] in (0, -1) else None
                    if test is None:
                        multi.add(str(rule_id), [pattern])
                    else:
                        single.add(rule_id, pattern[0], test)
            self._compiled = (len(self.attrs), single, multi)
            self._outcomes = {}
            self._set_token_attrs = private_set_token_attrs()
        return self._compiled[1], self._compiled[2]

    def __call__(self, doc: Doc) -> Doc:
        """Applies each token's rules in rule order: attributes belong to one token, so this gives
        what AttributeRuler's doc-wide rule order gives. A token's single-token outcome depends only
        on its (TAG, LOWER, DEP, IS_SPACE), so it is kept for the pipeline's life, its rules'
        attributes merged in order (a later rule's value wins, as when they are set one by one).
        Errors go to the pipeline's error handler, as in spaCy's own ``__call__``."""
        error_handler = self.get_error_handler()
        try:
            return self._annotate(doc)
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def _annotate(self, doc: Doc) -> Doc:
        single, multi = self._compile()
        set_token_attrs = self._set_token_attrs
        if set_token_attrs is None:
            raise RuntimeError("spaCy's set_token_attrs is gone: use spaCy's own attribute_ruler")
        strings = self.vocab.strings
        extra: dict[int, set[int]] = {}
        for match_id, start, end in multi(doc, allow_missing=True, as_spans=False):
            rule_id = int(strings[match_id])
            extra.setdefault(doc[start:end][self.indices[rule_id]].i, set()).add(rule_id)
        outcomes = self._outcomes
        if len(outcomes) > MAX_CACHED_OUTCOMES:
            outcomes.clear()
        for i, token in enumerate(doc):
            key = (token.tag, token.lower, token.dep, token.is_space)
            outcome = outcomes.get(key)
            if outcome is None:
                rule_ids = tuple(single.rules((strings[key[0]], strings[key[1]], strings[key[2]], key[3])))
                outcome = outcomes[key] = (rule_ids, self._merged(rule_ids))
            if i in extra:
                ids = tuple(sorted(set(outcome[0]) | extra[i]))
                outcome = (ids, self._merged(ids))
            if outcome[1]:
                set_token_attrs(token, outcome[1])
        return doc

    def _merged(self, rule_ids: Iterable[int]) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for rule_id in rule_ids:
            merged.update(self.attrs[rule_id])
        return merged

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Matches in AttributeRuler's form, (rule id, match id, start, end), for callers that ask."""
        single, multi = self._compile()
        strings = self.vocab.strings
        found = {(int(strings[m]), m, s, e) for m, s, e in multi(doc, allow_missing=True, as_spans=False)}
        for token in doc:
            rules = single.rules((token.tag_, token.lower_, token.dep_, token.is_space))
            found |= {(r, strings[str(r)], token.i, token.i + 1) for r in rules}
        return sorted(found)


@Language.factory(
    "newsgraph_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Any) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


class FastLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer with its own cache key, (orth, POS, morph), kept as integer
    hashes: the same lemmas, without building strings for tokens seen before. Errors go to the
    pipeline's error handler, as in spaCy's own ``__call__``."""

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            seen: dict[tuple[int, int, int], int] = self._lemma_hashes
            strings = self.vocab.strings
            for token in doc:
                if not self.overwrite and token.lemma != 0:
                    continue
                key = (token.orth, token.pos, token.morph.key)
                lemma = seen.get(key)
                if lemma is None:
                    lemma = seen[key] = strings.add(self.lemmatize(token)[0])
                token.lemma = lemma
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    @property
    def _lemma_hashes(self) -> dict[tuple[int, int, int], int]:
        if not hasattr(self, "_hashes"):
            self._hashes: dict[tuple[int, int, int], int] = {}
        return self._hashes


@Language.factory(
    "newsgraph_lemmatizer",
    assigns=["token.lemma"],
    default_config={
        "model": None,
        "mode": "rule",
        "overwrite": False,
        "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
    },
)
def make_fast_lemmatizer(
    nlp: Language, model: Any, name: str, mode: str, overwrite: bool, scorer: Any
) -> FastLemmatizer:
    return FastLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
