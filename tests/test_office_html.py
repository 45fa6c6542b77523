"""HTML read by what it is, whatever its whitespace, and office files through LibreOffice.

Generators, not examples: colours in every CSS form a saved page uses, formatting in inline
styles in any order and spelling, and the same LibreOffice page re-spaced, re-indented,
re-cased and re-encoded many ways, each read to the records of the `.docx` it was saved from.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from producer_compare import differences
from tooling import require_tool

from jarap.ingest import read_document
from jarap.ingest.html_style import NAMED_COLOURS, cell_fill, colour_hex, style_flags
from jarap.ingest.text_reader import is_html_document

sys.path.insert(0, str(SAMPLES))
import producers  # noqa: E402
import producers_office  # noqa: E402, F401 - registers the office producers

# --- colours and inline styles ------------------------------------------------------------


def _colour_forms(rng: random.Random, hex6: str) -> list[str]:
    r, g, b = (int(hex6[i : i + 2], 16) for i in (0, 2, 4))
    forms = [f"#{hex6}", f"#{hex6.lower()}", f"rgb({r}, {g}, {b})", f"rgba({r},{g},{b},1)"]
    if all(hex6[i] == hex6[i + 1] for i in (0, 2, 4)):
        forms.append("#" + hex6[::2].lower())
    return [f.upper() if rng.random() < 0.3 else f for f in forms]


def test_a_fill_reads_the_same_in_every_css_form_and_attribute() -> None:
    rng = random.Random(17)
    cases = [(f"{rng.randrange(1 << 24):06X}") for _ in range(200)]
    cases += ["FFCC00", "33AA66", "000000", "FFFFFF"]
    for hex6 in cases:
        for form in _colour_forms(rng, hex6):
            around = rng.choice(("", "border:solid windowtext 1.0pt;", "width:92.1pt; "))
            after = rng.choice(("", ";padding:0cm 5.4pt 0cm 5.4pt", "; mso-shading:white"))
            key = rng.choice(("background", "background-color", "BACKGROUND"))
            style = f"{around}{key}:{rng.choice(('', ' '))}{form}{after}"
            assert cell_fill([("style", style)]) == hex6, style
            assert cell_fill([("bgcolor", form)]) == hex6, form
            # the style wins over the attribute, a transparent style defers to it
            assert cell_fill([("bgcolor", "#010203"), ("style", style)]) == hex6
            assert cell_fill([("bgcolor", form), ("style", "background:transparent")]) == hex6
    for name, hex6 in NAMED_COLOURS.items():
        assert colour_hex(name.capitalize()) == hex6
    for none in ("transparent", "none", "auto", "windowtext", "", "inherit"):
        assert colour_hex(none) is None


def test_inline_styles_turn_on_exactly_their_flags() -> None:
    rng = random.Random(4)
    spellings = {
        "bold": ["font-weight:bold", "font-weight: 700", "FONT-WEIGHT:bolder", "font-weight:800"],
        "underline": ["text-decoration:underline", "text-decoration-line: underline"],
        "strike": ["text-decoration:line-through", "text-decoration-line:line-through"],
    }
    noise = [
        "font-size:10.0pt",
        'font-family:"Arial",sans-serif',
        "mso-bidi-font-weight:normal",
        "color:black",
        "font-weight:normal",
        "text-decoration:none",
    ]
    for _ in range(500):
        want = {f for f in spellings if rng.random() < 0.5}
        decls = [rng.choice(spellings[f]) for f in want]
        if {"underline", "strike"} <= want:  # one property: a later declaration would win
            decls = [d for d in decls if "text-decoration" not in d]
            decls.append(
                rng.choice(("text-decoration", "text-decoration-line"))
                + ":"
                + rng.choice(("underline line-through", "line-through underline"))
            )
        decls += rng.sample(noise[:4], rng.randint(0, 4))
        rng.shuffle(decls)
        style = rng.choice((";", "; ", " ;")).join(decls)
        assert set(style_flags([("style", style)])) == want, style


# --- a page by its structure ------------------------------------------------------------------

_PAGE_OPENINGS = (
    "<!DOCTYPE html>\n<html>",
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML>',
    '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
    '<html xmlns:o="urn:schemas-microsoft-com:office:office">',
    "<!-- saved from url=(0014)about:internet -->\n<html>",
    "\ufeff\r\n\t<html lang=en>",
)


def test_a_page_is_html_by_its_opening_or_body_never_its_whitespace() -> None:
    rng = random.Random(5)
    for opening in _PAGE_OPENINGS:
        for indent in ("", "\t", "\t\t", "  ", "\r\n\t"):
            page = f"{opening}\n{indent}<head><title>x</title></head>\n{indent}<body>"
            page += f"\n{indent}<table>\n{indent}\t<tr><td>a\tb</td></tr></table></body></html>"
            assert is_html_document(page), page
    # a body element with no doctype (a fragment saved whole) is a page too
    assert is_html_document("<head><style>p{}</style></head>\n<body>\t<p>x</p></body>")
    # text conversions: TAB rows whose cells hold HTML fragments are not pages
    for _ in range(50):
        cells = ["1.", "<p><u>Asset tagging</u></p>", "<p>Medium</p>", "<del>31/03/2021</del>"]
        rng.shuffle(cells)
        text = "Appendix A\n" + "\t".join(cells) + "\n\t\t<p>cont</p>\n"
        if rng.random() < 0.5:
            text += "\t".join(["2.", "<body>not a page</body>", "x"]) + "\n"
        assert not is_html_document(text), text


def _respace(html: str, rng: random.Random) -> str:
    """The same page with every whitespace run swapped for another one, lines re-indented,
    tag names re-cased and line ends changed: what another saver's taste would write."""
    runs = (" ", "\n", "\t", "\r\n", "  \t", "\n\t\t")
    out = re.sub(r"[ \t\r\n]+", lambda _m: rng.choice(runs), html)
    if rng.random() < 0.5:
        out = re.sub(r"</?[a-z][a-z0-9]*", lambda m: m.group(0).upper(), out)
    return out


@pytest.mark.parametrize(
    "docx",
    [
        SAMPLES / "tracker-2021" / "northshire-tracker-2021-11.docx",
        SAMPLES / "follow-up" / "haldenmoor-follow-up-2023-11.docx",
        SAMPLES / "tracker-2013" / "northshire-appendix-2016-03.docx",
    ],
    ids=lambda p: p.stem,
)
def test_a_saved_page_reads_the_same_whatever_its_whitespace(docx: Path, tmp_path: Path) -> None:
    require_tool("soffice")
    page = producers.variant(docx, "lo-htm").read_text(encoding="utf-8")
    rng = random.Random(docx.name)
    for k in range(4):
        text = _respace(page, rng)
        encoding = rng.choice(("utf-8", "cp1252"))
        if encoding == "cp1252":
            text = text.replace("charset=utf-8", "charset=windows-1252")
        suffix = rng.choice((".htm", ".html", ".HTM"))
        out = tmp_path / f"{docx.stem}-{k}{suffix}"
        out.write_bytes(text.encode(encoding, errors="xmlcharrefreplace"))
        assert differences(out, docx) == [], out.name


def test_word_flavoured_pages_carry_what_word_writes() -> None:
    """The Word-HTML producer really varies the habits the reader must take (over all the
    samples' variants), so the matrix exercises each of them."""
    require_tool("soffice")
    seen = b"".join(
        producers.variant(d, "word-htm").read_bytes() for d in sorted(SAMPLES.glob("*/*.docx"))
    )
    for habit in (
        b"mso-",
        b"<o:p></o:p>",
        b"<!--[if gte mso 9]>",
        b"xmlns:w=",
        b"charset=windows-1252",
        b"charset=utf-8",
        b"class=MsoNormal",
        b"<s>",
        b"<strike>",
        b"text-decoration:line-through",
        b"bgcolor=",
        b"background:#",
        b"<td width=",
        b"\r\n",
        b"MsoTableGrid",
    ):
        assert habit in seen, habit


# --- office files through LibreOffice ----------------------------------------------------------


def test_a_conversion_past_its_time_limit_fails_in_one_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool("soffice")
    from jarap.ingest import office_convert

    doc = producers.variant(SAMPLES / "tracker-2020" / "northshire-tracker-2020-01.docx", "lo-doc")
    monkeypatch.setenv(office_convert.TIMEOUT_ENV, "0.05")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ValueError) as caught:
        read_document(doc)
    assert str(caught.value) == f"{doc.name}: LibreOffice did not convert it within 0.05 s"
    assert list(tmp_path.iterdir()) == []  # the copy, the profile and the output removed


def test_a_damaged_office_file_fails_naming_the_file(tmp_path: Path) -> None:
    """A .docm that is not a zip: LibreOffice cannot convert it, and the line says so."""
    require_tool("soffice")
    bad = tmp_path / "minutes 2014.docm"
    bad.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(ValueError) as caught:
        read_document(bad)
    message = str(caught.value)
    assert message == (
        "minutes 2014.docm: LibreOffice could not convert this Word macro-enabled file "
        "(Error: source file could not be loaded)"
    )


def test_a_styled_paragraph_left_open_ends_at_the_next_one() -> None:
    """HTML lets a page omit `</p>`: an inline style ends with its paragraph, not the page."""
    from jarap.ingest.html_blocks import html_to_blocks

    for style, flag in (("font-weight:bold", "bold"), ("text-decoration:line-through", "strike")):
        blocks = html_to_blocks(f"<body><p style='{style}'>first<p>second<p>third</body>")
        runs = [p.runs[0] for p in blocks]  # type: ignore[union-attr]
        assert [r.text for r in runs] == ["first", "second", "third"]
        assert [getattr(r, flag) for r in runs] == [True, False, False]
