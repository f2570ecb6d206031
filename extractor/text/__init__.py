"""An article as text, before any NLP: headline, dateline, publication date; the date and money
parsers and the word lists they read."""
