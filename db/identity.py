"""Which snapshots are the same recommendation across papers.

An audit is its title and its report date (the same area is audited again years later and
reuses references), so the key is normalised title + audit month + reference (or the
recommendation title where no reference is printed). Normalising absorbs case, `&`/`and`
and punctuation; the fuzzy cases (typos, short forms) belong to the linker.
"""

from __future__ import annotations

import hashlib

from jarap.extract.records import Action, Recommendation
from jarap.extract.vocab import normalise_title

__all__ = ["normalise_title", "recommendation_key", "action_key"]


def recommendation_key(rec: Recommendation) -> str:
    audit_month = (
        rec.audit_date.date.strftime("%Y-%m") if rec.audit_date and rec.audit_date.date else ""
    )
    item = rec.ref or normalise_title(rec.title)
    basis = "|".join([normalise_title(rec.audit_title), audit_month, item])
    return "R" + hashlib.sha1(basis.encode()).hexdigest()[:12]


def action_key(action: Action) -> str:
    """An action is its meeting, minute and wording (a minute raises several actions)."""
    meeting = (
        action.meeting_date.date.isoformat()
        if action.meeting_date and action.meeting_date.date
        else ""
    )
    words = " ".join(normalise_title(action.action).split()[:12])
    return "A" + hashlib.sha1("|".join([meeting, action.minute, words]).encode()).hexdigest()[:12]
