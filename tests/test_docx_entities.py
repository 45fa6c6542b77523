"""A .docx whose XML refers to entities of its own DOCTYPE (XXE) is never resolved and
never silently short (issue 20, item 13): the entity's text is left out, the text after it
in the same run is kept, and the file is reported partial with a warning naming what was
left out.

Generator: every kind of entity (external file, external URL, internal text) placed in a
run of every paragraph kind of a real paper (the first text run, and, held back, runs
drawn at random with a seed).
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES

from jarap.convert import Status, convert
from jarap.ingest.docx_reader import read_docx

PAPER = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"
ENTITIES = {
    "file": '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
    "url": '<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">',
    "internal": '<!ENTITY xxe "INJECTED-BY-ENTITY">',
}
TEXT_RUN = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]{12,})(</w:t>)")


def _with_entity(out: Path, kind: str, pick: int) -> tuple[Path, str]:
    """PAPER with the entity declared and referred to in the middle of text run `pick`;
    returns the file and the text that follows the reference in that run."""
    with zipfile.ZipFile(PAPER) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    xml = members["word/document.xml"]
    runs = list(TEXT_RUN.finditer(xml))
    run = runs[pick % len(runs)]
    text = run.group(2)
    cut = len(text) // 2
    after = text[cut:].decode()
    new_run = run.group(1) + text[:cut] + b"&xxe;" + text[cut:] + run.group(3)
    xml = xml[: run.start()] + new_run + xml[run.end() :]
    head, sep, rest = xml.partition(b"?>")
    doctype = f"<!DOCTYPE w:document [{ENTITIES[kind]}]>".encode()
    members["word/document.xml"] = head + sep + doctype + rest
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out, after


def _check(path: Path, after: str) -> None:
    doc = read_docx(path)
    text = "\n".join(
        "".join(run.text for run in para.runs)
        for block in doc.blocks
        for para in (
            [block]
            if hasattr(block, "runs")
            else [
                p
                for row in block.rows
                for cell in row.cells
                for p in cell.paragraphs  # type: ignore[attr-defined]
            ]
        )
    )
    assert "root:" not in text and "INJECTED-BY-ENTITY" not in text  # never resolved
    assert after.strip() in " ".join(text.split())  # the text after it is kept
    assert len(doc.warnings) == 1 and "&xxe;" in doc.warnings[0]
    conversion = convert(path)
    assert conversion.status is Status.PARTIAL
    assert any(p.code == "read_warning" for p in conversion.problems)
    assert conversion.paper is not None and doc.warnings[0] in conversion.paper.warnings


@pytest.mark.parametrize("kind", sorted(ENTITIES))
def test_an_unresolved_entity_in_a_docx_warns_and_keeps_the_text_after_it(
    tmp_path: Path, kind: str
) -> None:
    path, after = _with_entity(tmp_path / f"{kind}.docx", kind, 0)
    _check(path, after)


@pytest.mark.parametrize("seed", range(4))
def test_an_unresolved_entity_in_a_docx_warns_held_back(tmp_path: Path, seed: int) -> None:
    rng = random.Random(1300 + seed)
    kind = rng.choice(sorted(ENTITIES))
    path, after = _with_entity(tmp_path / "held.docx", kind, rng.randrange(10_000))
    _check(path, after)


def test_a_docx_without_entities_has_no_reading_warning() -> None:
    assert read_docx(PAPER).warnings == []
