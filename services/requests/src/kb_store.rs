//! The knowledge base in the database: each article published as releases (the same content
//! again is no new release), the latest of each read for search, and "did this answer your
//! question?" counted per article, language and day, without anyone's identity.

use kernel::Kernel;
use sqlx::Row;

use crate::error::{RequestsError, Result};
use crate::kb::{Article, Audience};

/// Where articles' releases are kept.
pub const RELEASES: kernel::releases::Releases = kernel::releases::Releases {
    table: "kb_releases",
    item: "article_id",
};

/// Publishes every clean article of `dir` (checked against the published topics); the
/// problems, and `(article, number, new)` each.
pub async fn publish_dir(
    k: &Kernel,
    dir: &std::path::Path,
    actor: &str,
) -> Result<(Vec<scripting::lint::Diagnostic>, Vec<(String, i64, bool)>)> {
    let topics: Vec<String> = crate::store::topics(k)
        .await?
        .into_iter()
        .map(|t| t.topic.id)
        .collect();
    let (articles, diags) = crate::kb::lint_dir(dir, Some(&topics));
    let mut done = Vec::new();
    for a in articles {
        let content =
            serde_json::to_string(&a).map_err(|e| RequestsError::Internal(e.to_string()))?;
        let (number, new) = RELEASES.publish(k, &a.id, &content, &[], actor).await?;
        done.push((a.id, number, new));
    }
    Ok((diags, done))
}

/// The latest release of every article, by id; staff-only ones only when `staff`.
pub async fn articles(k: &Kernel, staff: bool) -> Result<Vec<Article>> {
    let rows = sqlx::query(
        "SELECT content FROM kb_releases r WHERE number = \
           (SELECT MAX(number) FROM kb_releases l WHERE l.article_id = r.article_id) ORDER BY article_id",
    )
    .fetch_all(k.db.pool())
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let a: Article = serde_json::from_str(&r.try_get::<String, _>("content")?)
            .map_err(|e| RequestsError::Internal(format!("article release: {e}")))?;
        if staff || a.audience == Audience::Public {
            out.push(a);
        }
    }
    Ok(out)
}

/// A search hit.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The article's page, in the asked language.
    pub url: String,
}

/// The five articles that answer `query` best in `lang` (topic `topic`'s first on a tie).
pub async fn search(
    k: &Kernel,
    query: &str,
    lang: &str,
    topic: Option<&str>,
    staff: bool,
) -> Result<Vec<Hit>> {
    let q = crate::kb::words(query);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let mut scored: Vec<(u32, Article)> = articles(k, staff)
        .await?
        .into_iter()
        .map(|a| (crate::kb::score(&a, lang, &q, topic), a))
        .filter(|(s, _)| *s > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Ok(scored
        .into_iter()
        .take(5)
        .filter_map(|(_, a)| {
            let t = a.text(lang)?;
            Some(Hit {
                url: format!("/help/{}?lang={lang}", a.id),
                title: t.title.clone(),
                summary: t.summary.clone(),
                id: a.id.clone(),
            })
        })
        .collect())
}

/// Counts one answer to "did this answer your question?" for article `id` in `lang`.
pub async fn feedback(k: &Kernel, id: &str, lang: &str, helpful: bool) -> Result<()> {
    let day = k.now().date_naive().to_string();
    let (yes, no) = if helpful { (1, 0) } else { (0, 1) };
    sqlx::query(
        "INSERT INTO kb_feedback (article_id, language, day, helpful, not_helpful) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (article_id, language, day) DO UPDATE SET \
           helpful = kb_feedback.helpful + $4, not_helpful = kb_feedback.not_helpful + $5",
    )
    .bind(id)
    .bind(lang)
    .bind(day)
    .bind(yes as i64)
    .bind(no as i64)
    .execute(k.db.pool())
    .await?;
    Ok(())
}
