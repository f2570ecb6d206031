"""Typed access to the data files in ``extractor/resources`` (rules as data, read once)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

ENTITY_TYPES = ("Organization", "GovernmentBody", "Person", "Product", "Location")
PRODUCT_KINDS = ("chip", "ai_model", "cloud_service", "software", "hardware", "other")


def _resource_text(name: str) -> str:
    return resources.files("extractor.resources").joinpath(name).read_text(encoding="utf-8")


def read_jsonl(path: str | Path | None, default: str) -> list[dict[str, Any]]:
    """Rows of a JSONL file, or of the packaged ``default`` when no path is given."""
    text = Path(path).read_text(encoding="utf-8") if path else _resource_text(default)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@cache
def lexicon() -> dict[str, Any]:
    return json.loads(_resource_text("lexicon.json"))


@cache
def triggers() -> dict[str, Any]:
    return json.loads(_resource_text("triggers.json"))


@dataclass(frozen=True)
class KBEntry:
    """One known thing: a company, regulator, product or place, with its names."""

    key: str
    name: str
    type: str
    kind: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    developer: str | None = None
    descriptors: tuple[str, ...] = ()
    context: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def descriptor_heads(self) -> frozenset[str]:
        return frozenset(d.split()[-1].lower() for d in self.descriptors)


@dataclass
class KnowledgeBase:
    """Gazetteer entries by key and by name; built from JSONL rows."""

    entries: dict[str, KBEntry] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]], default_type: str | None = None) -> KnowledgeBase:
        kb = cls()
        for row in rows:
            kb.add(row, default_type)
        return kb

    def add(self, row: dict[str, Any], default_type: str | None = None) -> None:
        etype = row.get("type", default_type)
        if etype not in ENTITY_TYPES:
            raise ValueError(f"gazetteer entry {row.get('name')!r}: unknown type {etype!r}")
        key = row.get("wikidata") or "ng:" + row["name"]
        entry = KBEntry(
            key=key,
            name=row["name"],
            type=etype,
            kind=row.get("kind") if etype == "Product" else None,
            wikidata=row.get("wikidata"),
            aliases=tuple(row.get("aliases", ())),
            parent=row.get("parent"),
            developer=row.get("developer"),
            descriptors=tuple(row.get("descriptors", ())),
            context=tuple(row.get("context", ())),
        )
        self.entries[key] = entry
        for name in entry.names:
            self.by_name.setdefault(name, key)

    def lookup(self, name: str) -> KBEntry | None:
        key = self.by_name.get(name)
        return self.entries[key] if key else None

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for e in self.entries.values():
            row: dict[str, Any] = {"name": e.name, "type": e.type}
            for attr in ("kind", "wikidata", "parent", "developer"):
                if getattr(e, attr):
                    row[attr] = getattr(e, attr)
            for attr in ("aliases", "descriptors", "context"):
                if getattr(e, attr):
                    row[attr] = list(getattr(e, attr))
            out.append(row)
        return out


@cache
def default_gazetteer() -> KnowledgeBase:
    kb = KnowledgeBase.from_rows(read_jsonl(None, "gazetteer.jsonl"))
    for row in read_jsonl(None, "places.jsonl"):
        kb.add({k: v for k, v in row.items() if k != "kind"}, default_type="Location")
    return kb
