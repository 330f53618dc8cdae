"""Run the browser tests several times in a row and report every test that ever failed.

    python -m tests.repeat [--runs 3] [pytest arguments...]   (or: make test-repeat RUNS=3)

Flaky tests hide on a busy machine and show on a quiet one (or the other way round): run this both ways
before trusting a change to the browser tests. Exit status 1 if any test failed in any run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path


def failures(report: Path) -> list[str]:
    """The tests a JUnit XML report says failed or errored."""
    if not report.is_file():
        return ["(the run wrote no report: pytest itself failed)"]
    failed = []
    for case in ET.parse(report).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(f"{case.get('classname')}::{case.get('name')}")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args, pytest_args = parser.parse_known_args(argv)
    ever: dict[str, list[int]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        for run in range(1, args.runs + 1):
            report = Path(folder) / f"run-{run}.xml"
            started = time.monotonic()
            command = [sys.executable, "-m", "pytest", "-q", "-m", "browser", f"--junitxml={report}", *pytest_args]
            code = subprocess.run(command, check=False).returncode
            failed = failures(report)
            for test in failed:
                ever[test].append(run)
            print(f"run {run}: exit {code}, {len(failed)} failed, {time.monotonic() - started:.0f} s", flush=True)
    if not ever:
        print(f"No test failed in {args.runs} runs.")
        return 0
    print(f"Tests that failed in at least one of {args.runs} runs:")
    for test, runs in sorted(ever.items()):
        print(f"  {test}: runs {', '.join(map(str, runs))}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
