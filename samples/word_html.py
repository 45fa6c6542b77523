"""LibreOffice's HTML of a paper rewritten the way Word's "Save as Web Page" writes it.

Word is not available here, so this is a generator of Word's habits, each drawn per file or
per element from `rng`, never one example copied:

- the page: `xmlns:v/o/w/m` declarations, `ProgId`/`Generator` meta, a `<!--[if gte mso 9]>
  <xml>…</xml><![endif]-->` block of document properties, a style sheet of `mso-` rules
  inside an HTML comment, `<div class=WordSection1>` around the body; charset windows-1252
  (characters outside it as `&#NNNN;`) or utf-8; CRLF or LF line ends; source lines wrapped
  at about 76 columns;
- paragraphs: `<p class=MsoNormal>` with `mso-` styles, `align=center` or `text-align`,
  `<o:p></o:p>` closing them and `<o:p>&nbsp;</o:p>` for empty ones; lists as
  `MsoListParagraph` paragraphs whose bullet sits in `<![if !supportLists]>…<![endif]>`;
- text: wrapped or not in `<span lang=EN-GB style='font-size:…;font-family:…;mso-…'>`,
  double spaces as `<span style='mso-spacerun:yes'>&nbsp; </span>`;
- formatting: bold as `<b>` (sometimes with `mso-bidi-font-weight`) or `font-weight:bold`;
  underline as `<u>` or `text-decoration:underline`; strike-through as `<s>`, `<strike>` or
  `text-decoration:line-through`;
- tables: `class=MsoTableGrid` with `border-collapse` and `mso-` borders, `<tr>` with
  `mso-yfti-irow`, `<td width=N valign=top>` with widths in pt, fills as
  `background:#RRGGBB` (upper or lower case), `bgcolor`, or both, spans kept.
"""

from __future__ import annotations

import html
import random
import re

import lxml.html
from lxml.html import HtmlElement

_INLINE_DROP = {"font", "span", "sdfield", "a", "sup", "sub", "i", "em"}
_STRIKE = {"strike", "s", "del"}
_BOLD = {"b", "strong"}
_UNDERLINE = {"u", "ins"}
_FONTS = ('"Arial",sans-serif', '"Calibri",sans-serif', '"Times New Roman",serif')


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.out: list[str] = []
        self.font = rng.choice(_FONTS)
        self.span_rate = rng.choice((0.0, 0.5, 1.0))  # how often text gets a span wrapper
        self.fill_style = rng.choice(("style", "bgcolor", "both", "mixed"))
        self.row = 0

    # -- helpers ---------------------------------------------------------------
    def w(self, text: str) -> None:
        self.out.append(text)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def text(self, text: str) -> str:
        """Escaped text; Word's double spaces as spacerun spans; text may get a span."""
        text = re.sub(r"\s+", " ", text)
        if not text:
            return ""
        out = html.escape(text, quote=False)
        out = out.replace("  ", "<span style='mso-spacerun:yes'>&nbsp; </span>")
        if text.strip() and self.chance(self.span_rate):
            size = self.rng.choice(("10.0", "11.0", "12.0"))
            extra = self.rng.choice(
                (
                    "",
                    ';mso-fareast-font-family:"Times New Roman"',
                    ";mso-bidi-font-family:Arial;color:black",
                )
            )
            lang = self.rng.choice(("", " lang=EN-GB"))
            out = (
                f"<span{lang} style='font-size:{size}pt;font-family:{self.font}{extra}'>"
                f"{out}</span>"
            )
        return out

    # -- formatting ------------------------------------------------------------
    def open_format(self, kind: str) -> str:
        rng = self.rng
        if kind == "bold":
            return rng.choice(
                (
                    "<b>",
                    "<b style='mso-bidi-font-weight:normal'>",
                    "<span style='font-weight:bold'>",
                )
            )
        if kind == "underline":
            return rng.choice(("<u>", "<span style='text-decoration:underline'>"))
        return rng.choice(
            (
                "<s>",
                "<strike>",
                "<span style='text-decoration:line-through'>",
                "<span style='text-decoration:line-through;text-decoration-line:line-through'>",
            )
        )

    @staticmethod
    def close_of(opening: str) -> str:
        return "</" + re.match(r"<(\w+)", opening).group(1) + ">"  # type: ignore[union-attr]

    # -- the tree --------------------------------------------------------------
    def inline(self, el: HtmlElement) -> None:
        """An element inside a paragraph: its text and children, with formatting."""
        tag = el.tag if isinstance(el.tag, str) else ""
        opening = ""
        if tag in _BOLD:
            opening = self.open_format("bold")
        elif tag in _UNDERLINE:
            opening = self.open_format("underline")
        elif tag in _STRIKE:
            opening = self.open_format("strike")
        elif tag == "br":
            self.w(self.rng.choice(("<br>", "<br style='mso-special-character:line-break'>")))
        elif tag in ("p", "div", "li", "h1", "h2", "h3", "h4"):
            self.w("<br>")  # a block inside a paragraph (rare): keep the break
        style = (el.get("style") or "").replace(" ", "")
        if not opening and "line-through" in style:
            opening = self.open_format("strike")
        if opening:
            self.w(opening)
        if el.text and tag != "br":
            self.w(self.text(el.text))
        for child in el:
            self.inline(child)
        if opening:
            self.w(self.close_of(opening))
        if el.tail:
            self.w(self.text(el.tail))

    def paragraph(self, el: HtmlElement, cls: str = "MsoNormal", marker: str | None = None) -> None:
        align = (el.get("align") or "").lower()
        attrs = f" class={cls}"
        if align in ("center", "right", "justify"):
            attrs += self.rng.choice(
                (f" align={align} style='text-align:{align}'", f" style='text-align:{align}'")
            )
        elif self.chance(0.4):
            attrs += self.rng.choice(
                (
                    " style='margin-bottom:0cm;line-height:normal'",
                    " style='mso-margin-top-alt:auto;mso-margin-bottom-alt:auto'",
                    " style='margin-bottom:6.0pt'",
                )
            )
        tag = el.tag if el.tag in ("h1", "h2", "h3", "h4") else "p"
        self.w(f"<{tag}{attrs}>")
        if marker is not None and marker != "·":  # a numbered list's number, as Word writes it
            self.w(
                f"<![if !supportLists]><span style='mso-list:Ignore'>{marker}"
                "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp; "
                "</span></span><![endif]>"
            )
        elif marker is not None:
            self.w(
                "<![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:"
                "Symbol;mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>\u00b7"
                "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; "
                "</span></span></span><![endif]>"
            )
        before = len(self.out)
        if el.text:
            self.w(self.text(el.text))
        for child in el:
            self.inline(child)
        empty = not "".join(self.out[before:]).strip()
        self.w("<o:p>&nbsp;</o:p>" if empty else self.rng.choice(("<o:p></o:p>", "")))
        self.w(f"</{tag}>\n")

    def cell(self, td: HtmlElement) -> None:
        width = td.get("width") or str(self.rng.randint(60, 300))
        attrs = f" width={width} valign=top"
        for span in ("colspan", "rowspan"):
            if td.get(span):
                attrs += f" {span}={td.get(span)}"
        fill = _fill(td)
        style = (
            f"width:{int(width) * 0.75:.1f}pt;border:solid windowtext 1.0pt;"
            "mso-border-alt:solid windowtext .5pt;"
        )
        how = (
            self.fill_style
            if self.fill_style != "mixed"
            else self.rng.choice(("style", "bgcolor", "both"))
        )
        if fill:
            shown = fill if self.chance(0.5) else fill.lower()
            if how in ("style", "both"):
                style += f"background:#{shown};"
                if self.chance(0.5):
                    style += "mso-shading:white;mso-pattern:solid " + f"#{shown};"
            if how in ("bgcolor", "both"):
                attrs += f' bgcolor="#{shown}"'
        style += "padding:0cm 5.4pt 0cm 5.4pt"
        self.w(f"  <td{attrs} style='{style}'>\n")
        self.blocks(td)
        self.w("  </td>\n")

    def table(self, table: HtmlElement) -> None:
        width = table.get("width") or "600"
        self.w(
            f"<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 width={width}"
            " style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
            "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n"
        )
        rows = [tr for tr in table.iter("tr") if _owning_table(tr) is table]
        for i, tr in enumerate(rows):
            first = ";mso-yfti-firstrow:yes" if i == 0 else ""
            last = ";mso-yfti-lastrow:yes" if i == len(rows) - 1 else ""
            self.w(f" <tr style='mso-yfti-irow:{i}{first}{last}'>\n")
            for td in tr:
                if td.tag in ("td", "th"):
                    self.cell(td)
            self.w(" </tr>\n")
        self.w("</table>\n")
        if self.chance(0.5):
            self.w("<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n")

    def blocks(self, parent: HtmlElement) -> None:
        """Block children of a body, div or cell; loose text becomes a paragraph."""
        if parent.text and parent.text.strip():
            self.w(f"<p class=MsoNormal>{self.text(parent.text)}<o:p></o:p></p>\n")
        for child in parent:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "table":
                self.table(child)
            elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6"):
                self.paragraph(child)
            elif tag in ("ul", "ol"):
                items = [li for li in child if li.tag == "li"]
                start = int(child.get("start", "1")) if child.get("start", "1").isdigit() else 1
                for k, li in enumerate(items):
                    marker = f"{start + k}." if tag == "ol" else "·"
                    cls = "MsoListParagraphCxSpMiddle"
                    if k == 0:
                        cls = "MsoListParagraphCxSpFirst"
                    elif k == len(items) - 1:
                        cls = "MsoListParagraphCxSpLast"
                    inner = [c for c in li if c.tag == "p"]
                    self.paragraph(inner[0] if len(inner) == 1 else li, cls, marker)
            elif tag in ("div", "center", "section", "li"):
                self.blocks(child)
            elif tag:
                self.w("<p class=MsoNormal>")
                self.inline(child)
                self.w("<o:p></o:p></p>\n")
            if child.tail and child.tail.strip():
                self.w(f"<p class=MsoNormal>{self.text(child.tail)}<o:p></o:p></p>\n")


def _owning_table(el: HtmlElement) -> HtmlElement | None:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _fill(td: HtmlElement) -> str | None:
    """The fill LibreOffice gave a cell, as upper-case RRGGBB."""
    value = td.get("bgcolor") or ""
    m = re.search(r"background(?:-color)?:\s*#([0-9a-fA-F]{6})", td.get("style") or "")
    if m:
        value = "#" + m.group(1)
    value = value.strip().lstrip("#")
    return value.upper() if re.fullmatch(r"[0-9a-fA-F]{6}", value) else None


def _wrap(text: str, rng: random.Random) -> str:
    """Word wraps its source at ~76 columns, breaking at spaces between words or attributes
    (never inside a tag's quoted value: only spaces followed by a word character outside
    quotes are candidates; a break there is whitespace either way)."""
    out: list[str] = []
    col = 0
    quote = ""
    limit = rng.randint(72, 80)
    for ch in text:
        if ch == "\n":
            col = 0
            out.append(ch)
            continue
        if ch in "'\"" and quote in ("", ch):
            quote = "" if quote else ch
        if ch == " " and not quote and col >= limit:
            out.append("\n")
            col = 0
            continue
        out.append(ch)
        col += 1
    return "".join(out)


def wordify(lo_html: str, rng: random.Random) -> bytes:
    """The bytes of a Word-flavoured page holding what `lo_html` holds."""
    doc = lxml.html.document_fromstring(lo_html)
    title = doc.findtext(".//title") or ""
    author = next((m.get("content") for m in doc.iter("meta") if m.get("name") == "author"), "")
    writer = _Writer(rng)
    body = doc.find("body")
    if body is not None:
        writer.blocks(body)
    charset = rng.choice(("windows-1252", "windows-1252", "utf-8"))
    head = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml"\n'
        'xmlns:o="urn:schemas-microsoft-com:office:office"\n'
        'xmlns:w="urn:schemas-microsoft-com:office:word"\n'
        'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"\n'
        'xmlns="http://www.w3.org/TR/REC-html40">\n\n<head>\n'
        f'<meta http-equiv=Content-Type content="text/html; charset={charset}">\n'
        "<meta name=ProgId content=Word.Document>\n"
        f'<meta name=Generator content="Microsoft Word {rng.choice(("14", "15", "16"))}">\n'
        '<link rel=File-List href="paper_files/filelist.xml">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n"
        f"  <o:Author>{html.escape(author)}</o:Author>\n  <o:Pages>3</o:Pages>\n"
        " </o:DocumentProperties>\n</xml><![endif]-->\n"
        "<!--[if gte mso 9]><xml>\n <w:WordDocument>\n  <w:View>Print</w:View>\n"
        "  <w:TrackMoves>false</w:TrackMoves>\n </w:WordDocument>\n</xml><![endif]-->\n"
        "<style>\n<!--\n /* Style Definitions */\n"
        " p.MsoNormal, li.MsoNormal, div.MsoNormal\n"
        "\t{mso-style-unhide:no;margin:0cm;margin-bottom:.0001pt;mso-pagination:widow-orphan;\n"
        f"\tfont-size:11.0pt;font-family:{writer.font};}}\n"
        ' table.MsoTableGrid\n\t{mso-style-name:"Table Grid";border:solid windowtext 1.0pt;}\n'
        "@page WordSection1\n\t{size:595.3pt 841.9pt;margin:72.0pt 72.0pt 72.0pt 72.0pt;}\n"
        "div.WordSection1\n\t{page:WordSection1;}\n-->\n</style>\n"
        "<!--[if gte mso 10]>\n<style>\n /* Style Definitions */\n table.MsoNormalTable\n"
        '\t{mso-style-name:"Table Normal";mso-tstyle-rowband-size:0;}\n</style>\n'
        "<![endif]-->\n</head>\n\n"
        "<body lang=EN-GB style='tab-interval:36.0pt'>\n\n<div class=WordSection1>\n\n"
    )
    text = head + _wrap("".join(writer.out), rng) + "\n</div>\n\n</body>\n\n</html>\n"
    if rng.random() < 0.5:
        text = text.replace("\n", "\r\n")
    if charset == "utf-8":
        return text.encode("utf-8")
    return text.encode("cp1252", errors="xmlcharrefreplace")
