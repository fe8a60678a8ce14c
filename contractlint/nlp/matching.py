"""Run a PatternSet over Docs (``contractlint_patterns``) and judge its rules over a whole contract.

Phrases of every rule and lexicon go into ONE PhraseMatcher (``LOWER``), token patterns into one Matcher
(kept small: it is ~100x dearer per pattern), regexes are compiled once and run on ``doc.text``.
"""

from __future__ import annotations

import bisect
import importlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy
import regex
from spacy.attrs import IDX, IS_SPACE, LENGTH, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from contractlint.model import BLOCK_SEPARATOR
from contractlint.nlp.extensions import (
    CASE_TRAPS,
    doc_lower,
    doc_text,
    letter_runs,
    register_extensions,
    sentence_starts_of,
)
from contractlint.nlp.patterns import PatternSet, load_patterns, shipped_patterns

__all__ = ["PatternMatcher", "PatternResult", "evaluate"]

# The standard library's regex parser, to read which words a rule regex needs (``whole_words``). Its
# public alias ``sre_parse`` warns on import from Python 3.11, where the module is ``re._parser``.
try:
    sre_parser: Any = importlib.import_module("re._parser")
    sre_constants: Any = importlib.import_module("re._constants")
except ImportError:  # Python 3.10
    sre_parser = importlib.import_module("sre_parse")
    sre_constants = importlib.import_module("sre_constants")

Status = Literal["found", "not_found", "present", "missing", "satisfied", "violated", "not_applicable"]


class PatternMatcher:
    """The ``contractlint_patterns`` component.

    Spans go to ``doc.spans[spans_key]`` with ``label_`` = the rule's or lexicon entry's label and
    ``id_`` = the rule id (lexicon: the entry id), for rule matches and lexicon hits (not for the
    ``if``/``then`` parts of conditional rules). ``doc._.cl_pattern_hits`` maps each key
    (``"<rule-id>|match"``, ``"<rule-id>|if"``, ``"<rule-id>|then"``, ``"lexicon|<LABEL>|<id>"``) to the
    Doc-relative ``(start, end)`` character ranges it matched, for ``evaluate``.

    An empty ``spans_key`` stores no spans: ``evaluate`` and the rules read ``cl_pattern_hits`` only, and
    a Span per hit (thousands per contract) is a few percent of a lint, so the linter's own pipeline
    skips them.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "contractlint_patterns",
        *,
        patterns: PatternSet | None = None,
        pattern_dirs: Sequence[str | Path] = (),
        include_default: bool = True,
        spans_key: str = "patterns",
    ) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        if patterns is None:
            if include_default and not list(pattern_dirs):
                patterns = shipped_patterns()
            else:
                patterns = load_patterns(pattern_dirs, include_default=include_default)
        self.patterns = patterns
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)  # patterns whose first token is a known word: run per sentence
        self.full_matcher = Matcher(nlp.vocab)  # the rest: run over the whole Doc
        self.triggers = PhraseMatcher(nlp.vocab, attr="LOWER")
        trigger_words: set[str] = set()
        self.regexes: list[tuple[str, regex.Pattern[str], tuple[str, ...] | None]] = []
        self.labels: dict[str, tuple[str, str]] = {}  # key -> (label, id)
        phrases: dict[str, list[str]] = {}
        for rule in self.patterns.rules:
            for part, ms in rule.parts.items():
                key = f"{rule.id}|{part}"
                self.labels[key] = (rule.label, rule.id)
                phrases.setdefault(key, []).extend(ms.phrases)
                for p in ms.patterns:
                    self._add_token_pattern(key, list(p), trigger_words)
                self.regexes.extend(
                    (key, regex.compile(r, regex.IGNORECASE), literal_heads(r)) for r in ms.regex
                )
        for entry in self.patterns.lexicon:
            key = f"lexicon|{entry.label}|{entry.id}"
            self.labels[key] = (entry.label, entry.id)
            if isinstance(entry.pattern, str):
                phrases.setdefault(key, []).append(entry.pattern)
            else:
                self._add_token_pattern(key, list(entry.pattern), trigger_words)
        tokenizer: Any = nlp.tokenizer
        self._max_phrase = 1
        for key, items in phrases.items():
            if items:
                docs = list(tokenizer.pipe(items))
                self._max_phrase = max(self._max_phrase, *(len(d) for d in docs))
                self.phrase_matcher.add(key, docs)
        self._stop_orths = numpy.array([nlp.vocab.strings.add(p) for p in ".;:!?"], dtype=numpy.uint64)
        self._window_break = nlp.vocab.strings.add(BLOCK_SEPARATOR)
        if trigger_words:
            self.triggers.add("trigger", list(tokenizer.pipe(sorted(trigger_words))))
        # Spans for what a reader looks at (rule matches, lexicon hits); "if"/"then" parts of conditional
        # rules only need offsets, and there can be thousands of them.
        self.span_keys = frozenset(k for k in self.labels if not k.endswith(("|if", "|then")))
        # The label and id of each span key as StringStore ids: a Span given strings hashes both again.
        add = nlp.vocab.strings.add
        self._span_ids = {k: (add(self.labels[k][0]), add(self.labels[k][1])) for k in self.span_keys}
        self._match_keys: dict[int, str] = {}
        # Regexes without a literal head that open on a run of words ("\\bin\\s+accordance\\s+with"):
        # their candidates come from their longest word (regex index -> anchor, pattern for the words before).
        self._anchors = {
            i: found
            for i, (_, pattern, heads) in enumerate(self.regexes)
            if heads is None and (found := word_run_anchor(pattern.pattern)) is not None
        }
        # Words one of which stands whole in every match of a regex: a Doc without any of them is skipped.
        self._needed = [whole_words(pattern.pattern) for _, pattern, _ in self.regexes]
        # ... and words one of which opens a run of letters in every match ("\\b(?:breach\\w*|default\\w*)").
        self._openers = [word_prefixes(pattern.pattern) for _, pattern, _ in self.regexes]

    def _add_token_pattern(self, key: str, pattern: list[dict[str, Any]], words: set[str]) -> None:
        """Matcher costs ~1 us per token per pattern set. When a pattern needs one of a few words, it runs
        only over the sentences holding one. The trigger is the LAST required word spec with words of 4+
        letters (heads such as "terminate" or "measures" are rarer than "either" or "reasonable")."""
        choices: list[list[str]] = []
        for spec in pattern:
            lower = spec.get("LOWER")
            if spec.get("OP") not in (None, "+") or not set(spec) <= {"LOWER", "OP"}:
                continue
            if isinstance(lower, str):
                choices.append([lower])
            elif isinstance(lower, dict) and set(lower) == {"IN"} and lower["IN"]:
                choices.append([str(o) for o in lower["IN"]])
        if not choices:
            self.full_matcher.add(key, [pattern])
            return
        long_enough = [c for c in choices if min(map(len, c)) >= 4]
        best = long_enough[-1] if long_enough else max(choices, key=lambda c: min(map(len, c)))
        words.update(o.lower() for o in best)
        self.matcher.add(key, [pattern])

    def _token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        if len(self.full_matcher):
            found.extend(self.full_matcher(doc))
        if not len(self.matcher):
            return found
        triggers = self.triggers(doc)
        if not triggers:
            return found
        starts = sentence_starts_of(doc) or [0]
        text_len = len(doc_text(doc))
        done: set[int] = set()
        for _, start, _ in triggers:
            i = bisect.bisect_right(starts, doc[start].idx) - 1
            if i in done:
                continue
            done.add(i)
            hi = starts[i + 1] if i + 1 < len(starts) else text_len
            sent = doc.char_span(starts[i], hi, alignment_mode="expand")
            if sent is None:
                continue
            for span in self.matcher(sent, as_spans=True):
                found.append((doc.vocab.strings[span.label_], span.start, span.end))
        return found

    def _phrase_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Phrase matches that ignore runs of spaces and line breaks inside a paragraph.

        spaCy makes every extra space its own token, so "time  of sale" (EDGAR text is full of double
        spaces) or a hard-wrapped line would hide a phrase. Around each such token (not after a full stop,
        where no phrase runs on, and not a paragraph break, so no phrase spans two blocks) the phrases run
        again over a short copy of the words without it, built from the words (no second tokenisation),
        and the matches that cross it are mapped back to the real tokens.
        """
        found = list(self.phrase_matcher(doc))
        n = len(doc)
        if n < 3:
            return found
        attrs = doc.to_array([ORTH, IS_SPACE])
        space = attrs[:, 1].astype(bool)
        space[0] = space[-1] = False
        gaps = numpy.flatnonzero(space)
        if gaps.size:
            gaps = gaps[~numpy.isin(attrs[gaps - 1, 0], self._stop_orths)]
        gaps_list = [i for i in gaps.tolist() if BLOCK_SEPARATOR not in doc[i].text]
        if not gaps_list:
            return found
        drop = numpy.zeros(n, dtype=bool)
        drop[gaps_list] = True
        reach = self._max_phrase
        strings = doc.vocab.strings
        seg_start = max(0, gaps_list[0] - reach)
        seg_end = min(n, gaps_list[0] + reach + 1)
        segments: list[tuple[int, int]] = []
        for g in gaps_list[1:]:
            if g - reach <= seg_end:
                seg_end = min(n, g + reach + 1)
            else:
                segments.append((seg_start, seg_end))
                seg_start, seg_end = max(0, g - reach), min(n, g + reach + 1)
        segments.append((seg_start, seg_end))
        # All windows go into ONE compact Doc (a Doc and a matcher call per window cost more than the
        # matching), a paragraph break between them so that no phrase runs from one into the next.
        orths: list[int] = []
        where: list[int] = []
        for a, b in segments:
            keep = (a + numpy.flatnonzero(~drop[a:b])).tolist()
            if orths:
                orths.append(self._window_break)
                where.append(-1)
            orths.extend(attrs[keep, 0].tolist())
            where.extend(keep)
        words = [strings[o] for o in orths]
        compact = Doc(doc.vocab, words=words, spaces=[True] * len(words))
        for match_id, start, end in self.phrase_matcher(compact):
            first, last = where[start], where[end - 1]
            if last - first + 1 > end - start:  # it crosses a dropped space: not found above
                found.append((match_id, first, last + 1))
        return found

    def __call__(self, doc: Doc) -> Doc:
        hits: dict[str, list[tuple[int, int]]] = {}
        spans: list[Span] = []
        strings = doc.vocab.strings
        found = self._phrase_matches(doc)
        found.extend(self._token_matches(doc))
        if found:
            offsets = doc.to_array([IDX, LENGTH])
            starts = offsets[:, 0].tolist()
            ends = (offsets[:, 0] + offsets[:, 1]).tolist()
        keys = self._match_keys
        span_ids = self._span_ids if self.spans_key else {}
        for match_id, start, end in found:
            key = keys.get(match_id)
            if key is None:
                key = keys[match_id] = strings[match_id]
            hits.setdefault(key, []).append((starts[start], ends[end - 1]))
            ids = span_ids.get(key)
            if ids is not None:
                spans.append(Span(doc, start, end, label=ids[0], span_id=ids[1]))
        text = doc_text(doc)
        lower = doc_lower(doc)
        words = _WordStarts(doc)
        anchors = self._anchors
        present = _present_words(text, lower) if any(self._needed) or any(self._openers) else None
        runs = sorted(present) if present is not None else []
        for n, (key, pattern, head) in enumerate(self.regexes):
            if present is not None and (
                any(present.isdisjoint(ws) for ws in self._needed[n])
                or any(not any(_opens_a_run(runs, w) for w in ws) for ws in self._openers[n])
            ):
                continue  # a word every match holds is nowhere in the Doc
            if head is not None and pattern.pattern.startswith("\\b") and all(h.isalpha() for h in head):
                found_at = _regex_hits_at(pattern, words.starts(head), text)
            elif head is None and n in anchors:
                found_at = _anchored_hits(pattern, *anchors[n], text, lower)
            else:
                found_at = _regex_hits(pattern, head, text, lower)
            ids = span_ids.get(key)
            for start, end in found_at:
                hits.setdefault(key, []).append((start, end))
                if ids is not None:
                    span = doc.char_span(start, end, label=ids[0], alignment_mode="expand")
                    if span is not None and len(span):
                        span.id = ids[1]
                        spans.append(span)
        if self.spans_key:
            spans.sort(key=_span_order)
            doc.spans[self.spans_key] = spans
        doc._.cl_pattern_hits = hits
        return doc


class _WordStarts:
    """Where words with a given beginning start, from the Doc's tokens: one look-up per head instead of
    a ``str.find`` pass over the whole text per regex. Only for regexes that open on ``\\b``: a word
    boundary before letters is where spaCy starts a token."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._built = False
        self._cache: dict[tuple[str, ...], list[int]] = {}

    def _build(self) -> None:
        """Token offsets grouped by lower-case form (one stable sort), the forms sorted as text."""
        attrs = self.doc.to_array([LOWER, IDX])
        lowers = attrs[:, 0]
        order = numpy.argsort(lowers, kind="stable")
        grouped = lowers[order]
        firsts = [0, *(numpy.flatnonzero(grouped[1:] != grouped[:-1]) + 1).tolist()] if len(grouped) else []
        strings = self.doc.vocab.strings
        texts = [strings[h] for h in grouped[firsts].tolist()]
        self._order = sorted(range(len(texts)), key=texts.__getitem__)
        self._sorted = [texts[i] for i in self._order]
        self._idx: list[int] = attrs[order, 1].tolist()
        self._bounds = [*firsts, len(grouped)]
        self._built = True

    def starts(self, heads: tuple[str, ...]) -> list[int]:
        found = self._cache.get(heads)
        if found is not None:
            return found
        if not self._built:
            self._build()
        found = []
        groups = 0
        for head in heads:
            lo = bisect.bisect_left(self._sorted, head)
            hi = bisect.bisect_left(self._sorted, head + "\uffff", lo)
            for k in range(lo, hi):
                u = self._order[k]
                found.extend(self._idx[self._bounds[u] : self._bounds[u + 1]])
                groups += 1
        if groups > 1:
            found.sort()  # each group is in text order already
        self._cache[heads] = found
        return found


def _regex_hits_at(pattern: regex.Pattern[str], starts: list[int], text: str) -> list[tuple[int, int]]:
    """Non-empty, non-overlapping matches of ``pattern`` tried at the sorted ``starts``: what ``finditer``
    finds among those offsets."""
    out: list[tuple[int, int]] = []
    last_end = 0
    for i in starts:
        if i >= last_end:
            m = pattern.match(text, i)
            if m is not None and m.end() > m.start():
                out.append(m.span())
                last_end = m.end()
    return out


def _span_order(span: Span) -> tuple[int, int]:
    return span.start, span.end


def literal_head(source: str, min_len: int = 3) -> str | None:
    """The lower-case word every match of ``source`` must start with, or None.

    ``regex`` is fast only with one literal prefix; with the head known, ``str.find`` on the lower-cased
    text finds the candidate positions at memory speed and the pattern is tried only there.
    """
    m = regex.match(rf"(?:\\b)?([a-z][a-z\-]{{{min_len - 1},}})", source)
    if m is None:
        return None
    head = m.group(1)
    if source[m.end() : m.end() + 1] in ("?", "*", "{"):
        head = head[:-1]  # "reports?" only guarantees "report"
    if _top_bars(source):
        return None  # a top-level alternative need not start with the head
    return head if len(head) >= min_len else None


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """``(index, character, group depth)`` for each character of a regex source that is neither escaped nor
    inside a character class. An opening bracket carries the depth outside it, a closing one the depth
    after it, so a group at the top level opens and closes at depth 0."""
    depth = 0
    escaped = klass = False
    for pos, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif klass:
            klass = ch != "]"
        elif ch == "[":
            klass = True
        elif ch == "(":
            yield pos, ch, depth
            depth += 1
        elif ch == ")":
            depth -= 1
            yield pos, ch, depth
        else:
            yield pos, ch, depth


def _group_end(source: str) -> int:
    """Index of the ")" closing the group that opens ``source``, or -1."""
    return next((pos for pos, ch, depth in _structure(source) if ch == ")" and depth == 0), -1)


def _top_bars(source: str) -> list[int]:
    """Indexes of the "|" outside any group or class: the top-level alternatives of ``source``."""
    return [pos for pos, ch, depth in _structure(source) if ch == "|" and depth == 0]


def literal_heads(source: str) -> tuple[str, ...] | None:
    """The lower-case words one of which every match of ``source`` must start with, or None.

    Besides a single literal head (``literal_head``), a pattern may open on a group of alternatives that
    each start with a word ("(?:shall|will|must)\\s+not ..."), possibly after a lookbehind ("(?<=...)"
    does not move the start of the match): then each alternative's head is a candidate.
    """
    head = literal_head(source)
    if head is not None:
        return (head,)
    for prefix, literal in (("\\[", "["), ("\\{", "{"), ("<<", "<<")):
        if source.startswith(prefix) and not _top_bars(source):
            return (literal,)
    body = source
    while True:
        if body.startswith("\\b"):
            body = body[2:]
        elif body.startswith(("(?<=", "(?<!")):
            close = _group_end(body)
            if close < 0:
                return None
            body = body[close + 1 :]
        else:
            break
    if body != source:
        head = literal_head(body)
        if head is not None:
            return (head,)
    if not body.startswith("(?:"):
        return None
    end = _group_end(body)
    if end < 0 or body[end + 1 : end + 2] in ("?", "*", "{") or _top_bars(body[end + 1 :]):
        return None  # an optional group, or a top-level alternative after it
    inner = body[3:end]
    cuts = [0] + [i + 1 for i in _top_bars(inner)]
    alternatives = [inner[a : b - 1] for a, b in zip(cuts, [*cuts[1:], len(inner) + 1], strict=True)]
    heads = [literal_head(alt, min_len=2) for alt in alternatives]
    if any(h is None for h in heads):
        return None
    found = {h for h in heads if h is not None}
    return tuple(sorted(h for h in found if not any(h != o and h.startswith(o) for o in found)))


def _present_words(text: str, lower: str) -> frozenset[str] | None:
    """The maximal runs of ASCII letters in ``lower``, or None when ``text`` holds a character that a
    case-insensitive regex matches to an ASCII letter but ``str.lower`` does not turn into one."""
    if any(c in text for c in CASE_TRAPS):
        return None
    return letter_runs(text, lower)


_REGEX_ONLY = ("{e", "(?r", "(?|", "\\m", "\\M", "\\p", "\\P", "\\X", "\\N", "\\G", "\\K", "\\L", "[[")
_REGEX_ONLY_FLAGS = regex.compile(r"\(\?[a-zA-Z0-9-]*[VwfbepV]|\(\?\(|\(\?&|\(\?R|\(\?P>|\(\?\d|\(\*")
"""Syntax of the ``regex`` module that the standard parser does not read the same way (fuzzy matching,
reverse, branch reset, Unicode properties, nested sets, flags such as FULLCASE or WORD, recursion)."""


def _parsed_items(source: str) -> list[Any] | None:
    """``_flat`` of ``source`` as the standard library's regex parser reads it, or None for a source with
    syntax only the ``regex`` module knows, or one the parser cannot read."""
    if any(mark in source for mark in _REGEX_ONLY) or _REGEX_ONLY_FLAGS.search(source):
        return None
    try:
        tree = sre_parser.parse(source)
    except Exception:  # re.error, or an overflow: a source the parser cannot read is simply not used
        return None
    return _flat(list(tree))


def whole_words(source: str) -> list[frozenset[str]]:
    """Sets of lower-case ASCII words such that every match of ``source`` (case-insensitive or not) holds
    a word of each set as a whole run of letters: between ``\\b``, ``\\s+`` or other non-letters.

    A Doc in which no run of letters is one of a set's words cannot match, so the regex need not run
    (most rule regexes name a word that most contracts never use). Read with the standard library's
    regex parser: a source with syntax that only the ``regex`` module knows gives no sets.
    """
    items = _parsed_items(source)
    if items is None:
        return []
    return [
        items[k][1]
        for k in range(1, len(items) - 1)
        if items[k][0] == "WORDS" and _delimited(items, k, -1) and _delimited(items, k, 1)
    ]


def word_prefixes(source: str) -> list[frozenset[str]]:
    """Like ``whole_words``, for words that only need a non-letter before them: every match holds a run
    of letters that opens with one of the words of each set ("\\bbreach\\w*" needs a run "breach...")."""
    items = _parsed_items(source)
    if items is None:
        return []
    found = []
    for k in range(1, len(items)):
        words = _opening_words(items[k])
        if words and _delimited(items, k, -1):
            found.append(words)
    return found


def _opening_words(item: Any) -> frozenset[str] | None:
    """The words one of which an item opens with: a word, or an alternation whose every alternative
    opens with literal letters."""
    if item[0] == "WORDS":
        return frozenset(item[1])
    if item[0] is not sre_constants.BRANCH:
        return None
    words: set[str] = set()
    for branch in item[1][1]:
        flat = _flat(list(branch))
        if not flat or flat[0][0] != "WORDS":
            return None
        words |= flat[0][1]
    return frozenset(words)


def _opens_a_run(runs: list[str], prefix: str) -> bool:
    """Whether a string of the sorted ``runs`` starts with ``prefix``."""
    i = bisect.bisect_left(runs, prefix)
    return i < len(runs) and runs[i].startswith(prefix)


def _flat(items: list[Any]) -> list[Any]:
    """The items of a sequence with groups opened up, and runs of literal letters and alternations of
    words joined into ``("WORDS", {word, ...})``: concatenation is associative, so the sequence matches
    the same strings (the standard parser moves a prefix that all alternatives share out of them)."""
    out: list[Any] = []
    for op, av in items:
        if op is sre_constants.SUBPATTERN:
            for item in _flat(list(av[-1])):
                _append(out, item)
        elif op is sre_constants.LITERAL and chr(av).isascii() and chr(av).isalpha():
            _append(out, ("WORDS", frozenset([chr(av).lower()])))
        elif op is sre_constants.BRANCH:
            _append(out, _branch_words(av[1]) or (op, av))
        else:
            out.append((op, av))
    return out


def _append(out: list[Any], item: Any) -> None:
    if item[0] == "WORDS" and out and out[-1][0] == "WORDS":
        out[-1] = ("WORDS", frozenset(a + b for a in out[-1][1] for b in item[1]))
    else:
        out.append(item)


def _branch_words(branches: list[Any]) -> Any:
    """``("WORDS", {...})`` for an alternation of words (each alternative only literal letters)."""
    words: set[str] = set()
    for branch in branches:
        flat = _flat(list(branch))
        if len(flat) != 1 or flat[0][0] != "WORDS":
            return None
        words |= flat[0][1]
    return ("WORDS", frozenset(words))


_NON_LETTER_CATEGORIES = frozenset(
    [sre_constants.CATEGORY_SPACE, sre_constants.CATEGORY_NOT_WORD, sre_constants.CATEGORY_DIGIT]
)


def _delimited(items: list[Any], k: int, side: int) -> bool:
    """Whether the item before (``side`` -1) or after (1) ``items[k]`` ends its run of letters: a
    delimiter, or optional items that end (start) with one, up to a delimiter
    ("\\s+(?:limited\\s+)?warrant")."""
    j = k + side
    while 0 <= j < len(items):
        item = items[j]
        if _delimits(item, side):
            return True
        op, av = item
        if op not in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) or av[0] != 0:
            return False
        body = _flat(list(av[2]))
        if not body or not _delimits(body[0] if side == 1 else body[-1], side):
            return False
        j += side
    return False


def _delimits(item: Any, side: int) -> bool:
    """Whether an item before (``side`` -1) or after (1) a word always ends its run of letters: ``\\b``,
    one or more characters none of which can be an ASCII letter (``\\s``, ``\\W``, ``\\d``,
    punctuation), or a lookbehind / lookahead on that side that ends / starts with such an item."""
    op, av = item
    if op is sre_constants.AT:
        return bool(av is sre_constants.AT_BOUNDARY)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _, body = av
        return bool(low >= 1) and len(body) == 1 and _delimits(body[0], side)
    if op is sre_constants.IN:
        return bool(av) and all(_non_letter(member) for member in av)
    if op is sre_constants.LITERAL:
        return not chr(av).isalpha()
    if op is sre_constants.ASSERT and av[0] == side:
        body = _flat(list(av[1]))
        return bool(body) and _delimits(body[0] if side == 1 else body[-1], side)
    return False


def _non_letter(member: Any) -> bool:
    op, av = member
    if op is sre_constants.CATEGORY:
        return av in _NON_LETTER_CATEGORIES
    if op is sre_constants.LITERAL:
        return not chr(av).isalpha()
    return False


_WORD_RUN = regex.compile(r"\\b((?:[A-Za-z]+\\s\+)*)([A-Za-z]+)(?P<quantified>[?*+{])?")
"""A regex source that opens on words joined by ``\\s+`` (``\\bin\\s+the\\s+name\\s+of``)."""


def word_run_anchor(source: str) -> tuple[str, regex.Pattern[str] | None] | None:
    """For a case-insensitive regex that opens on ``\\b`` and a run of literal words joined by ``\\s+``:
    its longest word (3+ letters, lower-case) and a reverse pattern that matches the words before it,
    ending where it starts (None when it is the first word); None for any other regex.

    Every match then holds the anchor word at a known place: ``str.find`` locates it at memory speed and
    the reverse pattern steps back to where the match must start, so the regex is tried only there
    instead of at every character (a word of two letters, "in", "as", is no head of its own).
    """
    m = _WORD_RUN.match(source)
    if m is None or _top_bars(source):
        return None
    words = [w for w in m.group(1).split("\\s+") if w]
    if m.group("quantified") is None:
        words.append(m.group(2))  # "request?" would only promise "reques"; leave such a word out
    if not words:
        return None
    k = max(range(len(words)), key=lambda i: len(words[i]))
    if len(words[k]) < 3:
        return None
    if k == 0:
        return words[0].lower(), None
    before = "".join(regex.escape(w) + r"\s+" for w in words[:k])
    return words[k].lower(), regex.compile(rf"(?r)\b{before}", regex.IGNORECASE)


def _anchored_hits(
    pattern: regex.Pattern[str], anchor: str, before: regex.Pattern[str] | None, text: str, lower: str
) -> list[tuple[int, int]]:
    """``finditer`` of a regex from ``word_run_anchor``: tried only where its anchor word stands after
    the words that precede it in the regex."""
    starts: list[int] = []
    i = lower.find(anchor)
    while i != -1:
        if before is None:
            starts.append(i)
        else:
            m = before.match(text, 0, i)
            if m is not None:
                starts.append(m.start())
        i = lower.find(anchor, i + 1)
    if before is not None:
        starts.sort()
    return _regex_hits_at(pattern, starts, text)


def _regex_hits(
    pattern: regex.Pattern[str], heads: str | tuple[str, ...] | None, text: str, lower: str
) -> list[tuple[int, int]]:
    if heads is None:
        return [m.span() for m in pattern.finditer(text)]
    if isinstance(heads, str):
        heads = (heads,)
    starts: list[int] = []
    for head in heads:
        i = lower.find(head)
        while i != -1:
            starts.append(i)
            i = lower.find(head, i + 1)
    if len(heads) > 1:
        starts.sort()
    return _regex_hits_at(pattern, starts, text)


@Language.factory(
    "contractlint_patterns",
    default_config={"pattern_dirs": [], "include_default": True, "spans_key": "patterns"},
    assigns=["doc.spans", "doc._.cl_pattern_hits"],
)
def make_patterns(
    nlp: Language, name: str, pattern_dirs: list[str], include_default: bool, spans_key: str
) -> PatternMatcher:
    return PatternMatcher(
        nlp, name, pattern_dirs=pattern_dirs, include_default=include_default, spans_key=spans_key
    )


@dataclass(frozen=True, slots=True)
class PatternResult:
    """The verdict of one rule pattern over one contract. Offsets are into ``Document.text``.

    * existence/sequence: ``found`` | ``not_found``; absence: ``missing`` | ``present``;
    * conditional: ``not_applicable`` (no "if" hit), ``satisfied``, or ``violated`` (``spans`` are the
      "if" hits whose scope unit has no "then" hit).
    """

    rule: str
    kind: str
    label: str
    status: Status
    spans: tuple[tuple[int, int], ...]
    searched: tuple[str, ...]
    message: str = ""


_Chunk = tuple[int, dict[str, list[tuple[int, int]]]]
"""A Doc's offset in the contract and the pattern component's hits in it."""


def _global_hits(chunks: Sequence[_Chunk], key: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for off, hits in chunks:
        found = hits.get(key)
        if found:
            out.extend((s + off, e + off) for s, e in found)
    return sorted(out)


def _units(
    docs: Sequence[Doc], scope: str, clauses: Sequence[tuple[int, int]] | None
) -> list[tuple[int, int]]:
    if scope == "sentence":
        return [
            (s.start_char + doc._.cl_offset, s.end_char + doc._.cl_offset)
            for doc in docs
            for s in (doc.sents if doc.has_annotation("SENT_START") else [doc[:]])
        ]
    if clauses is not None:
        return sorted(clauses)
    units: list[tuple[int, int]] = []
    for doc in docs:
        pos = 0
        for part in doc_text(doc).split(BLOCK_SEPARATOR):
            units.append((doc._.cl_offset + pos, doc._.cl_offset + pos + len(part)))
            pos += len(part) + len(BLOCK_SEPARATOR)
    return units


def _unit_of(units: list[tuple[int, int]], starts: list[int], pos: int) -> int | None:
    """Index of the last-starting unit that holds ``pos`` (units may nest, like clauses)."""
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0:
        if units[i][0] <= pos < units[i][1]:
            return i
        i -= 1
    return None


def evaluate(
    patterns: PatternSet,
    docs: Iterable[Doc],
    *,
    clauses: Sequence[tuple[int, int]] | None = None,
) -> list[PatternResult]:
    """Judge every rule of ``patterns`` over the Docs of ONE contract (chunks with ``doc._.cl_offset``).

    Scope ``clause`` uses ``clauses`` (``(start, end)`` ranges in ``Document.text``, e.g. top-level
    clauses from the clause tree); without them each block (text between blank lines) is a unit.
    """
    docs = list(docs)
    chunks = [(doc._.cl_offset, doc._.cl_pattern_hits or {}) for doc in docs]
    results: list[PatternResult] = []
    unit_cache: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}
    for rule in patterns.rules:
        if rule.kind == "conditional":
            if_hits = _global_hits(chunks, f"{rule.id}|if")
            then_hits = _global_hits(chunks, f"{rule.id}|then")
            if not if_hits:
                status: Status = "not_applicable"
                spans: list[tuple[int, int]] = []
            elif rule.scope == "document":
                status = "satisfied" if then_hits else "violated"
                spans = [] if then_hits else if_hits
            else:
                if rule.scope not in unit_cache:
                    found_units = _units(docs, rule.scope, clauses)
                    unit_cache[rule.scope] = (found_units, [u[0] for u in found_units])
                units, starts = unit_cache[rule.scope]
                covered = {_unit_of(units, starts, s) for s, _ in then_hits}
                spans = [h for h in if_hits if _unit_of(units, starts, h[0]) not in covered]
                status = "violated" if spans else "satisfied"
            results.append(
                PatternResult(
                    rule.id, rule.kind, rule.label, status, tuple(spans), rule.searched, rule.message
                )
            )
            continue
        hits = _global_hits(chunks, f"{rule.id}|match")
        if rule.kind == "absence":
            status = "present" if hits else "missing"
        else:
            status = "found" if hits else "not_found"
        results.append(
            PatternResult(rule.id, rule.kind, rule.label, status, tuple(hits), rule.searched, rule.message)
        )
    return results
