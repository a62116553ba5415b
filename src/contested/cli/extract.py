"""``contested extract`` and ``contested classify``: facts and event types from text."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

import click

from contested.cli._options import ISO_DATE, progress_option
from contested.cli._progress import progress_bar
from contested.errors import InputError, UsageError
from contested.facts import FactsDocument
from contested.sources.text import TextDocument, read_text_document, text_document_from_string


def _warn(messages: list[str]) -> None:
    for message in messages:
        click.echo(message, err=True)


def _jsonl_documents(path: str, published: date | None) -> Iterator[TextDocument]:
    """Documents from JSONL lines ``{"id", "text", "published"}``."""
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            record = _json_line(path, number, line)
            text = record.get("text")
            if not isinstance(text, str):
                raise InputError(path, 'expected a "text" string', location=f"line {number}")
            when = published or _line_date(path, number, record.get("published"))
            doc_id = str(record.get("id", f"line-{number}"))
            yield text_document_from_string(text, path=path, doc_id=doc_id, published=when)


def _json_line(path: str, number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON ({exc.msg})", location=f"line {number}") from None
    if not isinstance(record, dict):
        raise InputError(path, "expected a JSON object", location=f"line {number}")
    return record


def _line_date(path: str, number: int, value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(
            path, f'expected "published" as YYYY-MM-DD, got {value!r}', location=f"line {number}"
        ) from None


def _write(facts: FactsDocument, fmt: str, out: IO[str]) -> None:
    out.write(facts.to_json(indent=None if fmt == "jsonl" else 2))
    out.write("\n")


@click.command(name="extract")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--jsonl",
    "jsonl_path",
    type=click.Path(exists=True, dir_okay=False),
    help='Batch mode: read lines {"id", "text", "published"}; write one facts document per line.',
)
@click.option(
    "--published",
    type=ISO_DATE,
    default=None,
    help="Publication date to resolve relative dates against (YYYY-MM-DD); "
    "overrides the documents' own metadata.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["facts", "jsonl"]),
    default="facts",
    show_default=True,
    help="facts: indented JSON documents; jsonl: one per line.",
)
@click.option(
    "--processes",
    default=1,
    show_default=True,
    type=click.IntRange(1, 8),
    help="Parser processes for big batches.",
)
@progress_option
def extract_command(
    files: tuple[str, ...],
    jsonl_path: str | None,
    published: date | None,
    fmt: str,
    processes: int,
    progress: bool,
) -> None:
    """Extract events, relations and claims with quotes and spans from text reports.

    Reads .txt, .md (YAML front matter) and .html files; prints facts in the
    contested facts format. Warnings ([W001] ...) go to stderr.

    \b
    Example:
        contested extract report.txt --published 2016-06-21
        contested extract --jsonl snippets.jsonl > facts.jsonl
    """
    from contested.extract.pipeline import default_extractor

    if jsonl_path and files:
        raise UsageError("--jsonl cannot be used with FILE arguments")
    if not jsonl_path and not files:
        raise UsageError("give one or more FILE arguments, or --jsonl IN.jsonl")
    documents: list[TextDocument] | Iterator[TextDocument]
    if jsonl_path:
        documents, fmt, total = _jsonl_documents(jsonl_path, published), "jsonl", None
    else:
        documents = [read_text_document(Path(f), published=published) for f in files]
        total = len(documents)
        for document in documents:
            _warn(document.warnings)
    extractor = default_extractor()
    with progress_bar(progress and (jsonl_path is not None or len(files) > 1)) as update:
        update("extracting", 0, total)
        documents_done = extractor.extract_documents(documents, n_process=processes)
        for done, facts in enumerate(documents_done, start=1):
            _write(facts, fmt, sys.stdout)
            update("extracting", done, total)


@click.command(name="classify")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@progress_option
def classify_command(file: str | None, progress: bool) -> None:
    """Print the most likely ACLED sub-event type of each snippet, or "none".

    Reads JSONL lines {"id", "text"} or plain text lines (FILE or stdin) and
    writes one line {"id", "sub_event_type", "score"} per snippet.

    \b
    Example:
        contested classify snippets.jsonl
        echo "Russian jets struck a hospital in Idlib." | contested classify
    """
    from contested.extract.classify import classify_snippets
    from contested.extract.pipeline import default_extractor

    stream = open(file, encoding="utf-8") if file else sys.stdin  # noqa: SIM115
    try:
        snippets = _snippets(stream, file or "<stdin>")
        with progress_bar(progress and file is not None) as update:
            results = classify_snippets(snippets, default_extractor())
            for done, result in enumerate(results, start=1):
                click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
                update("classifying", done, None)
    finally:
        if file:
            stream.close()


def _snippets(stream: IO[str], name: str) -> Iterator[Any]:
    from contested.extract.classify import Snippet

    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("{"):
            record = _json_line(name, number, stripped)
            text = record.get("text")
            if not isinstance(text, str):
                raise InputError(name, 'expected a "text" string', location=f"line {number}")
            yield Snippet(str(record.get("id", number)), text)
        else:
            yield Snippet(str(number), stripped)


COMMANDS = [extract_command, classify_command]
