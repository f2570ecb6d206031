"""Relation rules as data: one JSON object a rule, checked when loaded.

A rule reads one construction of English news. It names the predicate it yields, a dependency
pattern (spaCy ``DependencyMatcher`` syntax; several alternatives under ``patterns``) or a named
procedure, how its subject and object are found from the pattern's anchors (named resolvers such
as ``subject:trigger`` or ``prep:target:in|into``), optional checks (``where``), the confidence
of what it finds, and example sentences with the exact facts it must find in each (an empty list:
it must find nothing). The examples run as tests, so every rule is covered by construction.

Word lists live in ``words.json`` beside the rules and are referenced as ``$name`` in patterns
and resolver arguments; a reference to a missing list, a list nobody reads, or an unknown key in
a rule is an error when the rules are loaded, so editing the data always does something.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model.vocabulary import vocabulary

RULE_KEYS = {
    "id",
    "predicate",
    "doc",
    "pattern",
    "patterns",
    "procedure",
    "subject",
    "object",
    "parties",
    "where",
    "confidence",
    "status",
    "attrs",
    "subject_types",
    "object_types",
    "examples",
}
EXAMPLE_KEYS = {"text", "facts", "published"}
STATUSES = {"asserted", "planned", "cancelled"}
ENTITY_TYPES = set(vocabulary().type_names)


class RuleError(ValueError):
    """A rule or word list that cannot be used as written."""


class WordLists(dict[str, Any]):
    """Word lists by name (a list, or a mapping of word → normal form), remembering which were
    read, so that one nobody reads is an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.used: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.used.add(name)
        return super().__getitem__(name)


@dataclass(frozen=True)
class Call:
    """A resolver or check named in a rule: ``name:anchor:arg|arg``, ``!`` in front negates a check."""

    name: str
    anchor: str | None = None
    args: tuple[str, ...] = ()
    negate: bool = False

    @classmethod
    def parse(cls, text: str, words: dict[str, Any], where: str) -> Call:
        if not isinstance(text, str) or not text.strip():
            raise RuleError(f"{where}: expected 'resolver:anchor', got {text!r}")
        negate = text.startswith("!")
        name, _, rest = text.lstrip("!").partition(":")
        anchor, _, args = rest.partition(":")
        return cls(name, anchor or None, tuple(expand(args.split("|"), words, where)) if args else (), negate)

    def __str__(self) -> str:
        return ("!" if self.negate else "") + ":".join(
            p for p in (self.name, self.anchor or "", "|".join(self.args)) if p
        )


@dataclass(frozen=True)
class Example:
    text: str
    facts: tuple[tuple[str, str], ...]
    published: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    predicate: str
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    procedure: Call | None = None
    subject: tuple[Call, ...] = ()  # tried in order: the first that finds an entity gives the subject
    object: tuple[Call, ...] = ()
    parties: Call | None = None  # symmetric predicates: every pair of what one resolver finds
    where: tuple[Call, ...] = ()
    confidence: float = 0.8
    status: str | None = None
    attrs: dict[str, Call] = field(default_factory=dict)
    subject_types: frozenset[str] = frozenset()  # narrower than the predicate's signature, when given
    object_types: frozenset[str] = frozenset()
    examples: tuple[Example, ...] = ()
    doc: str = ""
    row: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # as written, for to_disk

    def anchors(self) -> set[str]:
        return {n["RIGHT_ID"] for p in self.patterns for n in p}

    def calls(self) -> Iterator[Call]:
        yield from self.subject
        yield from self.object
        yield from self.where
        yield from self.attrs.values()
        if self.parties:
            yield self.parties
        if self.procedure:
            yield self.procedure


def expand(values: Iterable[str], words: dict[str, Any], where: str) -> list[str]:
    """``["$invest_verbs", "pour"]`` → the list's words and "pour"."""
    out: list[str] = []
    for v in values:
        if isinstance(v, str) and v.startswith("$"):
            if v[1:] not in words:
                raise RuleError(f"{where}: no word list {v!r} in words.json")
            out.extend(words[v[1:]])  # a mapping gives its keys
        else:
            out.append(v)
    return out


def expand_pattern(pattern: Any, words: dict[str, Any], where: str) -> tuple[dict[str, Any], ...]:
    """The pattern with every ``$list`` reference in ``IN``/``NOT_IN`` replaced by its words."""
    if not isinstance(pattern, list) or not pattern:
        raise RuleError(f"{where}: a pattern is a non-empty list of nodes")
    nodes = []
    for node in pattern:
        if not isinstance(node, dict):
            raise RuleError(f"{where}: a pattern node must be an object")
        node = dict(node)
        attrs = {}
        for attr, value in (node.get("RIGHT_ATTRS") or {}).items():
            if isinstance(value, dict):
                value = {
                    op: expand([arg] if isinstance(arg, str) else arg, words, where) if op in {"IN", "NOT_IN"} else arg
                    for op, arg in value.items()
                }
            elif isinstance(value, str) and value.startswith("$"):
                value = {"IN": expand([value], words, where)}
            attrs[attr] = value
        node["RIGHT_ATTRS"] = attrs
        nodes.append(node)
    return tuple(nodes)


def parse_rule(row: Any, words: dict[str, Any], predicates: Iterable[str], source: str) -> Rule:
    """A rule from its JSON object, or a RuleError that names the rule and what is wrong."""
    if not isinstance(row, dict):
        raise RuleError(f"{source}: a rule must be a JSON object")
    rid = row.get("id")
    where = f"{source}: rule {rid!r}"
    if not isinstance(rid, str) or not rid:
        raise RuleError(f"{source}: every rule needs an 'id'")
    unknown = set(row) - RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    predicate = row.get("predicate")
    if predicate not in set(predicates):
        raise RuleError(f"{where}: unknown predicate {predicate!r}")
    if sum(k in row for k in ("pattern", "patterns", "procedure")) != 1:
        raise RuleError(f"{where}: give exactly one of 'pattern', 'patterns' or 'procedure'")
    raw_patterns = [row["pattern"]] if "pattern" in row else row.get("patterns", [])
    if "patterns" in row and (not isinstance(raw_patterns, list) or not raw_patterns):
        raise RuleError(f"{where}: 'patterns' is a non-empty list of patterns")
    patterns = tuple(expand_pattern(p, words, where) for p in raw_patterns)
    for p in patterns:
        if p[0].get("RIGHT_ID") != "trigger":
            raise RuleError(f"{where}: a pattern's first node is its trigger (RIGHT_ID 'trigger')")

    def calls(key: str) -> tuple[Call, ...]:
        value = row.get(key, [])
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            raise RuleError(f"{where}: {key!r} is a resolver or a list of them")
        return tuple(Call.parse(v, words, f"{where} {key}") for v in values)

    def types(key: str) -> frozenset[str]:
        value = row.get(key, [])
        if not isinstance(value, list) or not set(value) <= ENTITY_TYPES:
            raise RuleError(f"{where}: {key!r} is a list of entity types ({', '.join(sorted(ENTITY_TYPES))})")
        return frozenset(value)

    subject, obj = calls("subject"), calls("object")
    parties = Call.parse(row["parties"], words, f"{where} parties") if "parties" in row else None
    procedure = Call.parse(row["procedure"], words, f"{where} procedure") if "procedure" in row else None
    if procedure is None and not parties and not (subject and obj):
        raise RuleError(f"{where}: a pattern rule needs 'subject' and 'object', or 'parties'")
    confidence = row.get("confidence", 0.8)
    if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise RuleError(f"{where}: confidence must be a number in (0, 1]")
    status = row.get("status")
    if status is not None and status not in STATUSES:
        raise RuleError(f"{where}: status must be one of {sorted(STATUSES)}")
    attrs = row.get("attrs", {})
    if not isinstance(attrs, dict):
        raise RuleError(f"{where}: 'attrs' maps an attribute name to a resolver")
    examples = tuple(parse_example(e, f"{where} example") for e in row.get("examples", []))
    if not any(e.facts for e in examples):
        raise RuleError(f"{where}: needs at least one example sentence with the facts it must find")
    rule = Rule(
        id=rid,
        predicate=predicate,
        patterns=patterns,
        procedure=procedure,
        subject=subject,
        object=obj,
        parties=parties,
        where=calls("where"),
        confidence=float(confidence),
        status=status,
        attrs={k: Call.parse(v, words, f"{where} attrs") for k, v in attrs.items()},
        subject_types=types("subject_types"),
        object_types=types("object_types"),
        examples=examples,
        doc=str(row.get("doc", "")),
        row=row,
    )
    anchors = rule.anchors()
    if procedure is not None and any(c.anchor not in (None, "trigger") for c in rule.where):
        raise RuleError(f"{where}: a procedure's checks read its trigger only")
    for call in rule.calls():
        if call.anchor and patterns and call.anchor not in anchors:
            raise RuleError(f"{where}: {call} names anchor {call.anchor!r}, not a node of its pattern")
    return rule


def parse_example(row: Any, where: str) -> Example:
    if not isinstance(row, dict) or set(row) - EXAMPLE_KEYS or not isinstance(row.get("text"), str):
        raise RuleError(f"{where}: an example is {{'text': ..., 'facts': [[subject, object], ...]}}")
    facts = row.get("facts", [])
    if not isinstance(facts, list) or not all(
        isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in facts
    ):
        raise RuleError(f"{where}: 'facts' is a list of [subject name, object name] pairs")
    return Example(row["text"], tuple((s, o) for s, o in facts), row.get("published"))


def read_words(path: Path) -> WordLists:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise RuleError(f"{path}: cannot read the word lists: {err}") from err
    if not isinstance(data, dict):
        raise RuleError(f"{path}: word lists are one JSON object of name → list of words")
    words = WordLists()
    for name, value in data.items():
        if name.startswith("_"):
            continue  # comments
        ok_list = isinstance(value, list) and all(isinstance(w, str) for w in value)
        ok_map = isinstance(value, dict) and all(isinstance(w, str) for w in (*value, *value.values()))
        if not ok_list and not ok_map:
            raise RuleError(f"{path}: word list {name!r} must be a list of strings or a string mapping")
        words[name] = value
    return words


def read_rules(path: Path) -> list[tuple[str, Any]]:
    """(where, row) for each rule line of a JSONL file."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((f"{path.name}:{n}", json.loads(line)))
        except json.JSONDecodeError as err:
            raise RuleError(f"{path.name}:{n}: not JSON: {err}") from err
    return rows
