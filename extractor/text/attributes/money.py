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


# Beyond the shared lexicon: Indian scales ("₹18,000 crore", "Rs 500 lakh"), and currencies news
# names in words or with their own signs ("3 billion reais", "R$5 billion", "SFr 2 billion").
MORE_SCALES = {"crore": 10_000_000, "crores": 10_000_000, "lakh": 100_000, "lakhs": 100_000, "lakh crore": 10**12}
MORE_SYMBOLS = {
    "R$": "BRL",
    "NZ$": "NZD",
    "Rs.": "INR",
    "Rs": "INR",
    "SFr": "CHF",
    "SFr.": "CHF",
    "RMB": "CNY",
    "NT$": "TWD",
    "\u20a9": "KRW",
    "\u20ba": "TRY",
    "\u20aa": "ILS",
    "zl": "PLN",
}
MORE_WORDS = {
    "reais": "BRL",
    "rupee": "INR",
    "rupees": "INR",
    "swiss francs": "CHF",
    "franc": "CHF",
    "yuan renminbi": "CNY",
    "kronor": "SEK",
    "swedish kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "rand": "ZAR",
    "ringgit": "MYR",
    "dirhams": "AED",
    "riyals": "SAR",
    "pesos": "MXN",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "rupiah": "IDR",
    "baht": "THB",
    "zlotys": "PLN",
    "zloty": "PLN",
    "forints": "HUF",
    "forint": "HUF",
    "shekels": "ILS",
    "lira": "TRY",
    "new taiwan dollars": "TWD",
    "taiwan dollars": "TWD",
    "new zealand dollars": "NZD",
}
CODES = (
    "USD|EUR|GBP|JPY|CNY|INR|CHF|CAD|AUD|BRL|HKD|SGD|KRW|SEK|NOK|DKK|ZAR|AED|SAR|MXN|NZD"
    "|TWD|IDR|PLN|HUF|CZK|ILS|THB|MYR|QAR|KWD"
)
# Hundredths, as share prices are told: "220p a share", "275 pence", "50 cents a share".
PENCE = re.compile(r"(?<![\w.,])(?P<num>\d+(?:\.\d+)?)(?:p(?=\s+(?:a|per)\s+share\b)|\s?(?P<word>pence|cents))\b", re.I)
HALF = re.compile(r"\bhalf\s+an?\s+(?P<scale>million|billion|trillion)\s+(?P<word>dollars|euros|pounds|yen)\b", re.I)


def _symbols() -> dict[str, str]:
    return {**lexicon()["currency_symbols"], **MORE_SYMBOLS}


def _scales() -> dict[str, float]:
    return {**lexicon()["money_scales"], **MORE_SCALES}


def _words() -> dict[str, str]:
    return {**lexicon()["currency_words"], **MORE_WORDS}


def _pattern() -> re.Pattern[str]:
    symbols = _alternation(list(_symbols()))
    scales = _alternation(list(_scales()))
    words = _alternation(list(_words()))
    qualifier = _alternation([*BOUNDS, *APPROXIMATE])
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    return re.compile(
        rf"(?:(?P<qual>{qualifier})\s+)?"
        rf"(?:(?<![A-Za-z])(?P<sym>{symbols})\s?(?P<num>{number})(?:[\s-]?(?P<scale>{scales}))?(?![\w])"
        rf"|(?P<num2>{number})(?:\s?(?P<scale2>{scales}))?\s+(?P<word>{words})\b"
        rf"|(?P<code>{CODES})\s?(?P<num3>{number})(?:\s?(?P<scale3>{scales}))?(?![\w]))",
        re.IGNORECASE,
    )


_PATTERN: re.Pattern[str] | None = None


def find_amounts(text: str, offset: int = 0) -> Iterator[Amount]:
    """Every money amount in ``text``; offsets are shifted by ``offset``."""
    global _PATTERN
    if _PATTERN is None:
        _PATTERN = _pattern()
    symbols = {k.lower(): v for k, v in _symbols().items()}
    words, scales = {k.lower(): v for k, v in _words().items()}, _scales()
    found = list(_PATTERN.finditer(text))
    for m in PENCE.finditer(text):
        currency = "USD" if (m.group("word") or "").lower() == "cents" else "GBP"
        value = Decimal(m.group("num")) / 100
        number = int(value) if value == value.to_integral_value() else float(value)
        yield Amount(number, currency, m.group(0), offset + m.start(), offset + m.end())
    for m in HALF.finditer(text):  # "half a billion dollars"
        value = scales[m.group("scale").lower()] / 2
        currency = words[m.group("word").lower()]
        yield Amount(int(value), currency, m.group(0), offset + m.start(), offset + m.end())
    for m in found:
        num = m.group("num") or m.group("num2") or m.group("num3")
        scale = (m.group("scale") or m.group("scale2") or m.group("scale3") or "").lower()
        if m.group("sym"):
            currency = symbols[m.group("sym").lower()]
        elif m.group("word"):
            currency = words[" ".join(m.group("word").lower().split())]
        else:
            currency = m.group("code").upper()
        scale = " ".join(scale.split())
        try:
            value = Decimal(num.replace(",", "")) * Decimal(str(scales.get(scale, 1)))
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
