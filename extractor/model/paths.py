"""The path type of the public API: what ``open()`` takes, a ``str`` as well as a ``Path``."""

from __future__ import annotations

import os
from typing import TypeAlias

StrPath: TypeAlias = str | os.PathLike[str]
