"""Imported once by the worker pool's fork server, so every worker (and every replacement
of a worker killed at its time limit) starts with the readers imported and the owner rules
built (their tokenizer rules and patterns compiled, ~40 ms; spaCy is no longer imported)."""

import jarap.db.batch  # noqa: F401
import jarap.ingest.docx_reader  # noqa: F401
import jarap.ingest.pdf_reader  # noqa: F401
import jarap.ingest.text_reader  # noqa: F401
from jarap.extract.owners import find_owners

find_owners("Owner: Mr A Smith")  # compiles and caches the tokenizer rules and patterns

# OpenBLAS (under the OCR's numpy) allocates its buffers on first use: do it here, before a
# worker's memory limit is set, or a small limit fails every file with "OpenBLAS error:
# Memory allocation still failed"
try:
    import numpy

    numpy.ones((4, 4)) @ numpy.ones((4, 4))
except ImportError:  # pragma: no cover - without the OCR extra there is no numpy
    pass
