//! The SQLCipher database: opening with the master key, pragmas, transactions, checks.

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::is_corruption;
use crate::key::MasterKey;
use crate::{migrations, StoreError};

/// Told after every committed write transaction (the audit head kept outside the file).
pub trait CommitObserver: Send + std::fmt::Debug {
    fn committed(&mut self, conn: &Connection);
}

/// An open, unlocked vault database.
#[derive(Debug)]
pub struct Vault {
    conn: Connection,
    path: PathBuf,
    observer: Option<Box<dyn CommitObserver>>,
}

/// How long a write waits for another writer before it gives up with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// What `cipher_integrity_check` and `integrity_check` found (empty when all is well).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityReport {
    pub problems: Vec<String>,
}

impl IntegrityReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Whether a connection of this process has been keyed yet (see [`keyed_connection`]).
static SQLCIPHER_ACTIVATED: Mutex<bool> = Mutex::new(false);

fn keyed_connection(
    path: &Path,
    key: &MasterKey,
    flags: OpenFlags,
) -> Result<Connection, StoreError> {
    // The key must be the first statement on the connection.
    let pragma = format!(
        "PRAGMA key = \"{}\";",
        key.sqlcipher_pragma_value().as_str()
    );
    let open_and_key = || -> Result<Connection, StoreError> {
        let conn = Connection::open_with_flags(path, flags)?;
        conn.execute_batch(&pragma)?;
        Ok(conn)
    };
    // SQLCipher initialises itself while SQLite does, on the first connection of the process;
    // a second connection keyed meanwhile fails ("sqlcipher not initialized", then "An error
    // occurred with PRAGMA key or rekey": seen with parallel tests, reproduced with 16 threads
    // creating vaults at once). The first connection is opened and keyed alone.
    let mut activated = SQLCIPHER_ACTIVATED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let conn = if *activated {
        drop(activated);
        open_and_key()?
    } else {
        let conn = open_and_key()?;
        *activated = true;
        conn
    };
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    Ok(conn)
}

/// The rows a check statement reports other than `ok`. A check that cannot even run over the
/// pages (a page too damaged to parse) is itself a finding, not a failure of the check.
fn findings(conn: &Connection, sql: &str) -> Vec<String> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.filter(|r| !matches!(r, Ok(text) if text == "ok"))
            .collect()
    };
    run().unwrap_or_else(|e| vec![format!("{sql}: {e}")])
}

/// Every page's HMAC, read straight from the file (`PRAGMA cipher_integrity_check`).
///
/// SQLCipher reads the file for this without SQLite's locks, so a page that another
/// connection's checkpoint is writing at that moment can be read half old, half new and fail
/// its HMAC (seen under Wine: pages 88–90 while three writers committed). A torn read is gone
/// when the page is read again; a damaged page fails every time. So while a pass finds
/// anything the file is read again, up to [`HMAC_PASSES`] passes, and only what every pass
/// found is reported.
fn page_hmac_findings(conn: &Connection) -> Vec<String> {
    found_in_every_pass(|| findings(conn, "PRAGMA cipher_integrity_check"))
}

/// How often a page check that found something is repeated (see [`page_hmac_findings`]).
const HMAC_PASSES: usize = 3;

fn found_in_every_pass(mut pass: impl FnMut() -> Vec<String>) -> Vec<String> {
    let mut found = pass();
    for _ in 1..HMAC_PASSES {
        if found.is_empty() {
            break;
        }
        let again = pass();
        found.retain(|problem| again.contains(problem));
    }
    found
}

/// Proves the key opens the file before anything is written to it.
fn check_readable(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|_| ())
    .map_err(|e| {
        if is_corruption(&e) {
            StoreError::NotAVault(path.to_owned())
        } else {
            StoreError::from_sqlite(e, Some(path))
        }
    })
}

/// Creates an empty file at `path`, refusing an existing one (even one created concurrently).
fn create_empty(path: &Path) -> Result<(), StoreError> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists(path.to_owned()),
            _ => StoreError::io(path, e),
        })
}

/// WAL with a full sync at every commit; 8 MiB of page cache: SQLCipher decrypts every page it
/// reads, and one 年度's log of a 100,000-event office (13,539 rows) listed again stays under
/// 50 ms with it (46 ms; 54 ms with SQLite's 2 MiB, `kiroku-bench log`). Not more: whatever the
/// cache holds, the desktop app keeps for as long as it stays open (32 MiB cost it ~25 MB).
fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -8192;",
    )?;
    Ok(())
}

/// Refuses to open a vault that cannot be written (every use case writes its audit row), naming
/// what is read-only, before SQLite touches the folder.
fn require_writable(path: &Path) -> Result<(), StoreError> {
    match crate::paths::first_unwritable(path) {
        Some(p) => Err(StoreError::ReadOnly(p)),
        None => Ok(()),
    }
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > migrations::LATEST {
        return Err(StoreError::TooNew {
            found: version,
            supported: migrations::LATEST,
        });
    }
    migrations::all()
        .to_latest(conn)
        .map_err(|e| StoreError::Migration(e.to_string()))
}

impl Vault {
    /// Creates a new vault file at `path` (refusing an existing one) and applies the schema.
    pub fn create(path: &Path, key: &MasterKey) -> Result<Self, StoreError> {
        create_empty(path)?;
        let result = (|| {
            let mut conn = keyed_connection(path, key, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            configure(&conn)?;
            migrate(&mut conn)?;
            Ok(Self {
                conn,
                path: path.to_owned(),
                observer: None,
            })
        })();
        if result.is_err() {
            crate::paths::remove_database(path);
        }
        result
    }

    /// Opens an existing vault with its master key and brings its schema up to date.
    pub fn open(path: &Path, key: &MasterKey) -> Result<Self, StoreError> {
        if !path.is_file() {
            return Err(StoreError::VaultNotFound(path.to_owned()));
        }
        require_writable(path)?;
        let conn = keyed_connection(path, key, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| e.at_vault(path))?;
        check_readable(&conn, path)?;
        // An empty (or emptied) file reads as a database with no schema: never build one in it.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == 0 {
            return Err(StoreError::NotAVault(path.to_owned()));
        }
        let mut vault = Self {
            conn,
            path: path.to_owned(),
            observer: None,
        };
        // A damaged file is never written to: check every page before the first write, because
        // SQLite may rewrite a page it did not need to read and so erase the evidence.
        let report = vault.check_at_open(key);
        if !report.is_ok() {
            return Err(StoreError::Corrupt(report.problems.join("; ")));
        }
        configure(&vault.conn).map_err(|e| e.at_vault(path))?;
        migrate(&mut vault.conn).map_err(|e| e.at_vault(path))?;
        Ok(vault)
    }

    /// Tells `observer` of every commit from now on.
    pub fn observe_commits(&mut self, observer: Box<dyn CommitObserver>) {
        self.observer = Some(observer);
    }

    /// Waits at most `timeout` for another writer (tests shorten it).
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<(), StoreError> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// For reads. Writes go through [`Vault::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction (`BEGIN IMMEDIATE`); commits when it returns `Ok`.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(e, Some(&path)))?;
        let value = f(&tx)?;
        tx.commit()
            .map_err(|e| StoreError::from_sqlite(e, Some(&path)))?;
        if let Some(observer) = &mut self.observer {
            observer.committed(&self.conn);
        }
        Ok(value)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Checks every page: SQLCipher's HMACs (`cipher_integrity_check`), then SQLite's structure
    /// (`integrity_check`).
    pub fn integrity_check(&self) -> Result<IntegrityReport, StoreError> {
        let mut problems = page_hmac_findings(&self.conn);
        problems.extend(findings(&self.conn, "PRAGMA integrity_check"));
        Ok(IntegrityReport { problems })
    }

    /// The check at every open: every page's HMAC and `quick_check` (`integrity_check` without
    /// the indexes' contents). Each of its two checks reads every page,
    /// so the HMACs are checked on a second, read-only connection while this one runs
    /// `quick_check`: on two cores the open waits for the longer of the two, not their sum.
    fn check_at_open(&self, key: &MasterKey) -> IntegrityReport {
        let path = &self.path;
        let (hmacs, structure) = std::thread::scope(|scope| {
            let hmacs = scope.spawn(move || {
                keyed_connection(path, key, OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .map(|conn| page_hmac_findings(&conn))
            });
            let structure = findings(&self.conn, "PRAGMA quick_check");
            (hmacs.join(), structure)
        });
        // Should the second connection not open (or its thread fail), the HMACs are checked
        // here instead: never skipped.
        let mut problems = match hmacs {
            Ok(Ok(found)) => found,
            _ => page_hmac_findings(&self.conn),
        };
        problems.extend(structure);
        IntegrityReport { problems }
    }

    /// Re-encrypts the whole file under `new_key` (key rotation). An encrypted copy is written
    /// beside the file; `before_swap` is told the copy's salt and must make the new key
    /// findable (the key-slot file holds both keys from then on); the copy then replaces the
    /// file in one rename, and the file is opened again with the new key. Until the rename the
    /// old file is untouched, after it the new one is whole: a crash leaves one or the other.
    /// Refused with [`StoreError::Busy`] while another connection has the file open (its
    /// writes would go to the replaced file).
    pub fn reencrypt(
        &mut self,
        new_key: &MasterKey,
        before_swap: impl FnOnce(&str) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // Leaving WAL needs every other connection closed: the proof that nobody else has it.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|e| StoreError::from_sqlite(e, Some(&self.path)))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::Busy);
        }
        let back_to_wal = |conn: &Connection| {
            let _ = conn.execute_batch("PRAGMA journal_mode = WAL;");
        };
        let copy = match crate::temp_file::TempFile::beside(&self.path, "rekey") {
            Ok(c) => c,
            Err(e) => {
                back_to_wal(&self.conn);
                return Err(e);
            }
        };
        let prepared = self.export_copy(copy.path(), new_key).and_then(|()| {
            let salt = crate::slots::database_salt(copy.path()).ok_or_else(|| {
                StoreError::io(copy.path(), std::io::Error::other("salt unreadable"))
            })?;
            before_swap(&salt)
        });
        if let Err(e) = prepared {
            back_to_wal(&self.conn);
            return Err(e);
        }
        // Close this connection before the rename (Windows cannot rename over an open file).
        let closed = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        drop(closed);
        copy.rename_to(&self.path)?;
        let reopened = Vault::open(&self.path, new_key)?;
        self.conn = reopened.conn;
        Ok(())
    }

    /// Writes a consistent, encrypted copy of the database under `key` to `dest`, a new file.
    pub fn export_copy(&self, dest: &Path, key: &MasterKey) -> Result<(), StoreError> {
        // The connection may not create files: make the empty destination first (never over
        // an existing file).
        create_empty(dest)?;
        let dest_text = dest
            .to_str()
            .ok_or_else(|| StoreError::io(dest, std::io::Error::other("path is not UTF-8")))?;
        self.conn.execute(
            &format!(
                "ATTACH DATABASE ?1 AS backup_copy KEY \"{}\"",
                key.sqlcipher_pragma_value().as_str()
            ),
            [dest_text],
        )?;
        let exported = (|| -> Result<(), StoreError> {
            self.conn
                .query_row("SELECT sqlcipher_export('backup_copy')", [], |_| Ok(()))?;
            let version = self.schema_version()?;
            self.conn
                .execute_batch(&format!("PRAGMA backup_copy.user_version = {version};"))?;
            Ok(())
        })();
        self.conn.execute_batch("DETACH DATABASE backup_copy;")?;
        exported
    }
}

#[cfg(test)]
mod tests {
    use super::found_in_every_pass;

    fn passes<'a>(found: &'a [&'a [&'a str]]) -> impl FnMut() -> Vec<String> + 'a {
        let mut next = found.iter();
        move || {
            next.next()
                .map(|pass| pass.iter().map(|p| p.to_string()).collect())
                .unwrap_or_default()
        }
    }

    #[test]
    fn a_torn_read_that_the_next_pass_does_not_repeat_is_not_reported() {
        let torn = &[
            "HMAC verification failed for page 88",
            "HMAC verification failed for page 89",
        ];
        assert!(found_in_every_pass(passes(&[torn, &[]])).is_empty());
    }

    #[test]
    fn a_page_that_fails_every_pass_is_reported_once() {
        let damaged = "HMAC verification failed for page 7";
        let found = found_in_every_pass(passes(&[
            &[damaged, "HMAC verification failed for page 88"],
            &[damaged, "HMAC verification failed for page 90"],
            &[damaged],
        ]));
        assert_eq!(found, vec![damaged.to_string()]);
    }

    #[test]
    fn a_clean_first_pass_reads_the_file_once() {
        let mut reads = 0;
        let found = found_in_every_pass(|| {
            reads += 1;
            Vec::new()
        });
        assert!(found.is_empty());
        assert_eq!(reads, 1);
    }
}
