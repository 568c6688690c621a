"""Command-line front door: ``ecoaudit``. Commands parse options and call one library function each.

Each area registers its commands in its own module (``cmd_*.py``) as a ``COMMANDS`` list, so the front door
stays small and areas do not edit each other's code.
"""
from __future__ import annotations

import logging
import sys

import click

from ecoaudit import cmd_audit, cmd_bench, cmd_classify, cmd_index, cmd_report, cmd_rules
from extract.errors import EcoauditError


@click.group(help="ecoaudit：国家重点生态功能区县域生态环境质量考核证明材料审核工具 (evidence audit).")
@click.option("-v", "--verbose", is_flag=True, help="输出调试日志 / debug logging")
def cli(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


for _module in (cmd_index, cmd_rules, cmd_classify, cmd_audit, cmd_report, cmd_bench):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("已中止 / aborted", err=True)
        sys.exit(1)
    except EcoauditError as exc:
        click.echo(f"错误 / error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
