"""The documentation's promises: the package docstring and the README's examples run, its command lines name real
options, its rule example loads, and CI runs the README's test command."""

from __future__ import annotations

import doctest
import re
import shlex
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


README = REPO / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(README.read_text(encoding="utf-8")) if lang == language]


def test_the_readme_python_examples_run_and_print_what_they_show() -> None:
    """Every Python example in the README is a ``pycon`` block run as a doctest: the code runs as
    written (the import name, the installed model) and prints what the README says it prints."""
    assert not blocks("python"), "write README Python examples as pycon (>>>) blocks, so they are run"
    examples = "\n".join(blocks("pycon"))
    assert examples.count(">>>") >= 10
    test = doctest.DocTestParser().get_doctest(examples, {}, "README.md", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries == len(test.examples)


def command_lines() -> list[tuple[str, list[str]]]:
    """(command, options) of every ``newsgraph ...`` line in the README's shell and plain blocks; a quoted
    argument may run over several lines (a SPARQL query)."""
    found = []
    for lang in ("sh", ""):
        for body in blocks(lang):
            pending = ""
            for line in body.replace("\\\n", " ").splitlines():
                pending += line.lstrip("$ ") + "\n"
                try:
                    words = shlex.split(pending, comments=True)
                except ValueError:  # an open quote: the argument goes on on the next line
                    continue
                pending = ""
                for at, word in enumerate(words[:-1]):
                    if Path(word).name == "newsgraph" and (at == 0 or words[at - 1] in {"&&", "|", ";"}):
                        options = [w.strip("[]").split("=")[0] for w in words[at + 2 :]]
                        found.append((words[at + 1], [o for o in options if o.startswith("-") and o != "-"]))
    return found


def test_every_readme_command_line_names_real_options() -> None:
    """The command lines of the README (shell blocks and the synopsis) name commands and options the CLI
    has: renaming an option without the README fails here."""
    import typer

    from extractor.cli import app

    group = typer.main.get_command(app)
    lines = command_lines()
    assert len(lines) >= 10
    top = {opt for p in group.params for opt in (*p.opts, *p.secondary_opts)}
    for command, options in lines:
        if command.startswith("-"):
            assert command in top, f"the README runs `newsgraph {command}`, which newsgraph does not take"
            continue
        assert command in group.commands, f"the README runs `newsgraph {command}`, which does not exist"
        known = {opt for p in group.commands[command].params for opt in (*p.opts, *p.secondary_opts)}
        assert set(options) <= known, f"`newsgraph {command}` has no {sorted(set(options) - known)}"


def test_the_readme_rule_example_is_a_valid_rule() -> None:
    """The relation rule shown in the README loads with the rule loader the packaged rules go through."""
    import json

    from extractor.nlp.components.relations import packaged_rules
    from extractor.nlp.rules.spec import parse_rule

    [example] = blocks("json")
    rules = packaged_rules()
    rule = parse_rule(json.loads(example), dict(rules.words), rules.signatures, "README.md")
    assert rule.id == "invest-in" and rule.predicate == "invests_in"
