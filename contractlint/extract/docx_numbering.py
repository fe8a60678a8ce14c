"""Word's automatic paragraph numbers, computed from ``numbering.xml`` and ``styles.xml``.

``paragraph.text`` never contains the number a reader sees ("14.3", "(a)"), yet clause references depend
on it. Everything is precomputed once per document (definitions, style chains) so labelling a paragraph
is a few dictionary look-ups.

Semantics followed (checked against LibreOffice's rendering of real contracts):

* counters live per *abstract* numbering definition, so two ``w:num`` sharing one ``w:abstractNum``
  continue one count; a ``w:num`` with ``w:startOverride`` restarts its levels the first time it is used;
* a level restarts after any shallower level is used, unless ``w:lvlRestart`` says otherwise;
* numbering may come from the paragraph, its style chain (``w:basedOn``), or a numbering style reached
  through ``w:numStyleLink``; the level of a style-numbered paragraph comes from the ``w:lvl/w:pStyle``
  link when the style gives no ``w:ilvl``; ``numId`` 0 switches numbering off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

__all__ = ["Label", "Numberer", "NumberingDefinitions", "StyleInfo", "W", "format_number", "w"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return _W + tag


_VAL = w("val")
_MAX_LEVELS = 9


def _int(value: str | None, default: int) -> int:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    v = el.get(_VAL)
    return default if v is None else v


def _on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property: present and not explicitly false."""
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa...
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """One level's value as ``numFmt`` displays it (unknown formats fall back to decimal)."""
    if fmt in ("decimal", "decimalFullWidth", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True, slots=True)
class Level:
    """One ``w:lvl``: how a level counts and displays."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    """``w:lvlRestart`` (1-based level after which this one restarts; 0 = never); None = default."""
    legal: bool = False
    suffix: str = "tab"
    pstyle: str | None = None


def _level(el: etree._Element) -> Level:
    text_el = el.find(w("lvlText"))
    restart_el = el.find(w("lvlRestart"))
    return Level(
        # The schema's default start is 0 when w:start is absent; Word and LibreOffice follow it.
        start=_int(_val(el.find(w("start"))), 0),
        fmt=_val(el.find(w("numFmt")), "decimal") or "decimal",
        text=None if text_el is None else text_el.get(_VAL, ""),
        restart=None if restart_el is None else _int(restart_el.get(_VAL), 1),
        legal=_on(el.find(w("isLgl"))),
        suffix=_val(el.find(w("suff")), "tab") or "tab",
        pstyle=_val(el.find(w("pStyle"))),
    )


@dataclass(slots=True)
class _Abstract:
    levels: dict[int, Level]
    num_style_link: str | None = None


@dataclass(slots=True)
class _Num:
    abstract: str
    start_overrides: dict[int, int]
    level_overrides: dict[int, Level]


@dataclass(frozen=True, slots=True)
class StyleInfo:
    """What the extractor needs of one paragraph style, after following ``w:basedOn``."""

    name: str
    num_id: str | None
    ilvl: int | None
    outline: int | None
    bold: bool


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph's visible number: ``text`` is None for bullets and empty formats."""

    text: str | None
    level: int
    suffix: str
    bullet: bool


def _style_name(raw: str) -> str:
    # styles.xml stores built-in names in lower case ("heading 1"); Word shows "Heading 1".
    from docx.styles import BabelFish

    return BabelFish.internal2ui(raw)


class NumberingDefinitions:
    """Parsed ``numbering.xml`` and ``styles.xml``: immutable once built, shared by every story."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.abstracts: dict[str, _Abstract] = {}
        self.nums: dict[str, _Num] = {}
        self.styles: dict[str, StyleInfo] = {}
        self.char_bold: dict[str, bool] = {}
        self.default_pstyle: str | None = None
        self._style_level: dict[str, int] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)
        for ab in self.abstracts.values():
            for ilvl, lvl in ab.levels.items():
                if lvl.pstyle:
                    self._style_level.setdefault(lvl.pstyle, ilvl)

    def _read_numbering(self, root: etree._Element) -> None:
        for el in root.iterchildren(w("abstractNum")):
            aid = el.get(w("abstractNumId"))
            if aid is None:
                continue
            levels = {}
            for lvl in el.iterchildren(w("lvl")):
                ilvl = _int(lvl.get(w("ilvl")), 0)
                if 0 <= ilvl < _MAX_LEVELS:
                    levels[ilvl] = _level(lvl)
            self.abstracts[aid] = _Abstract(levels, _val(el.find(w("numStyleLink"))))
        for el in root.iterchildren(w("num")):
            nid = el.get(w("numId"))
            aid = _val(el.find(w("abstractNumId")))
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            lvls: dict[int, Level] = {}
            for ov in el.iterchildren(w("lvlOverride")):
                ilvl = _int(ov.get(w("ilvl")), 0)
                so = ov.find(w("startOverride"))
                if so is not None:
                    starts[ilvl] = _int(so.get(_VAL), 0)
                override = ov.find(w("lvl"))
                if override is not None:
                    lvls[ilvl] = _level(override)
            self.nums[nid] = _Num(aid, starts, lvls)

    def _read_styles(self, root: etree._Element) -> None:
        raw: dict[str, etree._Element] = {}
        for el in root.iterchildren(w("style")):
            sid = el.get(w("styleId"))
            if sid is None:
                continue
            raw[sid] = el
            stype = el.get(w("type"))
            if stype == "paragraph" and el.get(w("default")) in ("1", "true", "on"):
                self.default_pstyle = sid
            if stype == "character":
                self.char_bold[sid] = _on(el.find(f"{w('rPr')}/{w('b')}"))

        def resolve(sid: str, seen: frozenset[str]) -> StyleInfo:
            if sid in self.styles:
                return self.styles[sid]
            el = raw[sid]
            base_id = _val(el.find(w("basedOn")))
            base: StyleInfo | None = None
            if base_id and base_id in raw and base_id not in seen:
                base = resolve(base_id, seen | {sid})
            name_el = el.find(w("name"))
            name = _style_name(_val(name_el, sid) or sid)
            num_id = base.num_id if base else None
            ilvl = base.ilvl if base else None
            ppr = el.find(w("pPr"))
            outline = base.outline if base else None
            if ppr is not None:
                numpr = ppr.find(w("numPr"))
                if numpr is not None:
                    nid = _val(numpr.find(w("numId")))
                    lvl = _val(numpr.find(w("ilvl")))
                    if nid is not None:
                        num_id, ilvl = nid, None
                    if lvl is not None:
                        ilvl = _int(lvl, 0)
                ol = ppr.find(w("outlineLvl"))
                if ol is not None:
                    outline = _int(ol.get(_VAL), 9)
            b = el.find(f"{w('rPr')}/{w('b')}")
            bold = _on(b) if b is not None else (base.bold if base else False)
            info = StyleInfo(name=name, num_id=num_id, ilvl=ilvl, outline=outline, bold=bold)
            self.styles[sid] = info
            return info

        for sid in raw:
            resolve(sid, frozenset())

    def abstract_of(self, num_id: str) -> tuple[str, _Abstract] | None:
        """The abstract definition a ``w:num`` counts in, following ``numStyleLink`` once or twice."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract
        for _ in range(3):
            ab = self.abstracts.get(aid)
            if ab is None:
                return None
            if not ab.num_style_link:
                return aid, ab
            style = self.styles.get(ab.num_style_link)
            if style is None or style.num_id is None or style.num_id not in self.nums:
                return aid, ab
            aid = self.nums[style.num_id].abstract
        return None

    def resolve(self, style_id: str | None, num_id: str | None, ilvl: int | None) -> tuple[str, int] | None:
        """Effective ``(numId, ilvl)`` of a paragraph from its own ``numPr`` and its style chain."""
        sid = style_id or self.default_pstyle
        style = self.styles.get(sid) if sid else None
        from_style = False
        if num_id is None and style is not None and style.num_id is not None:
            num_id = style.num_id
            from_style = True
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None and style is not None:
            if style.ilvl is not None:
                ilvl = style.ilvl
            elif from_style and sid is not None:
                ilvl = self._style_level.get(sid)
        return num_id, min(max(ilvl or 0, 0), _MAX_LEVELS - 1)


@dataclass(slots=True)
class Numberer:
    """Counters for one story; call :meth:`next` for each numbered paragraph in document order."""

    defs: NumberingDefinitions
    _counters: dict[str, list[int | None]] = field(default_factory=dict)
    _used_nums: set[str] = field(default_factory=set)

    def _lvl(self, num: _Num, ab: _Abstract, ilvl: int) -> Level:
        lvl = num.level_overrides.get(ilvl) or ab.levels.get(ilvl) or Level()
        if ilvl in num.start_overrides:
            return Level(
                start=num.start_overrides[ilvl],
                fmt=lvl.fmt,
                text=lvl.text,
                restart=lvl.restart,
                legal=lvl.legal,
                suffix=lvl.suffix,
                pstyle=lvl.pstyle,
            )
        return lvl

    def next(self, num_id: str, ilvl: int) -> Label | None:
        """Advance the count of ``(num_id, ilvl)`` and return the label Word displays."""
        found = self.defs.abstract_of(num_id)
        if found is None:
            return None
        aid, ab = found
        num = self.defs.nums[num_id]
        counters = self._counters.setdefault(aid, [None] * _MAX_LEVELS)
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            for lvl_no in num.start_overrides:
                if 0 <= lvl_no < _MAX_LEVELS:
                    # Restart: the level (and, through the rule below, its children) count afresh.
                    counters[lvl_no] = None
        lvl = self._lvl(num, ab, ilvl)
        for shallower in range(ilvl):
            # A level used before its parents makes them count from their start ("1.1" first), and
            # the parent's next paragraph then shows the following number ("2"), as in Word.
            if counters[shallower] is None:
                counters[shallower] = self._lvl(num, ab, shallower).start
        current = counters[ilvl]
        counters[ilvl] = lvl.start if current is None else current + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            restart = self._lvl(num, ab, deeper).restart
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return Label(None, ilvl, lvl.suffix, True)
        if lvl.text is None:
            return Label(None, ilvl, lvl.suffix, False)
        label = self._render(lvl, num, ab, counters, ilvl)
        return Label(label if label.strip() else None, ilvl, lvl.suffix, False)

    def _render(self, lvl: Level, num: _Num, ab: _Abstract, counters: list[int | None], ilvl: int) -> str:
        text = lvl.text or ""
        if "%" not in text:
            return text
        out: list[str] = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                ref = int(text[i + 1]) - 1
                i += 2
                if not 0 <= ref <= ilvl:
                    continue
                ref_lvl = self._lvl(num, ab, ref)
                value = counters[ref]
                if value is None:
                    value = ref_lvl.start
                fmt = ref_lvl.fmt
                if lvl.legal and fmt not in ("decimal", "decimalZero", "none", "bullet"):
                    fmt = "decimal"
                out.append(format_number(value, fmt))
                continue
            out.append(ch)
            i += 1
        return "".join(out)
