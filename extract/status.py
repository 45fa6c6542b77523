"""A recommendation's status as its own text states it.

`superseded` decides wherever it is printed: a recommendation replaced by another is not
re-opened by an older or later `proposed closed? No` about its remaining work. Otherwise
closure signals are read in order and the last one wins (`proposed closed? No` in an early
update, `PROPOSED CLOSED` at the end, means proposed closed), because trackers accumulate
updates oldest first. Without a closure signal, `not adopted` anywhere in the text decides.
Whether the text said anything explicit matters to the cross-checks: only an implicit `open`
may be overridden by the cover's proposed-closed table.
"""

from __future__ import annotations

from dataclasses import dataclass

from jarap.extract.vocab import STATUS_PHRASES, Status, status_vocabulary, status_word

# (pattern, status it signals); a `yes`/`no` answer to "proposed closed?" is read from group 1
_CLOSURE_SIGNALS = (
    STATUS_PHRASES["proposed closed answer"].regex,
    STATUS_PHRASES["proposed closed in capitals"].regex,
)
_SUPERSEDED = STATUS_PHRASES["superseded"].regex
_OTHER_SIGNALS = ((STATUS_PHRASES["not adopted"].regex, Status.NOT_ADOPTED),)


@dataclass(frozen=True)
class StatusSignal:
    status: Status
    start: int  # offset in the text it was read from
    end: int
    explicit: bool  # the text said it (a signal), rather than nothing at all


def status_in_text(text: str) -> StatusSignal:
    """The status `text` states, with where it says so (0, 0 when it says nothing)."""
    superseded = _SUPERSEDED.search(text)
    if superseded:
        return StatusSignal(Status.SUPERSEDED, superseded.start(), superseded.end(), True)
    closures: list[StatusSignal] = []
    for pattern in _CLOSURE_SIGNALS:
        for m in pattern.finditer(text):
            answer = m.group(1).lower() if m.groups() else "yes"
            status = Status.PROPOSED_CLOSED if answer == "yes" else Status.OPEN
            closures.append(StatusSignal(status, m.start(), m.end(), True))
    if closures:
        return max(closures, key=lambda s: s.start)
    for pattern, status in _OTHER_SIGNALS:
        found = pattern.search(text)
        if found:
            return StatusSignal(status, found.start(), found.end(), True)
    return StatusSignal(Status.OPEN, 0, 0, False)


def status_in_column(text: str, vocabulary: str = "status column") -> StatusSignal | None:
    """The status a table's status column prints (`Partly implemented` -> open), read with
    the status vocabulary; None when the cell prints no status word. A cell kept up to date
    by appending (`Partly implemented (Jan 24) Implemented (May 24)`) means its last status
    word; `superseded` decides wherever it is printed (`Not implemented – Superseded by …`)."""
    if status_word(text, vocabulary) is None:
        return None
    if _SUPERSEDED.search(text):
        return StatusSignal(Status.SUPERSEDED, 0, len(text), True)
    return StatusSignal(last_status_word(text, vocabulary), 0, len(text), True)


def last_status_word(text: str, vocabulary: str = "status column") -> Status:
    """The status of the last status word in `text`; each span is read by the vocabulary's
    first pattern for it (`Not implemented` before `Implemented`)."""
    taken: list[tuple[int, int, Status]] = []
    for pattern, status in status_vocabulary(vocabulary):
        for m in pattern.finditer(text):
            if not any(m.start() < end and start < m.end() for start, end, _s in taken):
                taken.append((m.start(), m.end(), status))
    return max(taken)[2]
