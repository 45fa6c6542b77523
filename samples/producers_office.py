"""Office and HTML producers of the matrix: the same paper as LibreOffice writes it in Word 97
(`.doc`), RTF, OpenDocument and HTML, and as Word's "Save as Web Page" writes HTML.

Word itself cannot run here, so `word-htm` rewrites LibreOffice's HTML into what Word emits
(see `samples/word_html.py`): every Word habit is drawn per element from a generator seeded by
the source's bytes, so each paper gets its own mixture rather than one hand-picked example.

    python samples/producers_office.py samples/tracker-2021/*.docx --only lo-doc
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import producers  # noqa: E402 - the registry beside this file
import word_html  # noqa: E402
from producers import Producer, register, soffice_convert  # noqa: E402


def _lo_to(target_format: str, ext: str):  # type: ignore[no-untyped-def]
    """LibreOffice's own export filter `target_format`, written with extension `ext`."""

    def make(source: Path, out: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="lo-out-") as tmp:
            written = soffice_convert(source, target_format, Path(tmp))
            shutil.move(written, out)

    make.__doc__ = f"soffice --convert-to {target_format} ({ext})"
    return make


def _word_htm(source: Path, out: Path) -> None:
    """LibreOffice's HTML of `source` (the `lo-htm` variant, made once), rewritten the way
    Word's "Save as Web Page" writes; the choices are seeded by the source's bytes, so a
    variant is the same each time it is made."""
    html = producers.variant(source, "lo-htm", out.parent.parent).read_text(
        encoding="utf-8", errors="replace"
    )
    rng = random.Random(source.read_bytes())
    out.write_bytes(word_html.wordify(html, rng))


OFFICE_PRODUCERS = (
    Producer(
        "lo-doc",
        ".doc",
        ("soffice",),
        _lo_to("doc:MS Word 97", ".doc"),
        kind="office",
        description="LibreOffice, Word 97-2003 .doc",
    ),
    Producer(
        "lo-rtf",
        ".rtf",
        ("soffice",),
        _lo_to("rtf", ".rtf"),
        kind="office",
        description="LibreOffice, Rich Text Format",
    ),
    Producer(
        "lo-odt",
        ".odt",
        ("soffice",),
        _lo_to("odt", ".odt"),
        kind="office",
        description="LibreOffice, OpenDocument text",
    ),
    Producer(
        "lo-htm",
        ".htm",
        ("soffice",),
        _lo_to("html:HTML (StarWriter)", ".htm"),
        kind="html",
        description="LibreOffice, Save as HTML (TAB-indented markup)",
    ),
    Producer(
        "word-htm",
        ".htm",
        ("soffice",),
        _word_htm,
        kind="html",
        version=hashlib.sha256(Path(word_html.__file__).read_bytes()).hexdigest()[:12],
        description="Word-flavoured Save as Web Page (mso- styles, <o:p>, conditional comments)",
    ),
)
# the same package with another content type, or Word 97 as a template: read through the
# same conversion, checked on one sample per layout (they differ from .docx / .doc only in
# their package, not in their text)
PACKAGE_PRODUCERS = (
    Producer(
        "lo-dotx",
        ".dotx",
        ("soffice",),
        _lo_to("dotx:MS Word 2007 XML Template", ".dotx"),
        kind="office",
        description="LibreOffice, Word template (.dotx)",
    ),
    Producer(
        "lo-docm",
        ".docm",
        ("soffice",),
        _lo_to("docm:MS Word 2007 XML VBA", ".docm"),
        kind="office",
        description="LibreOffice, Word macro-enabled document (.docm)",
    ),
    Producer(
        "lo-dot",
        ".dot",
        ("soffice",),
        _lo_to("dot:MS Word 97 Vorlage", ".dot"),
        kind="office",
        description="LibreOffice, Word 97-2003 template (.dot)",
    ),
)
for _producer in OFFICE_PRODUCERS + PACKAGE_PRODUCERS:
    register(_producer)


if __name__ == "__main__":
    sys.exit(producers.main())
