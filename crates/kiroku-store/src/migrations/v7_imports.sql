-- v7: imports (取り込み) of an office's Excel or CSV lists. Each import is one batch: the file's
-- SHA-256, what it added, updated and skipped; a batch can be withdrawn as a whole (its
-- records marked, never deleted).
CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('persons', 'ledger', 'events')),
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    added           INTEGER NOT NULL CHECK (added >= 0),
    updated         INTEGER NOT NULL CHECK (updated >= 0),
    skipped         INTEGER NOT NULL CHECK (skipped >= 0),
    imported_at     TEXT NOT NULL,
    imported_by     TEXT NOT NULL,
    withdrawn_at    TEXT,
    withdrawn_by    TEXT,
    withdraw_reason TEXT,
    CHECK ((withdrawn_at IS NULL) = (withdraw_reason IS NULL)
       AND (withdrawn_at IS NULL) = (withdrawn_by IS NULL))
) STRICT;

CREATE TRIGGER import_batches_are_never_deleted BEFORE DELETE ON import_batches
BEGIN SELECT RAISE(ABORT, 'import batches are never deleted'); END;
CREATE TRIGGER import_batches_only_change_to_withdrawn BEFORE UPDATE ON import_batches
WHEN OLD.withdrawn_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.file_name IS NOT OLD.file_name
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.added IS NOT OLD.added
  OR NEW.updated IS NOT OLD.updated OR NEW.skipped IS NOT OLD.skipped
  OR NEW.imported_at IS NOT OLD.imported_at OR NEW.imported_by IS NOT OLD.imported_by
BEGIN SELECT RAISE(ABORT, 'an import batch only changes once, to withdrawn'); END;

-- 社員番号 and 生年月日: what an import matches a staff list's rows on (with 氏名). Versioned
-- with the other details.
ALTER TABLE persons ADD COLUMN staff_no TEXT;
ALTER TABLE persons ADD COLUMN born_on TEXT;
ALTER TABLE person_versions ADD COLUMN staff_no TEXT;
ALTER TABLE person_versions ADD COLUMN born_on TEXT;
CREATE INDEX persons_by_staff_no ON persons (staff_no) WHERE staff_no IS NOT NULL;

-- The batch that brought a record in (NULL: entered by hand), and for a person's version the
-- batch that wrote it (an import's update).
ALTER TABLE persons ADD COLUMN import_batch INTEGER REFERENCES import_batches (id);
ALTER TABLE person_versions ADD COLUMN import_batch INTEGER REFERENCES import_batches (id);
ALTER TABLE dependents ADD COLUMN import_batch INTEGER REFERENCES import_batches (id);
ALTER TABLE ledger_files ADD COLUMN import_batch INTEGER REFERENCES import_batches (id);
ALTER TABLE ledger_versions ADD COLUMN import_batch INTEGER REFERENCES import_batches (id);
ALTER TABLE events ADD COLUMN import_batch INTEGER REFERENCES import_batches (id);

-- Column mappings the user adjusted and saved (取り込みの列の対応), by name: JSON of
-- kiroku_core::import::Mapping.
CREATE TABLE import_mappings (
    name     TEXT PRIMARY KEY,
    mapping  TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    saved_by TEXT NOT NULL
) STRICT;
