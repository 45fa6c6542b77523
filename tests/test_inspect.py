"""`jarap inspect`: the layout with its score, and a locator for every field of every record,
in each of the three formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli
from jarap.ingest import read_document

PAPER = "northshire-tracker-2025-09"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_inspect_json_gives_layout_and_a_locator_per_field(fmt: str) -> None:
    path = SAMPLES / "tracker-2022" / f"{PAPER}.{fmt}"
    result = CliRunner().invoke(cli, ["inspect", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["file"] == str(path)
    assert report["layout"] == {"name": "tracker-2022", "score": 1.0}
    assert [c["name"] for c in report["candidates"]][0] == "tracker-2022"
    assert all(c["evidence"] for c in report["candidates"])
    recs = [r for r in report["records"] if r["kind"] == "recommendation"]
    assert len(recs) == 8
    doc = read_document(path)
    for rec in recs:
        for field in rec["fields"]:
            where = rec["provenance"][field]
            assert where and where["block"].startswith("#/blocks/"), (field, where)
            doc.resolve(where["block"])  # the locator points at something in the document
            assert (where["page"] is not None) == (fmt == "pdf"), (field, where)
        for i, _owner in enumerate(rec["fields"]["owners"]):
            assert rec["provenance"][f"owners/{i}"]["block"]
        for i, _target in enumerate(rec["fields"]["target_history"]):
            assert rec["provenance"][f"target_history/{i}"]["block"]


def test_inspect_locators_point_at_the_source_text() -> None:
    path = SAMPLES / "tracker-2022" / f"{PAPER}.docx"
    report = json.loads(CliRunner().invoke(cli, ["inspect", str(path), "--json"]).output)
    doc = read_document(path)
    checked = 0
    for rec in report["records"]:
        for field in ("ref", "title", "owners", "original_target", "status"):
            where = rec["provenance"][field]
            node = doc.resolve(where["block"])
            text = " ".join(node.text.split()) if not hasattr(node, "texts") else ""
            if where["text"] and text:
                assert where["text"][:30] in text or text[:30] in where["text"], (field, where)
                checked += 1
    assert checked >= 30


def test_inspect_text_names_the_layout_and_each_field(tmp_path: Path) -> None:
    path = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.pdf"
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "layout: tracker-2021 (1.00)" in result.output
    assert "candidate tracker-2022" in result.output
    assert "    status " in result.output and "#/blocks/" in result.output


def test_inspect_a_file_that_cannot_be_read_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_text("not a pdf")
    result = CliRunner().invoke(cli, ["inspect", str(bad), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["status"] == "failed" and report["problems"][0]["code"] == "read_failed"
