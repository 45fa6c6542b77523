"""The extractor's version, stored on every paper it parses.

Bump `EXTRACTOR_VERSION` whenever a change to reading, layout detection or parsing can
change what is extracted from a file already loaded: `jarap ingest` then re-extracts every
paper parsed by an older version (a paper is otherwise skipped by its hash for ever, so a
better parser would never reach it).
"""

EXTRACTOR_VERSION = 6  # 1: papers loaded before versions were recorded (stored as NULL);
# 2: batches; 3: shared pipeline with provenance for every value; 4: unknown papers kept as text;
# 5: audit-status tables
