-- v5: retention rules (保存期間), the documents (帳票) kept under the 台帳, their disposal and
-- the contractors' certificates. Rules are versioned like the 台帳; a document's dates are
-- derived from its rule's current version on every read, so a changed rule recalculates every
-- document under it. The built-in catalog is inserted by the migration's hook.

CREATE TABLE retention_rules (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE retention_rule_versions (
    rule_id    INTEGER NOT NULL REFERENCES retention_rules (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    name       TEXT NOT NULL,
    start_kind TEXT NOT NULL
        CHECK (start_kind IN ('base-date', 'day-after', 'after-jan10-next-year', 'next-fiscal-year')),
    years      INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
    basis      TEXT NOT NULL,
    statutory  INTEGER NOT NULL CHECK (statutory IN (0, 1)),
    disposal   TEXT NOT NULL, -- JSON choice {code, text}
    base_hint  TEXT,
    reason     TEXT,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    PRIMARY KEY (rule_id, version),
    CHECK ((version = 1) = (reason IS NULL))
) STRICT;

-- 帳票: one paper or data set, for one person or a batch (一式, N名).
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    ledger_no   INTEGER NOT NULL REFERENCES ledger_files (no),
    rule_id     INTEGER NOT NULL REFERENCES retention_rules (id),
    base_date   TEXT NOT NULL,
    person_id   INTEGER REFERENCES persons (id),
    batch_count INTEGER CHECK (batch_count >= 1),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    CHECK (person_id IS NULL OR batch_count IS NULL)
) STRICT;

CREATE INDEX documents_by_file ON documents (ledger_no);
CREATE INDEX documents_by_rule ON documents (rule_id);

-- 廃棄・削除: a document is disposed of once; the handling-log event records it too.
CREATE TABLE disposals (
    document_id   INTEGER PRIMARY KEY REFERENCES documents (id),
    deleted       INTEGER NOT NULL CHECK (deleted IN (0, 1)), -- 削除 (data), else 廃棄
    method        TEXT NOT NULL, -- JSON choice
    disposed_on   TEXT NOT NULL,
    performer     TEXT NOT NULL REFERENCES users (login_id),
    witness       TEXT REFERENCES users (login_id),
    contractor_id INTEGER REFERENCES contractors (id),
    early_reason  TEXT, -- before the 廃棄可能日, confirmed by the officer
    event_id      INTEGER NOT NULL REFERENCES events (id),
    entered_at    TEXT NOT NULL,
    entered_by    TEXT NOT NULL,
    CHECK (witness IS NULL OR witness <> performer)
) STRICT;

-- 廃棄・削除証明書 from a contractor, and the documents it covers.
CREATE TABLE certificates (
    id            INTEGER PRIMARY KEY,
    contractor_id INTEGER NOT NULL REFERENCES contractors (id),
    number        TEXT NOT NULL,
    issued_on     TEXT NOT NULL,
    entered_at    TEXT NOT NULL,
    entered_by    TEXT NOT NULL
) STRICT;

CREATE TABLE certificate_documents (
    document_id    INTEGER PRIMARY KEY REFERENCES documents (id),
    certificate_id INTEGER NOT NULL REFERENCES certificates (id)
) STRICT;

ALTER TABLE event_versions ADD COLUMN document_id INTEGER REFERENCES documents (id);

CREATE TRIGGER retention_rules_are_never_changed BEFORE UPDATE ON retention_rules
BEGIN SELECT RAISE(ABORT, 'retention rules are never updated: add a version'); END;
CREATE TRIGGER retention_rules_are_never_deleted BEFORE DELETE ON retention_rules
BEGIN SELECT RAISE(ABORT, 'retention rules are never deleted'); END;
CREATE TRIGGER rule_versions_are_never_changed BEFORE UPDATE ON retention_rule_versions
BEGIN SELECT RAISE(ABORT, 'rule versions are never updated: add a version'); END;
CREATE TRIGGER rule_versions_are_never_deleted BEFORE DELETE ON retention_rule_versions
BEGIN SELECT RAISE(ABORT, 'rule versions are never deleted'); END;
CREATE TRIGGER documents_are_never_changed BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never updated'); END;
CREATE TRIGGER documents_are_never_deleted BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted: dispose of them'); END;
CREATE TRIGGER disposals_are_never_changed BEFORE UPDATE ON disposals
BEGIN SELECT RAISE(ABORT, 'disposals are never updated'); END;
CREATE TRIGGER disposals_are_never_deleted BEFORE DELETE ON disposals
BEGIN SELECT RAISE(ABORT, 'disposals are never deleted'); END;
CREATE TRIGGER certificates_are_never_changed BEFORE UPDATE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are never updated'); END;
CREATE TRIGGER certificates_are_never_deleted BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are never deleted'); END;
CREATE TRIGGER certificate_documents_are_never_changed BEFORE UPDATE ON certificate_documents
BEGIN SELECT RAISE(ABORT, 'certificate documents are never updated'); END;
CREATE TRIGGER certificate_documents_are_never_deleted BEFORE DELETE ON certificate_documents
BEGIN SELECT RAISE(ABORT, 'certificate documents are never deleted'); END;
