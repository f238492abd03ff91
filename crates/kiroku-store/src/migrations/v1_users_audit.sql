-- v1: the vault's identity, its users and the audit chain.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- 利用者: a distinct ID per person (001 第14条(3)(7)); 氏名・所属・業務内容 (000 第5条3項).
CREATE TABLE users (
    login_id    TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    dept        TEXT,
    duties      TEXT,
    role        TEXT NOT NULL CHECK (role IN ('officer', 'clerk', 'auditor')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    disabled_at TEXT,
    disabled_by TEXT
) STRICT;

-- 利用実績の記録: hash-chained, append-only.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
) STRICT;

CREATE TRIGGER audit_rows_are_never_updated BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit rows are never updated');
END;

CREATE TRIGGER audit_rows_are_never_deleted BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit rows are never deleted');
END;
