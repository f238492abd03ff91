//! Keeping the audit head in the key-slot file current: an observer of every commit.

use rusqlite::Connection;
use std::path::PathBuf;

use crate::head::AuditHead;
use crate::key::MasterKey;
use crate::key_file_lock::KeyFileLock;
use crate::vault::CommitObserver;
use crate::StoreError;

/// Keeps the sealed head in the key-slot file up to date after every commit.
#[derive(Debug)]
pub struct HeadKeeper {
    vault: PathBuf,
    vault_id: String,
    generation: u64,
    key: MasterKey,
}

impl HeadKeeper {
    pub fn new(vault: PathBuf, vault_id: String, generation: u64, key: MasterKey) -> Self {
        Self {
            vault,
            vault_id,
            generation,
            key,
        }
    }

    /// Writes the chain's head into the key-slot file when it is newer than the one there.
    pub fn record(&self, conn: &Connection) -> Result<(), StoreError> {
        let Some(head) = AuditHead::of(conn)? else {
            return Ok(());
        };
        let lock = KeyFileLock::acquire(&self.vault)?;
        let mut keys = lock.load()?;
        if keys.generation != self.generation {
            // The key was rotated meanwhile: this session's key no longer opens the vault.
            return Ok(());
        }
        if let Some(stored) = &keys.head {
            if let Ok(stored) = stored.open(&self.vault_id, &self.key) {
                if stored.seq >= head.seq {
                    return Ok(());
                }
            }
        }
        keys.head = Some(head.seal(&self.vault_id, self.generation, &self.key)?);
        lock.save(&keys)
    }
}

impl CommitObserver for HeadKeeper {
    fn committed(&mut self, conn: &Connection) {
        // Best effort: the data is committed whatever happens here. A head left behind is
        // caught up at the next commit; the vault ahead of its recorded head is allowed.
        let _ = self.record(conn);
    }
}
