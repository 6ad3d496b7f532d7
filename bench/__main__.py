"""`python -m bench [NAME ...]`: run the volume benchmarks (all, or those named).

Each benchmark is a module of this package exposing `NAME`, `DESCRIPTION` and
`run(argv) -> int`; add one by writing the module and listing it in BENCHMARKS.
"""

from __future__ import annotations

import argparse
import importlib
import sys

BENCHMARKS: list[str] = ["quality_gate", "incremental", "dme_008", "etude_check"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"benchmarks to run (default: all of {BENCHMARKS})")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args, rest = parser.parse_known_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {BENCHMARKS}")
    modules = [importlib.import_module(f"bench.{name}") for name in (args.names or BENCHMARKS)]
    if args.list:
        for module in modules:
            print(f"{module.NAME}: {module.DESCRIPTION}")
        return 0
    status = 0
    for module in modules:
        status = max(status, module.run(rest))
    return status


if __name__ == "__main__":
    sys.exit(main())
