-- The SQLite schema the migrations build at revision 0010, replayed into a new
-- archive (jarap.db.engine.upgrade). Generated: do not edit; rewrite it with
-- python -c "from jarap.db.engine import write_sqlite_head_schema as w; w()"
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE papers (
	paper_id VARCHAR(16) NOT NULL, 
	source_file VARCHAR(400) NOT NULL, 
	source_path TEXT NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	format VARCHAR(8) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	layout VARCHAR(40), 
	title TEXT, 
	organisation TEXT, 
	author TEXT, 
	paper_date_raw TEXT, 
	paper_date DATE, 
	paper_date_precision VARCHAR(10), 
	pages INTEGER, 
	declared_counts JSON, 
	extracted_counts JSON, 
	reconciled BOOLEAN, 
	warnings JSON NOT NULL, 
	proposed_closed_list JSON NOT NULL, 
	ingested_at DATETIME NOT NULL, extractor_version INTEGER, superseded_by VARCHAR(16), next_tracker_date DATE, reconciliation JSON, cover_checks JSON, series TEXT DEFAULT 'unattributed' NOT NULL, twin_of VARCHAR(16), twin_problems JSON, converted_by TEXT, 
	CONSTRAINT pk_papers PRIMARY KEY (paper_id), 
	CONSTRAINT uq_papers_sha256 UNIQUE (sha256)
);

CREATE TABLE actions (
	id INTEGER NOT NULL, 
	paper_id VARCHAR(16) NOT NULL, 
	seq INTEGER NOT NULL, 
	action_id VARCHAR(40) NOT NULL, 
	meeting_date_raw TEXT, 
	meeting_date DATE, 
	meeting_date_precision VARCHAR(10), 
	minute VARCHAR(40) NOT NULL, 
	paper_ref VARCHAR(40), 
	action TEXT NOT NULL, 
	owners JSON NOT NULL, 
	target_raw TEXT, 
	target DATE, 
	target_precision VARCHAR(10), 
	status VARCHAR(10) NOT NULL, 
	page_start INTEGER, 
	CONSTRAINT pk_actions PRIMARY KEY (id), 
	CONSTRAINT fk_actions_paper_id_papers FOREIGN KEY(paper_id) REFERENCES papers (paper_id) ON DELETE CASCADE
);

CREATE TABLE recommendations (
	id INTEGER NOT NULL, 
	paper_id VARCHAR(16) NOT NULL, 
	seq INTEGER NOT NULL, 
	recommendation_id VARCHAR(40) NOT NULL, 
	audit_title TEXT NOT NULL, 
	assurance VARCHAR(60), 
	audit_date_raw TEXT, 
	audit_date DATE, 
	audit_date_precision VARCHAR(10), 
	ref VARCHAR(20), 
	title TEXT NOT NULL, 
	priority VARCHAR(20), 
	priority_level VARCHAR(10), 
	priority_source VARCHAR(10), 
	section VARCHAR(10) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	rag VARCHAR(10), 
	original_target_raw TEXT, 
	original_target DATE, 
	original_target_precision VARCHAR(10), 
	current_target_raw TEXT, 
	current_target DATE, 
	current_target_precision VARCHAR(10), 
	text TEXT NOT NULL, 
	source_text TEXT NOT NULL, 
	page_start INTEGER, 
	page_end INTEGER, 
	CONSTRAINT pk_recommendations PRIMARY KEY (id), 
	CONSTRAINT fk_recommendations_paper_id_papers FOREIGN KEY(paper_id) REFERENCES papers (paper_id) ON DELETE CASCADE, 
	CONSTRAINT uq_recommendations_paper_id UNIQUE (paper_id, seq)
);

CREATE TABLE action_updates (
	id INTEGER NOT NULL, 
	action_pk INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	date_raw TEXT, 
	date DATE, 
	precision VARCHAR(10), 
	text TEXT NOT NULL, page INTEGER, block VARCHAR(200) DEFAULT '' NOT NULL, 
	CONSTRAINT pk_action_updates PRIMARY KEY (id), 
	CONSTRAINT fk_action_updates_action_pk_actions FOREIGN KEY(action_pk) REFERENCES actions (id) ON DELETE CASCADE
);

CREATE TABLE links (
	id INTEGER NOT NULL, 
	recommendation_pk INTEGER NOT NULL, 
	recommendation_id VARCHAR(40) NOT NULL, 
	method VARCHAR(20) NOT NULL, 
	score DOUBLE NOT NULL, 
	matched_to TEXT NOT NULL, format_no INTEGER, snapshot_no INTEGER, latest_no INTEGER, 
	CONSTRAINT pk_links PRIMARY KEY (id), 
	CONSTRAINT fk_links_recommendation_pk_recommendations FOREIGN KEY(recommendation_pk) REFERENCES recommendations (id) ON DELETE CASCADE, 
	CONSTRAINT uq_links_recommendation_pk UNIQUE (recommendation_pk)
);

CREATE TABLE owners (
	id INTEGER NOT NULL, 
	recommendation_pk INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	former BOOLEAN NOT NULL, page INTEGER, block VARCHAR(200) DEFAULT '' NOT NULL, source_text TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT pk_owners PRIMARY KEY (id), 
	CONSTRAINT fk_owners_recommendation_pk_recommendations FOREIGN KEY(recommendation_pk) REFERENCES recommendations (id) ON DELETE CASCADE
);

CREATE TABLE target_revisions (
	id INTEGER NOT NULL, 
	recommendation_pk INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	raw TEXT NOT NULL, 
	date DATE, 
	precision VARCHAR(10), 
	struck BOOLEAN NOT NULL, 
	source_text TEXT NOT NULL, page INTEGER, block VARCHAR(200) DEFAULT '' NOT NULL, 
	CONSTRAINT pk_target_revisions PRIMARY KEY (id), 
	CONSTRAINT fk_target_revisions_recommendation_pk_recommendations FOREIGN KEY(recommendation_pk) REFERENCES recommendations (id) ON DELETE CASCADE
);

CREATE TABLE updates (
	id INTEGER NOT NULL, 
	recommendation_pk INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	heading TEXT NOT NULL, 
	date_raw TEXT, 
	date DATE, 
	precision VARCHAR(10), 
	text TEXT NOT NULL, 
	page INTEGER, block VARCHAR(200) DEFAULT '' NOT NULL, 
	CONSTRAINT pk_updates PRIMARY KEY (id), 
	CONSTRAINT fk_updates_recommendation_pk_recommendations FOREIGN KEY(recommendation_pk) REFERENCES recommendations (id) ON DELETE CASCADE
);

CREATE TABLE ingest_failures (
	id INTEGER NOT NULL, 
	source_path TEXT NOT NULL, 
	sha256 VARCHAR(64), 
	reason TEXT NOT NULL, 
	failed_at DATETIME NOT NULL, 
	CONSTRAINT pk_ingest_failures PRIMARY KEY (id)
);

CREATE TABLE link_state (
	"key" VARCHAR(40) NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_link_state PRIMARY KEY ("key")
);

CREATE TABLE provenance (
	id INTEGER NOT NULL, 
	recommendation_pk INTEGER, 
	action_pk INTEGER, 
	field VARCHAR(60) NOT NULL, 
	page INTEGER, 
	block VARCHAR(200) NOT NULL, 
	text TEXT NOT NULL, method VARCHAR(40), 
	CONSTRAINT pk_provenance PRIMARY KEY (id), 
	CONSTRAINT fk_provenance_action_pk_actions FOREIGN KEY(action_pk) REFERENCES actions (id) ON DELETE CASCADE, 
	CONSTRAINT fk_provenance_recommendation_pk_recommendations FOREIGN KEY(recommendation_pk) REFERENCES recommendations (id) ON DELETE CASCADE
);

CREATE TABLE document_text (
	id INTEGER NOT NULL, 
	paper_id VARCHAR(16) NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	block VARCHAR(200) NOT NULL, 
	table_no INTEGER, 
	row_no INTEGER, 
	col_no INTEGER, 
	page INTEGER, 
	text TEXT NOT NULL, 
	CONSTRAINT pk_document_text PRIMARY KEY (id), 
	CONSTRAINT fk_document_text_paper_id_papers FOREIGN KEY(paper_id) REFERENCES papers (paper_id) ON DELETE CASCADE
);

CREATE TABLE audit_status (
	id INTEGER NOT NULL, 
	paper_id VARCHAR(16) NOT NULL, 
	seq INTEGER NOT NULL, 
	ref VARCHAR(40), 
	title TEXT NOT NULL, 
	published_raw TEXT, 
	published DATE, 
	published_precision VARCHAR(10), 
	follow_up_raw TEXT, 
	follow_up DATE, 
	follow_up_precision VARCHAR(10), 
	lead TEXT, 
	governance TEXT, 
	assurance TEXT, 
	on_track VARCHAR(40), 
	update_text TEXT NOT NULL, 
	page INTEGER, 
	block VARCHAR(200) NOT NULL, 
	source JSON NOT NULL, 
	CONSTRAINT pk_audit_status PRIMARY KEY (id), 
	CONSTRAINT fk_audit_status_paper_id_papers FOREIGN KEY(paper_id) REFERENCES papers (paper_id) ON DELETE CASCADE
);

CREATE TABLE histories (
	recommendation_id VARCHAR(40) NOT NULL, 
	original_target_raw TEXT, 
	original_target DATE, 
	original_target_precision VARCHAR(10), 
	latest_target_raw TEXT, 
	latest_target DATE, 
	latest_target_precision VARCHAR(10), 
	revisions INTEGER NOT NULL, 
	slippage_days INTEGER, 
	latest_status VARCHAR(20) NOT NULL, 
	closed_by DATE, 
	vanished_from DATE, 
	CONSTRAINT pk_histories PRIMARY KEY (recommendation_id)
);

CREATE TABLE skipped_files (
	id INTEGER NOT NULL, 
	source_path TEXT NOT NULL, 
	extension VARCHAR(40) NOT NULL, 
	reason TEXT NOT NULL, 
	seen_at DATETIME NOT NULL, 
	CONSTRAINT pk_skipped_files PRIMARY KEY (id)
);

CREATE INDEX ix_actions_action_id ON actions (action_id);

CREATE INDEX ix_recommendations_recommendation_id ON recommendations (recommendation_id);

CREATE INDEX ix_action_updates_action_pk ON action_updates (action_pk);

CREATE INDEX ix_links_recommendation_id ON links (recommendation_id);

CREATE INDEX ix_owners_recommendation_pk ON owners (recommendation_pk);

CREATE INDEX ix_target_revisions_recommendation_pk ON target_revisions (recommendation_pk);

CREATE INDEX ix_updates_recommendation_pk ON updates (recommendation_pk);

CREATE INDEX ix_ingest_failures_source_path ON ingest_failures (source_path);

CREATE INDEX ix_actions_paper_id ON actions (paper_id);

CREATE INDEX ix_papers_kind_paper_date ON papers (kind, paper_date);

CREATE INDEX ix_papers_superseded_by ON papers (superseded_by);

CREATE INDEX ix_provenance_action_pk ON provenance (action_pk);

CREATE INDEX ix_provenance_recommendation_pk ON provenance (recommendation_pk);

CREATE INDEX ix_document_text_paper_id ON document_text (paper_id);

CREATE INDEX ix_audit_status_paper_id ON audit_status (paper_id);

CREATE INDEX ix_papers_twin_of ON papers (twin_of);

CREATE INDEX ix_skipped_files_source_path ON skipped_files (source_path);

CREATE VIEW v_snapshot AS
SELECT r.id AS recommendation_pk, r.recommendation_id, r.paper_id, p.source_file,
       p.format, p.kind, p.paper_date, p.next_tracker_date, p.series AS series,
       CASE WHEN p.paper_date IS NULL THEN 1 ELSE 0 END AS undated,
       r.audit_title, r.assurance, r.audit_date_raw, r.audit_date, r.ref, r.title,
       r.priority, r.priority_level, r.section, r.status, r.rag,
       r.original_target_raw, r.original_target, r.original_target_precision,
       r.current_target_raw, r.current_target, r.current_target_precision,
       l.format_no, l.snapshot_no, l.latest_no
FROM recommendations r
JOIN papers p ON p.paper_id = r.paper_id AND p.superseded_by IS NULL
JOIN links l ON l.recommendation_pk = r.id AND l.format_no = 1;

CREATE VIEW v_latest_state AS
SELECT s.recommendation_id, s.audit_title, s.assurance, s.audit_date_raw, s.audit_date,
       s.ref, s.title, s.priority, s.priority_level, s.section, s.status,
       COALESCE(hs.latest_status, s.status) AS latest_status,
       hs.closed_by, hs.vanished_from,
       s.rag, o.owners,
       s.current_target_raw, s.current_target, s.current_target_precision,
       s.paper_date, s.paper_id, s.source_file, s.series,
       h.first_seen, s.snapshot_no + s.latest_no - 1 AS papers
FROM v_snapshot s
JOIN (
    -- the earliest kept snapshot: undated papers sort last, so its date is the first date
    SELECT f.recommendation_id, p.paper_date AS first_seen
    FROM links f
    JOIN recommendations r ON r.id = f.recommendation_pk
    JOIN papers p ON p.paper_id = r.paper_id
    WHERE f.snapshot_no = 1
) h ON h.recommendation_id = s.recommendation_id
-- what the history means (closure, vanishing): db.history's one rule, stored by the linker
LEFT JOIN histories hs ON hs.recommendation_id = s.recommendation_id
LEFT JOIN (
    SELECT ow.recommendation_pk, group_concat(ow.name, '; ') AS owners
    FROM (SELECT recommendation_pk, position, name FROM owners
          WHERE NOT former ORDER BY recommendation_pk, position) ow
    GROUP BY ow.recommendation_pk
) o ON o.recommendation_pk = s.recommendation_pk
WHERE s.latest_no = 1;

CREATE VIEW v_target_history AS
SELECT s.recommendation_id, s.snapshot_no, s.paper_date, s.paper_id, s.source_file,
       s.audit_title, s.ref, t.position, t.raw, t.date, t.precision, t.struck
FROM v_snapshot s
JOIN target_revisions t ON t.recommendation_pk = s.recommendation_pk;

CREATE VIEW v_slippage AS
SELECT l.recommendation_id, l.audit_title, l.audit_date, l.ref, l.title, l.priority_level,
       l.latest_status,
       hs.original_target_raw, hs.original_target,
       hs.latest_target_raw, hs.latest_target,
       hs.slippage_days, COALESCE(hs.revisions, 0) AS revisions,
       l.first_seen, l.paper_date AS last_seen, l.papers
FROM v_latest_state l
-- revisions and slippage: db.history's one rule (a later target in a later month)
LEFT JOIN histories hs ON hs.recommendation_id = l.recommendation_id;

CREATE VIEW v_overdue AS
SELECT s.paper_date, s.paper_id, s.source_file, s.recommendation_id, s.audit_title, s.ref,
       s.title, s.priority_level, s.status, s.current_target_raw, s.current_target,
       CAST(julianday(s.paper_date) - julianday(s.current_target) AS INTEGER) AS days_overdue
FROM v_snapshot s
WHERE s.kind = 'tracker'
  AND s.current_target < s.paper_date
  AND s.status NOT IN ('closed', 'not_adopted', 'proposed_closed', 'superseded');

CREATE VIEW v_owner_workload AS
SELECT o.name AS owner,
       COUNT(*) AS open_recommendations,
       SUM(CASE WHEN l.current_target < l.paper_date THEN 1 ELSE 0 END) AS overdue,
       SUM(CASE WHEN l.priority_level = 'high' THEN 1 ELSE 0 END) AS high_priority,
       MIN(l.current_target) AS earliest_target
FROM v_latest_state l
JOIN v_snapshot s ON s.recommendation_id = l.recommendation_id AND s.latest_no = 1
JOIN owners o ON o.recommendation_pk = s.recommendation_pk AND NOT o.former
WHERE l.latest_status NOT IN ('closed', 'not_adopted', 'proposed_closed', 'superseded')
GROUP BY o.name;

CREATE VIEW v_document_paragraphs AS
SELECT d.paper_id, d.block, d.page, d.text
FROM document_text d JOIN papers p ON p.paper_id = d.paper_id
WHERE d.kind = 'paragraph' AND p.superseded_by IS NULL;

CREATE VIEW v_document_cells AS
SELECT d.paper_id, d.table_no, d.row_no, d.col_no, d.page, d.text
FROM document_text d JOIN papers p ON p.paper_id = d.paper_id
WHERE d.kind = 'cell' AND p.superseded_by IS NULL;

CREATE VIEW v_paper_summary AS
SELECT p.paper_id, p.source_file, p.format, p.layout, p.paper_date, p.series AS series,
       CAST(json_extract(p.declared_counts, '$.total') AS INTEGER) AS declared_total,
       CAST(json_extract(p.declared_counts, '$.proposed_closed') AS INTEGER) AS declared_proposed_closed,
       SUM(CASE WHEN r.section = 'main' THEN 1 ELSE 0 END) AS recommendations,
       SUM(CASE WHEN r.section = 'sorb' THEN 1 ELSE 0 END) AS sorb,
       SUM(CASE WHEN r.section = 'main' AND r.priority_level = 'high' THEN 1 ELSE 0 END) AS high,
       SUM(CASE WHEN r.section = 'main' AND r.priority_level = 'medium' THEN 1 ELSE 0 END)
           AS medium,
       SUM(CASE WHEN r.section = 'main' AND r.priority_level = 'low' THEN 1 ELSE 0 END) AS low,
       SUM(CASE WHEN r.section = 'main' AND r.id IS NOT NULL AND r.priority_level IS NULL
                THEN 1 ELSE 0 END) AS priority_unknown,
       SUM(CASE WHEN r.section = 'main' AND r.status = 'open' THEN 1 ELSE 0 END) AS open,
       SUM(CASE WHEN r.section = 'main' AND r.status = 'proposed_closed' THEN 1 ELSE 0 END)
           AS proposed_closed,
       SUM(CASE WHEN r.section = 'main' AND r.status = 'not_adopted' THEN 1 ELSE 0 END)
           AS not_adopted,
       SUM(CASE WHEN r.status = 'closed' THEN 1 ELSE 0 END) AS closed,
       SUM(CASE WHEN r.current_target IS NOT NULL THEN 1 ELSE 0 END) AS with_target,
       SUM(CASE WHEN r.current_target <> r.original_target THEN 1 ELSE 0 END) AS target_revised,
       SUM(CASE WHEN r.status = 'open' AND r.original_target < p.paper_date
                THEN 1 ELSE 0 END) AS past_original_target,
       SUM(CASE WHEN r.status = 'open' AND r.current_target < p.paper_date
                THEN 1 ELSE 0 END) AS past_current_target
FROM papers p
LEFT JOIN recommendations r ON r.paper_id = p.paper_id
WHERE p.superseded_by IS NULL
GROUP BY p.paper_id;

