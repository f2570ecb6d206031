"""Relation rules as data: dependency patterns, named resolvers and their word lists."""

from .engine import Cand, RuleSet
from .spec import Rule, RuleError

__all__ = ["Cand", "Rule", "RuleError", "RuleSet"]
