"""Every command has Chinese help text (users read it), and --help works for each."""
from __future__ import annotations

import re

from click.testing import CliRunner

from ecoaudit.cli import cli

CJK = re.compile(r"[\u4e00-\u9fff]")
EXPECTED = {"ingest", "docs", "search", "facts", "links", "catalog", "plan", "audit", "gaps", "report", "evaluate", "bench"}


def test_every_command_is_registered_and_documented_in_chinese() -> None:
    assert EXPECTED <= set(cli.commands)
    for name, command in cli.commands.items():
        assert command.help and CJK.search(command.help), f"{name} has no Chinese help"
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        for param in command.params:
            if param.param_type_name == "option" and not param.hidden and param.name != "help":
                assert getattr(param, "help", None), f"{name} --{param.name} has no help"
