-- v8: 漏えい等の事案 (incidents) and the kind of body (組織の種別) they are judged for.

-- 組織の種別: from the office template the vault was made with, read off its seeded 関係事務
-- (whose basis names the template's 規程: 001 共済組合, 002 労働保険事務組合, 003 事務組合).
INSERT INTO meta (key, value)
SELECT 'body_kind',
       CASE
         WHEN EXISTS (SELECT 1 FROM affairs WHERE basis LIKE '002 %') THEN 'roudouhoken'
         WHEN EXISTS (SELECT 1 FROM affairs WHERE basis LIKE '001 %') THEN 'kyosai'
         ELSE 'jimukumiai'
       END
WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'body_kind');

CREATE TABLE incidents (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

-- Each version: the whole record (JSON of kiroku_core::incident::IncidentRecord: the 第一報 and
-- the officer's facts), its status, and why it replaced the previous one. 知った日 is a column
-- too: every deadline counts from it.
CREATE TABLE incident_versions (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    known_on    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'reported', 'closed')),
    record      TEXT NOT NULL,
    reason      TEXT,
    entered_at  TEXT NOT NULL,
    entered_by  TEXT NOT NULL,
    PRIMARY KEY (incident_id, version),
    CHECK ((version = 1) = (reason IS NULL))
) STRICT;

-- The officer's word on the decision: the decision as computed (JSON) for the version it read,
-- and the officer's own — confirmed as computed (no reason) or overridden with a reason.
CREATE TABLE incident_assessments (
    id               INTEGER PRIMARY KEY,
    incident_id      INTEGER NOT NULL REFERENCES incidents (id),
    incident_version INTEGER NOT NULL,
    computed         TEXT NOT NULL,
    reportable       INTEGER NOT NULL CHECK (reportable IN (0, 1)),
    kakuho_days      INTEGER NOT NULL CHECK (kakuho_days IN (30, 60)),
    override_reason  TEXT,
    entered_at       TEXT NOT NULL,
    entered_by       TEXT NOT NULL
) STRICT;

-- Each filing: 速報 / 確報 / 速報兼確報 / 追完, to whom, how, when, and its 受付番号.
CREATE TABLE incident_reports (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    kind        TEXT NOT NULL CHECK (kind IN ('sokuho', 'kakuho', 'sokuho_kakuho', 'tsuikan')),
    recipient   TEXT NOT NULL CHECK (recipient IN ('ppc', 'soumu', 'rengokai', 'rijicho', 'principal')),
    filed_on    TEXT NOT NULL,
    receipt_no  TEXT,
    note        TEXT,
    entered_at  TEXT NOT NULL,
    entered_by  TEXT NOT NULL
) STRICT;

-- 本人への通知: who, how, when.
CREATE TABLE incident_notices (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    method      TEXT NOT NULL CHECK (method IN ('post', 'mail', 'hand', 'alternative')),
    notified_on TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    entered_by  TEXT NOT NULL
) STRICT;

CREATE TRIGGER incidents_are_never_updated BEFORE UPDATE ON incidents
BEGIN SELECT RAISE(ABORT, 'incidents are never updated: add a version'); END;
CREATE TRIGGER incidents_are_never_deleted BEFORE DELETE ON incidents
BEGIN SELECT RAISE(ABORT, 'incidents are never deleted'); END;
CREATE TRIGGER incident_versions_are_never_updated BEFORE UPDATE ON incident_versions
BEGIN SELECT RAISE(ABORT, 'incident versions are never updated: add a version'); END;
CREATE TRIGGER incident_versions_are_never_deleted BEFORE DELETE ON incident_versions
BEGIN SELECT RAISE(ABORT, 'incident versions are never deleted'); END;
CREATE TRIGGER incident_assessments_are_never_changed BEFORE UPDATE ON incident_assessments
BEGIN SELECT RAISE(ABORT, 'assessments are never changed: add another'); END;
CREATE TRIGGER incident_assessments_are_never_deleted BEFORE DELETE ON incident_assessments
BEGIN SELECT RAISE(ABORT, 'assessments are never deleted'); END;
CREATE TRIGGER incident_reports_are_never_changed BEFORE UPDATE ON incident_reports
BEGIN SELECT RAISE(ABORT, 'reports are never changed: add a 追完'); END;
CREATE TRIGGER incident_reports_are_never_deleted BEFORE DELETE ON incident_reports
BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;
CREATE TRIGGER incident_notices_are_never_changed BEFORE UPDATE ON incident_notices
BEGIN SELECT RAISE(ABORT, 'notices are never changed'); END;
CREATE TRIGGER incident_notices_are_never_deleted BEFORE DELETE ON incident_notices
BEGIN SELECT RAISE(ABORT, 'notices are never deleted'); END;
