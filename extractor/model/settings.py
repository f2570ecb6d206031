"""What a run's pipeline is: the model, the longest article, the batch size.

The settings travel with every chunk to every worker and are applied where the pipeline is
obtained, so a worker forked late, a fresh process or a Dask worker runs as the parent asked,
instead of depending on which process once loaded and changed a cached pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .defaults import DEFAULT_BATCH_SIZE, MAX_CHARS

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_BATCH_SIZE", "Settings"]


@dataclass(frozen=True)
class Settings:
    model: str | None = None  # a spaCy package or pipeline directory; None: the default (pipeline.py)
    max_chars: int = MAX_CHARS  # the longest article read; above spaCy's 1,000,000 the pipeline is told
    batch_size: int = DEFAULT_BATCH_SIZE  # articles per nlp.pipe batch and per worker chunk

    def pipeline(self) -> Language:
        """This process's shared pipeline for the model, set to take articles of ``max_chars``."""
        from ..nlp.pipeline import shared

        nlp = shared(self.model)
        nlp.max_length = max(self.max_chars, MAX_CHARS)
        return nlp
