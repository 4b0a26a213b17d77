//! Content published as numbered releases: request topics, document templates, knowledge-
//! base articles. A release is the content's canonical text and its SHA-256; publishing the
//! same content again is no new release (it answers the number it already has, even an older
//! one's: going back to a former text is going back to its release, never a duplicate), and
//! a new content is the next number of its item. Each kind keeps its releases in its own
//! table of the same core shape (`<item column>, number, content_hash, content, created_at,
//! created_by`, unique on item and number and on item and hash), plus any columns of its own.

use sha2::{Digest, Sha256};

use crate::db::{millis, Tx};
use crate::{Kernel, Result};

/// Where one kind of release is kept.
#[derive(Debug, Clone, Copy)]
pub struct Releases {
    pub table: &'static str,
    /// The column naming the item (`topic_id`, `template_id`, `article_id`).
    pub item: &'static str,
}

/// The SHA-256 of a content, in hex.
pub fn content_hash(content: &str) -> String {
    hex::encode(Sha256::digest(content.as_bytes()))
}

impl Releases {
    /// Publishes `content` as a release of `item` (with `extra` columns of the kind's own);
    /// returns `(number, new)`.
    pub async fn publish(
        &self,
        k: &Kernel,
        item: &str,
        content: &str,
        extra: &[(&'static str, String)],
        actor: &str,
    ) -> Result<(i64, bool)> {
        let hash = content_hash(content);
        let mut tx = k.db.begin().await?;
        let (number, new) = self
            .publish_in(k, &mut tx, item, content, &hash, extra, actor)
            .await?;
        tx.commit().await?;
        Ok((number, new))
    }

    #[allow(clippy::too_many_arguments)]
    async fn publish_in(
        &self,
        k: &Kernel,
        tx: &mut Tx,
        item: &str,
        content: &str,
        hash: &str,
        extra: &[(&'static str, String)],
        actor: &str,
    ) -> Result<(i64, bool)> {
        let (table, column) = (self.table, self.item);
        let known: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT number FROM {table} WHERE {column} = $1 AND content_hash = $2"
        ))
        .bind(item)
        .bind(hash)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(number) = known {
            return Ok((number, false));
        }
        let number: i64 = sqlx::query_scalar(&format!(
            "SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM {table} WHERE {column} = $1"
        ))
        .bind(item)
        .fetch_one(&mut **tx)
        .await?;
        let names: String = extra.iter().map(|(c, _)| format!(", {c}")).collect();
        let marks: String = (0..extra.len()).map(|i| format!(", ${}", i + 7)).collect();
        let sql = format!(
            "INSERT INTO {table} ({column}, number, content_hash, content, created_at, created_by{names}) \
             VALUES ($1, $2, $3, $4, $5, $6{marks})"
        );
        let mut q = sqlx::query(&sql)
            .bind(item)
            .bind(number)
            .bind(hash)
            .bind(content)
            .bind(millis(k.now()))
            .bind(actor);
        for (_, v) in extra {
            q = q.bind(v);
        }
        q.execute(&mut **tx).await?;
        Ok((number, true))
    }
}
