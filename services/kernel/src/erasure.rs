//! Erasing a person: what every service does in the erasing transaction, and the journal that
//! keeps erasures outside the database.
//!
//! The `cases` service erases the person (destroys their key, empties their columns, deletes
//! their tokens) and then runs every registered [`Hook`] in the same transaction, so each
//! service clears its own rows about them without reading another's tables.
//!
//! A backup restored from before an erasure would bring the person back. So each erasure is
//! also appended to `erasures.jsonl` in `audit.checkpoint_dir`, durably, before the erasing
//! transaction commits, numbered by the `erasure_head` counter that the same transaction
//! moves. A node whose database counts fewer erasures than the journal refuses to start
//! until `tracecall restore` has re-applied the missing ones. (An entry whose transaction
//! then failed is re-applied too: the erasure was asked for.)

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use crate::error::{Error, Result};

/// The person being erased, as the hooks see them.
#[derive(Debug, Clone)]
pub struct Erased {
    pub person_id: String,
    /// Their cases' ids.
    pub case_ids: Vec<String>,
    /// Blind-index tokens of their phone number (to find calls from it).
    pub phone_tokens: Vec<i64>,
    /// When (Unix milliseconds).
    pub at: i64,
}

/// A service's part of an erasure, run inside the erasing transaction; returns rows changed.
pub type Hook = for<'c> fn(
    &'c mut AnyConnection,
    Arc<Erased>,
    crate::db::Backend,
) -> BoxFuture<'c, Result<u64>>;

/// The hooks registered at start.
#[derive(Clone, Default)]
pub struct Hooks(Arc<RwLock<Vec<(&'static str, Hook)>>>);

impl std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self
            .0
            .read()
            .map(|v| v.iter().map(|(n, _)| *n).collect())
            .unwrap_or_default();
        write!(f, "Hooks({names:?})")
    }
}

impl Hooks {
    pub fn register(&self, name: &'static str, hook: Hook) {
        if let Ok(mut v) = self.0.write() {
            if !v.iter().any(|(n, _)| *n == name) {
                v.push((name, hook));
            }
        }
    }

    /// Runs every hook in the caller's transaction.
    pub async fn run(
        &self,
        conn: &mut AnyConnection,
        erased: Arc<Erased>,
        backend: crate::db::Backend,
    ) -> Result<u64> {
        let hooks: Vec<Hook> = self
            .0
            .read()
            .map(|v| v.iter().map(|(_, h)| *h).collect())
            .map_err(|_| Error::Internal("erasure hooks poisoned".into()))?;
        let mut changed = 0;
        for hook in hooks {
            changed += hook(&mut *conn, erased.clone(), backend).await?;
        }
        Ok(changed)
    }
}

/// Why a person was erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// An erasure request (GDPR art. 17), by the DPO.
    Request,
    /// None of their cases is kept any longer.
    Retention,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Request => "request",
            Reason::Retention => "retention",
        }
    }
}

/// One line of the journal.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// The `erasure_head` count this erasure made.
    pub n: i64,
    pub person: String,
    /// Unix milliseconds.
    pub at: i64,
    pub reason: Reason,
}

/// The journal file in `dir`.
pub fn journal_path(dir: &Path) -> PathBuf {
    dir.join("erasures.jsonl")
}

/// Moves the database's erasure count on by one (locking it until commit, so journal lines are
/// written in count order) and appends the entry to the journal before returning.
pub async fn journal(
    conn: &mut AnyConnection,
    dir: &Path,
    person: &str,
    at: i64,
    reason: Reason,
) -> Result<Entry> {
    let n: i64 =
        sqlx::query("UPDATE erasure_head SET entries = entries + 1 WHERE id = 1 RETURNING entries")
            .fetch_one(&mut *conn)
            .await?
            .try_get("entries")?;
    let entry = Entry {
        n,
        person: person.to_string(),
        at,
        reason,
    };
    crate::private_fs::private_dir(dir)?;
    let line = serde_json::to_string(&entry).map_err(|e| Error::Internal(e.to_string()))?;
    crate::private_fs::append_line_durably(&journal_path(dir), &line)?;
    Ok(entry)
}

/// Every entry of the journal, in file order. A line that does not parse is an error naming
/// it (`path:line`): the journal is evidence and is never skipped over.
pub fn read_journal(dir: &Path) -> Result<Vec<Entry>> {
    let path = journal_path(dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Internal(format!("{}: {e}", path.display()))),
    };
    let mut out = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match serde_json::from_str(line) {
            Ok(entry) => out.push(entry),
            // A line cut short by a crash mid-write: its erasure never committed.
            Err(e) if e.is_eof() => {
                tracing::warn!(path = %path.display(), line = i + 1, "erasure journal: incomplete line skipped");
            }
            Err(e) => {
                return Err(Error::Internal(format!(
                    "{}:{}:{}: not an erasure entry: {e}",
                    path.display(),
                    i + 1,
                    e.column()
                )))
            }
        }
    }
    Ok(out)
}

/// The journal's last entry, reading only the end of the file (it grows with every
/// retention erasure; a node reads it at each start).
pub fn last_entry(dir: &Path) -> Result<Option<Entry>> {
    use std::io::{Read, Seek, SeekFrom};
    let path = journal_path(dir);
    let io = |e: std::io::Error| Error::Internal(format!("{}: {e}", path.display()));
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    let len = file.metadata().map_err(io)?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(4096)))
        .map_err(io)?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail).map_err(io)?;
    let tail = String::from_utf8_lossy(&tail);
    // A last line cut short by a crash (no newline yet) is not an entry: its erasure never
    // committed, since the line is written whole and flushed before the commit.
    let complete = match tail.rfind('\n') {
        Some(end) => &tail[..end],
        None => "",
    };
    match complete.lines().rev().find(|l| !l.trim().is_empty()) {
        None => Ok(None),
        Some(line) => serde_json::from_str(line).map(Some).map_err(|e| {
            Error::Internal(format!(
                "{}: last line: not an erasure entry: {e}",
                path.display()
            ))
        }),
    }
}

/// How many erasures the database has seen.
pub async fn count(db: &crate::db::Db) -> Result<i64> {
    Ok(sqlx::query("SELECT entries FROM erasure_head WHERE id = 1")
        .fetch_one(db.pool())
        .await?
        .try_get("entries")?)
}

/// Sets the database's count after a restore re-applied the journal.
pub async fn set_count(conn: &mut AnyConnection, n: i64) -> Result<()> {
    sqlx::query("UPDATE erasure_head SET entries = $1 WHERE id = 1 AND entries < $1")
        .bind(n)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Refuses a database that has seen fewer erasures than the journal: it was restored from a
/// backup taken before them, and serving it would bring erased people back.
pub async fn check_not_behind(db: &crate::db::Db, dir: &Path) -> Result<()> {
    let Some(last) = last_entry(dir)?.map(|e| e.n) else {
        return Ok(());
    };
    let seen = count(db).await?;
    if seen < last {
        return Err(Error::Config(format!(
            "the database has seen {seen} erasures but the journal {} lists {last}: it was \
             restored from before some of them (or an erasure stopped before it committed); \
             run `tracecall restore` to apply them before serving",
            journal_path(dir).display()
        )));
    }
    Ok(())
}
