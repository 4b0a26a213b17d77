//! One-time links to a citizen's page of documents (no account): the kernel's one-time
//! links (`kernel::links`) kept in `document_links`, opening a case's documents.

use kernel::db::Tx;
use kernel::Kernel;

use crate::error::Result;

pub use kernel::links::Visit;

/// How long a link can be opened (once).
pub const LINK_HOURS: i64 = 72;
/// How long the visit it starts lasts.
pub const VISIT_MINUTES: i64 = 30;
/// The visit's cookie, scoped to the citizen's pages.
pub const COOKIE: &str = "tc_docs";

pub const LINKS: kernel::links::Links = kernel::links::Links {
    table: "document_links",
    subject: "case_id",
    audit: "document",
    link_hours: LINK_HOURS,
    visit_minutes: VISIT_MINUTES,
};

/// Creates a link to case `case_id`'s documents; returns `(link id, secret)`.
pub async fn create(
    k: &Kernel,
    tx: &mut Tx,
    case_id: &str,
    language: &str,
    actor: &str,
) -> Result<(String, String)> {
    Ok(LINKS.create(k, tx, case_id, language, actor).await?)
}

/// The address of a link.
pub fn url(k: &Kernel, token: &str) -> String {
    format!("{}/d/{token}", crate::store::public_base(k))
}
