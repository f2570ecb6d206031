"""The one exception a library call raises for a request it refuses before any work, and the checks the
commands share. It sits at the bottom, so the reading, drawing, validating and extracting functions of
every layer can raise it and the CLI needs one rule for them all: print each message, exit 2."""

from __future__ import annotations

from datetime import date


class UsageError(ValueError):
    """A bad request (an option, a combination, a path with nothing to read, an output that cannot be
    written), found before anything is written. ``messages`` are its lines, one per problem."""

    def __init__(self, *messages: str) -> None:
        super().__init__("; ".join(messages))
        self.messages: tuple[str, ...] = messages


def iso_date(value: str | None) -> str | None:
    """A publication date as ISO (``2024-11-22``), checked before any article is read: a wrong one
    would silently drop every relative date of the batch."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--published {value!r} is not an ISO date such as 2024-11-22") from None
