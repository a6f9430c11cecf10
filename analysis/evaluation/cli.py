"""Command line of the evaluation: ``python -m analysis evaluate [--quick] [--only M] [--markdown] [--tables]``.

Exit status 0 when every figure is within its tolerance, 1 when one is not,
2 for a usage mistake (an unknown module name).
"""

from __future__ import annotations

import argparse
import sys

from . import (
    MODULES, available_modules, evaluate, extra_tables, markdown, readme_block, readme_mismatches, table_text, write_csv,
)


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``evaluate`` (shared by ``python -m analysis evaluate`` and this module)."""
    parser.add_argument("--quick", action="store_true", help="the cheap variant the test suite runs")
    parser.add_argument("--only", action="append", metavar="MODULE", choices=list(MODULES),
                        help=f"only this plug-in module (repeatable): {', '.join(available_modules())}")
    parser.add_argument("--markdown", action="store_true",
                        help="print the README's figures table (paste it between the evaluation markers)")
    parser.add_argument("--tables", action="store_true",
                        help="also print the modules' markdown tables (e.g. the entity engines side by side)")
    parser.add_argument("--check-readme", action="store_true",
                        help="also compare README.md's figures table with the figures; exit 1 if they differ")
    parser.add_argument("--csv", metavar="PATH", help="where to write the figures (default reports/evaluation.csv)")
    return parser


def run(args: argparse.Namespace) -> int:
    """Compute, write, print; return the exit status."""
    frame = evaluate(quick=args.quick, modules=args.only)
    path = write_csv(frame, args.csv)
    print(markdown(frame) if args.markdown else table_text(frame))
    if args.tables:
        for title, table in extra_tables(frame).items():
            print(f"\n{title}\n\n{table}")
    print(f"written: {path}", file=sys.stderr)
    status = 0 if frame["passed"].all() else 1
    if args.check_readme:
        block = readme_block()
        problems = ["README.md has no evaluation block"] if block is None else readme_mismatches(frame, block,
                                                                                             strict=not args.only)
        for problem in problems:
            print(f"README: {problem}", file=sys.stderr)
        status = status or (1 if problems else 0)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = add_arguments(argparse.ArgumentParser(prog="python -m analysis evaluate", description=__doc__.split("\n")[0]))
    return run(parser.parse_args(argv))
