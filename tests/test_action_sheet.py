"""The rolling action sheet layout: actions, dated updates, CLOSE, into actions.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jarap.cli import cli
from jarap.convert import convert
from jarap.extract.layouts import action_sheet

SHEET = (
    "**OFFICE OF THE POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE**\n"
    "**PANEL – ROLLING ACTION SHEET**\n\n"
    "Meeting Date\tMinute No.\tPaper\tAction\tPerson Responsible\tTarget Date\tUpdate\n"
    "03/11/15\t41/15\tC\tMrs Ashby to circulate the revised risk register.\tMrs Ashby\t"
    "January 2016\t<p><b>14.1.16</b> – Circulated in draft.</p> <p><b>2.3.16</b> – Final "
    "version circulated. <b>CLOSE</b></p>\n"
    "03/11/15\t42/15\tD\tReview the panel's terms of reference.\tThe Chair / Mr Obi\t"
    "Spring 2016\t<b>14.1.16</b> – Draft under discussion.\n"
    "\n"
    "\t\t\t\t\t\t<b>2.3.16</b> - Awaiting the new Commissioner.\n"
)


def _sheet(tmp_path: Path) -> Path:
    path = tmp_path / "northshire-action-sheet-2016-03.txt"
    path.write_text(SHEET, encoding="utf-8")
    return path


def test_actions_with_dated_updates_and_closure(tmp_path: Path) -> None:
    conversion = convert(_sheet(tmp_path))
    assert conversion.layout is not None and conversion.layout.name == action_sheet.NAME
    paper = conversion.paper
    assert paper.title == "PANEL – ROLLING ACTION SHEET"
    first, second = paper.actions
    assert (first.minute, first.paper_ref, first.owners) == ("41/15", "C", ["Mrs Ashby"])
    assert first.meeting_date.date.isoformat() == "2015-11-03"
    assert first.target.date.isoformat() == "2016-01-31"
    assert [u.date.date.isoformat() for u in first.updates] == ["2016-01-14", "2016-03-02"]
    assert first.status == "closed"
    # the continuation line (a row split by a page break) belongs to the same action
    assert [u.text for u in second.updates] == [
        "Draft under discussion.",
        "Awaiting the new Commissioner.",
    ]
    assert second.owners == ["The Chair", "Mr Obi"]
    assert second.target.date.isoformat() == "2016-05-31"
    assert second.status == "open"


def test_actions_are_exported(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(_sheet(tmp_path)), "--db", db])
    assert "layout=action-sheet" in result.output and "actions=2" in result.output
    runner.invoke(cli, ["export", "--db", db, "--out", str(tmp_path / "out")])
    rows = [json.loads(x) for x in (tmp_path / "out" / "actions.jsonl").read_text().splitlines()]
    assert [r["status"] for r in rows] == ["closed", "open"]
    assert rows[0]["updates"][1] == {
        "date": {"raw": "2.3.16", "date": "2016-03-02", "precision": "day"},
        "text": "Final version circulated. CLOSE",
    }


def test_reference_action_sheet(reference_dir: Path) -> None:
    conversion = convert(reference_dir / "jarap-action-sheet-2017-02.txt")
    assert conversion.layout is not None and conversion.layout.name == action_sheet.NAME
    paper = conversion.paper
    assert len(paper.actions) == 39
    assert sum(a.status == "closed" for a in paper.actions) >= 20


def test_action_update_entry_starts_only_at_a_leading_date() -> None:
    from jarap.extract.action_table import split_updates

    text = (
        "2.2.16 – Ongoing 20.06.16 – There is a meeting of the boards on the 6/3/17 – a final "
        "report has been issued. The last update 29/12/16 – outlined a new control. CLOSE"
    )
    updates = split_updates(text)
    assert [u.date.date.isoformat() for u in updates] == ["2016-02-02", "2016-06-20"]
    assert "on the 6/3/17 – a final report" in updates[1].text
    assert updates[1].text.endswith("outlined a new control. CLOSE")


LATER_SHEET = (
    "**OFFICE OF THE POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE**\n"
    "**PANEL – ROLLING ACTION SHEET**\n\n"
    "Meeting Date\tMinute No.\tPaper\tAction\tPerson Responsible\tTarget Date\tUpdate\n"
    "03/11/15\t42/15\tD\tReview the panel's terms of reference.\tThe Chair / Mr Obi\t"
    "Spring 2016\t<b>14.1.16</b> – Draft under discussion. <b>2.3.16</b> - Awaiting the new "
    "Commissioner. <b>5.5.16</b> – Agreed by the new Commissioner. <b>CLOSE</b>\n"
    "05/05/16\t12/16\tB\tReport the audit plan's progress at every meeting.\tMr Obi\t"
    "Ongoing\t<b>5.5.16</b> – First report given.\n"
)


def test_an_action_keeps_its_id_across_sheets(tmp_path: Path) -> None:
    """The same action in a later sheet (meeting date + minute, then its text) has one id;
    the action closed in the first sheet and gone from the later one stays closed there, and
    the one still open in the first is closed by the later sheet."""
    first = _sheet(tmp_path)
    later = tmp_path / "northshire-action-sheet-2016-05.txt"
    later.write_text(LATER_SHEET, encoding="utf-8")
    db = str(tmp_path / "a.db")
    CliRunner().invoke(cli, ["ingest", str(first), str(later), "--db", db])
    CliRunner().invoke(cli, ["export", "--db", db, "--out", str(tmp_path / "out")])
    rows = [json.loads(x) for x in (tmp_path / "out" / "actions.jsonl").read_text().splitlines()]
    by_minute: dict[str, list[dict]] = {}
    for row in rows:
        by_minute.setdefault(row["minute"], []).append(row)
    assert {m: len(r) for m, r in by_minute.items()} == {"41/15": 1, "42/15": 2, "12/16": 1}
    assert len({r["action_id"] for r in by_minute["42/15"]}) == 1  # one id in both sheets
    assert len({r["action_id"] for r in rows}) == 3
    statuses = sorted(r["status"] for r in by_minute["42/15"])
    assert statuses == ["closed", "open"]  # open in March, closed by the May sheet
    assert by_minute["41/15"][0]["status"] == "closed"
