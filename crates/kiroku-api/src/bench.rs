//! Helpers for `kiroku bench` and the durability test: bulk audit appends on a scratch vault.

use kiroku_core::audit::AuditAction;
use kiroku_store::table::audit;

use crate::{ApiError, Session};

impl Session {
    /// Appends `rows` audit rows, `per_transaction` rows to each committed transaction, and
    /// calls `acknowledged(seq)` after each commit with the last row it made durable.
    pub fn append_bench_rows(
        &mut self,
        rows: u64,
        per_transaction: u64,
        mut acknowledged: impl FnMut(u64),
    ) -> Result<(), ApiError> {
        self.require_writer("ベンチマーク")?;
        let per_transaction = per_transaction.max(1);
        let mut done = 0;
        while done < rows {
            let n = per_transaction.min(rows - done);
            let entries: Vec<_> = (0..n)
                .map(|i| {
                    self.entry(
                        AuditAction::Read,
                        "bench",
                        format!("bench row {}", done + i + 1),
                    )
                })
                .collect();
            let last = self.vault.write(|tx| -> Result<u64, ApiError> {
                let mut seq = 0;
                for e in entries {
                    seq = audit::append(tx, e)?.seq;
                }
                Ok(seq)
            })?;
            acknowledged(last);
            done += n;
        }
        Ok(())
    }
}
