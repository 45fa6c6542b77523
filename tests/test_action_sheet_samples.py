"""The synthetic rolling action sheets (samples/generate_action_sheet.py) in every format:
each equals its truth, and each action-sheet artefact of the quirks sheet has a test named
after its pattern."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_compare import FORMATS, SAMPLES, compare_actions, truth_papers

from jarap.cli import cli
from jarap.convert import convert
from jarap.extract.layouts import action_sheet
from jarap.extract.records import Action, Paper
from jarap.extract.vocab import Status

FOLDER = SAMPLES / "action-sheet"
QUIRKS = "northshire-action-sheet-2018-07-quirks"
CASES = [(stem, fmt) for stem in truth_papers("action_sheet") for fmt in FORMATS]


@cache
def _paper(fmt: str, stem: str = QUIRKS) -> Paper:
    conversion = convert(FOLDER / f"{stem}.{fmt}")
    assert conversion.layout is not None and conversion.layout.name == action_sheet.NAME
    return conversion.paper


def _action(fmt: str, minute: str) -> Action:
    found = [a for a in _paper(fmt).actions if a.minute == minute]
    assert len(found) == 1, [a.minute for a in _paper(fmt).actions]
    return found[0]


def _dates(action: Action) -> list[str | None]:
    return [u.date.date.isoformat() if u.date and u.date.date else None for u in action.updates]


def test_there_are_two_action_sheets_in_every_format() -> None:
    assert len(truth_papers("action_sheet")) == 2 and QUIRKS in truth_papers("action_sheet")
    for stem in truth_papers("action_sheet"):
        assert {p.suffix for p in FOLDER.glob(f"{stem}.*")} == {".docx", ".pdf", ".txt"}


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_action_sheet_sample_equals_its_truth(stem: str, fmt: str) -> None:
    problems, truth, paper = compare_actions(stem, fmt)
    assert problems == []
    assert paper.kind == "action_sheet" and paper.recommendations == []
    assert (paper.title, paper.organisation) == (
        truth["paper"]["title"],
        truth["paper"]["organisation"],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_update_entry_starts_only_at_a_date_that_leads_it(fmt: str) -> None:
    """`a meeting … on the 14/6/18 – …` and `The last update 12/6/18 – …` are inside
    sentences (the word before says so)."""
    agency = _action(fmt, "09/18")
    assert _dates(agency) == ["2018-03-06", "2018-06-12", "2018-07-03"]
    assert "on the 14/6/18 – the report will be presented" in agency.updates[1].text
    assert "The last update 12/6/18 – promised" in agency.updates[2].text


@pytest.mark.parametrize("fmt", FORMATS)
def test_date_in_a_sentence_after_any_word_is_not_an_entry_when_entries_are_bold(
    fmt: str,
) -> None:
    """`held 14/6/18 – …`, `w/c 16/7/18 – …`: no stop word needed, the entries' dates are in
    bold and these are not; `10.7.18`, not bold, still leads its entry after a full stop."""
    tri_force = _action(fmt, "26/18")
    assert _dates(tri_force) == ["2018-07-03", "2018-07-10"]
    assert "board held 14/6/18 – the three chief constables" in tri_force.updates[0].text
    assert "w/c 16/7/18 – all staff" in tri_force.updates[0].text
    assert tri_force.status == Status.CLOSED


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_before_the_first_dated_entry_is_an_undated_entry(fmt: str) -> None:
    fraud = _action(fmt, "15/18")
    assert _dates(fraud) == [None, "2018-05-18", "2018-06-12"]
    assert [u.text for u in fraud.updates][:2] == ["Standing item.", "Ongoing"]  # `18.05.18-`
    assert fraud.status == Status.CLOSED  # `… every two meetings. CLOSED`
    assert fraud.paper_ref == "Verbal" and fraud.target.date is None  # `Ongoing`


@pytest.mark.parametrize("fmt", FORMATS)
def test_lower_case_closed_in_an_update_is_no_closure(fmt: str) -> None:
    for minute in ("17/18", "24/18"):
        action = _action(fmt, minute)
        assert "closed" in action.updates[-1].text
        assert action.status == Status.OPEN, minute


def test_row_split_by_a_page_break_continues_its_action_and_update() -> None:
    """Text conversion: `| | | rest of the action | | | next entry` after a blank line."""
    lines = (FOLDER / f"{QUIRKS}.txt").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("06/03/18\t17/18"))
    assert lines[at + 1] == "" and lines[at + 2].startswith("\t\t\t<p>to be shared")
    call = _action("txt", "17/18")
    assert call.action.endswith("with the reasons for the weeks below the standard.")
    assert call.action.startswith("STR112 – Failure to meet the 999 call answering standard:")
    assert _dates(call) == ["2018-05-18", "2018-07-03"]
    assert call.owners == ["Mrs Ashworth", "Ms Odum"]  # `Mrs Ashworth and Ms Odum`
    assert len(_paper("txt").actions) == len(_paper("docx").actions)


def test_an_action_keeps_its_id_across_the_two_sample_sheets(tmp_path: Path) -> None:
    """09/18 is open in March and closed in July: one action id, both states exported."""
    db = str(tmp_path / "a.db")
    sheets = [str(FOLDER / f"{stem}.txt") for stem in truth_papers("action_sheet")]
    assert CliRunner().invoke(cli, ["ingest", *sheets, "--db", db, "-q"]).exit_code == 0
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["export", "--db", db, "--out", str(out)]).exit_code == 0
    rows = [json.loads(x) for x in (out / "actions.jsonl").read_text().splitlines()]
    agency = [r for r in rows if r["minute"] == "09/18"]
    assert len(agency) == 2 and len({r["action_id"] for r in agency}) == 1
    assert sorted(r["status"] for r in agency) == ["closed", "open"]
