"""The node and edge vocabulary (shared/spec/SCHEMA.md), read from ``resources/vocabulary.json``.

Each predicate and entity type is stated once there; the relation component, the corpus graph,
the viewer, the RDF namespace, the JSON Schema, ontology.ttl and shapes.ttl derive from it, so they
cannot disagree. Kept free of spaCy and rdflib so that anything may import it.
``python -m extractor.regenerate`` regenerates the shipped schema and Turtle files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

IRI_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
SNAKE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
COLOR = re.compile(r"^#[0-9a-f]{6}$")
ATTRIBUTES = ("amount", "date", "round", "purpose", "role")  # per-predicate ones; status etc. fit every predicate


class VocabularyError(ValueError):
    """The vocabulary file contradicts itself."""


@dataclass(frozen=True)
class EntityType:
    name: str
    iri: str
    label: str
    comment: str | None
    aligned: tuple[str, ...]  # CURIEs of classes it is a subclass of (schema.org)
    color: str
    shape: str  # cytoscape node shape
    css: str  # the legend's CSS class
    marker: str  # matplotlib marker of the static picture


@dataclass(frozen=True)
class ProductKind:
    name: str
    shape: str


@dataclass(frozen=True)
class Signature:
    """One admissible (subject type, object type) combination: any of ``subject`` → any of ``object``."""

    subject: tuple[str, ...]
    object: tuple[str, ...]

    def admits(self, subject_type: str | None, object_type: str | None) -> bool:
        return subject_type in self.subject and object_type in self.object


@dataclass(frozen=True)
class Predicate:
    name: str  # as in the article JSON: invests_in
    iri: str  # local name in the ng: namespace: investsIn
    label: str
    comment: str
    signatures: tuple[Signature, ...]
    symmetric: bool
    attributes: tuple[str, ...]
    color: str
    mappings: tuple[tuple[str, tuple[str, ...]], ...]  # (CURIE of an RDF property, CURIEs it points to)

    @property
    def subject_types(self) -> tuple[str, ...]:
        return _union(s.subject for s in self.signatures)

    @property
    def object_types(self) -> tuple[str, ...]:
        return _union(s.object for s in self.signatures)

    def admits(self, subject_type: str | None, object_type: str | None) -> bool:
        return any(s.admits(subject_type, object_type) for s in self.signatures)


@dataclass(frozen=True)
class Vocabulary:
    prefixes: tuple[tuple[str, str], ...]
    entity_types: tuple[EntityType, ...]
    product_kinds: tuple[ProductKind, ...]
    predicates: tuple[Predicate, ...]

    @property
    def predicate_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.predicates)

    @property
    def type_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.entity_types)

    @property
    def kind_names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.product_kinds)

    @property
    def symmetric(self) -> frozenset[str]:
        return frozenset(p.name for p in self.predicates if p.symmetric)

    def carrying(self, attribute: str) -> frozenset[str]:
        """The predicates whose relations may carry ``attribute`` (amount, date, round, ...)."""
        return frozenset(p.name for p in self.predicates if attribute in p.attributes)

    def predicate(self, name: str) -> Predicate:
        for p in self.predicates:
            if p.name == name:
                return p
        raise KeyError(name)

    def expand(self, curie: str) -> str:
        """``schema:Place`` → ``https://schema.org/Place``, by the file's prefixes."""
        prefix, _, local = curie.partition(":")
        return dict(self.prefixes)[prefix] + local

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Vocabulary:
        """Parse and check the file's structure: unknown types, duplicates and bad names fail here, not later."""
        types = tuple(
            EntityType(
                t["name"],
                t["iri"],
                t["label"],
                t.get("comment"),
                tuple(t.get("aligned", ())),
                t["color"],
                t["shape"],
                t.get("css", ""),
                t.get("marker", "o"),
            )
            for t in data["entity_types"]
        )
        kinds = tuple(ProductKind(k["name"], k["shape"]) for k in data.get("product_kinds", ()))
        preds = tuple(
            Predicate(
                p["name"],
                p["iri"],
                p["label"],
                p["comment"],
                tuple(Signature(tuple(s["subject"]), tuple(s["object"])) for s in p["signatures"]),
                bool(p.get("symmetric", False)),
                tuple(p.get("attributes", ())),
                p["color"],
                tuple((k, tuple(v)) for k, v in p.get("mappings", {}).items()),
            )
            for p in data["predicates"]
        )
        vocab = cls(tuple(data.get("prefixes", {}).items()), types, kinds, preds)
        vocab.check()
        return vocab

    def check(self) -> None:
        known = set(self.type_names)
        prefixes = dict(self.prefixes)
        for what, names in (
            ("entity type", self.type_names),
            ("predicate", self.predicate_names),
            ("IRI", [t.iri for t in self.entity_types] + [p.iri for p in self.predicates]),
        ):
            if len(set(names)) != len(names):
                raise VocabularyError(f"duplicate {what}: {sorted(n for n in names if names.count(n) > 1)}")
        for t in self.entity_types:
            if not IRI_NAME.match(t.iri) or not COLOR.match(t.color):
                raise VocabularyError(f"entity type {t.name}: bad IRI name {t.iri!r} or colour {t.color!r}")
        for p in self.predicates:
            where = f"predicate {p.name}"
            if not SNAKE_NAME.match(p.name) or not IRI_NAME.match(p.iri) or not COLOR.match(p.color):
                raise VocabularyError(f"{where}: bad name, IRI name {p.iri!r} or colour {p.color!r}")
            if not p.signatures or any(not s.subject or not s.object for s in p.signatures):
                raise VocabularyError(f"{where}: needs subject and object types")
            unknown = {t for s in p.signatures for t in s.subject + s.object} - known
            if unknown:
                raise VocabularyError(f"{where}: unknown entity types {sorted(unknown)}")
            if p.symmetric and not all(p.admits(o, s) for g in p.signatures for s in g.subject for o in g.object):
                # its direct triple is written both ways: the other way must fit the signatures too
                raise VocabularyError(f"{where}: symmetric, so each signature must also hold with its ends swapped")
            if set(p.attributes) - set(ATTRIBUTES):
                raise VocabularyError(f"{where}: unknown attributes {sorted(set(p.attributes) - set(ATTRIBUTES))}")
            curies = [c for k, vs in p.mappings for c in (k, *vs)]
            if any(c.partition(":")[0] not in prefixes for c in curies):
                raise VocabularyError(f"{where}: a mapping uses an undeclared prefix")


def _union(groups: Any) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out.extend(t for t in group if t not in out)
    return tuple(out)


def load(path: Path) -> Vocabulary:
    """A vocabulary from a file of the shipped format (tests use this for variants)."""
    return Vocabulary.from_dict(json.loads(path.read_text(encoding="utf-8")))


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, read once per process."""
    text = resources.files("extractor.resources").joinpath("vocabulary.json").read_text(encoding="utf-8")
    return Vocabulary.from_dict(json.loads(text))
