"""Text conversions: TAB rows with HTML cells, continuation lines, formatting kept as runs."""

from __future__ import annotations

from pathlib import Path

from jarap.ingest.document import Table
from jarap.ingest.text_reader import lines_to_blocks, read_text


def _table(lines: list[str]) -> Table:
    (table,) = [b for b in lines_to_blocks(lines) if isinstance(b, Table)]
    return table


def test_continuation_after_a_page_break_joins_the_row_above() -> None:
    table = _table(["A\tB\t<p>first half of the</p>", "", "\t\t<p>update, continued.</p>"])
    assert len(table.rows) == 1
    assert table.rows[0].cells[2].text == "first half of the update, continued."


def test_tab_led_row_straight_after_a_row_is_a_new_row_with_empty_cells() -> None:
    table = _table(["AUDIT\tHigh\t1. Title\t<p>text</p>", "\tLow\t2. Other\t<p>more</p>"])
    assert [r.texts for r in table.rows] == [
        ["AUDIT", "High", "1. Title", "text"],
        ["", "Low", "2. Other", "more"],
    ]


def test_too_many_cells_is_a_table_spilled_into_the_last_cell() -> None:
    table = _table(["A\tB\tC", "", "\t\tx\ty\tz\tw"])
    assert table.rows[0].cells[2].paragraphs[-1].text == "x | y | z | w"


def test_html_cell_formatting_becomes_runs(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_text(
        "Audit\tTarget\n"
        "X\t<p><u>4.1 Title</u></p> <p>Target Date: <del>30th June 2021</del> "
        "<del>30th September 2021</del> 31st January 2022</p>\n",
        encoding="utf-8",
    )
    (table,) = read_text(path).tables
    title, target = table.rows[1].cells[1].paragraphs
    assert title.runs[0].underline and title.text == "4.1 Title"
    assert target.struck_text == ["30th June 2021", "30th September 2021"]
    assert target.plain_text.split() == ["Target", "Date:", "31st", "January", "2022"]


def test_markdown_bold_and_cp1252_text(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Subject **INTERNAL AUDIT \u2013 TRACKING**\n".encode("cp1252"))
    (para,) = read_text(path).paragraphs
    assert para.text == "Subject INTERNAL AUDIT \u2013 TRACKING"
    assert [r.bold for r in para.runs] == [False, True]
