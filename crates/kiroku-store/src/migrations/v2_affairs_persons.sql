-- v2: the affair catalog (関係事務) and the data subjects (本人・扶養家族).
-- No column holds a 個人番号: Kiroku records that a number was handled, never the number.

CREATE TABLE affairs (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    basis      TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE persons (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('staff', 'director', 'councillor', 'third_party', 'employer_staff')),
    name       TEXT NOT NULL,
    dept       TEXT,
    employer   TEXT,
    left_on    TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE dependents (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    name       TEXT NOT NULL,
    relation   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE INDEX dependents_by_person ON dependents (person_id);
