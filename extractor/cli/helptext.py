"""How options read in ``--help``: a metavar such as ``DIR`` or ``N``, or the choices (``local|dask``),
never the Python type a parameter is annotated with (``<list[str]>``, ``<bool>``), which tells a user of
the command nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from typer.core import TyperArgument, TyperCommand, TyperGroup


class Command(TyperCommand):
    """typer's command, with the type column of ``--help`` showing metavars and choices only."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return plain_types(super().get_params(ctx))


class Group(TyperGroup):
    """The same for the options of ``newsgraph`` itself (``--version``, ``--help``)."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return plain_types(super().get_params(ctx))


def plain_types(params: list[click.Parameter]) -> list[click.Parameter]:
    for param in params:
        original = getattr(param, "display_type_rich", None)
        # typer's own hook for the column (without it, typer shows its default); wrapped once per parameter
        if callable(original) and not getattr(param, "_plain_type", False):
            param.display_type_rich = shown_type(param, original)  # type: ignore[attr-defined]
            param._plain_type = True  # type: ignore[attr-defined]
    return params


def shown_type(param: click.Parameter, original: Callable[[click.Context], Any]) -> Callable[[click.Context], str]:
    def shown(ctx: click.Context) -> str:
        if isinstance(param, TyperArgument) or getattr(param, "is_flag", False) or param.name == "help":
            return ""  # an argument's name is its metavar already; a flag takes no value
        if param.metavar:
            return param.metavar
        text = str(original(ctx) or "")
        if text.startswith("<") and "|" in text:
            return text.strip("<>")  # the choices: local|dask
        return (param.name or "value").upper()

    return shown
