-- v6: フリガナ, corrections of 本人 kept as versions, 扶養家族 who left, records withdrawn as
-- entered by mistake (誤登録として取り消す), and draft 評価シート discarded.

-- フリガナ: an optional reading to find a person by.
ALTER TABLE persons ADD COLUMN kana TEXT;

-- Every version of a person's details, oldest first. `persons` holds the current one; a
-- correction appends a version here (with its reason) in the same transaction as it updates
-- `persons`. Version 1 of every person registered before v6 is copied from `persons`.
CREATE TABLE person_versions (
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    kana       TEXT,
    dept       TEXT,
    employer   TEXT,
    reason     TEXT,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    PRIMARY KEY (person_id, version),
    CHECK ((version = 1) = (reason IS NULL))
) STRICT;

INSERT INTO person_versions (person_id, version, kind, name, kana, dept, employer, reason,
                             entered_at, entered_by)
SELECT id, 1, kind, name, NULL, dept, employer, NULL, created_at, created_by FROM persons;

CREATE TRIGGER person_versions_are_never_updated BEFORE UPDATE ON person_versions
BEGIN SELECT RAISE(ABORT, 'person versions are never updated: add a version'); END;
CREATE TRIGGER person_versions_are_never_deleted BEFORE DELETE ON person_versions
BEGIN SELECT RAISE(ABORT, 'person versions are never deleted'); END;

-- 扶養家族 who left the household (no longer offered in entries; kept in the log).
ALTER TABLE dependents ADD COLUMN left_on TEXT;

-- A version marked withdrawn: the record was entered by mistake. It stays in the history and
-- in the printed forms (struck through), and leaves every count.
ALTER TABLE event_versions ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0
    CHECK (withdrawn IN (0, 1) AND (withdrawn = 0 OR reason IS NOT NULL));

-- A draft 評価シート discarded by the officer: kept and readable, no longer the current sheet.
ALTER TABLE evaluations ADD COLUMN discarded_at TEXT;
ALTER TABLE evaluations ADD COLUMN discarded_by TEXT;
ALTER TABLE evaluations ADD COLUMN discard_reason TEXT;
CREATE TRIGGER discarded_evaluations_are_frozen BEFORE UPDATE ON evaluations
WHEN OLD.discarded_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a discarded evaluation is never changed'); END;
CREATE TRIGGER judgments_of_a_discarded_evaluation_are_refused BEFORE INSERT ON evaluation_judgments
WHEN (SELECT discarded_at FROM evaluations WHERE id = NEW.evaluation_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a discarded evaluation takes no judgments'); END;

CREATE TRIGGER persons_are_never_deleted BEFORE DELETE ON persons
BEGIN SELECT RAISE(ABORT, 'persons are never deleted'); END;
CREATE TRIGGER dependents_are_never_deleted BEFORE DELETE ON dependents
BEGIN SELECT RAISE(ABORT, 'dependents are never deleted'); END;
