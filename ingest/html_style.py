"""What an HTML element's attributes say about formatting: inline styles and fill colours.

Word's "Save as Web Page" and LibreOffice's HTML export state bold, underline,
strike-through and cell shading as CSS (`font-weight:bold`, `text-decoration:line-through`,
`background:#FFC000`, `background-color:rgb(255,192,0)`) or as the old `bgcolor` attribute;
both mean what the `.docx` said with `w:b`, `w:strike` and `w:shd`. One place turns them
into run flags and an upper-case `RRGGBB` fill, the form the `.docx` reader gives.
"""

from __future__ import annotations

import re

Attrs = list[tuple[str, str | None]]

# CSS colour names a saved page uses for fills (Word writes highlight names: yellow, red …)
NAMED_COLOURS = {
    "black": "000000",
    "white": "FFFFFF",
    "red": "FF0000",
    "lime": "00FF00",
    "green": "008000",
    "blue": "0000FF",
    "yellow": "FFFF00",
    "orange": "FFA500",
    "aqua": "00FFFF",
    "cyan": "00FFFF",
    "fuchsia": "FF00FF",
    "magenta": "FF00FF",
    "silver": "C0C0C0",
    "gray": "808080",
    "grey": "808080",
    "maroon": "800000",
    "olive": "808000",
    "navy": "000080",
    "purple": "800080",
    "teal": "008080",
}
_NO_FILL = {"transparent", "none", "inherit", "initial", "auto", "windowtext", ""}

_DECLARATION = re.compile(r"\s*([-\w]+)\s*:\s*([^;]*)")
_HEX = re.compile(r"#([0-9a-f]{6}|[0-9a-f]{3})\b", re.I)
_RGB = re.compile(r"rgba?\(\s*(\d+)%?\s*,\s*(\d+)%?\s*,\s*(\d+)%?", re.I)


def _attr(attrs: Attrs, name: str) -> str:
    return next((v or "" for k, v in attrs if k == name), "")


def declarations(attrs: Attrs) -> dict[str, str]:
    """The inline `style` as {property: value}, lower-case, later declarations winning."""
    style = _attr(attrs, "style")
    return {m.group(1).lower(): m.group(2).strip().lower() for m in _DECLARATION.finditer(style)}


def style_flags(attrs: Attrs) -> tuple[str, ...]:
    """The run flags (`bold`, `underline`, `strike`) an element's inline style turns on."""
    css = declarations(attrs)
    if not css:
        return ()
    flags: list[str] = []
    weight = css.get("font-weight", "")
    if weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600):
        flags.append("bold")
    decoration = " ".join(css.get(k, "") for k in ("text-decoration", "text-decoration-line"))
    if "underline" in decoration:
        flags.append("underline")
    if "line-through" in decoration:
        flags.append("strike")
    return tuple(flags)


def colour_hex(value: str) -> str | None:
    """A CSS colour (`#ffc000`, `#fc0`, `rgb(255,192,0)`, `yellow`) as `FFC000`; None for
    no fill (`transparent`, `none`, `auto`, an unknown word)."""
    value = value.strip().lower()
    if value in _NO_FILL:
        return None
    if m := _HEX.search(value):
        digits = m.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return digits.upper()
    if m := _RGB.search(value):
        return "".join(f"{min(255, int(n)):02X}" for n in m.groups())
    for word in value.replace(",", " ").split():
        if word in NAMED_COLOURS:
            return NAMED_COLOURS[word]
    return None


def cell_fill(attrs: Attrs) -> str | None:
    """A table cell's fill: its style's `background(-color)`, else its `bgcolor`."""
    css = declarations(attrs)
    for key in ("background-color", "background"):
        if key in css:
            fill = colour_hex(css[key])
            if fill is not None:
                return fill
    bgcolor = _attr(attrs, "bgcolor")
    return colour_hex(bgcolor) if bgcolor else None
