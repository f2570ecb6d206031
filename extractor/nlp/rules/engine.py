"""A set of relation rules, loaded from data and run over one Doc to give candidate facts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import srsly
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from ..components.grammar import Arg, EntityIndex
from . import linked  # noqa: F401  (registers its procedure)
from .pattern import DocArrays, Pattern, PatternError, compile_pattern, match
from .procedures import PROCEDURES
from .resolvers import ARGUMENTS, ATTRIBUTES, CHECKS, DEFERRED, WORDS_READ, Context
from .spec import Call, Rule, RuleError, WordLists, parse_rule, read_rules, read_words

WORDS_FILE = "words.json"
RULES_SUFFIX = ".jsonl"


@dataclass
class Cand:
    """A fact a rule found, before the article-level checks (types, negation, attributes)."""

    subject: Arg
    predicate: str
    object: Arg
    trigger: Token
    rule: str
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def deferred(self) -> dict[str, str]:
        """Arguments to take from the deal the sentence refers to: {"subject": "deal_subject", ...}."""
        return self.attrs.get("deferred", {})


class RuleSet:
    """Rules and their word lists; ``code_words`` are lists read by code rather than by rules."""

    def __init__(
        self,
        rules: Iterable[Rule],
        words: WordLists,
        signatures: dict[str, tuple[frozenset[str], frozenset[str]]] | None = None,
        strings: StringStore | None = None,
    ):
        self.rules = list(rules)
        self.words = words
        self.signatures = signatures or {}
        self.strings = strings or StringStore()
        ids = [r.id for r in self.rules]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise RuleError(f"rule ids used twice: {', '.join(twice)}")
        for rule in self.rules:
            for call in rule.calls():
                self._check_call(rule, call)
        self._needed = {r.id: entities_needed(r) for r in self.rules}
        self._compiled: list[tuple[Rule, list[Pattern]]] = []
        for r in self.rules:
            try:
                self._compiled.append((r, [compile_pattern(p, self.strings) for p in r.patterns]))
            except PatternError as err:
                raise RuleError(f"rule {r.id!r}: {err}") from err

    def _check_call(self, rule: Rule, call: Call) -> None:
        known = {**ARGUMENTS, **CHECKS, **ATTRIBUTES, **PROCEDURES}
        if call.name not in known:
            raise RuleError(f"rule {rule.id!r}: no resolver, check or procedure named {call.name!r}")
        if call in rule.where and call.name not in CHECKS:
            raise RuleError(f"rule {rule.id!r}: {call.name!r} in 'where' is not a check")
        if rule.procedure is not None and call == rule.procedure and call.name not in PROCEDURES:
            raise RuleError(f"rule {rule.id!r}: {call.name!r} is not a procedure")

    # -- loading and saving, as spaCy's rulers do ------------------------------------------------
    @classmethod
    def from_dir(
        cls,
        path: Path,
        signatures: dict[str, tuple[frozenset[str], frozenset[str]]],
        code_words: Iterable[str] = (),
    ) -> RuleSet:
        """Every ``*.jsonl`` rule file in ``path`` with the word lists of ``words.json`` and of any
        ``*.words.json`` beside it (a name defined twice is an error); ``signatures`` gives each
        predicate's subject and object types, ``code_words`` the word lists code reads."""
        words = read_words(path / WORDS_FILE)
        for extra in sorted(path.glob(f"*.{WORDS_FILE}")):
            more = read_words(extra)
            twice = sorted(set(more) & set(words))
            if twice:
                raise RuleError(f"{extra}: word lists already defined: {', '.join(twice)}")
            words.update(more)
        rows = [row for f in sorted(path.glob(f"*{RULES_SUFFIX}")) for row in read_rules(f)]
        if not rows:
            raise RuleError(f"{path}: no rule files (*{RULES_SUFFIX})")
        rules = [parse_rule(row, words, signatures, where) for where, row in rows]
        for name in (*WORDS_READ, *code_words):
            if name not in words:
                raise RuleError(f"{path / WORDS_FILE}: no word list {name!r}, which the code reads")
            words[name]  # noqa: B018  (marks the list as read)
        unused = sorted(set(words) - words.used)
        if unused:
            raise RuleError(f"{path / WORDS_FILE}: word lists no rule or code reads: {', '.join(unused)}")
        return cls(rules, words, signatures)

    @classmethod
    def packaged(
        cls, signatures: dict[str, tuple[frozenset[str], frozenset[str]]], code_words: Iterable[str] = ()
    ) -> RuleSet:
        with resources.as_file(resources.files("extractor.resources").joinpath("rules")) as path:
            return cls.from_dir(Path(path), signatures, code_words)

    def to_disk(self, path: Path) -> None:
        """The rules as JSONL (one file) and the word lists (one file), loadable with ``from_dir``."""
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / WORDS_FILE, dict(self.words))
        srsly.write_jsonl(path / f"rules{RULES_SUFFIX}", [rule_row(r) for r in self.rules])

    # -- running -----------------------------------------------------------------------------------
    def run(self, doc: Doc, idx: EntityIndex, only: str | None = None) -> list[Cand]:
        """Candidate facts of every rule (or of the rule ``only``): pattern rules first, then the
        procedures, which may look at what the patterns found."""
        ctx = Context(idx, self.words, signatures=self.signatures)
        arrays = DocArrays(doc)
        arrays.entities_in_sentence = entities_per_sentence(arrays, idx)
        skipped = too_long(arrays)
        out = ctx.found
        ordered = sorted(self._compiled, key=lambda rp: procedure_rank(rp[0]))
        for rule, patterns in ordered:
            if only is not None and rule.id != only:
                continue
            seen: set[tuple[str, str, int, str]] = set()
            for cand in self._run_rule(rule, patterns, ctx, arrays, skipped):
                key = (cand.subject.id, cand.object.id, cand.trigger.i, str(cand.deferred))
                if key not in seen:
                    seen.add(key)
                    out.append(cand)
        return out

    def _run_rule(
        self, rule: Rule, patterns: list[Pattern], ctx: Context, arrays: DocArrays, skipped: frozenset[int]
    ) -> Iterator[Cand]:
        doc = arrays.doc
        if rule.procedure is not None:
            proc = PROCEDURES[rule.procedure.name]
            ctx.rule = rule
            for subj, obj, trigger, attrs in proc(ctx, rule.procedure.args):
                if all(self._holds(ctx, c, {"trigger": trigger}) for c in rule.where):
                    yield self._cand(rule, subj, obj, trigger, attrs)
            return
        needed = self._needed.get(rule.id, 0)
        for pattern in patterns:
            for ids in match(arrays, pattern, needed):
                if ids[0] in skipped:
                    continue
                anchors = {name: doc[i] for name, i in zip(pattern.names, ids, strict=True)}
                if all(self._holds(ctx, c, anchors) for c in rule.where):
                    yield from self._facts(rule, ctx, anchors)

    @staticmethod
    def _holds(ctx: Context, call: Call, anchors: dict[str, Token]) -> bool:
        return CHECKS[call.name](ctx, anchors[call.anchor or "trigger"], call.args) != call.negate

    def _facts(self, rule: Rule, ctx: Context, anchors: dict[str, Token]) -> Iterator[Cand]:
        trigger = anchors["trigger"]
        attrs: dict[str, Any] = {}
        for name, call in rule.attrs.items():
            value = ATTRIBUTES[call.name](ctx, anchors[call.anchor or "trigger"], call.args)
            if value:
                attrs[name] = value
        if rule.parties is not None:
            parties = self._resolve(ctx, (rule.parties,), anchors)[1]
            for a, b in combinations(parties[:4], 2):
                yield self._cand(rule, a, b, trigger, attrs)
            return
        s_types, o_types = self._types(rule)
        s_call, subjects = self._resolve(ctx, rule.subject, anchors, s_types)
        o_call, objects = self._resolve(ctx, rule.object, anchors, o_types)
        deferred = {k: c for k, c in (("subject", s_call), ("object", o_call)) if c in DEFERRED}
        for s in subjects:
            for o in objects:
                if s.id != o.id or deferred:
                    yield self._cand(rule, s, o, trigger, {**attrs, **({"deferred": deferred} if deferred else {})})

    def _types(self, rule: Rule) -> tuple[frozenset[str], frozenset[str]]:
        """The entity types a rule's subject and object may have: its own, else its predicate's."""
        s, o = self.signatures.get(rule.predicate, (frozenset(), frozenset()))
        return rule.subject_types or s, rule.object_types or o

    @staticmethod
    def _resolve(
        ctx: Context, calls: tuple[Call, ...], anchors: dict[str, Token], types: frozenset[str] = frozenset()
    ) -> tuple[str, list[Arg]]:
        """The first resolver of the chain that finds an entity of a fitting type, and what it found."""
        for call in calls:
            found = ARGUMENTS[call.name](ctx, anchors[call.anchor or "trigger"], call.args)
            if types and call.name not in DEFERRED:
                found = [a for a in found if ctx.idx.type(a.id) in types]
            if found:
                return call.name, found
        return "", []

    @staticmethod
    def _cand(rule: Rule, subj: Arg, obj: Arg, trigger: Token, attrs: dict[str, Any]) -> Cand:
        attrs = {"confidence": rule.confidence, **attrs}
        if rule.status:
            attrs.setdefault("status", rule.status)
        return Cand(subj, rule.predicate, obj, trigger, rule.id, attrs)


LAST_RESORT = ("linked", "linked_inverse")


# resolvers that find an entity outside the anchor's sentence: the parties of a deal told before,
# the company a dateline's story is issued by, the company that raised money or listed shares in
# the sentences before, the company a founder founded a few sentences before, the article's first deal for
# "the deal" in a paragraph naming no company, and the company an unresolved definite description
# ("The Tokyo-based steelmaker", "Both banks") refers back to
BEYOND_SENTENCE = {
    *DEFERRED,
    "dateline_issuer",
    "raiser",
    "issuer",
    "cofounder_org",
    "article_deal",
    "based_organization",
    "led_org",
    "led_object",
    "appointer",
    "founded_org",
}


def entities_needed(rule: Rule) -> int:
    """How many entities a sentence must mention for the rule to find anything there: two, less
    one for each argument a resolver may find beyond the sentence. Rules are skipped where a
    sentence has fewer, which spares most of the resolvers' work (a test compares the output)."""
    if rule.parties is not None:
        return 2
    return sum(not any(c.name in BEYOND_SENTENCE for c in chain) for chain in (rule.subject, rule.object))


# tokens beyond which a "sentence" is a list, a table or text without stops rather than a sentence
# of news: the rules' checks walk a head's children, so such a sentence would cost its square
MAX_SENTENCE_TOKENS = 300


def too_long(arrays: DocArrays) -> frozenset[int]:
    """The tokens of sentences longer than ``MAX_SENTENCE_TOKENS``: no pattern rule is tried there."""
    sizes = Counter(arrays.sentence)
    return frozenset(i for i, s in enumerate(arrays.sentence) if sizes[s] > MAX_SENTENCE_TOKENS)


def entities_per_sentence(arrays: DocArrays, idx: EntityIndex) -> list[int]:
    """For each token, how many entities its sentence mentions (by name, pronoun or description)."""
    per_sentence: dict[int, set[str]] = {}
    for i, ids in idx.mention_of.items():
        per_sentence.setdefault(arrays.sentence[i], set()).update(ids)
    return [len(per_sentence.get(s, ())) for s in arrays.sentence]


def procedure_rank(rule: Rule) -> int:
    """Pattern rules run first, then procedures, then the last resort, which sees all the rest."""
    if rule.procedure is None:
        return 0
    return 2 if rule.procedure.name in LAST_RESORT else 1


def rule_row(rule: Rule) -> dict[str, Any]:
    """A rule as the JSON object it was read from, word-list references and all."""
    return rule.row
