"""Whether a speed change to the PDF read left every Document exactly as it was.

A change made for speed must change no output. This writes, for every PDF given, a digest
of everything the read produced: the whole ``Document`` (every block, run, cell, span,
shading, page, locator, warning) and every page's text-layer verdict with its reason (the
verdict decides which pages OCR gets, so it is recorded before OCR could hide it). OCR is
switched off here: an unreadable page shows as its verdict and the warning naming it, and a
scan as its refusal line, so the check is fast and needs no Tesseract.

    python benchmarks/pdf_identity.py --write before.json samples tests/fixtures/pdf VARIANTS
    (change the code)
    python benchmarks/pdf_identity.py --check before.json samples tests/fixtures/pdf VARIANTS

``--check`` prints each file whose digest changed and exits 1 if any did. VARIANTS are the
producer matrix's PDFs (``python samples/producers.py``: AbiWord, cairo, Chromium,
PostScript print, sandwich), the producers whose text layers differ most from the samples'.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import jarap.ingest.pdf_reader as reader
from jarap.ingest import discover
from jarap.ingest.text_layer import Verdict


def _plain(value: Any) -> Any:
    """The Document as JSON-ready data, with the class of every block (a Table and a
    Paragraph with the same fields must not look alike)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"class": type(value).__name__, **fields}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return value.name
    return value


def digest(path: Path) -> str:
    """The sha256 of one file's Document (or refusal line) and its page verdicts."""
    verdicts: list[Any] = []
    judge = reader.page_verdict

    def recording(page: int, glyphs: Any, text: str) -> Verdict | None:
        verdict = judge(page, glyphs, text)
        verdicts.append([page, None if verdict is None else verdict.reason])
        return verdict

    reader.page_verdict = recording  # type: ignore[assignment]
    reader.ocr_function = lambda: None  # type: ignore[assignment]
    try:
        result: Any = _plain(reader.read_pdf(path, "pdfium"))
    except ValueError as e:
        result = {"refused": str(e).replace(str(path), path.name)}
    finally:
        reader.page_verdict = judge  # type: ignore[assignment]
    data = json.dumps([result, verdicts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="JSON", help="record the digests")
    mode.add_argument("--check", type=Path, metavar="JSON", help="compare with a record")
    ap.add_argument("paths", nargs="+", type=Path)
    args = ap.parse_args(argv)
    files = sorted(p for p in discover(args.paths) if p.suffix.lower() == ".pdf")
    digests = {str(p): digest(p) for p in files}
    if args.write:
        args.write.write_text(json.dumps(digests, indent=1) + "\n")
        print(f"{len(digests)} PDFs recorded in {args.write}")
        return 0
    before = json.loads(args.check.read_text())
    changed = [p for p, d in digests.items() if before.get(p) != d]
    missing = sorted(set(before) - set(digests))
    for p in changed:
        print(f"changed: {p}")
    for p in missing:
        print(f"not read this time: {p}")
    print(f"{len(digests)} PDFs read, {len(changed)} changed, {len(missing)} missing")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
