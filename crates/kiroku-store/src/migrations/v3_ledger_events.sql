-- v3: the 特定個人情報管理台帳 (別紙2) and the handling log (別紙1).
-- Both are append-only: an entry is a row that never changes plus numbered versions; a
-- correction is a new version with its reason (002 第43条), the old one stays readable.
-- No column holds a 個人番号.

-- 台帳: NO. is the entry's stable number.
CREATE TABLE ledger_files (
    no         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE ledger_versions (
    no             INTEGER NOT NULL REFERENCES ledger_files (no),
    version        INTEGER NOT NULL CHECK (version >= 1),
    name           TEXT NOT NULL,
    scope          TEXT NOT NULL,
    dept           TEXT NOT NULL,
    owner          TEXT NOT NULL REFERENCES users (login_id),
    handlers       TEXT NOT NULL, -- JSON array of login IDs
    purpose        TEXT NOT NULL,
    retention      TEXT NOT NULL,
    retention_rule INTEGER,       -- the retention rule it follows (retention issue); NULL until linked
    disposal       TEXT NOT NULL, -- JSON choice {code, text}
    location       TEXT NOT NULL,
    medium         TEXT NOT NULL CHECK (medium IN ('paper', 'electronic')),
    reason         TEXT,          -- why this version replaced the previous one; NULL for version 1
    entered_at     TEXT NOT NULL,
    entered_by     TEXT NOT NULL,
    PRIMARY KEY (no, version),
    CHECK ((version = 1) = (reason IS NULL))
) STRICT;

-- 取扱記録: one row per event, then its versions.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL
) STRICT;

CREATE TABLE event_versions (
    event_id     INTEGER NOT NULL REFERENCES events (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    kind         TEXT NOT NULL,
    happened_on  TEXT NOT NULL, -- ISO date
    affair_id    INTEGER REFERENCES affairs (id),  -- NULL: a handling of a document as a whole
    person_id    INTEGER REFERENCES persons (id),  -- NULL: a batch (一式), not one person
    dependent_id INTEGER REFERENCES dependents (id),
    ledger_no    INTEGER REFERENCES ledger_files (no),
    clerk        TEXT NOT NULL REFERENCES users (login_id),
    details      TEXT NOT NULL, -- JSON of the kind's details, tagged by kind
    content      TEXT,
    note         TEXT,
    reason       TEXT,
    entered_at   TEXT NOT NULL,
    entered_by   TEXT NOT NULL,
    PRIMARY KEY (event_id, version),
    CHECK ((version = 1) = (reason IS NULL))
) STRICT;

CREATE INDEX event_versions_by_day ON event_versions (happened_on, event_id);
CREATE INDEX event_versions_by_person ON event_versions (person_id, happened_on);

CREATE TRIGGER ledger_files_are_never_updated BEFORE UPDATE ON ledger_files
BEGIN SELECT RAISE(ABORT, 'ledger entries are never updated: add a version'); END;
CREATE TRIGGER ledger_files_are_never_deleted BEFORE DELETE ON ledger_files
BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted'); END;
CREATE TRIGGER ledger_versions_are_never_updated BEFORE UPDATE ON ledger_versions
BEGIN SELECT RAISE(ABORT, 'ledger versions are never updated: add a version'); END;
CREATE TRIGGER ledger_versions_are_never_deleted BEFORE DELETE ON ledger_versions
BEGIN SELECT RAISE(ABORT, 'ledger versions are never deleted'); END;
CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are never updated: add a version'); END;
CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are never deleted'); END;
CREATE TRIGGER event_versions_are_never_updated BEFORE UPDATE ON event_versions
BEGIN SELECT RAISE(ABORT, 'event versions are never updated: add a version'); END;
CREATE TRIGGER event_versions_are_never_deleted BEFORE DELETE ON event_versions
BEGIN SELECT RAISE(ABORT, 'event versions are never deleted'); END;
