"""One status per fact in an article. Each sentence reads a deal as it tells it ("agreed to buy" is
planned, "the deal drew scrutiny" names it with no cue, "closed the purchase" is done), so one
acquisition could be planned in one row and asserted in the next; an analyst asking "which deals are
done" needs the article's answer, the same on every row. The article's latest word wins: a deal called
off anywhere is off, one told as done is done though earlier sentences tell the agreement, and a row
that only names the deal takes what the rows that tell it say (asserted when none does)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Protocol

# How much a told status says of the article's fact; a status no cue gave (the default "asserted") says nothing.
TOLD_RANK = {"planned": 1, "asserted": 2, "cancelled": 3}
# Predicates whose facts with different amounts are different facts: an investor's tranches and rounds
# ("put $500 million upfront and will add $1.5 billion") each have their own status.
TRANCHED = frozenset({"invests_in"})


class StatusedFact(Protocol):
    predicate: str
    status: str
    amount: Any
    attrs: dict[str, Any]

    def key(self) -> tuple[str, str, str]: ...


def told(row: StatusedFact) -> bool:
    """Did a cue tell this row's status? A noun that refers back to a deal told before ("as part of the
    deal, Anthropic will use ...", "regulators are reviewing the investment") has the modality of its own
    clause, not the deal's: it tells a deal called off or done ("the deal collapsed", "the deal closed"),
    not a plan. A verb's own cue does ("and will invest another $1.5 billion")."""
    if not row.attrs.get("status_told"):
        return False
    trigger = row.attrs.get("trigger")
    refers_back = row.attrs.get("told_before") and getattr(trigger, "pos_", None) == "NOUN"
    return not (refers_back and row.status == "planned")


def told_status(rows: Iterable[StatusedFact]) -> str | None:
    """The strongest status that a cue in one of ``rows`` gave, or None when no row's status was told."""
    statuses = [r.status for r in rows if told(r)]
    return max(statuses, key=TOLD_RANK.__getitem__) if statuses else None


def amount_key(fact: StatusedFact) -> Hashable:
    a = fact.amount
    return None if a is None else (a.value, a.currency, a.bound)


def agree_statuses(facts: Sequence[StatusedFact]) -> None:
    """Give every row of one fact of the article the article's status for it (in place)."""
    by_fact: dict[tuple[str, str, str], list[StatusedFact]] = {}
    for f in facts:
        by_fact.setdefault(f.key(), []).append(f)
    for key, rows in by_fact.items():
        overall = told_status(rows)
        groups: dict[Hashable, list[StatusedFact]] = {}
        for r in rows:
            groups.setdefault(amount_key(r) if key[1] in TRANCHED else None, []).append(r)
        for group in groups.values():
            status = told_status(group) or overall or "asserted"
            for r in group:
                r.status = status
