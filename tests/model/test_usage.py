"""UsageError and the shared checks: what every library entry point refuses, and how it says so."""

from __future__ import annotations

import pytest

from extractor.model.usage import UsageError, iso_date


def test_a_usage_error_keeps_each_message() -> None:
    error = UsageError("a: no such file or directory", "b: no such file or directory")
    assert error.messages == ("a: no such file or directory", "b: no such file or directory")
    assert str(error) == "a: no such file or directory; b: no such file or directory"
    assert isinstance(error, ValueError)


def test_published_dates_are_iso_or_refused() -> None:
    assert iso_date(None) is None
    assert iso_date("2024-11-22") == "2024-11-22"
    assert iso_date("20241122") == "2024-11-22"  # what date.fromisoformat accepts, written the one way
    with pytest.raises(UsageError) as raised:
        iso_date("Nov. 22")
    assert raised.value.messages == ("--published 'Nov. 22' is not an ISO date such as 2024-11-22",)
