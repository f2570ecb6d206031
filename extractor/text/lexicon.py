"""Typed access to the data files in ``extractor/resources`` (rules as data, read once).

The gazetteer is strict, as a spaCy user expects of a component's data: a row with an unknown
key, a wrong type or kind, a malformed or repeated Wikidata id, a name claimed by two entries,
or a ``parent``/``developer`` that names no entry is an error that names the row and the field,
raised when the gazetteer is loaded rather than a silent mis-match in every article later.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model.vocabulary import vocabulary

ENTITY_TYPES = ("Organization", "GovernmentBody", "Person", "Product", "Location")
PRODUCT_KINDS = vocabulary().kind_names
PLACE_KINDS = ("country", "state", "city", "region")
ENTRY_KEYS = ("name", "type", "kind", "wikidata", "aliases", "parent", "developer", "descriptors", "context")
PLACE_KEYS = ("name", "kind", "wikidata", "aliases", "context")
WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")
ORG_TYPES = frozenset({"Organization", "GovernmentBody"})
TYPE_GROUP = {"Organization": "org", "GovernmentBody": "org", "Person": "person", "Product": "product"}


class GazetteerError(ValueError):
    """A gazetteer or places row that cannot be used; the message names the row and the field."""


def _resource_text(name: str) -> str:
    return resources.files("extractor.resources").joinpath(name).read_text(encoding="utf-8")


def read_jsonl(path: str | Path | None, default: str) -> list[dict[str, Any]]:
    """Rows of a JSONL file, or of the packaged ``default`` when no path is given."""
    source = str(path) if path else default
    text = Path(path).read_text(encoding="utf-8") if path else _resource_text(default)
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise GazetteerError(f"{source} line {n}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise GazetteerError(f"{source} line {n}: a row must be a JSON object, not {type(row).__name__}")
        rows.append(row)
    return rows


@cache
def lexicon() -> dict[str, Any]:
    return json.loads(_resource_text("lexicon.json"))


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


def _label(where: str, row: dict[str, Any]) -> str:
    name = row.get("name")
    return f"{where} ({name!r})" if isinstance(name, str) else where


def _text(value: Any, what: str, at: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GazetteerError(f"{at}: {what} must be a non-empty string, not {value!r}")
    if value != value.strip():
        raise GazetteerError(f"{at}: {what} {value!r} has leading or trailing spaces")
    return value


def _texts(value: Any, what: str, at: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise GazetteerError(f"{at}: {what} must be a list of strings, not {value!r}")
    items = tuple(_text(v, f"each of {what}", at) for v in value)
    repeated = sorted({v for v in items if items.count(v) > 1})
    if repeated:
        raise GazetteerError(f"{at}: {what} lists {repeated[0]!r} twice")
    return items


def place_rows(rows: Iterable[dict[str, Any]], source: str = "places") -> list[dict[str, Any]]:
    """Rows of a places file checked and turned into gazetteer rows of type Location.

    A place row has ``name``, ``kind`` (country, state, city or region), and optionally
    ``wikidata``, ``aliases`` and ``context``.
    """
    out = []
    for n, row in enumerate(rows, start=1):
        at = _label(f"{source} row {n}", row)
        unknown = sorted(set(row) - set(PLACE_KEYS))
        if unknown:
            raise GazetteerError(f"{at}: unknown key {unknown[0]!r} (a place row has {', '.join(PLACE_KEYS)})")
        if row.get("kind") not in PLACE_KINDS:
            raise GazetteerError(f"{at}: unknown place kind {row.get('kind')!r} (one of {', '.join(PLACE_KINDS)})")
        out.append({**row, "type": "Location"})
    return out


@dataclass
class KnowledgeBase:
    """Gazetteer entries by key and by name; built from JSONL rows, which it checks."""

    entries: dict[str, KBEntry] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls, rows: Iterable[dict[str, Any]], default_type: str | None = None, source: str = "gazetteer"
    ) -> KnowledgeBase:
        kb = cls()
        kb.extend(rows, default_type, source)
        kb.check_references()
        return kb

    def extend(
        self, rows: Iterable[dict[str, Any]], default_type: str | None = None, source: str = "gazetteer"
    ) -> None:
        """Add rows without the cross-row reference check (call ``check_references`` after the last)."""
        for n, row in enumerate(rows, start=1):
            self.add(row, default_type, where=f"{source} row {n}")

    def add(self, row: dict[str, Any], default_type: str | None = None, where: str = "gazetteer row") -> None:
        """Check one row and add it; raise :class:`GazetteerError` naming the row if it is wrong."""
        entry = self.entry_from_row(row, default_type, where)
        at = _label(where, row)
        if entry.wikidata and entry.wikidata in self.entries:
            other = self.entries[entry.wikidata]
            raise GazetteerError(f"{at}: Wikidata id {entry.wikidata} is already the id of {other.name!r}")
        for name in entry.names:
            key = self.by_name.get(name)
            if key is None:
                continue
            other = self.entries[key]
            if other.type != entry.type:
                raise GazetteerError(
                    f"{at}: the name {name!r} would map to two entries of different types: "
                    f"{other.type} {other.name!r} and {entry.type} {entry.name!r}"
                )
            raise GazetteerError(f"{at}: the name {name!r} is already a name of {other.type} {other.name!r}")
        self.entries[entry.key] = entry
        for name in entry.names:
            self.by_name[name] = entry.key

    @staticmethod
    def entry_from_row(row: dict[str, Any], default_type: str | None = None, where: str = "gazetteer row") -> KBEntry:
        at = _label(where, row)
        if not isinstance(row, dict):
            raise GazetteerError(f"{where}: a row must be an object, not {type(row).__name__}")
        unknown = sorted(set(row) - set(ENTRY_KEYS))
        if unknown:
            raise GazetteerError(f"{at}: unknown key {unknown[0]!r} (a row has {', '.join(ENTRY_KEYS)})")
        if "name" not in row:
            raise GazetteerError(f"{at}: no name")
        name = _text(row["name"], "name", at)
        etype = row.get("type", default_type)
        if etype not in ENTITY_TYPES:
            raise GazetteerError(f"gazetteer entry {name!r} ({where}): unknown type {etype!r}")
        kind = row.get("kind")
        if etype == "Product":
            if kind not in PRODUCT_KINDS:
                raise GazetteerError(f"{at}: a Product needs a kind, one of {', '.join(PRODUCT_KINDS)}; got {kind!r}")
        elif etype == "Location":
            if kind is not None and kind not in PLACE_KINDS:
                raise GazetteerError(f"{at}: unknown place kind {kind!r} (one of {', '.join(PLACE_KINDS)})")
            kind = None  # a place's kind is documentation; entities carry product kinds only
        elif kind is not None:
            raise GazetteerError(f"{at}: kind is for Product (and Location) rows, not for {etype}")
        wikidata = row.get("wikidata")
        if wikidata is not None and (not isinstance(wikidata, str) or not WIKIDATA_ID.match(wikidata)):
            raise GazetteerError(f"{at}: Wikidata id {wikidata!r} is not of the form Q123")
        aliases = _texts(row.get("aliases", []), "aliases", at)
        if name in aliases:
            raise GazetteerError(f"{at}: alias {name!r} repeats the name")
        context = _texts(row.get("context", []), "context", at)
        spaced = [w for w in context if any(c.isspace() for c in w)]
        if spaced:
            raise GazetteerError(f"{at}: context word {spaced[0]!r} has a space; context words are single tokens")
        own = [w for w in context if w in (name, *aliases)]
        if own:
            raise GazetteerError(f"{at}: context word {own[0]!r} is the entry's own name, so always there")
        parent = _text(row["parent"], "parent", at) if "parent" in row else None
        developer = _text(row["developer"], "developer", at) if "developer" in row else None
        if developer is not None and etype != "Product":
            raise GazetteerError(f"{at}: developer is for Product rows, not for {etype}")
        return KBEntry(
            key=wikidata or "ng:" + name,
            name=name,
            type=etype,
            kind=kind,
            wikidata=wikidata,
            aliases=aliases,
            parent=parent,
            developer=developer,
            descriptors=_texts(row.get("descriptors", []), "descriptors", at),
            context=context,
        )

    def check_references(self) -> None:
        """Every ``parent`` and ``developer`` names an entry (by its name), of a fitting type, without cycles."""
        by_label = {e.name: e for e in self.entries.values()}
        for e in self.entries.values():
            for attr in ("parent", "developer"):
                target = getattr(e, attr)
                if target is None:
                    continue
                other = by_label.get(target)
                if other is None:
                    known = self.lookup(target)
                    hint = f"; use its name {known.name!r}" if known else ""
                    raise GazetteerError(f"gazetteer entry {e.name!r}: {attr} {target!r} is not an entry's name{hint}")
                if other is e:
                    raise GazetteerError(f"gazetteer entry {e.name!r}: {attr} names the entry itself")
                if attr == "developer" and other.type not in ORG_TYPES:
                    raise GazetteerError(
                        f"gazetteer entry {e.name!r}: developer {target!r} is a {other.type}, not an organisation"
                    )
                if attr == "parent" and TYPE_GROUP.get(other.type) != TYPE_GROUP.get(e.type, "?"):
                    raise GazetteerError(
                        f"gazetteer entry {e.name!r}: parent {target!r} is a {other.type}; "
                        f"a {e.type} can be part of only a thing of its own kind"
                    )
            seen = [e.name]
            node = e
            while node.parent is not None:
                node = by_label[node.parent]
                if node.name in seen:
                    raise GazetteerError(f"gazetteer entry {e.name!r}: parent cycle {' -> '.join([*seen, node.name])}")
                seen.append(node.name)

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
    """The packaged gazetteer and places, checked together (a name is one entry's across both)."""
    kb = KnowledgeBase()
    kb.extend(read_jsonl(None, "gazetteer.jsonl"), source="gazetteer.jsonl")
    kb.extend(place_rows(read_jsonl(None, "places.jsonl"), "places.jsonl"), source="places.jsonl")
    kb.check_references()
    return kb
