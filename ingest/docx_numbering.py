"""Word's automatic list numbers: printed on the page, absent from the paragraph's text.

A caption numbered by a `List Number` style (`3. Keep the log up to date`) holds only its
words in the XML; the `3.` comes from `numbering.xml` (the list's levels: number format,
text such as `%1.` or `%1.%2`, start) and a counter per list. The PDF and the text
conversion print the number, so the Word reader puts it back, and a numbered list of
recommendations keeps its references in every format. Bullets are left as they are.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml import etree

_VAL = qn("w:val")
_FORMATS = ("decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman")
_LEVEL_TEXT = re.compile(r"%(\d)")

Level = tuple[str, str, int]  # number format, level text (`%1.`), start


def _val(el: etree._Element | None, default: str = "") -> str:
    return el.get(_VAL, default) if el is not None else default


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


class Numbering:
    """The document's lists and their counters, advanced paragraph by paragraph in reading
    order."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, Level]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            source = abstract.get(_val(num.find(qn("w:abstractNumId"))))
            if num_id is None or source is None:
                continue
            levels: dict[int, Level] = {}
            for lvl in source.iterchildren(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                start = int(_val(lvl.find(qn("w:start")), "1") or 1)
                fmt = _val(lvl.find(qn("w:numFmt")), "decimal")
                levels[ilvl] = (fmt, _val(lvl.find(qn("w:lvlText"))), start)
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start_el = override.find(qn("w:startOverride"))
                if start_el is not None and ilvl in levels:
                    fmt, text, _start = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(_val(start_el, "1") or 1))
            self.levels[num_id] = levels

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """The number a paragraph of this list and level prints (`3.`, `2.1`, `b)`), the
        counters advanced; None for a bullet, no list or an unknown one."""
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return None
        fmt, text, start = levels[ilvl]
        if fmt not in _FORMATS or not text:
            return None
        counts = self.counters.setdefault(num_id or "", {})
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            k_fmt, _text, k_start = levels.get(k, ("decimal", "", 1))
            return _format(counts.get(k, k_start), k_fmt)

        return _LEVEL_TEXT.sub(render, text).strip() or None


def num_pr(ppr: etree._Element | None) -> tuple[str, int] | None:
    """A paragraph's (or style's) list and level (`w:numPr`); None where it has none."""
    if ppr is None:
        return None
    pr = ppr.find(qn("w:numPr"))
    if pr is None:
        return None
    num_id = _val(pr.find(qn("w:numId")))
    if not num_id:
        return None
    return num_id, int(_val(pr.find(qn("w:ilvl")), "0") or 0)
