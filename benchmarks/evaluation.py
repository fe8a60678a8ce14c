"""Shared helpers for the evaluation scripts: lint a corpus's text files once, score document labels.

The scorer is deliberately plain (document-level precision, recall, F1) so a reader can check it by hand.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from contractlint.lint import LintConfig, Linter
from contractlint.model import Report


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    hits: int = 0
    """True positives whose reported location overlaps a labelled span."""
    located: int = 0
    """True positives that had labelled spans to compare with."""

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def location_hit_rate(self) -> float:
        return self.hits / self.located if self.located else 1.0

    @property
    def n(self) -> int:
        """Documents where the provision is present (the positives)."""
        return self.tp + self.fn


def lint_texts(
    corpus: Path, txt_paths: Iterable[str], config: LintConfig | None = None
) -> Iterator[tuple[str, Report]]:
    """Lint each ``txt`` path (relative to ``corpus``) with one pipeline; yields (path, report)."""
    linter = Linter(config)
    for rel in txt_paths:
        yield rel, linter.lint(corpus / rel)


def align_spans(
    source: str, document: str, spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Move spans given in ``source`` (the file as read) into ``document`` (``Document.text``).

    Labels are offsets into the raw file, but the text extractor rebuilds the text from blocks (it drops
    indentation, extra blank lines and page-number lines), so ``document``'s non-space characters are a
    subsequence of ``source``'s. They are matched in order (greedily, skipping what was dropped); if the
    document has characters the source lacks, the spans are returned unchanged.
    """
    src = [m.start() for m in re.finditer(r"\S", source)]
    dst = [m.start() for m in re.finditer(r"\S", document)]
    if not src:
        return list(spans)
    if len(src) != len(dst):
        src = _subsequence(source, src, document, dst)
        if not src:
            return list(spans)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        i = bisect.bisect_left(src, s)
        j = bisect.bisect_left(src, e) - 1
        if i >= len(src) or j < i:
            out.append((s, e))
            continue
        out.append((dst[i], dst[j] + 1))
    return out


def _subsequence(source: str, src: list[int], document: str, dst: list[int]) -> list[int]:
    """For each non-space character of ``document``, the position of its match in ``source``; then
    the source positions of the matched characters, one per document character (empty if none)."""
    matched: list[int] = []
    k = 0
    for d in dst:
        ch = document[d]
        while k < len(src) and source[src[k]] != ch:
            k += 1
        if k == len(src):
            return []
        matched.append(src[k])
        k += 1
    return matched


def overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def print_scores(scores: dict[str, Score], *, as_json: bool, extra: dict[str, object] | None = None) -> None:
    if as_json:
        out: dict[str, object] = {
            name: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "location_hit_rate": round(s.location_hit_rate, 4),
                "n": s.n,
            }
            for name, s in scores.items()
        }
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    width = max(len(k) for k in scores) if scores else 10
    print(f"{'category':<{width}}  precision  recall     F1  loc-hit    n   tp  fp  fn")
    for name, s in scores.items():
        print(
            f"{name:<{width}}  {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:5.3f}  {s.location_hit_rate:7.3f}"
            f"  {s.n:3d}  {s.tp:3d} {s.fp:3d} {s.fn:3d}"
        )
    for key, value in (extra or {}).items():
        print(f"{key}: {value}")
