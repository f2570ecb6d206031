"""The documentation's promises: the package docstring runs, CI runs the README's test command."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import extractor

REPO = Path(__file__).resolve().parent.parent


def test_package_docstring_example() -> None:
    result = doctest.testmod(extractor, verbose=False)
    assert result.attempted >= 2 and result.failed == 0


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start)
    assert len(commands) == 2, "the quick start is two commands"
    assert "newsgraph extract seeds --out graphs" in commands[0]
    assert commands[1] in (REPO / ".ci" / "run").read_text().splitlines()
