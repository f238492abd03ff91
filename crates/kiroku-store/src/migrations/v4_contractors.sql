-- v4: contractors (委託先・再委託先), the clauses of their contracts, and the 評価シート (別紙3).
-- Evaluations are kept per contractor per year and never overwritten: judgments are appended
-- (the latest per item counts until the sheet is finalised), and a finalised sheet is frozen.

CREATE TABLE contractors (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    pattern       TEXT NOT NULL CHECK (pattern IN ('I', 'II', 'III', 'IV')),
    dept          TEXT,
    manager       TEXT,
    work          TEXT,
    data          TEXT,
    pmark_no      TEXT,
    pmark_expiry  TEXT,
    leak_2y       INTEGER CHECK (leak_2y IN (0, 1)),
    parent_id     INTEGER REFERENCES contractors (id),
    approved_on   TEXT,          -- 再委託の許諾日 (sub-contractors)
    ledger_files  TEXT NOT NULL, -- JSON array of 台帳 NO.
    disabled_at   TEXT,
    disabled_by   TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    CHECK ((pmark_no IS NULL) = (pmark_expiry IS NULL))
) STRICT;

-- 契約条項: each tick is a row; the latest per clause counts.
CREATE TABLE contract_clauses (
    id            INTEGER PRIMARY KEY,
    contractor_id INTEGER NOT NULL REFERENCES contractors (id),
    clause        TEXT NOT NULL,
    contract      TEXT NOT NULL,
    signed_on     TEXT NOT NULL,
    entered_at    TEXT NOT NULL,
    entered_by    TEXT NOT NULL
) STRICT;

CREATE INDEX contract_clauses_by_contractor ON contract_clauses (contractor_id, clause);

CREATE TABLE evaluations (
    id             INTEGER PRIMARY KEY,
    contractor_id  INTEGER NOT NULL REFERENCES contractors (id),
    re_evaluation  INTEGER NOT NULL CHECK (re_evaluation IN (0, 1)),
    made_on        TEXT NOT NULL, -- 作成年月日
    pattern        TEXT NOT NULL CHECK (pattern IN ('I', 'II', 'III', 'IV')),
    pmark_valid    INTEGER NOT NULL CHECK (pmark_valid IN (0, 1)),
    leak_2y        INTEGER NOT NULL CHECK (leak_2y IN (0, 1)),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    finalized_at   TEXT,
    finalized_by   TEXT,
    decision       TEXT CHECK (decision IN ('adopted', 'adopted_conditional', 'rejected')),
    CHECK ((finalized_at IS NULL) = (decision IS NULL)),
    CHECK ((finalized_at IS NULL) = (finalized_by IS NULL))
) STRICT;

CREATE INDEX evaluations_by_contractor ON evaluations (contractor_id, made_on);

CREATE TABLE evaluation_judgments (
    id            INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    item          INTEGER NOT NULL CHECK (item BETWEEN 1 AND 20),
    judgment      TEXT NOT NULL CHECK (judgment IN ('A', 'B', 'C', '-')),
    improvement   TEXT,
    entered_at    TEXT NOT NULL,
    entered_by    TEXT NOT NULL
) STRICT;

CREATE INDEX evaluation_judgments_by_evaluation ON evaluation_judgments (evaluation_id, item);

-- 改善の確認: a B item's improvement confirmed done.
CREATE TABLE improvement_checks (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    item          INTEGER NOT NULL CHECK (item BETWEEN 1 AND 20),
    confirmed_on  TEXT NOT NULL,
    entered_at    TEXT NOT NULL,
    entered_by    TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, item)
) STRICT;

CREATE TRIGGER contractors_are_never_deleted BEFORE DELETE ON contractors
BEGIN SELECT RAISE(ABORT, 'contractors are never deleted: disable them'); END;
CREATE TRIGGER contract_clauses_are_never_changed BEFORE UPDATE ON contract_clauses
BEGIN SELECT RAISE(ABORT, 'contract clauses are never updated: tick again'); END;
CREATE TRIGGER contract_clauses_are_never_deleted BEFORE DELETE ON contract_clauses
BEGIN SELECT RAISE(ABORT, 'contract clauses are never deleted'); END;
CREATE TRIGGER evaluations_are_never_deleted BEFORE DELETE ON evaluations
BEGIN SELECT RAISE(ABORT, 'evaluations are never deleted'); END;
CREATE TRIGGER finalized_evaluations_are_frozen BEFORE UPDATE ON evaluations
WHEN OLD.finalized_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a finalized evaluation is never changed'); END;
CREATE TRIGGER evaluations_change_only_by_finalizing BEFORE UPDATE ON evaluations
WHEN NEW.id IS NOT OLD.id OR NEW.contractor_id IS NOT OLD.contractor_id
  OR NEW.re_evaluation IS NOT OLD.re_evaluation OR NEW.made_on IS NOT OLD.made_on
  OR NEW.pattern IS NOT OLD.pattern OR NEW.pmark_valid IS NOT OLD.pmark_valid
  OR NEW.leak_2y IS NOT OLD.leak_2y OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'an evaluation changes only by being finalized'); END;
CREATE TRIGGER judgments_are_never_updated BEFORE UPDATE ON evaluation_judgments
BEGIN SELECT RAISE(ABORT, 'judgments are never updated: enter the item again'); END;
CREATE TRIGGER judgments_are_never_deleted BEFORE DELETE ON evaluation_judgments
BEGIN SELECT RAISE(ABORT, 'judgments are never deleted'); END;
CREATE TRIGGER judgments_of_a_finalized_evaluation_are_refused BEFORE INSERT ON evaluation_judgments
WHEN (SELECT finalized_at FROM evaluations WHERE id = NEW.evaluation_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a finalized evaluation takes no more judgments'); END;
CREATE TRIGGER improvement_checks_are_never_changed BEFORE UPDATE ON improvement_checks
BEGIN SELECT RAISE(ABORT, 'improvement checks are never updated'); END;
CREATE TRIGGER improvement_checks_are_never_deleted BEFORE DELETE ON improvement_checks
BEGIN SELECT RAISE(ABORT, 'improvement checks are never deleted'); END;
