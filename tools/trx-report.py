#!/usr/bin/env python3
"""Reads the TRX files `dotnet test --logger trx` writes, for test.sh.

  trx-report.py counts FILE            "173 passed, 0 failed, 0 skipped" for one test project
  trx-report.py totals FILE...         "PASSED FAILED SKIPPED" over all of them
  trx-report.py slowest N FILE...      the N slowest tests, slowest first
  trx-report.py failures FILE...       each failed test with the first lines of its message
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def results(path):
    """(project, test name, outcome, seconds, message) for each test result in a TRX file."""
    project = pathlib.Path(path).stem
    for result in ET.parse(path).getroot().iter(NS + "UnitTestResult"):
        hours, minutes, seconds = result.get("duration", "0:0:0").split(":")
        message = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
        yield (project, result.get("testName", "?"), result.get("outcome", "?"),
               int(hours) * 3600 + int(minutes) * 60 + float(seconds), message.text if message is not None else "")


def counts(paths):
    passed = failed = skipped = 0
    for path in paths:
        for _, _, outcome, _, _ in results(path):
            if outcome == "Passed":
                passed += 1
            elif outcome == "NotExecuted":
                skipped += 1
            else:
                failed += 1
    return passed, failed, skipped


def main(args):
    command = args[0]
    if command == "counts":
        passed, failed, skipped = counts(args[1:2])
        print(f"{passed} passed, {failed} failed, {skipped} skipped")
    elif command == "totals":
        print(*counts(args[1:]))
    elif command == "slowest":
        every = sorted((r for path in args[2:] for r in results(path)), key=lambda r: r[3], reverse=True)
        for project, name, outcome, seconds, _ in every[: int(args[1])]:
            short = name.removeprefix(project + ".")
            print(f"   {seconds:6.1f} s  {project}  {short}" + ("" if outcome == "Passed" else f"  ({outcome})"))
    elif command == "failures":
        for project, name, outcome, _, message in (r for path in args[1:] for r in results(path)):
            if outcome not in ("Passed", "NotExecuted"):
                print(f"   {project}  {name}: {outcome}")
                for line in (message or "").strip().splitlines()[:8]:
                    print(f"       {line}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
