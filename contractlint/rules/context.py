"""What a rule sees: the contract, its clause tree, the NLP analysis and the pattern verdicts.

Everything here speaks in offsets into ``Document.text``; spaCy objects never leave this module and the
rule modules, and findings carry plain ``Location`` values.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar

import regex
from spacy.tokens import Doc

from contractlint.model import Clause, Document, Finding, Location, Provision, slot_init
from contractlint.nlp.extensions import span_rows
from contractlint.nlp.matching import PatternResult
from contractlint.rules.base import Rule
from contractlint.segment import ClauseTree

__all__ = ["ContextCache", "Hit", "LintContext"]

_T = TypeVar("_T")
_EXCERPT_MAX = 300
_WS = regex.compile(r"\s+")


@slot_init
@dataclass(frozen=True, slots=True)
class Hit:
    """A recogniser span in absolute offsets, with the recogniser's plain value."""

    start: int
    end: int
    label: str
    value: Any


# spans key -> Span extension attribute holding the recogniser's value
_VALUE_ATTR = {
    "items": "cl_item",
    "durations": "cl_duration",
    "frequencies": "cl_frequency",
    "money": "cl_money",
    "parties": "cl_party",
    "definitions": "cl_definition",
    "obligations": "cl_obligation",
}


class ContextCache(Generic[_T]):
    """A per-contract memo for an analysis that several rules share, kept on the context itself.

    A module-level ``WeakKeyDictionary`` keyed by the context does not work: its values (analyses
    that hold the context) keep every context, with its spaCy Docs, alive for the life of the process,
    about 0.6 MB a contract. Stored on the context, an analysis dies with it.
    """

    __slots__ = ()

    def get(self, ctx: LintContext) -> _T | None:
        found: _T | None = ctx.memo.get(self)
        return found

    def __setitem__(self, ctx: LintContext, value: _T) -> None:
        ctx.memo[self] = value

    def setdefault(self, ctx: LintContext, default: _T) -> _T:
        found: _T = ctx.memo.setdefault(self, default)
        return found


_Titles = list[tuple[str, Clause]]
_CLAUSE_TITLES = object()
"""``LintContext.memo`` key of the clause titles ``find_clause`` searches."""


class LintContext:
    """One contract under review. Built once per lint; rules only read it."""

    def __init__(
        self,
        document: Document,
        tree: ClauseTree,
        docs: Sequence[Doc],
        results: Sequence[PatternResult],
        *,
        party: str | None = None,
        vague_terms_extend: tuple[tuple[str, str, str], ...] = (),
        vague_terms_remove: frozenset[str] = frozenset(),
    ) -> None:
        self.document = document
        self.text = document.text
        self.tree = tree
        self.docs = list(docs)
        self.results = {r.rule: r for r in results}
        self.party = party
        self.vague_terms_extend = vague_terms_extend
        """Configured extra vague terms, ``(term, group, suggestion)``."""
        self.vague_terms_remove = vague_terms_remove
        """Configured terms that are not vague for this reviewer, lower-case."""
        self._hit_cache: dict[str, list[Hit]] = {}
        self.memo: dict[object, Any] = {}
        """Analyses that several rules share, keyed by their ``ContextCache``."""

    def release(self) -> None:
        """Drop the shared analyses once the lint is done.

        They hold the context (``_Places(ctx)``), so the context, its spaCy Docs, the clause tree and the
        Document would otherwise sit in a reference cycle until the cyclic collector finds them: ~30,000
        objects for a 100-page contract, freed at once by reference counting instead."""
        self.memo.clear()
        self._hit_cache.clear()

    # --- NLP results, in absolute offsets ---------------------------------------------------------------

    def pattern(self, rule_id: str) -> PatternResult:
        """The verdict of one pattern rule (a KeyError names a missing pattern file entry)."""
        return self.results[rule_id]

    def pattern_spans(self, rule_id: str) -> tuple[tuple[int, int], ...]:
        result = self.results.get(rule_id)
        return () if result is None else result.spans

    def hits(self, key: str) -> list[Hit]:
        """Spans a recogniser or the pattern component put in ``doc.spans[key]``, in text order.

        Built on first use per key: a contract has thousands of pattern spans that most rules never ask for.
        """
        found = self._hit_cache.get(key)
        if found is None:
            found = []
            attr = _VALUE_ATTR.get(key)
            for doc in self.docs:
                if key not in doc.spans:
                    continue
                off = doc._.cl_offset
                if attr:  # the recognisers' own rows: no Span and Underscore object per hit
                    found.extend(
                        Hit(s + off, e + off, label, value)
                        for s, e, label, value in span_rows(doc, key, attr)
                    )
                    continue
                for span in doc.spans[key]:
                    found.append(Hit(span.start_char + off, span.end_char + off, span.label_, span.id_))
            self._hit_cache[key] = found
        return found

    def lexicon_hits(self, label: str) -> list[Hit]:
        """Lexicon entries of ``label`` the pattern component found (value = the entry id), in text order.

        Read from the component's offsets rather than ``hits("patterns")``: that would wrap every one of
        a contract's thousands of pattern spans in a Python object to keep a few."""
        key = f"lexicon:{label}"
        found = self._hit_cache.get(key)
        if found is None:
            prefix = f"lexicon|{label}|"
            found = []
            for doc in self.docs:
                off = doc._.cl_offset
                for name, ranges in (doc._.cl_pattern_hits or {}).items():
                    if name.startswith(prefix):
                        entry = name[len(prefix) :]
                        found.extend(Hit(s + off, e + off, label, entry) for s, e in ranges)
            found.sort(key=lambda h: (h.start, h.end))
            self._hit_cache[key] = found
        return found

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence (or enumerated item) ranges, in text order."""
        out: list[tuple[int, int]] = []
        for doc in self.docs:
            off = doc._.cl_offset
            out.extend((s.start_char + off, s.end_char + off) for s in doc.sents)
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i < 0:
            return (0, 0) if not self.sentences else self.sentences[0]
        return self.sentences[i]

    def roles(self) -> dict[str, str]:
        """Party roles defined in the contract, lower-cased role -> as written ("supplier": "Supplier")."""
        roles: dict[str, str] = {}
        for hit in self.hits("parties"):
            value = hit.value or {}
            role = value.get("role")
            if role and not value.get("generic"):
                roles.setdefault(str(role).lower(), str(role))
        return roles

    # --- clauses -------------------------------------------------------------------------------------------

    def clause_at(self, offset: int) -> Clause | None:
        return self.tree.clause_at(offset)

    def clause_path(self, offset: int) -> list[Clause]:
        """The clauses holding ``offset``, outermost first."""
        path: list[Clause] = []
        level = self.tree.clauses
        while True:
            for clause in level:
                if clause.location.start <= offset < clause.location.end:
                    path.append(clause)
                    level = clause.children
                    break
            else:
                return path

    def titles_at(self, offset: int) -> str:
        """The titles of the clauses holding ``offset``, lower-cased and joined (for context checks)."""
        return " / ".join((c.title or "").lower() for c in self.clause_path(offset))

    def find_clause(self, words: Sequence[str]) -> Clause | None:
        """The first clause whose title contains one of ``words`` (case-insensitive), top levels first."""
        if not words:
            return None
        lowered = [w.lower() for w in words]
        best: tuple[int, int, Clause] | None = None
        # An untitled clause holds no non-empty word: those are left out unless a word is empty.
        all_titles, titled = self._clause_titles()
        for title, clause in titled if all(lowered) else all_titles:
            for rank, word in enumerate(lowered):
                if word in title:
                    key = (rank, clause.level)
                    if best is None or key < best[:2]:
                        best = (rank, clause.level, clause)
                    break
        return None if best is None else best[2]

    def _clause_titles(self) -> tuple[_Titles, _Titles]:
        """Every clause with its lower-cased title in walk order, and those with a title: built once per
        contract, not per missing finding."""
        found: tuple[_Titles, _Titles] | None = self.memo.get(_CLAUSE_TITLES)
        if found is None:
            every = [((c.title or "").lower(), c) for c in self.tree.walk()]
            found = self.memo[_CLAUSE_TITLES] = (every, [t for t in every if t[0]])
        return found

    # --- building findings ---------------------------------------------------------------------------------

    def locate(self, start: int, end: int) -> Location:
        clause = self.tree.clause_at(start)
        number = None if clause is None else clause.ref or clause.number
        return self.document.locate(start, end, clause_number=number)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """The span without leading or trailing whitespace (a sentence range ends in the block gap)."""
        text = self.text
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        return start, end

    def excerpt(self, start: int, end: int) -> str:
        """The span's text on one line, cut at ``_EXCERPT_MAX`` characters.

        A long span (a whole clause) is first tried on its opening part: collapsing whitespace in a prefix
        gives a prefix of the collapsed whole, so when that already overflows, the cut is the same."""
        if end - start > 4 * _EXCERPT_MAX:
            head = str(_WS.sub(" ", self.text[start : start + 4 * _EXCERPT_MAX])).strip()
            if len(head) > _EXCERPT_MAX:
                return head[: _EXCERPT_MAX - 1].rstrip() + "…"
        text = str(_WS.sub(" ", self.text[start:end])).strip()
        if len(text) > _EXCERPT_MAX:
            text = text[: _EXCERPT_MAX - 1].rstrip() + "…"
        return text

    def finding(
        self,
        rule: Rule,
        start: int,
        end: int,
        *,
        message: str | None = None,
        related: Sequence[tuple[int, int]] = (),
    ) -> Finding:
        """A finding at ``[start, end)`` of the text (surrounding whitespace trimmed off the span)."""
        start, end = self.trim(start, end)
        return self._make(rule, start, end, message, related=tuple(self.locate(s, e) for s, e in related))

    def searched(self, *pattern_ids: str, shown: int = 8) -> list[str]:
        """What a missing finding looked for, one line per pattern: its first ``shown`` phrases and how
        many more patterns (token patterns and regexes are counted, not spelt out)."""
        out: list[str] = []
        for pid in pattern_ids:
            result = self.results.get(pid)
            if result is None:
                continue
            phrases = [s for s in result.searched if s.startswith('"')]
            rest = len(result.searched) - min(len(phrases), shown)
            line = f"{pid}: " + ", ".join(phrases[:shown])
            if rest:
                line += f" (+ {rest} more patterns)"
            out.append(line)
        return out

    def missing(self, rule: Rule, searched: Sequence[str], *, message: str | None = None) -> Finding:
        """A finding about an absent provision, anchored where it belongs.

        The anchor is the first clause whose title matches ``rule.anchor`` (e.g. the Term and Termination
        clause); failing that, the contract's first block (its title).
        """
        clause = self.find_clause(rule.anchor)
        if clause is not None:
            first = self.document.blocks[clause.blocks[0]] if clause.blocks else None
            start = clause.location.start
            end = first.location.end if first is not None else clause.location.end
            anchor = " ".join(x for x in (clause.ref or clause.number, clause.title) if x) or None
        elif self.document.blocks:
            first = self.document.blocks[0]
            start, end = first.location.start, first.location.end
            anchor = None
        else:
            start = end = 0
            anchor = None
        return self._make(rule, start, end, message, missing=True, searched=tuple(searched), anchor=anchor)

    def _make(self, rule: Rule, start: int, end: int, message: str | None, **extra: Any) -> Finding:
        return Finding(
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=rule.severity,
            message=message or rule.message,
            location=self.locate(start, end),
            excerpt=self.excerpt(start, end),
            suggestion=rule.suggestion,
            doc_url=rule.doc_path,
            **extra,
        )

    def provision(
        self,
        kind: str,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, str] | None = None,
    ) -> Provision:
        clause = self.tree.clause_at(start)
        return Provision(
            kind=kind,
            label=label,
            location=self.locate(start, end),
            excerpt=self.excerpt(start, end),
            clause_ref=None if clause is None else (clause.ref or clause.number),
            attributes=tuple(sorted((attributes or {}).items())),
        )


def merge_spans(spans: Iterable[tuple[int, int]], *, touching: bool = False) -> list[tuple[int, int]]:
    """Overlapping spans (and, with ``touching``, spans that meet end to start) as one, in text order:
    several patterns' hits on one phrase are one place."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and (start <= out[-1][1] if touching else start < out[-1][1]):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def iter_units(ranges: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> Iterator[int]:
    """Indices of ``ranges`` (sorted, disjoint) that hold the start of any of ``spans``."""
    starts = [r[0] for r in ranges]
    seen: set[int] = set()
    for s, _ in spans:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and s < ranges[i][1] and i not in seen:
            seen.add(i)
            yield i
