"""Values one component works out once per Doc and reads many times while it runs.

They are private to that component (no other reads them), so they are not Doc extensions; they
live on the component, for the Doc it is working on, and are dropped when the next Doc comes.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


class DocMemo:
    __slots__ = ("_doc", "_values")

    def __init__(self) -> None:
        self._doc: Doc | None = None
        self._values: dict[str, Any] = {}

    def reset(self, doc: Doc) -> None:
        """Start afresh on ``doc``, even when it is the last Doc again (a component run twice)."""
        self._doc, self._values = doc, {}

    def of(self, doc: Doc) -> dict[str, Any]:
        """The memo of ``doc``: empty when it is not the Doc the memo was last used for."""
        if doc is not self._doc:
            self.reset(doc)
        return self._values
