"""The JSON Schema of the article JSON (shared/spec/SCHEMA.md, schema_version 1)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def article_schema() -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath("article.schema.json").read_text(encoding="utf-8"))
