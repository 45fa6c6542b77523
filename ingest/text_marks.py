"""The marks that open a list item, whatever wrote them: one home for the PDF reader and the
text readers.

Symbol and Wingdings bullets come out of a PDF's text and a text conversion as private-use
code points; `SYMBOL_GLYPHS` says what they draw. `BULLETS` are the glyphs a list item opens
with; `GLYPH_BULLETS` those of them that are no letter or dash (a text line's `-` or `o` is
as likely a value or a word)."""

from __future__ import annotations

BULLETS = frozenset("•●▪■◦○·‣⁃➢➤►▶✓✔◆◇□▫❖-–o")
SYMBOL_GLYPHS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf0a8": "□",
    "\uf0a9": "◦",
}
GLYPH_BULLETS = (BULLETS - frozenset("-–o")) | frozenset(SYMBOL_GLYPHS)
