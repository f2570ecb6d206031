"""Money amounts in news text: "$8 billion", "$4.9bn", "€500 million", "2 billion dollars"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..lexicon import lexicon

BOUNDS = {
    "up to": "max",
    "as much as": "max",
    "at most": "max",
    "no more than": "max",
    "less than": "max",
    "under": "max",
    "at least": "min",
    "more than": "min",
    "over": "min",
    "upwards of": "min",
    "in excess of": "min",
}
APPROXIMATE = ("about", "around", "roughly", "approximately", "nearly", "almost", "some", "an estimated", "close to")


@dataclass(frozen=True)
class Amount:
    """A normalised amount: ``value`` in units of ``currency`` (ISO 4217)."""

    value: int | float
    currency: str
    text: str
    start: int  # character offsets of ``text`` in the source
    end: int
    bound: str | None = None
    approximate: bool = False

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"value": self.value, "currency": self.currency, "text": self.text}
        if self.bound:
            out["bound"] = self.bound
        if self.approximate:
            out["approximate"] = True
        return out


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _pattern() -> re.Pattern[str]:
    lex = lexicon()
    symbols = _alternation(list(lex["currency_symbols"]))
    scales = _alternation(list(lex["money_scales"]))
    words = _alternation(list(lex["currency_words"]))
    qualifier = _alternation([*BOUNDS, *APPROXIMATE])
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    return re.compile(
        rf"(?:(?P<qual>{qualifier})\s+)?"
        rf"(?:(?P<sym>{symbols})\s?(?P<num>{number})(?:\s?(?P<scale>{scales}))?(?![\w])"
        rf"|(?P<num2>{number})(?:\s?(?P<scale2>{scales}))?\s+(?P<word>{words})\b"
        rf"|(?P<code>USD|EUR|GBP|JPY|CNY|INR|CHF|CAD|AUD)\s?(?P<num3>{number})(?:\s?(?P<scale3>{scales}))?(?![\w]))",
        re.IGNORECASE,
    )


_PATTERN: re.Pattern[str] | None = None


def find_amounts(text: str, offset: int = 0) -> Iterator[Amount]:
    """Every money amount in ``text``; offsets are shifted by ``offset``."""
    global _PATTERN
    if _PATTERN is None:
        _PATTERN = _pattern()
    lex = lexicon()
    symbols = {k.lower(): v for k, v in lex["currency_symbols"].items()}
    for m in _PATTERN.finditer(text):
        num = m.group("num") or m.group("num2") or m.group("num3")
        scale = (m.group("scale") or m.group("scale2") or m.group("scale3") or "").lower()
        if m.group("sym"):
            currency = symbols[m.group("sym").lower()]
        elif m.group("word"):
            currency = lex["currency_words"][m.group("word").lower()]
        else:
            currency = m.group("code").upper()
        try:
            value = Decimal(num.replace(",", "")) * Decimal(str(lex["money_scales"].get(scale, 1)))
        except InvalidOperation:
            continue
        qual = (m.group("qual") or "").lower()
        start = m.start() if qual in BOUNDS else (m.end("qual") + 1 if qual else m.start())
        number: int | float = int(value) if value == value.to_integral_value() else float(value)
        yield Amount(
            value=number,
            currency=currency,
            text=text[start : m.end()],
            start=offset + start,
            end=offset + m.end(),
            bound=BOUNDS.get(qual),
            approximate=qual in APPROXIMATE,
        )


def parse_amount(text: str) -> Amount | None:
    """The first amount in ``text``, or None."""
    return next(find_amounts(text), None)
