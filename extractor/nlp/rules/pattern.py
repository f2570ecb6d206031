"""Dependency patterns in spaCy's ``DependencyMatcher`` syntax, matched over arrays of one Doc.

A pattern is a list of nodes: the first names its anchor (``RIGHT_ID``) and what the token is
(``RIGHT_ATTRS``); each further node hangs off an earlier one by ``LEFT_ID`` and an operator
(``REL_OP``). The syntax is spaCy's, so a pattern can be tried in a ``DependencyMatcher`` as it
is (a test does exactly that). The matching is our own: spaCy's matcher turns every node of every
pattern into a token pattern and runs them all over the Doc, which costs about a millisecond per
pattern on a news article; here the first node is looked up in an index of the Doc's lemmas,
words and labels, so a rule costs nothing on an article without its trigger words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_TITLE, LEMMA, LIKE_NUM, LOWER, ORTH, POS, SENT_START, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc

# token attribute → column of DocArrays.columns; TEXT is ORTH, as in spaCy
ATTRIBUTES = {"ORTH": 0, "TEXT": 0, "LOWER": 1, "LEMMA": 2, "POS": 3, "TAG": 4, "DEP": 5, "ENT_TYPE": 6}
FLAGS = {"IS_TITLE": 7, "LIKE_NUM": 8}
SET_OPERATORS = {"IN", "NOT_IN"}
REL_OPS = {">", "<", ">>", "<<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--"}
NODE_KEYS = {"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"}


class PatternError(ValueError):
    """A pattern that does not follow the DependencyMatcher syntax this module reads."""


@dataclass(frozen=True)
class Test:
    """One attribute test of a node: the column, the accepted hashes, or a regex on the text."""

    column: int
    values: frozenset[int] | None = None
    negate: bool = False
    regex: re.Pattern[str] | None = None
    flag: bool | None = None


@dataclass(frozen=True)
class Node:
    name: str
    tests: tuple[Test, ...]
    left: int = -1  # index of the node this one hangs off
    op: str = ""


@dataclass(frozen=True)
class Pattern:
    nodes: tuple[Node, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n.name for n in self.nodes)


def compile_pattern(raw: Sequence[dict[str, Any]], strings: StringStore) -> Pattern:
    """Check a pattern and hash its values once, so matching compares integers."""
    if not raw:
        raise PatternError("a pattern needs at least one node")
    nodes: list[Node] = []
    index: dict[str, int] = {}
    for n, spec in enumerate(raw):
        if not isinstance(spec, dict):
            raise PatternError(f"node {n} is not an object")
        unknown = set(spec) - NODE_KEYS
        if unknown:
            raise PatternError(f"node {n}: unknown keys {sorted(unknown)}")
        name = spec.get("RIGHT_ID")
        if not isinstance(name, str) or not name:
            raise PatternError(f"node {n}: RIGHT_ID must be a name")
        if name in index:
            raise PatternError(f"node {n}: RIGHT_ID {name!r} is used twice")
        tests = tuple(_tests(spec.get("RIGHT_ATTRS", {}), strings, name))
        if n == 0:
            if "LEFT_ID" in spec or "REL_OP" in spec:
                raise PatternError("the first node is the anchor: it has no LEFT_ID or REL_OP")
            nodes.append(Node(name, tests))
        else:
            left, op = spec.get("LEFT_ID"), spec.get("REL_OP")
            if left not in index:
                raise PatternError(f"node {name!r}: LEFT_ID {left!r} is not an earlier node")
            if op not in REL_OPS:
                raise PatternError(f"node {name!r}: REL_OP {op!r} is not one of {sorted(REL_OPS)}")
            nodes.append(Node(name, tests, index[left], op))
        index[name] = n
    return Pattern(tuple(nodes))


def _tests(attrs: Any, strings: StringStore, node: str) -> Iterator[Test]:
    if not isinstance(attrs, dict):
        raise PatternError(f"node {node!r}: RIGHT_ATTRS must be an object")
    for attr, value in attrs.items():
        if attr in FLAGS:
            if not isinstance(value, bool):
                raise PatternError(f"node {node!r}: {attr} takes true or false")
            yield Test(FLAGS[attr], flag=value)
            continue
        if attr not in ATTRIBUTES:
            raise PatternError(f"node {node!r}: unknown attribute {attr!r}")
        column = ATTRIBUTES[attr]
        if isinstance(value, str):
            yield Test(column, frozenset({strings.add(value)}))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in SET_OPERATORS:
                if not isinstance(arg, list) or not all(isinstance(v, str) for v in arg):
                    raise PatternError(f"node {node!r}: {attr} {op} takes a list of strings")
                yield Test(column, frozenset(strings.add(v) for v in arg), negate=op == "NOT_IN")
            elif op == "REGEX" and isinstance(arg, str):
                yield Test(column, regex=re.compile(arg))
            else:
                raise PatternError(f"node {node!r}: {attr} takes a string, IN, NOT_IN or REGEX")
        else:
            raise PatternError(f"node {node!r}: {attr} takes a string, IN, NOT_IN or REGEX")


class DocArrays:
    """The attributes patterns test, read from the Doc once as integer columns."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.strings = doc.vocab.strings
        n = len(doc)
        array = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IS_TITLE, LIKE_NUM, HEAD, SENT_START])
        self.columns: list[list[int]] = array[:, :9].T.tolist() if n else [[] for _ in range(9)]
        offsets = array[:, 9].astype("int64").tolist() if n else []  # HEAD is relative, stored unsigned
        self.heads = [i + off if 0 <= i + off < n else i for i, off in enumerate(offsets)]
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.heads):
            if h != i:
                self.children[h].append(i)
        self.roots = self._roots()
        starts = array[:, 10].astype("int64").tolist() if n else []  # 1 where a sentence starts
        self.sentence = []
        count = -1
        for i, start in enumerate(starts):
            count += start == 1 or i == 0
            self.sentence.append(count)
        self.entities_in_sentence: list[int] | None = None  # set by whoever knows the entities
        self._index: dict[tuple[int, int], list[int]] = {}
        self._indexed: set[int] = set()  # columns whose index is built

    def __len__(self) -> int:
        return len(self.heads)

    def _roots(self) -> list[int]:
        """The root of each token's tree: linear-order operators stay inside one tree, as in spaCy."""
        roots = [-1] * len(self.heads)
        for i in range(len(self.heads)):
            path, j = [], i
            while roots[j] < 0 and self.heads[j] != j and len(path) <= len(self.heads):
                path.append(j)
                j = self.heads[j]
            root = roots[j] if roots[j] >= 0 else j
            for k in (*path, j):
                roots[k] = root
        return roots

    def with_value(self, column: int, value: int) -> list[int]:
        """Token indices whose ``column`` holds ``value``, from an index built on first use."""
        if column not in self._indexed:
            self._indexed.add(column)
            for i, v in enumerate(self.columns[column]):
                self._index.setdefault((column, v), []).append(i)
        return self._index.get((column, value), [])

    def passes(self, i: int, tests: tuple[Test, ...]) -> bool:
        for t in tests:
            v = self.columns[t.column][i]
            if t.flag is not None:
                if bool(v) != t.flag:
                    return False
            elif t.regex is not None:
                if not t.regex.search(self.strings[v]):
                    return False
            elif (v in t.values) == t.negate:  # type: ignore[operator]
                return False
        return True

    # -- operators ------------------------------------------------------------------------
    def related(self, i: int, op: str) -> list[int]:
        """Tokens standing in relation ``op`` to token ``i``: ``a op b`` reads "b is op of a"."""
        heads, children = self.heads, self.children
        if op == ">":
            return children[i]
        if op == "<":
            return [heads[i]] if heads[i] != i else []
        if op == ">>":
            out, stack = [], list(children[i])
            while stack:
                j = stack.pop()
                out.append(j)
                stack.extend(children[j])
            return sorted(out)
        if op == "<<":
            out = []
            j = i
            while heads[j] != j and len(out) < len(heads):
                j = heads[j]
                out.append(j)
            return out
        roots = self.roots
        if op == ".":
            return [i + 1] if i + 1 < len(heads) and roots[i + 1] == roots[i] else []
        if op == ";":
            return [i - 1] if i > 0 and roots[i - 1] == roots[i] else []
        if op == ".*":
            return [j for j in range(i + 1, len(heads)) if roots[j] == roots[i]]
        if op == ";*":
            return [j for j in range(i) if roots[j] == roots[i]]
        siblings = [j for j in children[heads[i]] if j != i] if heads[i] != i else []
        if op == "$+":
            return [j for j in siblings if j == i + 1]
        if op == "$-":
            return [j for j in siblings if j == i - 1]
        if op == "$++":
            return [j for j in siblings if j > i]
        return [j for j in siblings if j < i]  # "$--"


def anchors(arrays: DocArrays, node: Node) -> list[int]:
    """Candidates for a pattern's first node: looked up by its most selective test."""
    indexed = [t for t in node.tests if t.values is not None and not t.negate]
    if indexed:
        best = min(indexed, key=lambda t: (t.column not in (1, 2, 0), len(t.values or ())))
        found: set[int] = set()
        for v in best.values or ():
            found.update(arrays.with_value(best.column, v))
        candidates = sorted(found)
    else:
        candidates = list(range(len(arrays)))
    return [i for i in candidates if arrays.passes(i, node.tests)]


def match(arrays: DocArrays, pattern: Pattern, entities: int = 0) -> Iterator[tuple[int, ...]]:
    """Every assignment of tokens to the pattern's nodes, as spaCy's DependencyMatcher finds them;
    with ``entities``, only in sentences that mention at least that many (when they are known)."""
    nodes = pattern.nodes
    counts = arrays.entities_in_sentence
    for start in anchors(arrays, nodes[0]):
        if entities and counts is not None and counts[start] < entities:
            continue
        yield from _extend(arrays, nodes, [start])


def _extend(arrays: DocArrays, nodes: tuple[Node, ...], chosen: list[int]) -> Iterator[tuple[int, ...]]:
    if len(chosen) == len(nodes):
        yield tuple(chosen)
        return
    node = nodes[len(chosen)]
    for j in arrays.related(chosen[node.left], node.op):
        if arrays.passes(j, node.tests):  # as in spaCy, one token may fill two nodes
            yield from _extend(arrays, nodes, [*chosen, j])
