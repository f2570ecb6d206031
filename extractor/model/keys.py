"""Stable keys for entities: the same real-world thing gets the same key in every article."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a type hint: keys are computed from plain strings and import nothing of the package
    from .facts import Entity

LEGAL_SUFFIXES = r"(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|ag|sa|se|nv|gmbh|holdings)"
TYPE_GROUPS = {
    "Organization": "org",
    "GovernmentBody": "org",
    "Person": "person",
    "Product": "product",
    "Location": "place",
}


def normalized_name(name: str) -> str:
    """Case, possessive, a leading "the", punctuation and legal suffixes folded away:
    "The Anthropic's" and "ZT Systems Inc." become "anthropic" and "zt systems"."""
    s = unicodedata.normalize("NFKC", name).casefold().strip().replace("\u2019", "'")
    s = re.sub(r"'s\b|'$", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", s)  # "s.a." → "sa.", "u.s." → "us."
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(rf"(\s+{LEGAL_SUFFIXES})+\s*$", "", s)
    return re.sub(r"\s+", " ", s).strip()


def slug(text: str) -> str:
    """An ASCII slug safe in any IRI or file name: "Amazon Web Services" → "amazon-web-services".
    Accents fold away ("Nestlé" → "nestle"); a name with letters outside Latin gets a stable hash,
    appended to what ASCII it has, so "Яндекс" and "Baidu 百度" never share a key with another name."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if s and all(c.isascii() for c in decomposed if c.isalnum()):
        return s
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return f"{s}-x-{digest}" if s else f"x-{digest}"


def type_group(entity_type: str) -> str:
    """Types that can name the same thing share a group: a regulator may be typed Organization."""
    return TYPE_GROUPS.get(entity_type, "entity")


def name_key(entity_type: str, name: str) -> str:
    return f"{type_group(entity_type)}/{slug(normalized_name(name) or name)}"


def entity_key(entity: Entity) -> str:
    """Wikidata id when known, else type group and normalised name: "Q3884", "org/zt-systems"."""
    return entity.wikidata or name_key(entity.type, entity.name)
