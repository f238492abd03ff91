//! Helpers for `kiroku-bench` (with the durability test) and the CLI's tests: bulk audit appends
//! on a scratch vault. Only built with the `bench` feature, never into the product.

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

impl Session {
    /// Adds `count` documents to 台帳 NO. `file` in one transaction (for `kiroku-bench
    /// retention`): rules cycle through the catalog, base dates spread over the last
    /// `spread_days` days, a third of them for one person (`person`), the rest batches.
    pub fn add_bench_documents(
        &mut self,
        file: i64,
        person: i64,
        count: u32,
        spread_days: u32,
    ) -> Result<(), ApiError> {
        self.require_writer("ベンチマーク")?;
        let rules: Vec<i64> = kiroku_store::table::retention_rules::list(self.vault.conn())?
            .iter()
            .map(|r| r.id)
            .collect();
        if rules.is_empty() {
            return Err(ApiError::NotFound("保存期間のルールがありません。".into()));
        }
        let today = self.today();
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            for i in 0..count {
                let doc = kiroku_store::table::documents::NewDocument {
                    name: format!("測定用の保存文書 {i}"),
                    ledger_no: file,
                    rule_id: rules[i as usize % rules.len()],
                    base_date: today - chrono::Duration::days(i64::from(i % spread_days.max(1))),
                    person_id: (i % 3 == 0).then_some(person),
                    batch_count: (i % 3 != 0).then_some(1 + i % 60),
                };
                kiroku_store::table::documents::insert(tx, &doc, stamp.at, &stamp.actor)?;
            }
            audit::append(
                tx,
                stamp.entry(AuditAction::Create, "documents", format!("bench {count}")),
            )?;
            Ok(())
        })
    }
}
