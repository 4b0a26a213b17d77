//! Storage: one SQL text where the dialects agree, a backend-specific function where they do
//! not.
//!
//! Queries are written at run time through sqlx's `Any` driver with `$1`-style placeholders,
//! which both SQLite and PostgreSQL accept. sqlx's compile-time macros cannot check one query
//! against two backends (sqlx issues 916 and 964), so instead every test runs against both
//! backends and a test compares the two migrated schemas column by column. Where the dialects
//! differ (bulk loading, claiming work with `SKIP LOCKED`, `LISTEN/NOTIFY`) the code asks
//! [`Db::backend`] and says why next to the branch (a `match` on [`Backend`], or the
//! [`Db::skip_locked`] fragment).
//!
//! The helpers below replace what was once hand-rolled in every crate: [`placeholders`] for
//! IN-lists (sqlx's `QueryBuilder` with the `Any` driver emits `?`, which PostgreSQL rejects:
//! sqlx issue 3000), [`Db::skip_locked`], and [`json_column`], which reads a stored JSON
//! document and fails loudly when it does not parse instead of falling back to a default.
//!
//! Values crossing the boundary are the types both backends share: `i64` (`BIGINT`), `String`
//! (`TEXT`), `Vec<u8>` (`BLOB`/`BYTEA`), `bool` and `f64`. Times are Unix milliseconds in
//! `BIGINT` columns, which compare and index the same on both.
//!
//! SQLite allows one writer at a time. Write transactions therefore go through a pool of one
//! connection ([`Db::begin`]) so that writers queue in the process instead of failing with
//! `SQLITE_BUSY` when a deferred transaction upgrades; reads use the wider pool. On PostgreSQL
//! both are the same pool.

use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, Once, OnceLock};
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// ` FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent claimers pass over each other's
    /// rows; nothing on SQLite, where the one writer connection already serialises claims.
    pub fn skip_locked(self) -> &'static str {
        match self {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        }
    }
}

/// The database handle shared by every service.
#[derive(Debug, Clone)]
pub struct Db {
    backend: Backend,
    pool: AnyPool,
    writer: AnyPool,
    /// The audit chain's keys, set once the data keys are loaded ([`Db::set_audit_keys`]);
    /// shared by every clone so that every append can key its row.
    audit_keys: Arc<OnceLock<Arc<crate::audit::chain::ChainKeys>>>,
}

pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

static DRIVERS: Once = Once::new();

impl Db {
    /// Connects to `url` (`sqlite://PATH` or `postgres://...`).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(Error::Config(
                "database_url must start with sqlite:// or postgres://".into(),
            ));
        };
        match backend {
            Backend::Sqlite => {
                let path = url
                    .trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:");
                let path = path.split('?').next().unwrap_or(path);
                if let Some(parent) = Path::new(path).parent() {
                    crate::private_fs::private_dir(parent)?;
                }
                if !path.is_empty() && !path.starts_with(':') {
                    crate::private_fs::private_file(Path::new(path))?;
                }
                let url = if url.contains('?') {
                    url.to_string()
                } else {
                    format!("{url}?mode=rwc")
                };
                let options = AnyConnectOptions::from_str(&url)?;
                let pool = sqlite_pool(max_connections.max(2), READER_CACHE_KIB)
                    .connect_with(options.clone())
                    .await?;
                let writer = sqlite_pool(1, WRITER_CACHE_KIB)
                    .connect_with(options)
                    .await?;
                Ok(Self {
                    backend,
                    pool,
                    writer,
                    audit_keys: Arc::default(),
                })
            }
            Backend::Postgres => {
                let options = AnyConnectOptions::from_str(url)?;
                let pool = AnyPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // Statements keep PostgreSQL's default plan caching: sqlx prepares
                            // them, and after five runs a lookup is served by its generic plan,
                            // planned once (planning every run with the values made an inbound
                            // lookup five times dearer, 6,131 against 32,077 a second). The
                            // claim, whose generic plan would sort the whole queue, plans with
                            // its values inside its own transaction (`campaigns::claim_batch`).
                            //
                            // Every statement here is a short lookup or a chunk's write; a
                            // plan whose estimate passes JIT's threshold (a name crowd, a
                            // chunk of two thousand identifiers) spent tens to hundreds of
                            // milliseconds compiling code for a few milliseconds of work.
                            conn.execute("SET jit = off").await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?;
                Ok(Self {
                    backend,
                    writer: pool.clone(),
                    pool,
                    audit_keys: Arc::default(),
                })
            }
        }
    }

    /// Installs the audit chain's keys; the first call wins (they derive from one root).
    pub fn set_audit_keys(&self, keys: crate::audit::chain::ChainKeys) {
        let _ = self.audit_keys.set(Arc::new(keys));
    }

    /// The audit chain's keys; an error before [`Db::set_audit_keys`], so that no row is ever
    /// appended unkeyed.
    pub fn audit_keys(&self) -> Result<Arc<crate::audit::chain::ChainKeys>> {
        self.audit_keys
            .get()
            .cloned()
            .ok_or_else(|| Error::Crypto("the audit chain's key is not loaded".into()))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// See [`Backend::skip_locked`].
    pub fn skip_locked(&self) -> &'static str {
        self.backend.skip_locked()
    }

    /// The pool for reads (and single-statement writes on PostgreSQL).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The pool every write goes through (one connection on SQLite, see the module docs).
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(self.writer.begin().await?)
    }

    /// Applies the migrations of this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => {
                // SQLite changes a CHECK only by rebuilding the table, and dropping a parent
                // table with foreign keys on would cascade into its children. So migrations run
                // on one connection with foreign keys off (SQLite's documented procedure; the
                // pragma is ignored inside a transaction, hence here), then every reference
                // is checked before the keys are switched back on.
                let mut conn = self.writer.acquire().await?;
                sqlx::query("PRAGMA foreign_keys = OFF")
                    .execute(&mut *conn)
                    .await?;
                let ran = sqlx::migrate!("../../migrations/sqlite")
                    .run(&mut *conn)
                    .await;
                let dangling = sqlx::query("PRAGMA foreign_key_check")
                    .fetch_all(&mut *conn)
                    .await;
                sqlx::query("PRAGMA foreign_keys = ON")
                    .execute(&mut *conn)
                    .await?;
                ran?;
                if !dangling?.is_empty() {
                    return Err(Error::Internal(
                        "migrations left rows whose foreign keys point nowhere".into(),
                    ));
                }
            }
            Backend::Postgres => {
                sqlx::migrate!("../../migrations/postgres")
                    .run(&self.writer)
                    .await?
            }
        }
        Ok(())
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Every column of every application table and view as `(table, column, nullable)`,
    /// sorted, so the two backends' schemas can be compared.
    pub async fn schema(&self) -> Result<Vec<(String, String, bool)>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT m.name AS t, p.name AS c, CAST(p.\"notnull\" = 0 AS BIGINT) AS n \
                 FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'"
            }
            Backend::Postgres => {
                "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c, \
                 CAST(CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS BIGINT) AS n \
                 FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'"
            }
        };
        let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
        let mut out = rows
            .iter()
            .map(|r| {
                Ok((
                    r.try_get::<String, _>("t")?,
                    r.try_get::<String, _>("c")?,
                    r.try_get::<i64, _>("n")? == 1,
                ))
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        out.sort();
        Ok(out)
    }

    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }
}

/// SQLite's page cache per reading connection (its default, 2 MiB).
const READER_CACHE_KIB: i64 = 2_000;
/// The one writing connection's page cache: a mailbox read or an import writes a few MiB in
/// one transaction, and a transaction larger than the cache spills pages into the WAL
/// before it commits, writing them again when they change.
const WRITER_CACHE_KIB: i64 = 32 * 1024;

fn sqlite_pool(max: u32, cache_kib: i64) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                // WAL lets readers run beside the writer; the busy timeout covers other
                // processes (the CLI) writing at the same time; foreign keys are off by
                // default in SQLite. Secure delete overwrites freed content, so an erased
                // person's destroyed key does not linger in free pages of the file.
                conn.execute("PRAGMA journal_mode = WAL").await?;
                conn.execute("PRAGMA secure_delete = ON").await?;
                conn.execute("PRAGMA busy_timeout = 10000").await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA synchronous = FULL").await?;
                // A multi-row statement keeps a journal of its own (to undo just itself
                // when a row fails): in memory, not in a temporary file written per batch.
                conn.execute("PRAGMA temp_store = MEMORY").await?;
                conn.execute(&*format!("PRAGMA cache_size = -{cache_kib}"))
                    .await?;
                Ok(())
            })
        })
}

/// Milliseconds since the Unix epoch, the storage form of every time.
pub fn millis(t: chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp_millis()
}

/// The inverse of [`millis`].
pub fn from_millis(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// `$first, $first+1, ...` for `n` values: the placeholders of an IN-list whose values are
/// bound after `first - 1` others.
pub fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the JSON document in `column` of `row` as `T`. A document that no longer parses is
/// an internal error naming the column, never a silent default: a corrupt policy or call
/// path must be noticed, not replaced.
pub fn json_column<T: serde::de::DeserializeOwned>(
    row: &sqlx::any::AnyRow,
    column: &str,
) -> Result<T> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text)
        .map_err(|e| Error::Internal(format!("stored {column} does not parse: {e}")))
}

/// `value` as JSON text for a column. Serialising our own types cannot fail in practice; if
/// it ever does, the write fails instead of storing an empty document.
pub fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(format!("cannot serialise: {e}")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_from_first() {
        assert_eq!(super::placeholders(3, 3), "$3, $4, $5");
        assert_eq!(super::placeholders(1, 0), "");
    }
}
