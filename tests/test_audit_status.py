"""Other panels' audit-status tables into `audits.jsonl`: the sample in every format equals its
truth, only the status table's rows are audits, and a row split over table lines (empty Ref
cells) is one audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_compare import FORMATS, SAMPLES, TRUTH, truth_papers

from jarap.cli import cli
from jarap.convert import convert, convert_document
from jarap.ingest.document import Cell, Document, Row, Table, paragraph

CASES = [(stem, fmt) for stem in truth_papers("audit_report") for fmt in FORMATS]


def _dv(value) -> dict | None:  # noqa: ANN001
    return value.to_json() if value is not None else None


def _fields(audit) -> dict:  # noqa: ANN001
    return {
        "ref": audit.ref,
        "title": audit.title,
        "published": _dv(audit.published),
        "follow_up": _dv(audit.follow_up),
        "lead": audit.lead,
        "governance": audit.governance,
        "assurance": audit.assurance,
        "on_track": audit.on_track,
        "update": audit.update,
    }


def test_there_is_an_audit_status_sample_in_every_format() -> None:
    assert CASES and {fmt for _s, fmt in CASES} == set(FORMATS)


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_audit_status_sample_equals_its_truth(stem: str, fmt: str) -> None:
    truth = json.loads((TRUTH / f"{stem}.json").read_text(encoding="utf-8"))
    conversion = convert(SAMPLES / "audit-status" / f"{stem}.{fmt}")
    assert conversion.layout is not None and conversion.layout.name == "audit-status"
    paper = conversion.paper
    assert paper.kind == "audit_report" and paper.recommendations == []
    assert [_fields(a) for a in paper.audits] == truth["audits"]
    meta = truth["paper"]
    assert (paper.title, paper.organisation, paper.author) == (
        meta["title"],
        meta["organisation"],
        meta["author"],
    )


def test_only_the_status_tables_rows_are_audits() -> None:
    """The paper's inspection list and narrative sections hold no audits."""
    paper = convert(SAMPLES / "audit-status" / f"{truth_papers('audit_report')[0]}.docx").paper
    assert [a.ref for a in paper.audits] == ["LA1", "LA2", "LA3"]
    assert not any("Inspection" in a.title or "Crime Data" in a.title for a in paper.audits)


def _row(*texts: str) -> Row:
    return Row(cells=[Cell([paragraph(x) for x in t.split("\n") if x]) for t in texts])


def test_a_row_split_over_table_lines_is_one_audit() -> None:
    """A converter split a long row over several table lines whose Ref cells are empty."""
    header = _row("Ref", "Title/Published/Owner", "Update", "On track")
    rows = [
        _row("A1", "Payroll\nPublished: Dec 2015", "The new system is live.", ""),
        _row("", "Follow Up: Sept 2016\nLead: Mr Tom Vale", "Overtime is checked weekly.", "✓"),
        _row("A2", "Vetting\nPublished: May 2016\nFollow Up: May 2017", "On plan.", "✓"),
    ]
    doc = Document(Path("split.pdf"), "pdf", [paragraph("Audit status"), Table([header, *rows])])
    paper = convert_document(doc.assign_locators()).paper
    first, second = paper.audits
    assert (first.ref, first.title, first.lead, first.on_track) == (
        "A1",
        "Payroll",
        "Mr Tom Vale",
        "✓",
    )
    assert first.follow_up.date.isoformat() == "2016-09-30"
    assert first.update == "The new system is live.\nOvertime is checked weekly."
    assert (second.ref, second.follow_up.raw) == ("A2", "May 2017")


def test_audits_are_exported_to_audits_jsonl(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    sample = SAMPLES / "audit-status" / f"{truth_papers('audit_report')[0]}.txt"
    result = CliRunner().invoke(cli, ["ingest", str(sample), "--db", db])
    assert result.exit_code == 0 and "layout=audit-status" in result.output, result.output
    assert "audits=3" in result.output
    CliRunner().invoke(cli, ["export", "--db", db, "--out", str(tmp_path / "out")])
    rows = [json.loads(x) for x in (tmp_path / "out" / "audits.jsonl").read_text().splitlines()]
    assert [r["ref"] for r in rows] == ["LA1", "LA2", "LA3"]
    assert rows[0]["follow_up"] == {"raw": "Sept 2016", "date": "2016-09-30", "precision": "month"}
    assert rows[1]["on_track"] == "✗"
