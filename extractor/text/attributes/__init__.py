"""Normalisers for relation attributes: money amounts and dates."""

from .dates import parse_date, parse_dateline
from .money import Amount, find_amounts, parse_amount

__all__ = ["Amount", "find_amounts", "parse_amount", "parse_date", "parse_dateline"]
