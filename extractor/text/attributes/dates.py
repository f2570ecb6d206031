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


# A month and day without a year: "March 4", "4 March", "Tuesday, November 12".
MONTH_DAY = re.compile(MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d)")
DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_RE + r"(?![\w])(?!,?\s*\d)")
# A month with a year said in words: "in February last year", "August this year", "last July".
MONTH_WORD_YEAR = re.compile(MONTH_RE + r",?\s+(?P<which>last|this|next|previous)\s+year\b", re.IGNORECASE)
LAST_MONTH_NAME = re.compile(r"^(?:the\s+)?(?:back\s+)?(?:in\s+)?last\s+" + MONTH_RE + r"$", re.IGNORECASE)
LEADING = re.compile(r"^(?:the|on|in|since|by|during|earlier|later|back in|back|from|until|as of)\s+")
UNIT_WORDS = "day|week|month|year|decade"
# Told from another date of the story: "two years later", "the following day", "the year before".
COUNTED_FROM = re.compile(
    rf"^(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
    rf"(?P<unit>{UNIT_WORDS})s?\s+(?P<dir>earlier|later|before|after|on|ago)$"
)
NEXT_OR_PREVIOUS = re.compile(
    rf"^(?:the\s+)?(?:(?P<dir>following|next|previous|prior|preceding)\s+(?P<unit>{UNIT_WORDS})"
    rf"|(?P<unit2>{UNIT_WORDS})\s+(?P<dir2>before|after|earlier|later))$"
)
SAME_PERIOD = re.compile(r"^(?:(?:earlier|later)\s+)?(?:that|the same)\s+(?P<unit>year|month|day)$")
MORE_NUMBERS = {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
FUTURE_TOLERANCE_DAYS = 183  # "May 27" written in March is this May; "December 15" written in January, last one


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word, MORE_NUMBERS.get(word))


def _parse_iso(value: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) of an ISO date of any precision: "2024", "2024-05", "2024-05-02"."""
    parts = [int(p) for p in value.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def _month_day(month: int, day: int, ref: date) -> str | None:
    """A month and day of the publication's year, or of the year before when that would put it
    more than half a year after publication."""
    d = _valid(ref.year, month, day)
    if d is None:
        return None
    if (d - ref).days > FUTURE_TOLERANCE_DAYS:
        d = _valid(ref.year - 1, month, day) or d
    return d.isoformat()


def counted(value: str, n: int, unit: str) -> str | None:
    """``value`` (an ISO date of any precision) moved by ``n`` units, as precisely as both allow:
    years give a year, months a month (when ``value`` has one), weeks and days a day."""
    y, m, d = _parse_iso(value)
    if unit == "decade":
        return str(y + 10 * n)
    if unit == "year":
        return str(y + n)
    if m is None:
        return None
    if unit == "month":
        yy, mm = _shift_months(date(y, m, 1), n)
        return f"{yy:04d}-{mm:02d}"
    if d is None:
        return None
    return (date(y, m, d) + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()


def parse_date(text: str, published: str | None = None, anchor: str | None = None) -> str | None:
    """ISO form of a date expression; relative ones need the publication date ("last year"), or
    the date the story told before (``anchor``, ISO) for "two months earlier", "the following day"
    and "that April"; without an anchor those count from publication, when they look back."""
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
    m = MONTH_WORD_YEAR.search(t)
    if m and ref is not None:
        shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[m.group("which").lower()]
        return f"{ref.year + shift:04d}-{_month(m.group('month')):02d}"
    for pattern in (MONTH_DAY, DAY_MONTH):
        m = pattern.search(t)
        if m and ref is not None:
            return _month_day(_month(m.group("month")), int(m.group("day")), ref)
    told = _counted_from_story(low, anchor)
    if told is not None:
        return told or None
    if ref is None:
        return None
    return _relative(low, ref)


def _counted_from_story(low: str, anchor: str | None) -> str | None:
    """Dates told from the story's last date: "" when the text is such a date but cannot be
    resolved, None when it is not one."""
    low = LEADING.sub("", low.strip())
    m = COUNTED_FROM.match(low)
    if m and m.group("dir") not in {"ago", "on"}:
        n = _number(m.group("n"))
        if anchor is None or n is None:
            return None if m.group("dir") in {"earlier", "before"} else ""
        sign = -1 if m.group("dir") in {"earlier", "before"} else 1
        return counted(anchor, sign * n, m.group("unit")) or ""
    m = NEXT_OR_PREVIOUS.match(low)
    if m:
        unit, direction = m.group("unit") or m.group("unit2"), m.group("dir") or m.group("dir2")
        if anchor is None:
            return None if direction in {"previous", "prior", "preceding", "before", "earlier"} else ""
        sign = -1 if direction in {"previous", "prior", "preceding", "before", "earlier"} else 1
        return counted(anchor, sign, unit) or ""
    m = SAME_PERIOD.match(low)
    if m:
        if anchor is None:
            return ""
        y, mo, d = _parse_iso(anchor)
        unit = m.group("unit")
        if unit == "year":
            return str(y)
        if unit == "month":
            return f"{y:04d}-{mo:02d}" if mo else ""
        return anchor if d else ""
    return None


def in_year_of(month_text: str, anchor: str) -> str | None:
    """ "that April": the month in the anchor's year."""
    m = re.fullmatch(MONTH_RE, month_text.strip(), re.IGNORECASE)
    if not m:
        return None
    return f"{_parse_iso(anchor)[0]:04d}-{_month(m.group('month')):02d}"


def _relative(low: str, ref: date) -> str | None:
    low = LEADING.sub("", low.strip())
    if low in {"today", "this week"}:
        return ref.isoformat() if low == "today" else None
    if low == "yesterday":
        return (ref - timedelta(days=1)).isoformat()
    if low in WEEKDAYS:
        back = (ref.weekday() - WEEKDAYS[low]) % 7
        return (ref - timedelta(days=back)).isoformat()
    m = re.fullmatch(r"last (?P<day>" + "|".join(WEEKDAYS) + r")", low)
    if m:
        back = (ref.weekday() - WEEKDAYS[m.group("day")]) % 7 or 7
        return (ref - timedelta(days=back)).isoformat()
    m = LAST_MONTH_NAME.match(low)
    if m:  # "last July": the latest July before this month
        month = _month(m.group("month"))
        return f"{ref.year if month < ref.month else ref.year - 1:04d}-{month:02d}"
    if re.fullmatch(r"(earlier |later )?this year|(earlier |later )?in the year", low):
        return str(ref.year)
    if low in {"last year", "a year ago", "the previous year", "previous year"}:
        return str(ref.year - 1)
    if low in {"this month", "earlier this month"}:
        return f"{ref.year:04d}-{ref.month:02d}"
    if low in {"last month", "a month ago"}:
        y, m2 = _shift_months(ref, -1)
        return f"{y:04d}-{m2:02d}"
    m = MONTH_ONLY.match(low)
    if m:
        month = _month(m.group("month"))
        year = ref.year if month <= ref.month else ref.year - 1  # news reports the past
        return f"{year:04d}-{month:02d}"
    m = COUNTED_FROM.match(low)
    if m and m.group("dir") in {"ago", "earlier", "before"}:
        n = _number(m.group("n"))
        if n is None:
            return None
        return counted(ref.isoformat(), -n, m.group("unit"))
    m = re.search(r"\b(?P<which>last|this|next) year\b", low)  # "the end of last year", "the start of the year"
    if m and not re.search(r"\b(?:fiscal|financial)\b", low):
        return str(ref.year + {"last": -1, "this": 0, "next": 1}[m.group("which")])
    if re.fullmatch(r"(?:the )?(?:start|beginning|end|middle) of the year", low):
        return str(ref.year)
    return None


# Where an article tells its date other than in a dateline right after the headline: a "Posted" or
# "Updated" line, a dateline after a deck line, a date that opens the body ("June 19, 2025 -"), or a
# press-release dateline with several places and a wire ("COPENHAGEN, Denmark and SOMERSET, N.J.,
# Dec. 18, 2024 /PRNewswire/ --").
_MONTH = MONTH_RE.replace("(?P<month>", "(?:")
DATE_TEXT = _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|\d{1,2}\s+" + _MONTH + r",?\s+(?:19|20)\d{2}"
POSTED_LINE = re.compile(
    r"^\s*(?:Posted|Published|Updated|Last updated|First published)(?:\s+on)?:?\s+(?:[A-Z][a-z]+day,?\s+)?"
    r"(?P<date>" + DATE_TEXT + r")",
    re.IGNORECASE,
)
DATE_FIRST = re.compile(r"^\s*(?:[A-Z][a-z]+day,?\s+)?(?P<date>" + DATE_TEXT + r")\s*(?:[-\u2013\u2014|:]|$)")
WIRE_DATELINE = re.compile(
    r"^\s*[^\W\d_][^\n]{0,120}?,\s+(?P<date>" + DATE_TEXT + r")\s*(?:/[^/\n]{1,40}/\s*)?(?:\([^()\n]{1,40}\)\s*)?"
    r"(?:[-\u2013\u2014]+|/)"
)
PUBLISHED_LINES = 5  # the headline, a deck line or two, a "Posted" line, the dateline


def find_published(text: str) -> tuple[str | None, int]:
    """The article's date and where the line telling it ends its dateline (0 when it is a line of its
    own, or there is none), when the dateline right after the headline does not give it."""
    offset = 0
    for n, line in enumerate(text.split("\n")):
        if n > PUBLISHED_LINES:
            break
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        dateline = find_dateline(line, offset=start)
        if dateline is not None and dateline.date:
            return dateline.date, dateline.end
        for pattern, own_line in ((POSTED_LINE, True), (DATE_FIRST, False), (WIRE_DATELINE, False)):
            m = pattern.match(line)
            value = parse_date(m.group("date")) if m else None
            if value and len(value) == 10:
                return value, 0 if own_line else start + m.end()
    return None, 0
