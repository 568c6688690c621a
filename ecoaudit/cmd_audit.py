"""CLI commands of one area (filled in by that area)."""
from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
