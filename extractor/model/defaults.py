"""Extraction defaults the CLI shows in ``--help``: here, not in ``api`` or ``article``, so showing
them loads neither spaCy nor the date and money parsers."""

MAX_CHARS = 1_000_000  # spaCy's own limit per Doc; an article is far shorter

DEFAULT_BATCH_SIZE = 32
# relations below this confidence are left out of what `newsgraph extract` writes: chosen on the
# calibration set (precision 0.88 there, 0.79 on the report-only set; README, Accuracy), it costs
# little recall and leaves out the last resort's guesses
DEFAULT_MIN_CONFIDENCE = 0.6
