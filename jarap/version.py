"""The extractor's version, stored on every paper it parses.

`EXTRACTOR_VERSION` goes up whenever the code that reads changes: `jarap ingest` then
re-extracts every paper parsed by an older version (a paper is otherwise skipped by its
hash for ever, so a better parser would never reach it). It is not left to memory:
`READING_FINGERPRINTS` records the fingerprint of the reading code (`jarap.fingerprint`)
each version was, and `tests/test_extractor_version.py` fails when today's code has no
entry, naming the line to add.
"""

EXTRACTOR_VERSION = 12  # 1: papers loaded before versions were recorded (stored as NULL);
# 2: batches; 3: shared pipeline with provenance for every value; 4: unknown papers kept as text;
# 5: audit-status tables; 6: every wording of update headings, owners, targets, status;
# nested PDF tables, words broken at a cell edge, cover tables as evidence; every declared
# figure compared (reconciliation); 7: the version tied to the code (READING_FINGERPRINTS);
# 8: scans read by OCR, sandwich PDFs' grids from the page image, OCR in provenance;
# 9: generic reading, one home for vocabularies, PDF words by geometry, office formats,
# audit titles split (issues 17-19 together); 10: scans read cell by cell with marks from
# their shape, one colour-key reader, owners given as posts in block layouts, owners
# matched without spaCy (same results), a sandwich's hidden layer read again as its scan,
# headings not run into the line under them in PDFs, captions as audit headings; 11: PDF line
# pitch learnt per document (Chromium's one-size pages), HTML list numbers read, PDFium text
# objects found by runs, the writer holding no reading rules (same results elsewhere); 12: text
# conversions in whitespace columns (pdftotext -layout) and pandoc's ruled tables, OCR'd papers
# short of their own counts read again at a second resolution, ditto marks by shape

# EXTRACTOR_VERSION: the fingerprint of the code that read (ingest/, extract/, convert.py);
# add a line with the next version when the test says so; never edit one that main has
READING_FINGERPRINTS: dict[int, str] = {
    7: "604da54e4daf4e16",
    8: "8f9acd78e4c5d138",
    9: "7e9297b2458f10b2",
    10: "d517fb8e6bf72a1e",
    11: "5e8d220ccc9ae835",
    12: "f5a2b00f381c20df",
}
