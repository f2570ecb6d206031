"""Named resolvers, checks and attribute readers that rules call: what patterns cannot say.

A pattern finds where a construction is; a resolver turns one of its anchors into entities, with
what English does to arguments: subjects shared through control ("agreed to invest") and
coordination, relative clauses ("SoftBank, which bought Arm"), passives ("was acquired by"),
appositions and lists ("investors including A, B and C"), pronouns and descriptions resolved by
the mentions component. Each is registered under the name rules use (``subject:trigger``).
``core`` holds the general ones; each other module the ones a family of predicates needs.
"""

from __future__ import annotations

from . import core, deals, people, places, products, regulators, rivals
from .registry import ARGUMENTS, ATTRIBUTES, CHECKS, DEFERRED, Context

WORDS_READ = tuple(
    dict.fromkeys(w for m in (core, deals, people, places, products, regulators, rivals) for w in m.WORDS_READ)
)

__all__ = ["ARGUMENTS", "ATTRIBUTES", "CHECKS", "DEFERRED", "WORDS_READ", "Context"]
