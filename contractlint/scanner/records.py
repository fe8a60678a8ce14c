"""What a scan produces per file: a report (as plain data plus the contract text) or an error row.

Workers, the cache and every output format exchange the same plain-data form, the
``contractlint-report/1`` dict of ``Report.to_dict()`` plus ``Document.text``, so a report read back
from the cache renders byte for byte like a fresh one, and nothing needs pickling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from contractlint.model import (
    Document,
    ExtractionWarning,
    Finding,
    Location,
    Provision,
    Report,
    Source,
    TextBox,
)

__all__ = [
    "ErrorReason",
    "FileError",
    "FileResult",
    "ScanResult",
    "location_from_dict",
    "report_from_dict",
]

ErrorReason = Literal["input", "timeout", "memory", "crash", "internal"]
"""Why a file has no report: ``input`` (the file cannot be read as a contract), ``timeout`` (it ran past
``--timeout`` and its worker was killed), ``memory`` (it exhausted the worker's memory budget),
``crash`` (the worker process died) and ``internal`` (a bug in contractlint: please report it)."""


@dataclass(frozen=True, slots=True)
class FileError:
    """A file the scan could not lint, with a one-line reason a reviewer can act on."""

    path: str
    error: str
    """The error class: ``CorruptFileError``, ``Timeout``, ``MemoryLimit``, ``WorkerCrash``, ..."""
    message: str
    reason: ErrorReason = "input"

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error, "reason": self.reason, "message": self.message}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FileError:
        return cls(
            path=str(data["path"]),
            error=str(data["error"]),
            message=str(data["message"]),
            reason=data.get("reason", "input"),
        )


FileResult = Report | FileError
"""What ``contractlint.scan()`` yields for each file."""


@dataclass(frozen=True, slots=True)
class ScanResult:
    """One file's outcome as the scan engine and the report writers see it."""

    index: int
    """Position in the sorted list of discovered files: outputs follow this order."""
    path: str
    report: dict[str, Any] | None = None
    """The ``contractlint-report/1`` dict (None for an error row)."""
    text: str | None = None
    """``Document.text``, which the HTML report highlights."""
    error: FileError | None = None
    cached: bool = False

    @property
    def ok(self) -> bool:
        return self.report is not None

    def to_file_result(self) -> FileResult:
        if self.error is not None:
            return self.error
        assert self.report is not None
        return report_from_dict(self.report, text=self.text or "")


# -- back from plain data ---------------------------------------------------------------------------


def _bbox(value: Any) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    x0, top, x1, bottom = (float(v) for v in value)
    return (x0, top, x1, bottom)


def location_from_dict(data: Mapping[str, Any]) -> Location:
    """Inverse of ``model.location_to_dict`` (absent keys are the dataclass defaults)."""
    boxes = tuple(
        TextBox(
            start=int(b["start"]),
            end=int(b["end"]),
            page=int(b["page"]),
            bbox=_bbox(b["bbox"]) or (0, 0, 0, 0),
        )
        for b in data.get("boxes", ())
    )
    return Location(
        start=int(data["start"]),
        end=int(data["end"]),
        block=data.get("block"),
        paragraph=data.get("paragraph"),
        page=data.get("page"),
        bbox=_bbox(data.get("bbox")),
        boxes=boxes,
        paragraph_on_page=data.get("paragraph_on_page"),
        line=data.get("line"),
        end_line=data.get("end_line"),
        story=data.get("story") or "body",
        table=data.get("table"),
        row=data.get("row"),
        cell=data.get("cell"),
        clause_number=data.get("clause"),
        file=data.get("file"),
    )


def _finding(data: Mapping[str, Any]) -> Finding:
    return Finding(
        code=data["code"],
        name=data["name"],
        category=data["category"],
        severity=data["severity"],
        message=data["message"],
        location=location_from_dict(data["location"]),
        excerpt=data.get("excerpt", ""),
        suggestion=data.get("suggestion", ""),
        missing=bool(data.get("missing", False)),
        searched=tuple(data.get("searched", ())),
        anchor=data.get("anchor"),
        related=tuple(location_from_dict(r) for r in data.get("related", ())),
        doc_url=data.get("doc_url", ""),
    )


def _provision(data: Mapping[str, Any]) -> Provision:
    return Provision(
        kind=data["kind"],
        label=data.get("label", data["kind"]),
        location=location_from_dict(data["location"]),
        excerpt=data.get("excerpt", ""),
        clause_ref=data.get("clause"),
        attributes=tuple((str(k), str(v)) for k, v in data.get("attributes", {}).items()),
    )


def report_from_dict(data: Mapping[str, Any], *, text: str = "") -> Report:
    """Rebuild a ``Report`` from its ``contractlint-report/1`` dict (as stored in the scan cache).

    The dict does not carry the document's blocks or clause tree, so the rebuilt ``Document`` has the
    text and source but no blocks, and ``Report.outline`` is empty; findings, locations and the clause
    inventory are complete. ``Report.to_dict()`` of the result equals ``data``.
    """
    src = data["source"]
    source = Source(
        name=src["name"],
        format=src["format"],
        sha256=src["sha256"],
        size=int(src["size"]),
        path=src.get("path"),
        page_count=src.get("page_count"),
        extractor=src.get("extractor", ""),
    )
    warnings = tuple(
        ExtractionWarning(
            code=w["code"], message=w["message"], count=w.get("count"), details=tuple(w.get("details", ()))
        )
        for w in data.get("warnings", ())
    )
    document = Document(source=source, blocks=(), text=text, warnings=warnings)
    return Report(
        document=document,
        findings=tuple(_finding(f) for f in data.get("findings", ())),
        clauses=tuple(_provision(p) for p in data.get("clauses", ())),
        suppressed=int(data.get("summary", {}).get("suppressed", 0)),
        baselined=int(data.get("summary", {}).get("baselined", 0)),
    )
