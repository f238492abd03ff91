//! Rollback detection: the vault's audit chain against the head recorded outside it (in the
//! key-slot file after every commit, in the OS credential store at login and logout).

use crate::{ApiError, Env};
use kiroku_store::head::{self, AuditHead, HeadCheck};
use kiroku_store::slots::KeySlots;
use kiroku_store::{MasterKey, Vault};
use std::path::Path;

/// A vault file older than (or diverging from) the head recorded outside it.
#[derive(Debug, Clone)]
pub(crate) struct Rollback {
    /// Where the newer head was found.
    source: &'static str,
    check: HeadCheck,
}

impl Rollback {
    fn what(&self) -> String {
        match self.check {
            HeadCheck::Behind { recorded, found } => format!(
                "監査ログが {found} 行目までしかありません（{} には {recorded} 行目まで記録されています）",
                self.source
            ),
            HeadCheck::Forked { seq } => format!(
                "監査ログの {seq} 行目が {} の控えと違います",
                self.source
            ),
            HeadCheck::InStep => String::new(),
        }
    }

    /// Why the login is refused, and what to do.
    pub fn refusal(&self, vault: &Path) -> String {
        format!(
            "記録ファイル {} は、最後に使われたときより古い状態です: {}。古いコピーで置き換えられた可能性があり、その後の記録が失われています。最新の記録ファイルを元の場所に戻してください。古いファイルのまま使うことを事務取扱責任者が確認した場合は、責任者が「古い記録ファイルを使う」を選んでログインしてください（kiroku --accept-older-vault）。",
            vault.display(),
            self.what()
        )
    }

    pub fn accepted_warning(&self) -> String {
        format!(
            "古い記録ファイルを使っています: {}。その後の記録は失われています。監査ログに記録しました。",
            self.what()
        )
    }

    pub fn accepted_detail(&self) -> String {
        format!("古い記録ファイルの使用を承認: {}", self.what())
    }
}

fn compare(
    vault: &Vault,
    source: &'static str,
    recorded: Option<AuditHead>,
) -> Result<Option<Rollback>, ApiError> {
    let Some(recorded) = recorded else {
        return Ok(None);
    };
    Ok(match head::check(vault.conn(), &recorded)? {
        HeadCheck::InStep => None,
        check => Some(Rollback { source, check }),
    })
}

/// Compares the chain with the heads recorded in the key-slot file and in the OS credential
/// store. A head sealed under another key generation cannot be read and is skipped; one that
/// does not open under this generation's key was altered, which is itself a finding.
pub(crate) fn check_at_login(
    env: &Env,
    vault: &Vault,
    keys: &KeySlots,
    generation: u64,
    key: &MasterKey,
) -> Result<Option<Rollback>, ApiError> {
    let in_keys = match &keys.head {
        Some(sealed) if sealed.generation == generation => {
            Some(sealed.open(&keys.vault_id, key).map_err(ApiError::from)?)
        }
        _ => None,
    };
    if let Some(found) = compare(vault, "鍵ファイル", in_keys)? {
        return Ok(Some(found));
    }
    let in_os = head::recalled_from_os(&env.credentials, &keys.vault_id)
        .filter(|s| s.generation == generation)
        .and_then(|s| s.open(&keys.vault_id, key).ok());
    compare(vault, "OS の資格情報ストア", in_os)
}

/// Seals the chain's head into `keys` (the caller saves them) and the OS credential store.
pub(crate) fn record_everywhere(
    env: &Env,
    vault: &Vault,
    keys: &mut KeySlots,
    generation: u64,
    key: &MasterKey,
) -> Result<(), ApiError> {
    if let Some(head) = AuditHead::of(vault.conn())? {
        let sealed = head.seal(&keys.vault_id, generation, key)?;
        head::remember_in_os(&env.credentials, &keys.vault_id, &sealed);
        keys.head = Some(sealed);
    }
    Ok(())
}
