//! The audit chain (利用実績の記録, 001 第9条3項 / 002 第12条⑥): every access and change,
//! each row's hash covering its content and the previous row's hash.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// What happened. Stored as its identifier; shown with its Japanese label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// 記録ファイル作成
    Init,
    /// ログイン
    Login,
    /// ログアウト
    Logout,
    /// ログイン失敗（前回成功以降の回数）
    LoginFailures,
    /// 閲覧（個人情報を含む一覧・詳細）
    Read,
    /// 登録
    Create,
    /// 変更（訂正・無効化・パスワード再設定）
    Amend,
    /// 印刷
    Print,
    /// 出力（書き出し）
    Export,
    /// バックアップ
    Backup,
    /// 復元
    Restore,
    /// 検証
    Verify,
    /// 鍵の変更（鍵スロットの追加・削除、暗号鍵の更新）
    KeyChange,
}

impl AuditAction {
    pub const ALL: [AuditAction; 13] = [
        AuditAction::Init,
        AuditAction::Login,
        AuditAction::Logout,
        AuditAction::LoginFailures,
        AuditAction::Read,
        AuditAction::Create,
        AuditAction::Amend,
        AuditAction::Print,
        AuditAction::Export,
        AuditAction::Backup,
        AuditAction::Restore,
        AuditAction::Verify,
        AuditAction::KeyChange,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Init => "init",
            AuditAction::Login => "login",
            AuditAction::Logout => "logout",
            AuditAction::LoginFailures => "login_failures",
            AuditAction::Read => "read",
            AuditAction::Create => "create",
            AuditAction::Amend => "amend",
            AuditAction::Print => "print",
            AuditAction::Export => "export",
            AuditAction::Backup => "backup",
            AuditAction::Restore => "restore",
            AuditAction::Verify => "verify",
            AuditAction::KeyChange => "key_change",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuditAction::Init => "記録ファイル作成",
            AuditAction::Login => "ログイン",
            AuditAction::Logout => "ログアウト",
            AuditAction::LoginFailures => "ログイン失敗",
            AuditAction::Read => "閲覧",
            AuditAction::Create => "登録",
            AuditAction::Amend => "変更",
            AuditAction::Print => "印刷",
            AuditAction::Export => "出力",
            AuditAction::Backup => "バックアップ",
            AuditAction::Restore => "復元",
            AuditAction::Verify => "検証",
            AuditAction::KeyChange => "鍵の変更",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One audit row before it is chained: who did what to which record, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// Login ID of the actor, or `-` for the system / an unknown user.
    pub actor: String,
    pub action: AuditAction,
    /// What was touched, e.g. `user:yamada`, `users`, `vault`.
    pub target: String,
    /// Free detail (never a 個人番号; never personal data beyond what `target` names).
    pub detail: String,
}

/// The hash that starts the chain (the row before row 1).
pub const GENESIS_HASH: [u8; 32] = [0; 32];

/// A row as stored: the entry, its position and its link to the previous row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub seq: u64,
    pub entry: AuditEntry,
    pub prev_hash: [u8; 32],
    pub hash: [u8; 32],
}

/// Formats the time as stored and hashed: RFC 3339, UTC, microseconds.
pub fn format_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The hash of row `seq`: SHA-256 over the previous hash and every field, each length-prefixed
/// so that no two different rows encode alike.
pub fn chain_hash(prev_hash: &[u8; 32], seq: u64, entry: &AuditEntry) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"kiroku-audit-v1");
    h.update(prev_hash);
    h.update(seq.to_be_bytes());
    for field in [
        format_time(entry.at).as_str(),
        entry.actor.as_str(),
        entry.action.as_str(),
        entry.target.as_str(),
        entry.detail.as_str(),
    ] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    h.finalize().into()
}

/// Links `entry` after the row `(prev_seq, prev_hash)` (or the genesis when `None`).
pub fn link(prev: Option<(u64, [u8; 32])>, entry: AuditEntry) -> AuditRecord {
    let (seq, prev_hash) = match prev {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS_HASH),
    };
    let hash = chain_hash(&prev_hash, seq, &entry);
    AuditRecord {
        seq,
        entry,
        prev_hash,
        hash,
    }
}

/// Why the chain breaks at a row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("監査ログ {seq} 行目: 行番号が連続していません（{expected} 行目があるはずです）。行が削除または挿入されています。")]
    Gap { seq: u64, expected: u64 },
    #[error("監査ログ {seq} 行目: 前の行とのつながり（ハッシュ）が一致しません。前の行が改ざんされています。")]
    BrokenLink { seq: u64 },
    #[error("監査ログ {seq} 行目: 内容とハッシュが一致しません。この行が改ざんされています。")]
    AlteredRow { seq: u64 },
    #[error("監査ログ {seq} 行目: 内容を読み取れません（{reason}）。")]
    Unreadable { seq: u64, reason: String },
}

impl ChainBreak {
    pub fn seq(&self) -> u64 {
        match self {
            ChainBreak::Gap { seq, .. }
            | ChainBreak::BrokenLink { seq }
            | ChainBreak::AlteredRow { seq }
            | ChainBreak::Unreadable { seq, .. } => *seq,
        }
    }
}

/// Walks the chain in order and keeps the running state; `push` each row, then `finish`.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    expected_seq: u64,
    prev_hash: [u8; 32],
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH,
        }
    }
}

impl ChainVerifier {
    /// Checks the next row; the first break found is returned.
    pub fn push(&mut self, row: &AuditRecord) -> Result<(), ChainBreak> {
        if row.seq != self.expected_seq {
            return Err(ChainBreak::Gap {
                seq: row.seq,
                expected: self.expected_seq,
            });
        }
        if row.prev_hash != self.prev_hash {
            return Err(ChainBreak::BrokenLink { seq: row.seq });
        }
        if chain_hash(&row.prev_hash, row.seq, &row.entry) != row.hash {
            return Err(ChainBreak::AlteredRow { seq: row.seq });
        }
        self.expected_seq += 1;
        self.prev_hash = row.hash;
        Ok(())
    }

    /// How many rows were verified.
    pub fn rows(&self) -> u64 {
        self.expected_seq - 1
    }

    /// The hash of the last verified row (the head of the chain).
    pub fn head(&self) -> [u8; 32] {
        self.prev_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn entry(i: u32) -> AuditEntry {
        AuditEntry {
            at: Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap()
                + chrono::Duration::seconds(i.into()),
            actor: "yamada".into(),
            action: AuditAction::Create,
            target: format!("user:u{i}"),
            detail: String::new(),
        }
    }

    fn chain(n: u32) -> Vec<AuditRecord> {
        let mut rows: Vec<AuditRecord> = Vec::new();
        for i in 0..n {
            let prev = rows.last().map(|r| (r.seq, r.hash));
            rows.push(link(prev, entry(i)));
        }
        rows
    }

    fn verify(rows: &[AuditRecord]) -> Result<u64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for r in rows {
            v.push(r)?;
        }
        Ok(v.rows())
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
    }

    #[test]
    fn an_altered_field_names_its_row() {
        let mut rows = chain(5);
        rows[2].entry.detail = "changed".into();
        assert_eq!(verify(&rows), Err(ChainBreak::AlteredRow { seq: 3 }));
    }

    #[test]
    fn a_deleted_row_is_a_gap() {
        let mut rows = chain(5);
        rows.remove(1);
        assert_eq!(
            verify(&rows),
            Err(ChainBreak::Gap {
                seq: 3,
                expected: 2
            })
        );
    }

    #[test]
    fn a_rehashed_row_breaks_the_next_link() {
        let mut rows = chain(5);
        rows[1].entry.actor = "intruder".into();
        rows[1].hash = chain_hash(&rows[1].prev_hash, rows[1].seq, &rows[1].entry);
        assert_eq!(verify(&rows), Err(ChainBreak::BrokenLink { seq: 3 }));
    }

    #[test]
    fn field_boundaries_are_part_of_the_hash() {
        let mut a = entry(0);
        let mut b = entry(0);
        a.actor = "ab".into();
        a.target = "c".into();
        b.actor = "a".into();
        b.target = "bc".into();
        assert_ne!(
            chain_hash(&GENESIS_HASH, 1, &a),
            chain_hash(&GENESIS_HASH, 1, &b)
        );
    }

    proptest! {
        #[test]
        fn any_single_field_change_is_detected(row in 0usize..8, text in "[a-z]{1,8}") {
            let mut rows = chain(8);
            let original = rows[row].entry.target.clone();
            prop_assume!(original != text);
            rows[row].entry.target = text;
            prop_assert_eq!(verify(&rows), Err(ChainBreak::AlteredRow { seq: row as u64 + 1 }));
        }
    }
}
