"""`quiz-engine`: the authoring tools, for a docs folder of `/// quiz` questions.

    quiz-engine check [DOCS]              every error, as `mkdocs build` words it; exit 1 if any
    quiz-engine summary [DOCS] [--json]   the questions of each page: how many, of which types, points, pools
    quiz-engine export --format gift|qti [--output PATH] [--site-url URL] [DOCS]
                                          the bank for a learning platform, to stdout without --output
                                          (a QTI zip only when stdout is not a terminal)

Each reads the docs folder through MkDocs, as `mkdocs build` does: the site's mkdocs.yml (the one beside
DOCS or in the current folder, or `--config-file`), its files, its Markdown extensions; so pages, ids,
lines and counts are the build's. Without DOCS: the docs folder of the current folder's mkdocs.yml, or
`docs`.

Exit codes: 0 done, 1 a question is wrong (nothing exported), 2 the command cannot run (no such folder, a
file that cannot be written, a bad option, a zip for a terminal), 141 the reader of stdout stopped reading
(`| head`). The CLI is a build-time face: it reads pages with the Markdown
reader, which the engine core the browser loads never imports.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .model import QUESTION_TYPES, SCORED_TYPES

if TYPE_CHECKING:
    from .export.bank import Bank

OK, FAILED, USAGE = 0, 1, 2
FORMATS = ("gift", "qti")
STDOUT = "-"


class UsageError(Exception):
    """The command cannot run as asked; the message says why (exit code 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args, sys.stdout, sys.stderr)
    except UsageError as exc:
        print(f"quiz-engine {args.command}: {exc}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `quiz-engine export -f gift | head`: the reader stopped reading, no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a shell reports a command stopped by SIGPIPE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quiz-engine",
        description="Check, summarise and export the `/// quiz` questions of a MkDocs docs folder.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def docs_argument(command: argparse.ArgumentParser) -> None:
        command.add_argument("docs", nargs="?", help="the docs folder (default: the one mkdocs.yml names, or docs)")
        command.add_argument(
            "--config-file",
            "-c",
            metavar="FILE",
            help="the site's mkdocs.yml (default: the one beside DOCS, or in the current folder)",
        )

    check = commands.add_parser(
        "check",
        help="report every malformed question, as `mkdocs build` does",
        description="Read every page of DOCS and report every malformed question and every question id "
        "used twice, with the file, the line and how to fix it. Exit code 1 if there is any. It also warns "
        "(exit code 0) about what can give an answer away: absolute words in wrong options, one option much "
        "longer than the rest, an option that repeats the question, a learning objective with fewer than "
        "two questions.",
    )
    docs_argument(check)
    check.set_defaults(run=run_check)

    summary = commands.add_parser(
        "summary",
        help="the questions of each page: types, points, pools",
        description="A table of the pages with questions: how many of each type, their points, their pools.",
    )
    docs_argument(summary)
    summary.add_argument("--json", action="store_true", help="print the summary as JSON")
    summary.set_defaults(run=run_summary)

    export = commands.add_parser(
        "export",
        help="write the question bank as Moodle GIFT or as an IMS QTI 2.1 package",
        description="Write every question of DOCS for a learning platform: `gift` (one text file for Moodle's "
        "question bank, a category per page) or `qti` (an IMS QTI 2.1 content package, a zip). A warning "
        "on stderr names each thing a format cannot say. Nothing is written while `check` finds an error. "
        "Without --output the bank goes to standard output, so nothing lands in the project by surprise: "
        "`quiz-engine export -f gift > bank.gift.txt`. A QTI package is a zip, so it goes to standard output "
        "only when that is a file or a pipe, never a terminal: give -o bank.zip or redirect it.",
    )
    export.add_argument("--format", "-f", required=True, choices=FORMATS, help="the format to write")
    export.add_argument(
        "--output",
        "-o",
        default=STDOUT,
        help="the file to write (default, or -: standard output; for qti, only when it is not a terminal)",
    )
    export.add_argument(
        "--site-url", help="the published site's address, to turn links to the course's pages into absolute ones"
    )
    export.add_argument("--quiet", "-q", action="store_true", help="do not print the warnings")
    docs_argument(export)
    export.set_defaults(run=run_export)
    return parser


def load(args: argparse.Namespace) -> Bank:
    """The docs folder's questions, read as the site's build reads them; UsageError if it cannot be read."""
    from .export.bank import BankError, read_bank

    config_file = Path(args.config_file) if args.config_file else None
    try:
        return read_bank(Path(args.docs) if args.docs else None, config_file=config_file)
    except BankError as exc:
        raise UsageError(str(exc)) from None


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def report_errors(bank: Bank, err: TextIO) -> bool:
    """Print every error of the bank as the build does; whether there was any."""
    messages = bank.messages()
    for message in messages:
        print(message, file=err)
    if messages:
        print(f"{plural(len(messages), 'error')} in {plural(len(bank.failed_pages), 'page')}", file=err)
    return bool(messages)


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    bank = load(args)
    warnings = bank.warnings()
    for warning in warnings:
        print(warning, file=err)
    if report_errors(bank, err):
        return FAILED
    questions, pages = len(bank.questions()), len(bank.pages)
    found = f"{plural(len(warnings), 'warning')} about giveaways" if warnings else "no problems"
    print(f"{plural(questions, 'question')} in {plural(pages, 'page')}: {found}", file=out)
    return OK


def run_summary(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    bank = load(args)
    rows = []
    for page in bank.pages:
        types = Counter(q.type for q in page.questions)
        rows.append(
            {
                "page": page.uri,
                "title": page.title,
                "questions": len(page.questions),
                "types": {t: types[t] for t in QUESTION_TYPES if types[t]},
                "points": sum(q.points for q in page.questions if q.type in SCORED_TYPES),
                "pools": [{"id": p.id, "draw": p.draw, "questions": len(p.questions)} for p in page.pools],
                "errors": len(page.errors),
            }
        )
    if args.json:
        print(json.dumps({"pages": rows}, indent=2, ensure_ascii=False), file=out)
    else:
        print(summary_table(rows), file=out)
    report_errors(bank, err)
    return FAILED if bank.messages() else OK


def summary_table(rows: list[dict]) -> str:
    """The summary as an aligned plain-text table: a column per question type in use, and a total line."""
    types = [t for t in QUESTION_TYPES if any(t in row["types"] for row in rows)]
    header = ["page", "questions", "points", *types, "pools"]
    body = []
    for row in rows:
        count = row["errors"]
        errors = f" ({plural(count, 'error')})" if count else ""
        pools = ", ".join(f"{p['id']} (draws {p['draw']} of {p['questions']})" for p in row["pools"])
        counts = [str(row["types"].get(t, "")) for t in types]
        body.append([row["page"], f"{row['questions']}{errors}", f"{row['points']:g}", *counts, pools])
    total = [
        f"total ({len(rows)} pages)",
        str(sum(row["questions"] for row in rows)),
        f"{sum(row['points'] for row in rows):g}",
        *(str(sum(row["types"].get(t, 0) for row in rows)) for t in types),
        str(sum(len(row["pools"]) for row in rows)),
    ]
    table = [header, *body, total]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]

    def show(line: list[str]) -> str:
        cells = [line[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(line[1:-1], widths[1:-1], strict=True)
        ]
        return "  ".join([*cells, line[-1]]).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    return "\n".join([show(header), rule, *(show(line) for line in body), rule, show(total)])


def run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    to_stdout = args.output == STDOUT
    if to_stdout and args.format == "qti" and out.isatty():
        raise UsageError(
            "a QTI package is a zip file, not text for a terminal: "
            "give a file with -o quiz-bank.qti.zip, or redirect the output (> quiz-bank.qti.zip)"
        )
    bank = load(args)
    if report_errors(bank, err):
        print("nothing exported: fix the errors above first (`quiz-engine check` lists them)", file=err)
        return FAILED
    if args.format == "gift":
        from .export import gift as writer
    else:
        from .export import qti as writer
    exported = writer.export(bank, args.site_url)
    where = {q.id: f"{page.shown}:{q.line}" for page, q in bank.questions()}
    where.update({p.id: f"{page.shown}:{p.line}" for page in bank.pages for p in page.pools})
    if not args.quiet:
        for note in exported.notes:
            place = f"{where[note.subject]}: " if note.subject in where else ""
            print(f"warning: {place}{note}", file=err)
    if to_stdout:
        out.flush()
        out.buffer.write(exported.data)  # bytes as exported (UTF-8 text, or a zip), whatever the locale
        out.buffer.flush()
    else:
        try:
            Path(args.output).write_bytes(exported.data)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output} ({exc.strerror})") from None
    skipped = f", {exported.skipped} skipped" if exported.skipped else ""
    warnings = f", {len(exported.notes)} warnings" if exported.notes else ""
    target = "stdout" if to_stdout else args.output
    print(f"wrote {exported.written} questions to {target} ({args.format.upper()}{skipped}{warnings})", file=err)
    return OK


if __name__ == "__main__":
    sys.exit(main())
