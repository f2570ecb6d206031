"""Money and date normalisation: pure functions, no model needed."""

from __future__ import annotations

import pytest

from extractor.text.attributes import find_amounts, parse_amount, parse_date, parse_dateline
from extractor.text.attributes.dates import find_published


@pytest.mark.parametrize(
    "text, value, currency, bound",
    [
        ("$8 billion", 8_000_000_000, "USD", None),
        ("$1.5bn", 1_500_000_000, "USD", None),
        ("$4.9bn", 4_900_000_000, "USD", None),
        ("$700m", 700_000_000, "USD", None),
        ("€500 million", 500_000_000, "EUR", None),
        ("£1 billion", 1_000_000_000, "GBP", None),
        ("2 billion dollars", 2_000_000_000, "USD", None),
        ("up to $4 billion", 4_000_000_000, "USD", "max"),
        ("at least $300 million", 300_000_000, "USD", "min"),
        ("US$3 billion", 3_000_000_000, "USD", None),
        ("$1,200,000", 1_200_000, "USD", None),
        ("¥10 trillion", 10_000_000_000_000, "JPY", None),
        ("₹18,000 crore", 180_000_000_000, "INR", None),
        ("₹2,058.5 crore", 20_585_000_000, "INR", None),
        ("Rs 500 crore", 5_000_000_000, "INR", None),
        ("5 lakh crore rupees", 5_000_000_000_000, "INR", None),
        ("3 billion reais", 3_000_000_000, "BRL", None),
        ("R$5 billion", 5_000_000_000, "BRL", None),
        ("7.34 billion euro", 7_340_000_000, "EUR", None),
        ("2.5 billion Swiss francs", 2_500_000_000, "CHF", None),
        ("HK$2bn", 2_000_000_000, "HKD", None),
        ("half a billion dollars", 500_000_000, "USD", None),
        ("up to $2.1 billion", 2_100_000_000, "USD", "max"),
        ("$1.9-billion", 1_900_000_000, "USD", None),
        ("C$2.5-million", 2_500_000, "CAD", None),
        ("SFr3bn", 3_000_000_000, "CHF", None),
        ("NT$5 billion", 5_000_000_000, "TWD", None),
        ("\u20a91.2 trillion", 1_200_000_000_000, "KRW", None),
        ("1.5 trillion rupiah", 1_500_000_000_000, "IDR", None),
        ("275 pence", 2.75, "GBP", None),
        ("50 cents", 0.5, "USD", None),
    ],
)
def test_amounts(text: str, value: int, currency: str, bound: str | None) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.currency, amount.bound) == (value, currency, bound)
    assert amount.to_json()["text"] == text


def test_amount_offsets_and_approximation() -> None:
    text = "It paid about $49 billion, then $2bn more."
    first, second = find_amounts(text, offset=100)
    assert text[first.start - 100 : first.end - 100] == "$49 billion" and first.approximate
    assert second.value == 2_000_000_000


def test_pence_of_a_share_price() -> None:
    """ "220p a share" is a price in pence; "1080p video" and "5p" alone are no sums."""
    amount = parse_amount("agreed to pay 220p a share")
    assert amount is not None and (amount.value, amount.currency, amount.text) == (2.2, "GBP", "220p")
    assert parse_amount("streams 1080p video") is None
    assert parse_amount("a 5p rise") is None


def test_words_that_are_not_amounts() -> None:
    assert parse_amount("a multibillion-dollar investment in 2023") is None
    assert parse_amount("10% of the shares") is None
    assert parse_amount("3 real estate deals") is None
    assert parse_amount("Mrs 5 said") is None


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("September 2023", None, "2023-09"),
        ("Sept. 2023", None, "2023-09"),
        ("in 2019", None, "2019"),
        ("Jan. 23, 2023", None, "2023-01-23"),
        ("22 November 2024", None, "2024-11-22"),
        ("the first half of 2025", None, "2025"),
        ("on Monday", "2024-11-22", "2024-11-18"),
        ("Friday", "2024-11-22", "2024-11-22"),
        ("last year", "2024-11-22", "2023"),
        ("earlier this year", "2023-10-27", "2023"),
        ("last month", "2024-01-15", "2023-12"),
        ("December", "2022-02-08", "2021-12"),
        ("a month earlier", "2023-10-27", "2023-09"),
        ("a month after", "2023-10-27", None),  # after what? only another date of the story says
        ("two years ago", "2024-05-01", "2022"),
        ("yesterday", "2024-03-01", "2024-02-29"),
        ("last year", None, None),
        ("20-year", None, None),
        ("last July", "2025-03-18", "2024-07"),
        ("last July", "2021-07-21", "2020-07"),
        ("back in December", "2021-07-21", "2020-12"),
        ("June 12", "2025-07-01", "2025-06-12"),
        ("on March 4", "2025-03-28", "2025-03-04"),
        ("4 March", "2025-03-28", "2025-03-04"),
        ("Tuesday, November 12", "2024-11-15", "2024-11-12"),
        ("May 27", "2025-03-28", "2025-05-27"),
        ("December 15", "2025-01-10", "2024-12-15"),
        ("February last year", "2023-09-06", "2022-02"),
        ("August this year", "2024-11-15", "2024-08"),
        ("last Friday", "2024-09-25", "2024-09-20"),
        ("the end of last year", "2023-09-06", "2022"),
        ("the first half of next year", "2020-10-02", "2021"),
        ("the start of the year", "2025-09-05", "2025"),
        ("fiscal year 2024", None, "2024"),
        ("June 12", None, None),
    ],
)
def test_dates(text: str, published: str | None, expected: str | None) -> None:
    assert parse_date(text, published) == expected


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        ("Two months earlier", "2024-07", "2024-05"),
        ("two years later", "2015", "2017"),
        ("the year before", "2019", "2018"),
        ("the following day", "2024-05-02", "2024-05-03"),
        ("the next day", "2025-03-04", "2025-03-05"),
        ("a year earlier", "2024-06-12", "2023"),
        ("three months later", "2019", None),  # a year does not say which month
        ("later that year", "2016-03", "2016"),
    ],
)
def test_dates_told_from_another_date_of_the_story(text: str, anchor: str, expected: str | None) -> None:
    """ "Two months earlier" counts from the date the story told last, not from publication."""
    assert parse_date(text, "2025-09-01", anchor) == expected


@pytest.mark.parametrize(
    "text, place, date",
    [
        ("SEATTLE, Nov. 22, 2024 - Amazon said", "SEATTLE", "2024-11-22"),
        ("REDMOND, Wash., Jan. 23, 2023 - Microsoft", "REDMOND, Wash.", "2023-01-23"),
        ("April 24, 2024 - Nvidia has agreed", None, "2024-04-24"),
        ("Oct. 27, 2023 \u2014 Google", None, "2023-10-27"),
    ],
)
def test_datelines(text: str, place: str | None, date: str) -> None:
    got_place, got_date, length = parse_dateline(text)
    assert (got_place, got_date) == (place, date) and length > 0


def test_no_dateline() -> None:
    assert parse_dateline("Amazon said on Monday") == (None, None, 0)


@pytest.mark.parametrize(
    "text, date",
    [
        ("Salesforce now owns Slack\n\nPosted July 21, 2021\n\nWell, it's done.", "2021-07-21"),
        (
            "Wayve raises $1bn\n\nRound led by SoftBank, with Nvidia\n\nLONDON, 7 May 2024 -- Wayve said",
            "2024-05-07",
        ),
        (
            "Novo Holdings completes deal\n\n"
            "COPENHAGEN, Denmark and SOMERSET, N.J., Dec. 18, 2024 /PRNewswire/ -- Novo",
            "2024-12-18",
        ),
        ("How Nippon Steel got U.S. Steel\n\nJune 19, 2025 - When Nippon Steel agreed", "2025-06-19"),
        ("Updated: Tuesday, March 4, 2025\nCK Hutchison agreed to sell", "2025-03-04"),
        ("Amazon is doubling down on its investment in Anthropic, founded in 2021.", None),
        ("A headline\n\nIt was May 5, 2020 when it all began - or so they say.", None),
    ],
)
def test_the_published_date_in_the_first_lines(text: str, date: str | None) -> None:
    """The article's date where no dateline follows the headline: a "Posted" line, a deck line before
    the dateline, a press-release dateline with two places and a wire."""
    assert find_published(text)[0] == date
