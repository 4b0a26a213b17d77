//! Chunks of an import on their way to the database.
//!
//! The next chunk is read and sealed while earlier ones are written, each in a task of its
//! own. On PostgreSQL two chunks are written at once over two connections: a single writer
//! leaves the import waiting on one database backend while the machine's other core idles.
//! A row whose person is in a chunk still being written is held back for a later chunk, so
//! the duplicate check of every chunk finds each earlier row of the same person committed
//! (two transactions cannot see each other's new people). SQLite has one writer, so one
//! chunk is written at a time there.

use std::collections::{HashSet, VecDeque};

use kernel::Kernel;
use tokio::task::JoinHandle;

use crate::error::{CasesError, Result};
use crate::import::ImportReport;
use crate::import_bulk::{flush, identity, seal_chunk, Identity, Line};

/// A chunk being written and the people it holds.
type Writing = (JoinHandle<Result<ImportReport>>, HashSet<Identity>);

pub(crate) struct Pipeline {
    writing: VecDeque<Writing>,
    held: Vec<Line>,
    writers: usize,
    chunks: u64,
}

impl Pipeline {
    pub(crate) fn new(k: &Kernel) -> Self {
        Pipeline {
            writing: VecDeque::new(),
            held: Vec::new(),
            writers: match k.db.backend() {
                kernel::db::Backend::Postgres => 2,
                kernel::db::Backend::Sqlite => 1,
            },
            chunks: 0,
        }
    }

    /// Seals `rows` (with any held back before them), waits for a writer to be free, then
    /// starts writing them.
    pub(crate) async fn send(
        &mut self,
        k: &Kernel,
        rows: Vec<Line>,
        actor: &str,
        report: &mut ImportReport,
    ) -> Result<()> {
        let mut rows = rows;
        if !self.held.is_empty() {
            let mut held = std::mem::take(&mut self.held);
            held.append(&mut rows);
            rows = held;
        }
        // Held back against every chunk in flight now: at least those still in flight when
        // this one starts.
        let (go, held): (Vec<Line>, Vec<Line>) = rows.into_iter().partition(|r| {
            identity(&r.person)
                .is_none_or(|id| !self.writing.iter().any(|(_, ids)| ids.contains(&id)))
        });
        self.held = held;
        if go.is_empty() {
            return Ok(());
        }
        let ids: HashSet<Identity> = go.iter().filter_map(|r| identity(&r.person)).collect();
        let chunk = seal_chunk(k, go).await?;
        while self.writing.len() >= self.writers {
            self.wait_one(k, report).await?;
        }
        let writer = tokio::spawn(flush(k.clone(), chunk, actor.to_string()));
        self.writing.push_back((writer, ids));
        Ok(())
    }

    /// Writes everything still held back and waits for every chunk.
    pub(crate) async fn finish(
        &mut self,
        k: &Kernel,
        actor: &str,
        report: &mut ImportReport,
    ) -> Result<()> {
        loop {
            while !self.writing.is_empty() {
                self.wait_one(k, report).await?;
            }
            if self.held.is_empty() {
                return Ok(());
            }
            self.send(k, Vec::new(), actor, report).await?;
        }
    }

    /// Waits for the oldest chunk being written and adds its report.
    async fn wait_one(&mut self, k: &Kernel, report: &mut ImportReport) -> Result<()> {
        let Some((w, _)) = self.writing.pop_front() else {
            return Ok(());
        };
        report.absorb(
            w.await
                .map_err(|e| CasesError::Internal(format!("writing stopped: {e}")))??,
        );
        self.chunks += 1;
        if self.chunks.is_power_of_two() && self.chunks.trailing_zeros() % 2 == 0 {
            refresh_statistics(k).await?;
        }
        Ok(())
    }
}

/// On PostgreSQL, fresh statistics of the tables an import reads while it grows them, after
/// its 1st, 4th, 16th, 64th... chunk: a large import outgrows the statistics faster than
/// autovacuum follows, and a plan made for a table of a few rows (a scan) would be run on
/// millions.
async fn refresh_statistics(k: &Kernel) -> Result<()> {
    if k.db.backend() == kernel::db::Backend::Postgres {
        sqlx::query("ANALYZE people, token_index")
            .execute(k.db.pool())
            .await?;
    }
    Ok(())
}
