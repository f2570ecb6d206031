"""Dates in news text, normalised to ISO 8601 as precisely as the text allows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": None}
MONTH_RE = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
FULL_DATE = re.compile(MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b")
DAY_MONTH_YEAR = re.compile(r"\b(?P<day>\d{1,2})\s+" + MONTH_RE + r",?\s+(?P<year>(?:19|20)\d{2})\b")
MONTH_YEAR = re.compile(MONTH_RE + r",?\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b")
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})\b")
MONTH_ONLY = re.compile(r"^(?:in\s+|since\s+|on\s+|by\s+|early\s+|late\s+|mid-?)?" + MONTH_RE + r"$", re.IGNORECASE)
REGION = r"(?:,\s*[A-Z][A-Za-z.\-]*(?: [A-Z][A-Za-z.\-]*)*)?"  # ", Italy", ", N.Y."
DASH = r"(?:[-\u2013\u2014]+|/)"
AGENCY = r"(?:\((?P<agency>[A-Z][^()\n]{0,40})\)\s*)?"
DATELINE = re.compile(
    r"^\s*(?:(?P<place>[A-Z][A-Za-z.'\- /]+(?:,\s*[A-Z][A-Za-z.\- ]+)?),\s+)?"
    + MONTH_RE
    + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})\s*"
    + AGENCY
    + DASH
    + r"\s*"
)
# "ROME / DÜSSELDORF, 15 October 2024 -": a day before the month
DAY_FIRST_DATELINE = re.compile(
    r"^\s*(?P<place>[^\W\d_][^\W\d_.'\- ]*(?:[ .'\-/]+[^\W\d_][^\W\d_.'\- ]*)*" + REGION + r"),\s+"
    r"(?P<day>\d{1,2})\s+" + MONTH_RE + r",?\s+(?P<year>(?:19|20)\d{2})\s*" + AGENCY + DASH + r"\s*"
)
# "PERUGIA, Italy (AP) -", "WASHINGTON (Reuters) -": a place in capitals and an agency, no date
CAPS = r"[^\W\d_a-z\u00df-\u00ff](?:[^\W\d_a-z\u00df-\u00ff]|[.'\-])+"
AGENCY_DATELINE = re.compile(
    r"^\s*(?P<place>" + CAPS + r"(?:[ /]+" + CAPS + r")*" + REGION + r")\s*"
    r"\((?P<agency>[A-Z][^()\n]{0,40})\)\s*(?:[-\u2013\u2014_]+\s*|$)"
)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@dataclass(frozen=True)
class Dateline:
    """A dateline such as "SEATTLE, Nov. 22, 2024 -", with character spans into the text."""

    place: str | None
    date: str | None
    place_span: tuple[int, int] | None
    date_span: tuple[int, int] | None
    end: int
    agency_span: tuple[int, int] | None = None  # "(AP)": who wrote the article, not in it


def find_dateline(text: str, offset: int = 0) -> Dateline | None:
    """The dateline at the start of ``text``: "SEATTLE, Nov. 22, 2024 -", "ROME, 15 October 2024 -",
    "NEW YORK, March 18, 2025 (Newswire) -" or, with no date, "PERUGIA, Italy (AP) -"."""
    m = DATELINE.match(text) or DAY_FIRST_DATELINE.match(text) or AGENCY_DATELINE.match(text)
    if not m:
        return None
    dated = "year" in m.re.groupindex
    d = _valid(int(m.group("year")), _month(m.group("month")), int(m.group("day"))) if dated else None
    place = (offset + m.start("place"), offset + m.end("place")) if m.group("place") else None
    agency = (offset + m.start("agency"), offset + m.end("agency")) if m.group("agency") else None
    return Dateline(
        m.group("place"),
        d.isoformat() if d else None,
        place,
        (offset + min(m.start("month"), m.start("day")), offset + m.end("year")) if dated else None,
        offset + m.end(),
        agency,
    )


def parse_dateline(text: str) -> tuple[str | None, str | None, int]:
    """(place, ISO date, length) of a dateline such as "SEATTLE, Nov. 22, 2024 -"."""
    found = find_dateline(text)
    return (found.place, found.date, found.end) if found else (None, None, 0)


def _shift_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


def parse_date(text: str, published: str | None = None) -> str | None:
    """ISO form of a date expression; relative ones need the publication date."""
    t = " ".join(text.split())
    low = t.lower()
    ref = date.fromisoformat(published) if published else None
    for pattern in (FULL_DATE, DAY_MONTH_YEAR):
        m = pattern.search(t)
        if m:
            d = _valid(int(m.group("year")), _month(m.group("month")), int(m.group("day")))
            if d:
                return d.isoformat()
    m = ISO_DATE.search(t)
    if m:
        d = _valid(int(m.group("year")), int(m.group("m")), int(m.group("d")))
        if d:
            return d.isoformat()
    m = MONTH_YEAR.search(t)
    if m:
        return f"{int(m.group('year')):04d}-{_month(m.group('month')):02d}"
    m = YEAR.search(t)
    if m and not re.search(r"\d{4}s\b", t):
        return m.group("year")
    if ref is None:
        return None
    return _relative(low, ref)


def _relative(low: str, ref: date) -> str | None:
    low = re.sub(r"^(the|on|in|since|by|during|earlier|later)\s+", "", low.strip())
    if low in {"today", "this week"}:
        return ref.isoformat() if low == "today" else None
    if low == "yesterday":
        return (ref - timedelta(days=1)).isoformat()
    if low in WEEKDAYS:
        back = (ref.weekday() - WEEKDAYS[low]) % 7
        return (ref - timedelta(days=back)).isoformat()
    if re.fullmatch(r"(earlier |later )?this year|(earlier |later )?in the year", low):
        return str(ref.year)
    if low in {"last year", "a year ago", "the previous year", "previous year"}:
        return str(ref.year - 1)
    if low in {"this month", "earlier this month"}:
        return f"{ref.year:04d}-{ref.month:02d}"
    if low in {"last month", "a month ago"}:
        y, m = _shift_months(ref, -1)
        return f"{y:04d}-{m:02d}"
    m = MONTH_ONLY.match(low)
    if m:
        month = _month(m.group("month"))
        year = ref.year if month <= ref.month else ref.year - 1  # news reports the past
        return f"{year:04d}-{month:02d}"
    m = re.fullmatch(
        r"(?P<n>a|an|one|two|three|four|five|six|\d+) (?P<unit>day|week|month|year)s? (?:ago|earlier|after|before)", low
    )
    if m:
        n = NUMBER_WORDS.get(m.group("n")) if not m.group("n").isdigit() else int(m.group("n"))
        if n is None:
            return None
        unit = m.group("unit")
        if unit == "year":
            return str(ref.year - n)
        if unit == "month":
            y, mo = _shift_months(ref, -n)
            return f"{y:04d}-{mo:02d}"
        return (ref - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    return None
