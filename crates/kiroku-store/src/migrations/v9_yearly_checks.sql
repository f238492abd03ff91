-- v9: 取扱状況の点検（監査） (the yearly check and 臨時 checks), its answers, improvement
-- actions, sign-offs and addenda; and the reminders each user dismissed for a while.
CREATE TABLE checks (
    id          INTEGER PRIMARY KEY,
    -- 年度 (2026 = 令和8年度) the check covers.
    fiscal_year INTEGER NOT NULL,
    -- 臨時の点検 (1) or the yearly one (0; one per 年度).
    adhoc       INTEGER NOT NULL CHECK (adhoc IN (0, 1)),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX one_yearly_check_per_fiscal_year ON checks (fiscal_year) WHERE adhoc = 0;
-- Each answer to an item (適 / 不適 / 該当なし, with a note); the latest per item stands.
CREATE TABLE check_answers (
    id         INTEGER PRIMARY KEY,
    check_id   INTEGER NOT NULL REFERENCES checks (id),
    item       TEXT NOT NULL,
    result     TEXT NOT NULL CHECK (result IN ('adequate', 'inadequate', 'not_applicable')),
    note       TEXT,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL
) STRICT;
-- 改善措置: a finding to act on (内容, 担当, 期限).
CREATE TABLE check_actions (
    id         INTEGER PRIMARY KEY,
    check_id   INTEGER NOT NULL REFERENCES checks (id),
    what       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL
) STRICT;
-- 完了日 of an action (once).
CREATE TABLE check_action_completions (
    action_id  INTEGER PRIMARY KEY REFERENCES check_actions (id),
    done_on    TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL
) STRICT;
-- 作成 / 確認 / 監査意見 / 決裁, each once. 確認 keeps the items as they were read (the report is
-- frozen from then); 監査意見 keeps the auditor's opinion; 決裁 the head's name as typed.
CREATE TABLE check_signoffs (
    check_id   INTEGER NOT NULL REFERENCES checks (id),
    step       TEXT NOT NULL CHECK (step IN ('creator', 'officer', 'auditor', 'head')),
    name       TEXT NOT NULL,
    opinion    TEXT,
    snapshot   TEXT,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    PRIMARY KEY (check_id, step)
) STRICT;
-- 追記: what is noted after 確認.
CREATE TABLE check_addenda (
    id         INTEGER PRIMARY KEY,
    check_id   INTEGER NOT NULL REFERENCES checks (id),
    text       TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL
) STRICT;
-- A reminder a user put aside until a day (the latest dismissal of a key stands).
CREATE TABLE reminder_dismissals (
    login_id   TEXT NOT NULL,
    key        TEXT NOT NULL,
    until_on   TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    PRIMARY KEY (login_id, key)
) STRICT;
CREATE TRIGGER checks_are_never_changed BEFORE UPDATE ON checks
BEGIN SELECT RAISE(ABORT, 'checks are never changed'); END;
CREATE TRIGGER checks_are_never_deleted BEFORE DELETE ON checks
BEGIN SELECT RAISE(ABORT, 'checks are never deleted'); END;
CREATE TRIGGER check_answers_are_never_changed BEFORE UPDATE ON check_answers
BEGIN SELECT RAISE(ABORT, 'answers are never changed: add another'); END;
CREATE TRIGGER check_answers_are_never_deleted BEFORE DELETE ON check_answers
BEGIN SELECT RAISE(ABORT, 'answers are never deleted'); END;
CREATE TRIGGER check_actions_are_never_changed BEFORE UPDATE ON check_actions
BEGIN SELECT RAISE(ABORT, 'actions are never changed'); END;
CREATE TRIGGER check_actions_are_never_deleted BEFORE DELETE ON check_actions
BEGIN SELECT RAISE(ABORT, 'actions are never deleted'); END;
CREATE TRIGGER check_action_completions_are_never_changed BEFORE UPDATE ON check_action_completions
BEGIN SELECT RAISE(ABORT, 'completions are never changed'); END;
CREATE TRIGGER check_action_completions_are_never_deleted BEFORE DELETE ON check_action_completions
BEGIN SELECT RAISE(ABORT, 'completions are never deleted'); END;
CREATE TRIGGER check_signoffs_are_never_changed BEFORE UPDATE ON check_signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs are never changed'); END;
CREATE TRIGGER check_signoffs_are_never_deleted BEFORE DELETE ON check_signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs are never deleted'); END;
CREATE TRIGGER check_addenda_are_never_changed BEFORE UPDATE ON check_addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never changed'); END;
CREATE TRIGGER check_addenda_are_never_deleted BEFORE DELETE ON check_addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never deleted'); END;
