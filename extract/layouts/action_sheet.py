"""The panel's rolling action sheet: one table of actions the panel raised in its minutes.

Columns `Meeting Date · Minute No. · Paper · Action · Person Responsible · Target Date ·
Update`; dated entries in the Update cell, `CLOSE` when closed. Everything is the shared
action-table pipeline (`extract.action_table`); this module is the spec.
"""

from __future__ import annotations

from jarap.extract import action_table
from jarap.extract.layouts.spec import Cue, HeaderCue, LayoutSpec

NAME = "action-sheet"


SPEC = LayoutSpec(
    name=NAME,
    kind="action_sheet",
    parse=action_table.parse,
    header=HeaderCue(action_table.ACTION_ROLES, required=action_table.ACTION_REQUIRED),
    cues=(
        Cue("an action sheet title", r"(?i)\baction\s+(?:sheet|log|tracker)\b"),
        Cue(
            "dated update entries `2.2.16 – …`",
            r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*[–—-]",
            where="cells",
            min_count=2,
        ),
    ),
    description="the panel's rolling action sheet",
)
